"""Keyboard triage of the sample listing, key presses only, checked through the library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader_app.library.library import Library
from reader_app.library.types import Status
from reader_app.ui.actions import ACTIONS, clashes, default_bindings, load_bindings
from reader_app.ui.dialogs import CheatSheet

from .conftest import make_window

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window, key, modifier=NO, widget=None) -> None:
    qtbot.keyClick(widget or window.paper_list, key, modifier)


def state(library: Library, title: str):
    paper = library.get_by_title(title)
    return paper.status, paper.starred, paper.tags


def test_triage_the_sample_with_keys_only(qtbot, window):
    library = window.library
    first, second, third, fourth, fifth = window.visible_titles()[:5]
    assert window.current_title() == first

    press(qtbot, window, Qt.Key.Key_S)  # star: stays in the Inbox, no advance
    assert state(library, first) == (Status.INBOX, True, ())
    assert window.current_title() == first
    assert window.sidebar.count_of("starred") == 1
    assert window.statusBar().currentMessage() == "Starred · z to undo"

    press(qtbot, window, Qt.Key.Key_E)  # archive: leaves the Inbox, the next paper is current
    assert state(library, first)[0] is Status.ARCHIVED
    assert window.current_title() == second
    assert window.sidebar.count_of("inbox") == 45 and window.sidebar.count_of("archived") == 1
    assert window.statusBar().currentMessage() == "Archived · z to undo"

    press(qtbot, window, Qt.Key.Key_L)
    press(qtbot, window, Qt.Key.Key_R)
    assert (state(library, second)[0], state(library, third)[0]) == (Status.LATER, Status.READ)
    assert window.current_title() == fourth

    press(qtbot, window, Qt.Key.Key_Z)  # undo "read": the paper comes back and is current
    assert state(library, third)[0] is Status.INBOX
    assert window.current_title() == third
    press(qtbot, window, Qt.Key.Key_Z, SHIFT)  # redo
    assert state(library, third)[0] is Status.READ
    assert window.current_title() == fourth

    press(qtbot, window, Qt.Key.Key_T)  # tags, with completion; Enter applies
    editor = window.tag_editor
    qtbot.waitUntil(editor.line.hasFocus)
    qtbot.keyClicks(editor.line, "llm, Classic Papers")
    press(qtbot, window, Qt.Key.Key_Return, widget=editor.line)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and window.paper_list.hasFocus())
    assert state(library, fourth)[2] == ("classic-papers", "llm")
    assert window.sidebar.count_of("tag:llm") == 1

    press(qtbot, window, Qt.Key.Key_N)  # note: focus moves to the editor; Esc comes back
    assert window.detail.note_editor.hasFocus()
    qtbot.keyClicks(window.detail.note_editor, "Strong baseline; check section 4.")
    press(qtbot, window, Qt.Key.Key_Escape, widget=window.detail.note_editor)
    assert window.paper_list.hasFocus()
    qtbot.waitUntil(lambda: library.get_by_title(fourth).note == "Strong baseline; check section 4.", timeout=3000)

    press(qtbot, window, Qt.Key.Key_J)  # to the fifth paper
    assert window.current_title() == fifth
    press(qtbot, window, Qt.Key.Key_X)
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_X)
    sixth = window.current_title()
    press(qtbot, window, Qt.Key.Key_E)  # bulk archive: one step
    assert state(library, fifth)[0] is Status.ARCHIVED and state(library, sixth)[0] is Status.ARCHIVED
    assert window.statusBar().currentMessage() == "Archived 2 papers · z to undo"
    press(qtbot, window, Qt.Key.Key_Z)
    assert state(library, fifth)[0] is Status.INBOX and state(library, sixth)[0] is Status.INBOX
    press(qtbot, window, Qt.Key.Key_Z, SHIFT)
    assert window.sidebar.count_of("archived") == 3

    with qtbot.waitSignal(window.results_shown):
        press(qtbot, window, Qt.Key.Key_G)
        press(qtbot, window, Qt.Key.Key_S)  # g s: Starred
    assert window.view.id == "starred" and window.visible_titles() == [first]
    with qtbot.waitSignal(window.results_shown):
        press(qtbot, window, Qt.Key.Key_G)
        press(qtbot, window, Qt.Key.Key_A)  # g a: All
    assert len(window.visible_titles()) == 46

    counts = library.view_counts()
    assert counts == {"inbox": 41, "later": 1, "read": 1, "archived": 3, "starred": 1, "all": 46}
    assert library.count("tag:llm") == 1 and library.count("has:note") == 1


def test_keys_typed_into_the_search_box_are_text(qtbot, window):
    library = window.library
    press(qtbot, window, Qt.Key.Key_Slash)
    assert window.search_box.hasFocus()
    with qtbot.waitSignal(window.count_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, "sle")
    assert window.search_box.text() == "sle"
    assert library.view_counts()["inbox"] == 46 and library.view_counts()["starred"] == 0
    press(qtbot, window, Qt.Key.Key_Escape, widget=window.search_box)
    assert window.search_box.text() == "" and window.paper_list.hasFocus()


def test_the_tag_editor_adds_to_the_tags_a_paper_has(qtbot, window):
    library = window.library
    first = window.current_title()
    library.add_tags([library.get_by_title(first).id], ["llm"])
    press(qtbot, window, Qt.Key.Key_T)
    editor = window.tag_editor
    qtbot.waitUntil(editor.line.hasFocus)
    qtbot.keyClicks(editor.line, "vision")  # typed straight after what is there
    press(qtbot, window, Qt.Key.Key_Return, widget=editor.line)
    qtbot.waitUntil(lambda: library.get_by_title(first).tags == ("llm", "vision"))


def test_keys_typed_into_the_tag_editor_are_text(qtbot, window):
    library = window.library
    first = window.current_title()
    press(qtbot, window, Qt.Key.Key_T)
    editor = window.tag_editor
    qtbot.waitUntil(editor.line.hasFocus)
    qtbot.keyClicks(editor.line, "sler")
    assert library.view_counts()["inbox"] == 46 and not library.get_by_title(first).starred
    press(qtbot, window, Qt.Key.Key_Escape, widget=editor.line)  # Esc cancels
    assert not editor.isVisible() and library.get_by_title(first).tags == ()


def test_undo_survives_a_restart(qtbot, library_path, library_with_sample, settings):
    window = make_window(qtbot, library_with_sample, settings)
    first = window.current_title()
    press(qtbot, window, Qt.Key.Key_E)
    window.close()
    library_with_sample.close()
    with Library.open(library_path) as reopened:
        again = make_window(qtbot, reopened, settings)
        assert reopened.get_by_title(first).status is Status.ARCHIVED
        press(qtbot, again, Qt.Key.Key_Z)
        assert reopened.get_by_title(first).status is Status.INBOX
        assert again.current_title() == first
        again.close()


def test_history_keeps_the_last_100_actions(library_with_sample):
    library = library_with_sample
    paper_id = library.rows(limit=1)[0].id
    for _ in range(60):
        library.set_starred([paper_id], True)
        library.set_starred([paper_id], False)
    undone = 0
    while library.undo() is not None:
        undone += 1
    assert undone == 100


def test_no_two_actions_share_a_key_in_one_context():
    assert clashes(default_bindings()) == []
    bindings = default_bindings()
    bindings["archive"] = ("S",)  # the same key as "star", both in the list
    assert clashes(bindings) == ["S is bound to both star and archive"]
    bindings = default_bindings()
    bindings["import"] = ("E",)  # a window-wide key shadows a list key
    assert clashes(bindings) == ["E is bound to both import and archive"]


def test_user_key_bindings(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\narchive = "A"\nundo = ["U", "Ctrl+Z"]\n')
    bindings, problems = load_bindings(keys)
    assert problems == [] and bindings["archive"] == ("A",) and bindings["undo"] == ("U", "Ctrl+Z")

    keys.write_text('[keys]\narchive = "S"\nfly = "F"\n')
    bindings, problems = load_bindings(keys)
    assert bindings == default_bindings()
    assert problems == [
        "keys.toml: unknown action 'fly' (ignored)",
        "keys.toml: S is bound to both star and archive — the default keys are used",
    ]
    keys.write_text("[keys\n")
    assert load_bindings(keys)[0] == default_bindings() and "could not be read" in load_bindings(keys)[1][0]


def test_rebound_key_works_and_a_problem_is_reported_once(qtbot, library_with_sample, settings, tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\narchive = "A"\nfly = "F"\n')
    bindings, problems = load_bindings(keys)
    window = make_window(
        qtbot, library_with_sample, settings, focus=False, bindings=bindings, binding_problems=problems
    )
    qtbot.waitUntil(lambda: window.last_message_box is not None and window.last_message_box.isVisible())
    assert "unknown action 'fly'" in window.last_message_box.text()
    window.last_message_box.close()
    window.return_to_list()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and window.paper_list.hasFocus())
    first = window.current_title()
    press(qtbot, window, Qt.Key.Key_E)  # no longer bound
    assert library_with_sample.get_by_title(first).status is Status.INBOX
    press(qtbot, window, Qt.Key.Key_A)
    assert library_with_sample.get_by_title(first).status is Status.ARCHIVED


def test_cheat_sheet_lists_every_action_with_its_keys(qtbot, window):
    # The offscreen key mapper reports "?" without the Shift it took (X11 and others drop it too).
    press(qtbot, window, Qt.Key.Key_Question)
    qtbot.waitUntil(lambda: window.cheat_sheet.isVisible())
    entries = window.cheat_sheet.entries()
    assert len(entries) == len(ACTIONS)
    by_label = {label: keys for _menu, label, keys in entries}
    assert by_label["Archive"] == "E"
    assert by_label["Go to Inbox"] == "G then I"
    assert by_label["Undo"] == "Ctrl+Z, Z"
    rebound = {**default_bindings(), "archive": ("A",)}
    assert {label: keys for _m, label, keys in CheatSheet(rebound).entries()}["Archive"] == "A"
    QApplication.closeAllWindows()
