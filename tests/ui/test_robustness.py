"""The window under stress: long imports, failing background work, a damaged library file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from benchmarks.make_listing import make_listing
from reader_app.library.library import Library
from reader_app.ui.app import open_library_interactively
from reader_app.ui.import_task import ImportItem
from tests.helpers import first_version_library


def test_a_long_import_runs_off_the_ui_thread(qtbot, window, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(make_listing(4000))
    threads = []
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    window.start_import([ImportItem("big.txt", big)])
    window._import_task.progress.connect(
        lambda *_: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )  # runs where the import emits its progress
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        pass
    timer.stop()
    assert blocker.args[0][0].new == 4000
    assert len(ticks) > 5  # the event loop kept running while the import worked
    assert threads and all(thread is not QApplication.instance().thread() for thread in threads)


def test_a_file_gone_before_reading_is_reported(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.import_finished, timeout=10000) as blocker:
        window.start_import([ImportItem("gone.txt", tmp_path / "gone.txt")])
    assert blocker.args[1] == ["gone.txt: no such file"]
    assert "gone.txt: no such file" in window.last_message_box.informativeText()


class _FailingItem(ImportItem):
    def read(self) -> bytes:
        raise RuntimeError("the disk went away")


def test_an_unexpected_error_in_the_background_reaches_the_user(qtbot, window):
    with qtbot.waitSignal(window.import_finished, timeout=10000) as blocker:
        window.start_import([_FailingItem("odd.txt", data=b"")])
    assert blocker.args[1] == ["odd.txt: the import failed (RuntimeError: the disk went away)"]
    assert window.last_message_box.icon() == QMessageBox.Icon.Warning


def _answer_dialog(button_text: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return

    QTimer.singleShot(20, click)


def test_a_damaged_library_offers_another_and_is_left_untouched(qtbot, tmp_path, monkeypatch):
    damaged = tmp_path / "library.db"
    damaged.write_bytes(b"this was never a database " * 100)
    _answer_dialog("Cancel")
    assert open_library_interactively(damaged) is None
    assert damaged.read_bytes() == b"this was never a database " * 100

    fresh = tmp_path / "new.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    _answer_dialog("Create a New Library…")
    library = open_library_interactively(damaged)
    assert isinstance(library, Library) and Path(library.path) == fresh
    library.close()
    assert damaged.read_bytes() == b"this was never a database " * 100


def test_upgrading_an_older_library_says_so_and_keeps_everything(qtbot, tmp_path):
    path = tmp_path / "library.db"
    first_version_library(path)
    seen: list[str] = []

    def look() -> None:  # runs inside the upgrade's event loop
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        seen.extend(dialog.labelText() for dialog in dialogs if dialog.isVisible())

    QTimer.singleShot(0, look)
    library = open_library_interactively(path)
    assert seen and seen[0].startswith("Upgrading library.db for this version")
    paper = library.get(1)
    assert (paper.title, paper.starred, paper.tags, paper.note) == ("Old Paper", True, ("mine",), "kept")
    library.close()
    assert list(tmp_path.glob("library.db.before-upgrade-*"))
