#!/usr/bin/env bash
# Build the one-folder app with PyInstaller into packaging/bundle/dist/reader-app/, then
# smoke-test the binary: --version, and importing the bundled sample into a temporary library.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/bundle"
python="${PYTHON:-python3}"

mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    "$python" -m venv "$work/venv"
fi
"$work/venv/bin/pip" install -q --upgrade pip
"$work/venv/bin/pip" install -q "$root" "pyinstaller>=6.5"
(cd "$work" && "$work/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$work/dist" --workpath "$work/build" "$here/reader-app.spec")

app="$work/dist/reader-app/reader-app"
echo "--- smoke test: $app"
version="$("$app" --version)"
echo "$version"
expected="reader-app $("$work/venv/bin/python" -c 'import reader_app; print(reader_app.__version__)')"
[ "$version" = "$expected" ] || { echo "unexpected version: $version (wanted $expected)" >&2; exit 1; }
sample="$(find "$work/dist/reader-app" -path '*reader_app/resources/sample_listing.txt' | head -1)"
[ -n "$sample" ] || { echo "the sample listing is not in the bundle" >&2; exit 1; }
library="$(mktemp -d)/library.db"
summary="$("$app" --library "$library" import "$sample" --as-of 2026-11-29)"
echo "$summary"
case "$summary" in
    *": 46 new, 0 updated, 0 unchanged") ;;
    *) echo "unexpected import summary" >&2; exit 1 ;;
esac
QT_QPA_PLATFORM=offscreen "$app" --library "$library" list --limit 3
echo "--- bundle OK: $work/dist/reader-app ($(du -sh "$work/dist/reader-app" | cut -f1))"
