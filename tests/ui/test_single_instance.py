"""A second start of the app on the same library hands over to the first window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from reader_app.importing import import_bytes
from reader_app.ui import app
from reader_app.ui.single_instance import InstanceServer, hand_over, server_name


def test_second_start_hands_files_to_the_running_window(qtbot, window, tmp_path, api_json_bytes):
    server = InstanceServer(window.library.path, window)
    server.activated.connect(window.bring_to_front)
    listing = tmp_path / "api.json"
    listing.write_bytes(api_json_bytes)
    with qtbot.waitSignal(window.import_finished, timeout=10000) as blocker:
        assert hand_over(window.library.path, [str(listing)])
    assert [summary.new for summary in blocker.args[0]] == [2]
    assert window.sidebar.count_of("inbox") == 48


def test_no_running_instance(tmp_path):
    assert not hand_over(tmp_path / "nobody.db", [])


def test_names_differ_per_library(tmp_path):
    assert server_name(tmp_path / "a.db") != server_name(tmp_path / "b.db")
    assert server_name(tmp_path / "a.db") == server_name(tmp_path / "." / "a.db")


@pytest.mark.parametrize("with_papers", [True, False])  # the list, or the empty state's welcome
def test_the_app_window_takes_second_starts_once_it_is_on_screen(
    qtbot, library, sample_bytes, monkeypatch, with_papers
):
    if with_papers:
        import_bytes(library, sample_bytes, "sample.txt")
    settled = []
    monkeypatch.setattr(app, "_settle_memory", lambda: settled.append(True))
    window = app.open_window(library)
    qtbot.addWidget(window)
    assert not hand_over(window.library.path, []) and not settled  # not before the first paint
    qtbot.waitUntil(lambda: settled == [True])
    assert not QApplication.windowIcon().isNull()
    assert hand_over(window.library.path, [])  # now a second start finds this window
