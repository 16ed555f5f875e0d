"""The library window: sidebar, search box, paper list, detail pane, menus built from the action table."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..importers.fields import is_web_url
from ..library.history import Change
from ..library.library import DEFAULT_SORT, Library, Sort, dated_backup_path
from ..library.query import Query, QueryError
from ..library.query import parse as parse_query
from ..library.types import ImportSummary, Status
from .actions import ACTIONS, MENUS, Action, Scope, default_bindings
from .detail_view import DetailPane, paper_page_url
from .empty_state import EmptyState
from .first_paint import after_first_paint
from .import_task import ImportItem, ImportTask
from .paper_model import PAGE, Col, PaperTableModel
from .search import SearchRunner
from .sidebar import Sidebar, View, view_for

if TYPE_CHECKING:  # (kept off the start-up path: each Qt class costs time when first touched)
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

EXTERNAL_CHECK_MS = 1500
DETAIL_DELAY_MS = 15
COUNT_DELAY_MS = 250  # the number of matches is counted once typing pauses this long
QUICK_QUERY_MS = 15  # a first page that takes longer is fetched off the UI thread


class PaperList(QTableView):
    """The paper list: rows of papers, no grid, whole-row selection."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("paper_list")
        self.setAccessibleName("Papers")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)

    def keyboardSearch(self, search: str) -> None:
        """Letters are commands here, never a jump to a title starting with them."""


class MainWindow(QMainWindow):
    """One window on one library. UI code never writes SQL: it calls the library."""

    results_shown = Signal()  # a query's first page is on screen
    count_shown = Signal(int)
    import_finished = Signal(list, list, bool)  # summaries, error messages, cancelled

    def __init__(
        self,
        library: Library,
        settings: QSettings,
        bindings: dict[str, tuple[str, ...]] | None = None,
        binding_problems: list[str] | tuple[str, ...] = (),
    ):
        super().__init__()
        self.library = library
        self.settings = settings
        self.bindings = bindings or default_bindings()
        self.setObjectName("main_window")
        self.setWindowTitle("Reading List")
        self.setMinimumSize(720, 440)  # (a geometry saved on another screen can come back tiny)
        self.setAcceptDrops(True)
        self.view: View | None = None
        self.search_query = Query()
        self._latest = 0
        self._import_task: ImportTask | None = None
        self.last_message_box = None  # the latest QMessageBox shown (tests read it)
        self._data_version = self._current_data_version()
        self._detail_timer = QTimer(self)  # the details follow the current paper a moment later
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_current_paper)

        self.model = PaperTableModel(library, self)
        self.search_runner = SearchRunner(library.path, self)
        self.search_runner.page_ready.connect(self._page_ready)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._request_count)
        self.search_runner.count_ready.connect(self._count_ready)
        self.search_runner.failed.connect(self._search_failed)
        self._build_widgets()
        self.actions_by_id = self._build_actions()
        self._build_menus()
        self._restore_settings()
        self._refresh_counts()
        self._show_empty_state_if_needed()
        self._initial_load()

        self._external_timer = QTimer(self)
        self._external_timer.setInterval(EXTERNAL_CHECK_MS)
        self._external_timer.timeout.connect(self._check_external_changes)
        self._external_timer.start()
        # (the status bar paints with the list, and also when the welcome shows instead)
        after_first_paint(self.statusBar(), self._refresh_vocabulary)  # read once the window is up
        if binding_problems:
            QTimer.singleShot(0, lambda: self._warn("Key bindings", "\n".join(binding_problems)))

    # --- building ---------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.sidebar = Sidebar()
        self.sidebar.view_selected.connect(self.show_view)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setAccessibleName("Search")
        self.search_box.setPlaceholderText('Search  ( / )   words, "a phrase", -word, tag:x, has:repo, is:starred …')
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._search_changed)
        self.search_box.installEventFilter(self)
        self.search_status = QLabel("")
        self.search_status.setObjectName("search_status")
        self.search_status.setMinimumWidth(120)
        self.search_status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.search_status)

        self.paper_list = PaperList()
        self.paper_list.setModel(self.model)
        self.model.sort_requested.connect(self._run_query)
        header = self.paper_list.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.paper_list.setSortingEnabled(True)
        header.setSectionResizeMode(Col.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.paper_list.fontMetrics()
        em = metrics.horizontalAdvance("M")
        widths = {
            Col.STAR: 2 * em,
            Col.SOURCE: 8 * em,
            Col.PUBLISHED: metrics.horizontalAdvance("0000-00-00") + em,
            Col.UPVOTES: 3 * em,
            Col.COMMENTS: 3 * em,
            Col.CODE: 3.5 * em,
            Col.NOTE: 2 * em,
            Col.TAGS: 9 * em,
        }
        for column, width in widths.items():
            self.paper_list.setColumnWidth(column, int(width))
        self.paper_list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.paper_list.doubleClicked.connect(lambda _index: self.open_paper_page())

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(search_row)
        middle_layout.addWidget(self.paper_list)

        self.detail = DetailPane()
        self.detail.link_activated.connect(self._open_url)
        self.detail.note_changed.connect(self._save_note)
        self.detail.escape_from_note.connect(self.return_to_list)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([160, 760, 480])

        self.empty_state: EmptyState | None = None  # built when the library is empty
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.counts_label = QLabel("")
        self.last_import_label = QLabel("")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.last_import_label)

    def _build_actions(self) -> dict[str, QAction]:
        actions = {}
        for spec in ACTIONS:
            action = QAction(spec.label, self)
            action.setObjectName(f"action_{spec.id}")
            action.setShortcuts([QKeySequence(key) for key in self.bindings[spec.id]])
            handler: Callable = getattr(self, spec.handler)
            if spec.argument is not None:
                handler = partial(handler, spec.argument)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            if spec.scope is Scope.LIST:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.paper_list.addAction(action)
                self.detail.browser.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)
            actions[spec.id] = action
        return actions

    def _build_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        previous: Action | None = None
        for spec in ACTIONS:
            menu = menus[spec.menu]
            if previous is not None and previous.menu == spec.menu and _group(previous) != _group(spec):
                menu.addSeparator()
            menu.addAction(self.actions_by_id[spec.id])
            previous = spec
        default_order = QAction("Import &Order (Default)", self)
        default_order.triggered.connect(self.sort_default)
        menus["View"].addSeparator()
        menus["View"].addAction(default_order)

    # --- settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for key, widget in (("window/splitter", self.splitter), ("window/detail_splitter", self.detail.splitter)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                widget.restoreState(state)
        header_state = self.settings.value("window/columns")
        if isinstance(header_state, QByteArray) and not header_state.isEmpty():
            self.paper_list.horizontalHeader().restoreState(header_state)
            self.paper_list.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/detail_splitter", self.detail.splitter.saveState())
        self.settings.setValue("window/columns", self.paper_list.horizontalHeader().saveState())
        if self.view is not None:
            self.settings.setValue("window/view", self.view.id)
        self.settings.sync()

    # --- loading and showing papers -------------------------------------------------------------

    def _initial_load(self) -> None:
        """The first page straight from this thread, so the window paints with papers in it."""
        view_id = str(self.settings.value("window/view", "inbox"))
        self.sidebar.blockSignals(True)
        self.sidebar.select(view_id)
        self.sidebar.blockSignals(False)
        self.view = self.sidebar.current_view()
        self.model.load(self.view.query, DEFAULT_SORT)
        self._select_row(0)
        self._show_count(self.sidebar.count_of(self.view.id) or 0)
        self.results_shown.emit()

    def show_view(self, view: View) -> None:
        """Switch the list to a sidebar view (the search text still applies)."""
        self.view = view
        if self.sidebar.current_view().id != view.id:
            self.sidebar.blockSignals(True)
            self.sidebar.select(view.id)
            self.sidebar.blockSignals(False)
        self._run_query()

    def shown_query(self) -> Query:
        """What the list shows: the sidebar view narrowed by the search box."""
        return self.view.query & self.search_query if self.view else self.search_query

    def _run_query(self, sort: Sort | None = None) -> None:
        """Show a query's first page: at once when the library answers within a few
        milliseconds, else from the worker thread (the window never waits longer)."""
        query = self.shown_query()
        sort = sort or self.model.sort_order
        generation = self.search_runner.supersede()
        self._latest = generation
        rows = self.library.quick_rows(query, sort=sort, limit=PAGE, budget_ms=QUICK_QUERY_MS)
        if rows is None:
            self._latest = self.search_runner.request(query, sort)
        else:
            self._page_ready(generation, query, sort, rows)

    def _search_changed(self, text: str) -> None:
        try:
            self.search_query = parse_query(text)
        except QueryError as error:
            self.search_status.setText(f"⚠ {error}")
            self.search_status.setToolTip(str(error))
            self.search_status.setProperty("error", True)
            return
        self.search_status.setProperty("error", False)
        self.search_status.setToolTip("")
        self._run_query()

    def _page_ready(self, generation: int, query: Query, sort, rows) -> None:
        if generation != self._latest:
            return
        current = self.current_paper_id()
        self.model.set_rows(query, sort, rows)
        row = self.model.row_of(current) if current is not None else None
        self._select_row(row if row is not None else 0)
        if not rows:
            self.detail.show_paper(None)
        known = self.sidebar.count_of(self.view.id) if self.view and self.search_query.is_empty else None
        if known is not None:
            self._show_count(known)
        else:  # counting a big match set takes longer than a keystroke: wait for a pause
            self._count_timer.start()
        self.results_shown.emit()

    def _request_count(self) -> None:  # (the typing has paused)
        self.search_runner.request_count(self._latest, self.model.query)
        self._refresh_vocabulary()

    def _refresh_vocabulary(self) -> None:
        self.search_runner.refresh_vocabulary(self.library)

    def _count_ready(self, generation: int, total: int) -> None:
        if generation == self._latest:
            self._show_count(total)

    def _show_count(self, total: int) -> None:
        self.search_status.setText(f"{total:,} paper{'s' if total != 1 else ''}")
        self.count_shown.emit(total)

    def _search_failed(self, generation: int, message: str) -> None:
        if generation == self._latest:
            self.search_status.setText(f"⚠ {message}")
            self.search_status.setToolTip(message)

    def sort_default(self) -> None:
        self.paper_list.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self._run_query(DEFAULT_SORT)

    def _select_row(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.detail.show_paper(None)
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        index = self.model.index(row, Col.TITLE)
        self.paper_list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.paper_list.scrollTo(index)

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        """The list moved: keep the note typed so far, and lay out the new paper's details
        once the list has repainted (while j is held or a query is typed, only the last one)."""
        self.detail.save_note()
        self._detail_timer.start()

    def current_details(self):
        """The paper the details show, brought up to date with the current row first."""
        if self._detail_timer.isActive():
            self._show_current_paper()
        return self.detail.paper

    def _show_current_paper(self) -> None:
        self._detail_timer.stop()
        paper_id = self.current_paper_id()
        self.detail.show_paper(self.library.get(paper_id) if paper_id is not None else None)

    def current_paper_id(self) -> int | None:
        index = self.paper_list.currentIndex()
        return self.model.paper_id(index.row()) if index.isValid() else None

    def current_title(self) -> str | None:
        index = self.paper_list.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        return row.title if row else None

    def visible_titles(self) -> list[str]:
        return self.model.visible_titles()

    def _refresh_counts(self) -> None:
        counts = self.library.view_counts()
        self.sidebar.set_counts(counts, self.library.tag_counts())
        self.counts_label.setText(
            f"{counts['all']:,} papers · {counts['inbox']:,} in Inbox · {counts['starred']:,} starred"
        )
        latest = self.library.imports(limit=1)
        if latest:
            record = latest[0]
            self.last_import_label.setText(
                f"Last import: {record.file_name}, {record.new} new ({record.imported_at[:16].replace('T', ' ')} UTC)"
            )

    def _show_empty_state_if_needed(self) -> None:
        if not self.library.is_empty():
            self.pages.setCurrentWidget(self.splitter)
            return
        if self.empty_state is None:
            self.empty_state = EmptyState()
            self.empty_state.import_requested.connect(self.import_files)
            self.empty_state.sample_requested.connect(self.import_sample)
            self.pages.addWidget(self.empty_state)
        self.pages.setCurrentWidget(self.empty_state)

    def _current_data_version(self) -> int:
        return self.library.conn.execute("PRAGMA data_version").fetchone()[0]

    def _check_external_changes(self) -> None:
        """Another program (`reader-app import`, an import task) changed the library: show it."""
        version = self._current_data_version()
        if version == self._data_version:
            return
        self._data_version = version
        self._reload_everything()

    def _reload_everything(self) -> None:
        current = self.current_paper_id()
        self._refresh_counts()
        self._show_empty_state_if_needed()
        self.model.reload()  # (keeps as many rows loaded as before, so the scroll position holds)
        row = self.model.row_of(current) if current is not None else None
        self._select_row(row if row is not None else 0)
        self._count_timer.start()  # the number of matches may have changed too

    # --- triage -----------------------------------------------------------------------------

    def target_ids(self) -> list[int]:
        """The papers an action applies to: the marked ones, else the selected rows, else the current one."""
        if self.model.marked:
            return [paper_id for paper_id in self.model._ids if paper_id in self.model.marked]
        rows = sorted(index.row() for index in self.paper_list.selectionModel().selectedRows())
        ids = [self.model.paper_id(row) for row in rows]
        ids = [paper_id for paper_id in ids if paper_id is not None]
        current = self.current_paper_id()
        return ids or ([current] if current is not None else [])

    def _triage(self, do: Callable[[list[int]], Change]) -> None:
        ids = self.target_ids()
        if not ids:
            self.statusBar().showMessage("No paper selected", 3000)
            return
        self.detail.save_note()
        change = do(ids)
        self.model.clear_marks()
        self._show_change(change, f"{change.label} · z to undo")

    def _show_change(self, change: Change, message: str, *, select_restored: bool = False) -> None:
        """Bring the list, the counts and the details up to date after a change, advancing the
        current row when the current paper left the view."""
        current_row = self.paper_list.currentIndex().row()
        current_id = self.current_paper_id()
        removed_before = sum(
            1 for paper_id in change.ids if (row := self.model.row_of(paper_id)) is not None and row < current_row
        )
        removed = self.model.refresh(change.ids)
        restored = [paper_id for paper_id in change.ids if self.model.row_of(paper_id) is None]
        if restored and not self.model.insert_in_order(restored):
            self.model.reload()
        self._refresh_counts()
        if select_restored and (rows := [r for r in map(self.model.row_of, change.ids) if r is not None]):
            self._select_row(min(rows))
        elif current_id in removed:
            self._select_row(current_row - removed_before)
        elif current_id is not None:
            row = self.model.row_of(current_id)
            self._select_row(row if row is not None else current_row)
            paper = self.library.get(current_id)
            if paper is not None:
                self.detail.refresh_paper(paper)
        self.paper_list.setFocus()
        self.statusBar().showMessage(message, 8000)
        self._update_undo_labels()

    def _update_undo_labels(self) -> None:
        undo, redo = self.library.history_labels()
        self.actions_by_id["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        self.actions_by_id["redo"].setText(f"&Redo {redo}" if redo else "&Redo")

    def toggle_star(self) -> None:
        self._triage(self.library.toggle_star)

    def move_to(self, status: str) -> None:
        self._triage(lambda ids: self.library.set_status(ids, Status(status)))

    def undo(self) -> None:
        self.detail.save_note()
        change = self.library.undo()
        if change is None:
            self.statusBar().showMessage("Nothing to undo", 3000)
            return
        self._show_change(change, f"Undone: {change.label} · Shift+Z to redo", select_restored=True)

    def redo(self) -> None:
        change = self.library.redo()
        if change is None:
            self.statusBar().showMessage("Nothing to redo", 3000)
            return
        self._show_change(change, f"Redone: {change.label} · z to undo")

    def edit_tags(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        states = self.library.states(ids)
        common = set.intersection(*(set(state.tags) for state in states.values())) if states else set()
        known = [tag for tag, _count in self.library.tag_counts()]
        from .dialogs import TagEditor

        editor = TagEditor(sorted(common), known, len(ids), self)
        self.tag_editor = editor
        editor.accepted.connect(lambda: self._apply_tags(ids, common, editor.tags()))
        editor.finished.connect(lambda _result: self.return_to_list())
        editor.open()
        editor.line.setFocus()

    def _apply_tags(self, ids: list[int], common: set[str], typed: list[str]) -> None:
        from ..library.types import normalize_tag

        wanted = {normalize_tag(tag) for tag in typed} - {""}
        change = self.library.edit_tags(ids, add=wanted - common, remove=common - wanted)
        self.model.clear_marks()
        self._show_change(change, f"{change.label} · z to undo")

    def return_to_list(self) -> None:
        """Give the keyboard back to the paper list (after a dialog or the note editor)."""
        self.activateWindow()
        self.paper_list.setFocus()

    def toggle_mark(self) -> None:
        index = self.paper_list.currentIndex()
        if index.isValid():
            self.model.toggle_mark(index.row())
            count = len(self.model.marked)
            self.statusBar().showMessage(f"{count} selected · s l e r i t apply to all" if count else "", 4000)

    def next_paper(self) -> None:
        self._move(+1)

    def previous_paper(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        row = self.paper_list.currentIndex().row() + step
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, Col.TITLE)
            self.paper_list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.paper_list.scrollTo(index)

    def go_to(self, view_id: str) -> None:
        self.sidebar.select(view_id)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_box and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.paper_list.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.paper_list.setFocus()
                return True
        return super().eventFilter(watched, event)

    def edit_note(self) -> None:
        if self.current_details() is not None:
            self.detail.edit_note()

    def _save_note(self, paper_id: int, text: str) -> None:
        self.library.set_note(paper_id, text)
        paper = self.library.get(paper_id)
        if paper is not None:
            self.detail.note_saved(paper)
        self.model.refresh([paper_id])

    # --- links ------------------------------------------------------------------------------

    def _open_url(self, url: QUrl | str) -> None:
        text = url.toString() if isinstance(url, QUrl) else url
        if is_web_url(text):
            QDesktopServices.openUrl(QUrl(text))
        else:
            self.statusBar().showMessage("Only web (http/https) links are opened", 4000)

    def open_code(self) -> None:
        paper = self.current_details()
        if paper is None:
            return
        target = paper.repo or next(iter(paper.links), None)
        if target:
            self._open_url(target)
        else:
            self.statusBar().showMessage("This paper lists no code repository or link", 4000)

    def open_paper_page(self) -> None:
        if self.current_details() is not None:
            self._open_url(paper_page_url(self.current_details()))

    def bring_to_front(self, files: list[str]) -> None:
        """Another start of the app on this library: show this window, import what it was given."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if files:
            self.start_import([ImportItem(Path(name).name, path=Path(name)) for name in files])

    # --- importing --------------------------------------------------------------------------

    def import_files(self) -> None:
        folder = str(self.settings.value("import/folder", str(Path.home())))
        from PySide6.QtWidgets import QFileDialog

        names, _filter = QFileDialog.getOpenFileNames(
            self, "Import Listing", folder, "Listings (*.txt *.md *.html *.htm *.json);;All files (*)"
        )
        if names:
            self.settings.setValue("import/folder", str(Path(names[0]).parent))
            self.start_import([ImportItem(Path(name).name, path=Path(name)) for name in names])

    def paste_listing(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self._warn(
                "Paste Listing",
                "The clipboard holds no text. Copy a Hugging Face Papers page first "
                "(in the browser: Ctrl+A, then Ctrl+C).",
            )
            return
        self.start_import([ImportItem("pasted text", data=text.encode("utf-8"))])

    def import_sample(self) -> None:
        from ..importing import sample_listing

        self.start_import([ImportItem("sample listing", data=sample_listing())])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import([ImportItem(path.name, path=path) for path in paths])

    def start_import(self, items: list[ImportItem]) -> None:
        """Import listings in the background with a progress dialog; cancelling changes nothing."""
        if self._import_task is not None:
            self.statusBar().showMessage("An import is already running", 4000)
            return
        self.detail.save_note()
        from PySide6.QtWidgets import QProgressDialog

        task = ImportTask(self.library.path, items, self)
        progress = QProgressDialog("Importing…", "Cancel", 0, 0, self)
        progress.setObjectName("import_progress")
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)
        summaries: list[ImportSummary] = []
        errors: list[str] = []

        def on_progress(done: int, total: int, label: str) -> None:
            progress.setLabelText(label)
            progress.setMaximum(total)
            progress.setValue(done)

        task.progress.connect(on_progress)
        task.item_done.connect(summaries.append)
        task.item_failed.connect(errors.append)
        task.all_done.connect(lambda cancelled: self._import_done(task, progress, summaries, errors, cancelled))
        self._import_task = task
        self.import_progress = progress
        task.start()

    def _import_done(self, task: ImportTask, progress, summaries, errors, cancelled: bool) -> None:
        task.wait()
        progress.close()
        self._import_task = None
        self._data_version = self._current_data_version()
        self._refresh_counts()
        self._show_empty_state_if_needed()
        if cancelled:
            self.statusBar().showMessage("Import cancelled: the library is unchanged", 8000)
        if summaries:
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.search_query = Query()
            self.show_view(view_for("inbox"))
            self.paper_list.setFocus()
        if summaries or errors:
            self._report_import(summaries, errors)
        self.import_finished.emit(summaries, errors, cancelled)

    def _report_import(self, summaries: list[ImportSummary], errors: list[str]) -> None:
        lines = [summary.line() for summary in summaries]
        warnings = [f"{summary.source.name}: {warning}" for summary in summaries for warning in summary.warnings]
        if summaries:
            total_new = sum(summary.new for summary in summaries)
            self.statusBar().showMessage(f"Imported: {total_new} new papers in the Inbox", 8000)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setObjectName("import_summary")
        box.setWindowTitle("Import")
        box.setIcon(QMessageBox.Icon.Warning if errors else QMessageBox.Icon.Information)
        if errors:
            box.setText("Some listings could not be imported; they changed nothing.")
        else:
            box.setText("Import finished.")
        box.setInformativeText("\n".join(lines + errors))
        if warnings:
            box.setDetailedText("\n".join(warnings))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.last_message_box = box
        box.open()

    def _warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.last_message_box = box
        box.open()

    # --- export, backup, help ----------------------------------------------------------------

    def export_notes(self) -> None:
        from .export_dialog import ExportDialog

        self.detail.save_note()
        query = self.shown_query()
        dialog = ExportDialog(self.library, query, self.settings, self)
        self.export_dialog = dialog
        dialog.open()

    def copy_markdown(self) -> None:
        from ..export.markdown import digest_sections

        ids = self.target_ids()
        papers = [paper for paper in map(self.library.get, ids) if paper is not None]
        if papers:
            QGuiApplication.clipboard().setText(digest_sections(papers))
            self.statusBar().showMessage(
                f"Copied {len(papers)} paper{'s' if len(papers) != 1 else ''} as Markdown", 4000
            )

    def backup_library(self) -> None:
        suggested = dated_backup_path(self.library.path)
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(self, "Back Up Library", str(suggested), "Library (*.db *)")
        if name:
            self.library.backup(Path(name))
            self.statusBar().showMessage(f"Backed up to {name}", 8000)

    def open_library_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.library.path.parent)))

    def show_cheat_sheet(self) -> None:
        from .dialogs import CheatSheet

        self.cheat_sheet = CheatSheet(self.bindings, self)
        self.cheat_sheet.open()

    def show_about(self) -> None:
        from .dialogs import about_box

        self.last_message_box = about_box(self, self.library.path)

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.save_note()
        if self._import_task is not None:
            self._import_task.cancel()
            self._import_task.wait()
        for timer in (self._external_timer, self._detail_timer, self._count_timer):
            timer.stop()
        self.search_runner.stop()
        self._save_settings()
        super().closeEvent(event)


def _group(action: Action) -> str:
    """Menu separators fall between groups of related actions."""
    groups = {
        "import": "in",
        "sample": "in",
        "export": "out",
        "backup": "out",
        "open_folder": "out",
        "quit": "quit",
        "undo": "undo",
        "redo": "undo",
        "paste": "clip",
        "copy_markdown": "clip",
        "search": "find",
        "mark": "find",
        "next": "nav",
        "previous": "nav",
        "star": "triage",
        "later": "triage",
        "archive": "triage",
        "read": "triage",
        "inbox": "triage",
        "tags": "annotate",
        "note": "annotate",
        "open_code": "open",
        "open_page": "open",
    }
    return groups.get(action.id, action.menu)
