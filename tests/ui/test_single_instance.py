"""A second start of the app on the same library hands over to the first window."""

from __future__ import annotations

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
