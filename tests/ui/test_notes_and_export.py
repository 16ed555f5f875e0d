"""Notes typed in the detail pane are saved; export and copy from the window."""

from __future__ import annotations

import yaml
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog

from reader_app.library.library import Library
from reader_app.ui.detail_view import NOTE_SAVE_DELAY_MS
from reader_app.ui.paper_model import Col

from .conftest import make_window


def type_lines(qtbot, editor, *lines: str) -> None:
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def test_a_note_is_saved_when_the_paper_changes(qtbot, window):
    library = window.library
    first = window.current_title()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_N)
    type_lines(qtbot, window.detail.note_editor, "## Why it matters", "Cheap to try.")
    window.paper_list.setFocus()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_J)  # switching papers saves at once
    assert library.get_by_title(first).note == "## Why it matters\nCheap to try."
    assert window.model.data(window.model.index(0, Col.NOTE)) == "✎"  # the list marks it
    assert window.library.count("has:note") == 1 and window.library.count("cheap") == 1


def test_a_note_is_saved_within_a_second_of_the_last_keystroke(qtbot, window):
    first = window.current_title()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_N)
    qtbot.keyClicks(window.detail.note_editor, "autosaved")
    assert NOTE_SAVE_DELAY_MS < 1000
    qtbot.waitUntil(lambda: window.library.get_by_title(first).note == "autosaved", timeout=1000)


def test_closing_the_window_mid_typing_keeps_the_note(qtbot, library_path, library_with_sample, settings):
    window = make_window(qtbot, library_with_sample, settings)
    first = window.current_title()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_N)
    qtbot.keyClicks(window.detail.note_editor, "typed just before closing")
    window.close()
    with Library.open(library_path) as other:  # what the next start of the app reads
        assert other.get_by_title(first).note == "typed just before closing"


def test_note_preview_renders_markdown(qtbot, window):
    qtbot.keyClick(window.paper_list, Qt.Key.Key_N)
    type_lines(qtbot, window.detail.note_editor, "# Big idea", "", "*emphasis*")
    window.detail.preview_button.click()
    text = window.detail.note_preview.toPlainText()
    assert "Big idea" in text and "#" not in text and "*" not in text


def test_copy_as_markdown(qtbot, window):
    first = window.current_title()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_X)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_J)
    second = window.current_title()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_X)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"## {first}\n") and f"\n## {second}\n" in copied


def test_export_dialog_writes_a_folder(qtbot, window, tmp_path):
    library = window.library
    layer = library.get_by_title("Layer Normalization")
    library.set_note(layer.id, "Normalize per example.")
    library.add_tags([layer.id], ["classic"])
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog.annotated.isChecked()
    dialog.as_folder.setChecked(True)
    assert not dialog.as_digest.isChecked()  # one form or the other
    dialog.with_abstract.setChecked(True)
    assert dialog.export_to(tmp_path / "vault")
    text = (tmp_path / "vault" / "Layer Normalization.md").read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["tags"] == ["classic"] and "Normalize per example." in text and "## Abstract" in text
    assert "1 paper in" in window.statusBar().currentMessage()


def test_a_long_export_shows_progress_and_stop_keeps_what_is_written(qtbot, library, settings, tmp_path, monkeypatch):
    from benchmarks.make_listing import make_listing
    from reader_app.importing import import_bytes
    from reader_app.ui import export_dialog

    import_bytes(library, make_listing(1000).encode(), "big.txt")
    library.set_starred([row.id for row in library.rows()], True)
    window = make_window(qtbot, library, settings)
    monkeypatch.setattr(export_dialog, "PROGRESS_AFTER_MS", 0)  # this machine exports 1,000 papers fast
    seen: list[int] = []

    def press_stop_at_300() -> None:
        progress = window.findChild(QProgressDialog, "export_progress")
        if progress is not None and progress.isVisible():
            seen.append(progress.value())
            if progress.value() >= 300:
                progress.cancel()

    watcher = QTimer(interval=1)
    watcher.timeout.connect(press_stop_at_300)
    watcher.start()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    window.export_dialog.as_folder.setChecked(True)
    assert window.export_dialog.export_to(tmp_path / "vault")
    watcher.stop()
    assert 0 < max(seen) < 1000  # the user saw it move
    written = [p for p in (tmp_path / "vault").iterdir() if p.suffix == ".md"]
    assert len(written) == 300 and "stopped before the end" in window.statusBar().currentMessage()
