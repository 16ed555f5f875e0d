"""The paper list's model: a window over the library that fetches rows as the view scrolls.

No SQL here: pages come from `Library.rows`. A change to some papers refreshes or removes
just their rows; only a new query resets the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ..library.library import DEFAULT_SORT, Library, Sort
from ..library.query import Query
from ..library.types import ListRow

PAGE = 100  # rows per fetch: about three screens


class Col(IntEnum):
    STAR = 0
    TITLE = 1
    SOURCE = 2
    PUBLISHED = 3
    UPVOTES = 4
    COMMENTS = 5
    CODE = 6
    NOTE = 7
    TAGS = 8


HEADERS = {
    Col.STAR: ("★", "Starred"),
    Col.TITLE: ("Title", "Title"),
    Col.SOURCE: ("From", "Organization, or number of authors"),
    Col.PUBLISHED: ("Date", "Publication date"),
    Col.UPVOTES: ("▲", "Upvotes"),
    Col.COMMENTS: ("✉", "Comments"),
    Col.CODE: ("Code", "A code repository is known"),
    Col.NOTE: ("✎", "Has a note"),
    Col.TAGS: ("Tags", "Tags"),
}
SORT_KEYS = {
    Col.STAR: "starred",
    Col.TITLE: "title",
    Col.SOURCE: "source",
    Col.PUBLISHED: "published",
    Col.UPVOTES: "upvotes",
    Col.COMMENTS: "comments",
    Col.CODE: "repo",
    Col.NOTE: "note",
    Col.TAGS: "tags",
}
PaperIdRole = Qt.ItemDataRole.UserRole + 1
MarkedRole = Qt.ItemDataRole.UserRole + 2


def _source(row: ListRow) -> str:
    if row.organization:
        return row.organization
    if row.authors_count:
        return f"{row.authors_count} author{'s' if row.authors_count != 1 else ''}"
    return ""


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


# What each column shows, indexed by column number (data() is called thousands of times a second).
_CELLS = (
    lambda row: "★" if row.starred else "",
    lambda row: row.title,
    _source,
    lambda row: row.published or "",
    lambda row: _count(row.upvotes),
    lambda row: _count(row.comments),
    lambda row: "code" if row.has_repo else "",
    lambda row: "✎" if row.has_note else "",
    lambda row: " ".join(f"#{tag}" for tag in row.tags),
)
assert len(_CELLS) == len(Col)


def _display(row: ListRow, column: int) -> str:
    return _CELLS[column](row)


# Roles as plain ints: comparing them is much cheaper than comparing enum members.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_PAPER_ID = int(PaperIdRole)
_MARKED = int(MarkedRole)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_NUMBERS = (int(Col.UPVOTES), int(Col.COMMENTS))
_STAR = int(Col.STAR)
_TITLE = int(Col.TITLE)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class PaperTableModel(QAbstractTableModel):
    """Papers matching a query, in a sort order, loaded a page at a time."""

    sort_requested = Signal(object)  # a Sort

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self.query = Query()
        self.sort_order = DEFAULT_SORT
        self._rows: list[ListRow] = []
        self._ids: list[int] = []
        self._exhausted = True
        self.marked: set[int] = set()

    # --- loading ------------------------------------------------------------------------------

    def set_rows(self, query: Query, sort: Sort, first_page: list[ListRow]) -> None:
        """Show a new query's first page (computed elsewhere, e.g. off the UI thread)."""
        self.beginResetModel()
        self.query, self.sort_order = query, sort
        self._rows = list(first_page)
        self._ids = [row.id for row in self._rows]
        self._exhausted = len(first_page) < PAGE
        self.marked &= set(self._ids)
        self.endResetModel()

    def load(self, query: Query, sort: Sort | None = None) -> None:
        """Run a query here and show its first page."""
        sort = sort or self.sort_order
        self.set_rows(query, sort, self.library.rows(query, sort=sort, limit=PAGE))

    def reload(self) -> None:
        """Run the current query again, keeping as many rows loaded as before."""
        wanted = max(PAGE, len(self._rows))
        rows = self.library.rows(self.query, sort=self.sort_order, limit=wanted)
        self.beginResetModel()
        self._rows, self._ids = rows, [row.id for row in rows]
        self._exhausted = len(rows) < wanted
        self.marked &= set(self._ids)
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        if self.sort_order.pages_by_key and self._ids:
            page = self.library.rows(self.query, sort=self.sort_order, limit=PAGE, after_id=self._ids[-1])
        else:
            page = self.library.rows(self.query, sort=self.sort_order, limit=PAGE, offset=len(self._rows))
        self._exhausted = len(page) < PAGE
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self._ids.extend(row.id for row in page)
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Load every matching row (the benchmark's "scroll to the end")."""
        while self.canFetchMore():
            self.fetchMore()

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        position = index.row()
        if position < 0 or position >= len(self._rows):
            return None
        row = self._rows[position]
        column = index.column()
        if role == _DISPLAY:
            return _CELLS[column](row)
        if role == _TOOLTIP:
            return row.title if column == _TITLE else (_CELLS[column](row) or None)
        if role == _PAPER_ID:
            return row.id
        if role == _MARKED:
            return row.id in self.marked
        if role == _FOREGROUND and column == _STAR:
            return QApplication.palette().color(QPalette.ColorRole.Link)
        if role == _ALIGNMENT and column in _NUMBERS:
            return _RIGHT
        if role == _BACKGROUND and row.id in self.marked:
            return QApplication.palette().color(QPalette.ColorRole.AlternateBase).darker(110)
        if role == _ACCESSIBLE:
            return _CELLS[column](row) or HEADERS[Col(column)][1] + ": none"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Col):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Col(section)][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADERS[Col(section)][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: asks for the query in that order (the window runs it off the UI thread)."""
        key = SORT_KEYS.get(Col(column)) if 0 <= column < len(Col) else None
        if key is not None:
            self.sort_requested.emit(Sort(key, order == Qt.SortOrder.DescendingOrder))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # --- rows by paper ------------------------------------------------------------------------

    def paper_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, paper_id: int) -> int | None:
        try:
            return self._ids.index(paper_id)
        except ValueError:
            return None

    def row_data(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def visible_titles(self) -> list[str]:
        return [row.title for row in self._rows]

    def refresh(self, ids: Iterable[int]) -> list[int]:
        """Bring the rows of changed papers up to date: rows that still match the query are
        redrawn, rows that no longer match are removed. Returns the removed ids."""
        present = [paper_id for paper_id in dict.fromkeys(ids) if self.row_of(paper_id) is not None]
        if not present:
            return []
        still = self.library.matching(self.query, present)
        fresh = self.library.rows_for([paper_id for paper_id in present if paper_id in still])
        removed = [paper_id for paper_id in present if paper_id not in still]
        for paper_id, row in fresh.items():
            index = self._ids.index(paper_id)
            self._rows[index] = row
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(Col) - 1))
        self.remove(removed)
        return removed

    def remove(self, ids: Sequence[int]) -> None:
        """Take papers out of the list (they left the view)."""
        for paper_id in ids:
            row = self.row_of(paper_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            del self._ids[row]
            self.endRemoveRows()
            self.marked.discard(paper_id)

    def insert_in_order(self, ids: Iterable[int]) -> bool:
        """Show papers that now match the query (an undo), at their place in the default order.
        Returns False when only a reload can place them (another sort order)."""
        ids = [paper_id for paper_id in ids if self.row_of(paper_id) is None]
        if not ids:
            return True
        if self.sort_order.key != "added":
            return False
        matching = self.library.matching(self.query, ids)
        rows = self.library.rows_for([paper_id for paper_id in ids if paper_id in matching])
        for paper_id in sorted(rows, reverse=not self.sort_order.descending):
            position = self._insert_position(paper_id)
            if position is None:
                continue  # beyond the loaded rows: it appears when the list scrolls there
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, rows[paper_id])
            self._ids.insert(position, paper_id)
            self.endInsertRows()
        return True

    def _insert_position(self, paper_id: int) -> int | None:
        descending = self.sort_order.descending
        for position, other in enumerate(self._ids):
            if (paper_id > other) if descending else (paper_id < other):
                return position
        return len(self._ids) if self._exhausted else None

    def toggle_mark(self, row: int) -> None:
        paper_id = self.paper_id(row)
        if paper_id is None:
            return
        self.marked.symmetric_difference_update({paper_id})
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))

    def clear_marks(self) -> None:
        if not self.marked:
            return
        rows = [self.row_of(paper_id) for paper_id in self.marked]
        self.marked.clear()
        for row in rows:
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))
