#!/usr/bin/env bash
# Desktop integration for a pip-installed reader-app: menu entry, AppStream metainfo and icons
# in ~/.local/share (or $XDG_DATA_HOME). `--uninstall` removes them again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
id="io.github.readerapp.ReadingList"
data="${XDG_DATA_HOME:-$HOME/.local/share}"

icon_targets() {
    for png in "$root"/resources/icons/reader-app-*.png; do
        size="$(basename "$png" .png)"; size="${size#reader-app-}"
        echo "$png $data/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    echo "$root/resources/icons/reader-app.svg $data/icons/hicolor/scalable/apps/$id.svg"
}

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
    icon_targets | while read -r _source target; do rm -f "$target"; done
    refresh
    echo "Removed the Reading List desktop integration from $data"
    exit 0
fi

program="$(command -v reader-app || true)"
if [ -z "$program" ]; then
    echo "reader-app is not on PATH: install it first (pip install --user .)" >&2
    exit 1
fi
mkdir -p "$data/applications" "$data/metainfo"
sed "s|^Exec=reader-app|Exec=$program|" "$here/$id.desktop" > "$data/applications/$id.desktop"
cp "$here/$id.metainfo.xml" "$data/metainfo/$id.metainfo.xml"
icon_targets | while read -r source target; do
    mkdir -p "$(dirname "$target")"
    cp "$source" "$target"
done
refresh
echo "Installed Reading List into $data (menu entry runs $program)"
