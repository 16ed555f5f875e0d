"""The library window, driven through its real widgets (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from reader_app import __version__
from reader_app.library.types import Status
from reader_app.ui.actions import ACTIONS, MENUS
from reader_app.ui.paper_model import PAGE, Col, PaperTableModel
from tests.helpers import AS_OF

from .conftest import make_window

MONKEY = "Mini-Monkey: Multi-Scale Adaptive Cropping for Multimodal Large Language Models"


def select_title(qtbot, window, title: str) -> None:
    row = window.visible_titles().index(title)
    window.paper_list.setCurrentIndex(window.model.index(row, Col.TITLE))
    qtbot.waitUntil(lambda: window.detail.paper is not None and window.detail.paper.title == title)


def type_search(qtbot, window, text: str) -> None:
    with qtbot.waitSignal(window.count_shown, timeout=5000):
        window.search_box.clear()
        qtbot.keyClicks(window.search_box, text)


def sidebar_count(window, view_id: str) -> int | None:
    return window.sidebar.count_of(view_id)


def test_sidebar_counts_follow_the_library(qtbot, window):
    assert [sidebar_count(window, v) for v in ("inbox", "later", "starred", "read", "archived", "all")] == [
        46,
        0,
        0,
        0,
        0,
        46,
    ]
    assert window.search_status.text() == "46 papers"
    assert window.current_title() == "Test-Time Training Done Right"


def test_switching_views(qtbot, window):
    library = window.library
    layer = library.get_by_title("Layer Normalization")
    library.set_status([layer.id], Status.LATER)
    library.add_tags([layer.id], ["classic"])
    window._reload_everything()
    assert sidebar_count(window, "later") == 1 and sidebar_count(window, "tag:classic") == 1
    with qtbot.waitSignal(window.results_shown):
        window.sidebar.select("later")
    assert window.visible_titles() == ["Layer Normalization"]
    with qtbot.waitSignal(window.results_shown):
        window.sidebar.select("tag:classic")
    assert window.visible_titles() == ["Layer Normalization"]
    with qtbot.waitSignal(window.results_shown):
        window.sidebar.select("all")
    assert len(window.visible_titles()) == 46


def test_a_long_tag_name_is_elided_before_its_count(qtbot, window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    long_tag = "multimodal-retrieval-augmented-generation-benchmarks"
    window.library.add_tags([window.library.rows(limit=1)[0].id], [long_tag])
    window._reload_everything()
    sidebar = window.sidebar
    item = next(sidebar.item(row) for row in range(sidebar.count()) if sidebar.item(row).text() == f"#{long_tag}")
    option = QStyleOptionViewItem()
    option.initFrom(sidebar.viewport())
    option.rect = sidebar.visualItemRect(item)
    sidebar.itemDelegate().initStyleOption(option, sidebar.indexFromItem(item))
    shown = option.fontMetrics.horizontalAdvance(option.text) + option.fontMetrics.horizontalAdvance("1")
    assert option.text.endswith("…") and option.text[:-1] in f"#{long_tag}"
    assert shown < option.rect.width()  # the name and the count "1" side by side


def test_search_box_narrows_the_list_and_reports_a_bad_query(qtbot, window):
    type_search(qtbot, window, "kv cache")
    titles = window.visible_titles()
    assert titles and len(titles) < 46
    assert "MiniCache: KV Cache Compression in Depth Dimension for Large Language Models" in titles
    assert window.search_status.text() == f"{len(titles)} paper{'s' if len(titles) != 1 else ''}"
    assert set(titles) == {row.title for row in window.library.rows("is:inbox kv cache")}

    qtbot.keyClicks(window.search_box, ' "unclosed')
    assert "quote is not closed" in window.search_status.text()
    assert window.visible_titles() == titles  # the list stays as it was

    window.search_box.clear()
    qtbot.waitUntil(lambda: len(window.visible_titles()) == 46)


def test_long_prefixes_use_words_learnt_in_the_background_and_new_notes_count_at_once(qtbot, window):
    qtbot.waitUntil(lambda: window.library.vocabulary is not None, timeout=5000)  # read after start-up
    type_search(qtbot, window, "normalizat")
    assert "Layer Normalization" in window.visible_titles()
    assert set(window.visible_titles()) == {row.title for row in window.library.rows("normalization")}

    window.search_box.clear()
    first = window.current_title()
    window.paper_list.setFocus()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_N)
    qtbot.keyClicks(window.detail.note_editor, "see axolotlification")
    window.paper_list.setFocus()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_J)  # saves the note
    type_search(qtbot, window, "axolotlific")  # a word the vocabulary has not seen: found all the same
    assert window.visible_titles() == [first]
    qtbot.waitUntil(lambda: window.library.vocabulary is not None, timeout=5000)  # read again, idle
    assert window.library.vocabulary.expand("axolotlific") == ("axolotlification",)


def _import_and_wait(qtbot, window, trigger) -> tuple[list, list, bool]:
    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        trigger()
    return blocker.args


def test_import_through_the_file_dialog(qtbot, empty_window, tmp_path, sample_bytes, monkeypatch):
    window = empty_window
    listing = tmp_path / "today.txt"
    listing.write_bytes(sample_bytes)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(listing)], ""))
    assert window.pages.currentWidget() is window.empty_state
    summaries, errors, cancelled = _import_and_wait(qtbot, window, window.actions_by_id["import"].trigger)
    assert [s.new for s in summaries] == [46] and errors == [] and not cancelled
    assert window.pages.currentWidget() is window.splitter
    assert sidebar_count(window, "inbox") == 46 and len(window.visible_titles()) == 46
    assert "today.txt: 46 new" in window.last_message_box.informativeText()


def test_import_by_dropping_files(qtbot, empty_window, tmp_path, sample_bytes, api_json_bytes):
    window = empty_window
    (tmp_path / "a.txt").write_bytes(sample_bytes)
    (tmp_path / "b.json").write_bytes(api_json_bytes)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt")), QUrl.fromLocalFile(str(tmp_path / "b.json"))])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    summaries, errors, _ = _import_and_wait(qtbot, window, lambda: QApplication.sendEvent(window, drop))
    assert [s.new for s in summaries] == [46, 2] and errors == []
    assert sidebar_count(window, "inbox") == 48


def test_paste_a_copied_listing(qtbot, empty_window, sample_text):
    window = empty_window
    QGuiApplication.clipboard().setText(sample_text)
    window.activateWindow()
    summaries, errors, _ = _import_and_wait(
        qtbot,
        window,
        lambda: qtbot.keyClick(
            window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ),
    )
    assert [s.new for s in summaries] == [46] and summaries[0].source.name == "pasted text" and errors == []


def test_a_failed_import_says_why_and_changes_nothing(qtbot, window, tmp_path):
    before = list(window.library.conn.iterdump())
    bad = tmp_path / "broken.json"
    bad.write_text('[{"paper": {"id": "2410.17243", "title": "Trunc')
    from reader_app.ui.import_task import ImportItem

    summaries, errors, _ = _import_and_wait(
        qtbot, window, lambda: window.start_import([ImportItem("broken.json", bad)])
    )
    assert summaries == [] and errors == ["broken.json: truncated JSON (the file ends too early) (line 1)"]
    assert "could not be imported" in window.last_message_box.text()
    assert list(window.library.conn.iterdump()) == before


def test_cancelling_an_import_leaves_the_library_unchanged(qtbot, window, tmp_path):
    from benchmarks.make_listing import make_listing
    from reader_app.ui.import_task import ImportItem

    big = tmp_path / "big.txt"
    big.write_text(make_listing(3000))
    before = list(window.library.conn.iterdump())
    window.start_import([ImportItem("big.txt", big)])
    window.import_progress.findChild(QPushButton).click()  # the user presses Cancel at once
    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        pass
    assert blocker.args[2] is True
    assert list(window.library.conn.iterdump()) == before
    assert "cancelled" in window.statusBar().currentMessage()


def test_empty_library_offers_the_sample(qtbot, empty_window):
    window = empty_window
    assert window.pages.currentWidget() is window.empty_state
    summaries, _, _ = _import_and_wait(qtbot, window, window.empty_state.sample_button.click)
    assert summaries[0].new == 46
    assert window.pages.currentWidget() is window.splitter


def test_detail_pane_shows_the_repo_and_opens_only_web_links(qtbot, window, opened_urls):
    select_title(qtbot, window, MONKEY)
    html = window.detail.browser.toHtml()
    assert 'href="https://github.com/Yuliang-Liu/Monkey"' in html
    text = window.detail.browser.toPlainText()
    assert "Code repository: https://github.com/Yuliang-Liu/Monkey" in text
    assert "Search Hugging Face for this title" in text
    window.detail.browser.anchorClicked.emit(QUrl("https://github.com/Yuliang-Liu/Monkey"))
    window.detail.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    window.detail.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened_urls.urls == ["https://github.com/Yuliang-Liu/Monkey"]


def test_listing_html_is_shown_as_text(qtbot, empty_window, tmp_path):
    window = empty_window
    hostile = (
        "Hostile <b>Title</b>\n\n"
        'An abstract with <img src="file:///etc/passwd"> and <script>alert(1)</script> and '
        '<a href="javascript:alert(2)">a link</a>, long enough to be an abstract for sure, yes indeed it is.\n\n'
        "  • 2 authors\n·\nMay 29, 2025\n"
    )
    from reader_app.ui.import_task import ImportItem

    _import_and_wait(qtbot, window, lambda: window.start_import([ImportItem("hostile.txt", data=hostile.encode())]))
    select_title(qtbot, window, "Hostile <b>Title</b>")
    text = window.detail.browser.toPlainText()
    assert 'An abstract with <img src="file:///etc/passwd"> and <script>alert(1)</script>' in text
    assert "Hostile <b>Title</b>" in text
    html = window.detail.browser.toHtml()
    assert "<img" not in html and "<script" not in html and 'href="javascript' not in html
    assert window.detail.paper.links == ()


def test_model_contract(qtmodeltester, library_with_sample):
    model = PaperTableModel(library_with_sample)
    model.load(model.query)
    qtmodeltester.check(model)


def test_model_fetches_rows_as_needed(qtbot, library):
    from reader_app.importers.records import PaperRecord, ParseResult
    from reader_app.library.types import Source

    records = [PaperRecord(title=f"Paper number {i}") for i in range(1000)]
    library.import_result(ParseResult(records, [], "test"), Source("x", "0", "test"))
    model = PaperTableModel(library)
    model.load(model.query)
    assert model.rowCount() == PAGE and model.canFetchMore()
    model.fetch_all()
    assert model.rowCount() == 1000 and not model.canFetchMore()
    assert model.visible_titles()[:2] == ["Paper number 0", "Paper number 1"]


def test_menus_show_every_action_with_its_shortcut(window):
    menus = {
        menu.title().replace("&", ""): menu
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
    }
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert action in menus[spec.menu].actions(), spec.id
        if spec.keys:
            assert action.shortcut().toString() == spec.keys[0], spec.id
    assert [m for m in MENUS if m in menus] == list(MENUS)


def test_about_shows_version_and_library_path(window, library_path):
    window.actions_by_id["about"].trigger()
    text = window.last_message_box.text()
    assert __version__ in text and str(library_path) in text


def test_window_layout_and_view_are_remembered(qtbot, library_with_sample, settings):
    first = make_window(qtbot, library_with_sample, settings)
    with qtbot.waitSignal(first.results_shown):
        first.sidebar.select("all")
    first.resize(760, 560)  # within the offscreen screen (800 x 600), as geometry is clamped to it
    first.splitter.setSizes([150, 350, 250])
    first.paper_list.setColumnWidth(Col.SOURCE, 211)
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(qtbot, library_with_sample, settings, size=None)
    assert second.view.id == "all"
    assert (second.width(), second.height()) == (760, 560)
    assert second.splitter.sizes() == sizes
    assert second.paper_list.columnWidth(Col.SOURCE) == 211


def test_changes_from_another_program_appear(qtbot, window, sample_bytes, api_json_bytes):
    from reader_app.importing import import_bytes
    from reader_app.library.library import Library

    other = Library.open(window.library.path)  # e.g. `reader-app import` while the window is open
    import_bytes(other, api_json_bytes, "api.json", as_of=AS_OF)
    other.close()
    qtbot.waitUntil(lambda: sidebar_count(window, "inbox") == 48, timeout=5000)
    qtbot.waitUntil(lambda: len(window.visible_titles()) == 48, timeout=5000)


def test_sample_is_shipped_as_a_resource(sample_bytes):
    shared = Path(__file__).resolve().parents[2] / "resources" / "sample_listing.txt"
    assert sample_bytes == shared.read_bytes()


def test_sorting_by_a_column(qtbot, window):
    with qtbot.waitSignal(window.results_shown):
        window.paper_list.horizontalHeader().setSortIndicator(Col.PUBLISHED, Qt.SortOrder.DescendingOrder)
    dates = [window.model.data(window.model.index(row, Col.PUBLISHED)) for row in range(window.model.rowCount())]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated  # undated papers last
    with qtbot.waitSignal(window.results_shown):
        window.paper_list.horizontalHeader().setSortIndicator(Col.TITLE, Qt.SortOrder.AscendingOrder)
    titles = window.visible_titles()
    assert titles == sorted(titles, key=str.casefold)
    with qtbot.waitSignal(window.results_shown):
        window.sort_default()
    assert window.current_title() is not None and window.visible_titles()[0] == "Test-Time Training Done Right"


def test_the_application_icon_ships_every_size(qapp):
    from reader_app.ui.app import app_icon

    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256, 512}
