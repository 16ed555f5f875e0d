"""Check that a built wheel holds what the app reads at run time (icons, sample listing).

python packaging/check_wheel.py dist/reader_app-*.whl
"""

from __future__ import annotations

import sys
import zipfile

REQUIRED = [
    "reader_app/resources/__init__.py",
    "reader_app/resources/sample_listing.txt",
    "reader_app/resources/icons/reader-app.svg",
    *(f"reader_app/resources/icons/reader-app-{size}.png" for size in (16, 24, 32, 48, 64, 128, 256, 512)),
    "reader_app/cli.py",
    "reader_app/ui/main_window.py",
]


def main() -> None:
    (wheel,) = sys.argv[1:]
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    if missing or "reader-app = reader_app.cli:main" not in scripts:
        raise SystemExit(f"{wheel}: missing {missing or 'the reader-app entry point'}")
    print(f"{wheel}: all {len(REQUIRED)} resources and the reader-app entry point are present")


if __name__ == "__main__":
    main()
