"""Take the README / AppStream screenshot: the window on the sample listing, lightly triaged.

xvfb-run -a -s "-screen 0 1600x1000x24" python packaging/screenshot.py docs/screenshot.png
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from reader_app.importing import import_bytes, sample_listing
from reader_app.library.library import Library
from reader_app.library.types import Status
from reader_app.ui.app import make_application
from reader_app.ui.main_window import MainWindow


def demo_library(folder: Path) -> Library:
    library = Library.open(folder / "library.db")
    import_bytes(library, sample_listing(), "sample_listing.txt", as_of=date(2026, 11, 29))
    rows = library.rows()
    by_title = {row.title.split(":")[0]: row.id for row in rows}
    library.set_starred([by_title["Mini-Monkey"], by_title["MiniCPM4"]], True)
    library.add_tags([by_title["Mini-Monkey"], by_title["MiniCPM4"], by_title["MiniCache"]], ["efficiency"])
    library.add_tags([by_title["Mini-Monkey"]], ["multimodal"])
    library.set_status([by_title["Test-Time Training Done Right"]], Status.LATER)
    library.set_status(
        [by_title["Mini-batch Coresets for Memory-efficient Language Model Training on Data Mixtures"]], Status.ARCHIVED
    )
    library.set_note(
        by_title["Mini-Monkey"],
        "## Why it matters\n\nMulti-scale cropping without losing small objects; try on our OCR set.\n\n"
        "- compare with InternVL2 tiling\n- code is out: check the SCM module",
    )
    return library


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
    app = make_application()
    folder = Path(tempfile.mkdtemp())
    library = demo_library(folder)
    window = MainWindow(library, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1440, 860)
    window.show()
    row = window.visible_titles().index(next(t for t in window.visible_titles() if t.startswith("Mini-Monkey")))
    window.paper_list.setCurrentIndex(window.model.index(row, 1))
    window.paper_list.setFocus()

    def grab() -> None:
        window.grab().save(str(target))
        window.close()
        app.quit()

    QTimer.singleShot(1200, grab)
    app.exec()


if __name__ == "__main__":
    main()
