"""The sidebar: the triage views and every tag, each with a live count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
)

from ..library.query import Atom, Query

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

ViewIdRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
COUNT_GAP = 28  # pixels between a name and its count, with the item's own padding


@dataclass(frozen=True)
class View:
    """A sidebar entry: what it is called and which papers it shows."""

    id: str
    label: str
    query: Query


def _filter(kind: str, value: str) -> Query:
    return Query(((Atom(kind, value),),))


BUILTIN_VIEWS = (
    View("inbox", "Inbox", _filter("is", "inbox")),
    View("later", "Later", _filter("is", "later")),
    View("starred", "Starred", _filter("is", "starred")),
    View("read", "Read", _filter("is", "read")),
    View("archived", "Archived", _filter("is", "archived")),
    View("all", "All Papers", Query()),
)
VIEWS_BY_ID = {view.id: view for view in BUILTIN_VIEWS}


def tag_view(tag: str) -> View:
    return View(f"tag:{tag}", f"#{tag}", _filter("tag", tag))


def view_for(view_id: str) -> View:
    """The view with this id; unknown ids (a tag since deleted) fall back to the Inbox."""
    if view_id.startswith("tag:") and len(view_id) > 4:
        return tag_view(view_id[4:])
    return VIEWS_BY_ID.get(view_id, BUILTIN_VIEWS[0])


class _CountDelegate(QStyledItemDelegate):
    """Draws an entry's count right-aligned and muted, as mail clients do."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        count = index.data(CountRole)
        super().paint(painter, option, index)
        if count is None or index.data(ViewIdRole) is None:
            return
        painter.save()
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.setPen(option.palette.color(role))
        rect = QRect(option.rect).adjusted(0, 0, -10, 0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{count:,}")
        painter.restore()

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """A long name is elided before the count instead of running under it."""
        super().initStyleOption(option, index)
        count = index.data(CountRole)
        if count is not None and index.data(ViewIdRole) is not None:
            room = option.rect.width() - option.fontMetrics.horizontalAdvance(f"{count:,}") - COUNT_GAP
            option.text = option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, max(room, 0))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 48, max(hint.height(), option.fontMetrics.height() + 10))


class Sidebar(QListWidget):
    """Views above, tags below; emits `view_selected` with the chosen view."""

    view_selected = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName("Views and tags")
        self.setItemDelegate(_CountDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setUniformItemSizes(False)
        for view in BUILTIN_VIEWS:
            self._add(view)
        self._tags_header = QListWidgetItem("Tags")
        self._tags_header.setFlags(Qt.ItemFlag.NoItemFlags)
        font = self._tags_header.font()
        font.setBold(True)
        self._tags_header.setFont(font)
        self.addItem(self._tags_header)
        self.currentItemChanged.connect(self._on_current)

    def _add(self, view: View) -> QListWidgetItem:
        item = QListWidgetItem(view.label)
        item.setData(ViewIdRole, view.id)
        item.setData(CountRole, 0)
        self.addItem(item)
        return item

    def _item(self, view_id: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ViewIdRole) == view_id:
                return item
        return None

    def set_counts(self, counts: dict[str, int], tags: list[tuple[str, int]]) -> None:
        """Update every count; add and remove tag entries to match the library."""
        for view in BUILTIN_VIEWS:
            item = self._item(view.id)
            if item is not None:
                item.setData(CountRole, counts.get(view.id, 0))
        wanted = {f"tag:{tag}": count for tag, count in tags}
        for row in reversed(range(self.count())):
            item = self.item(row)
            view_id = item.data(ViewIdRole)
            if view_id and view_id.startswith("tag:") and view_id not in wanted and item is not self.currentItem():
                self.takeItem(row)
        for tag, count in tags:
            item = self._item(f"tag:{tag}")
            if item is None:
                item = self._add(tag_view(tag))
            item.setData(CountRole, count)
        self._tags_header.setHidden(not tags)

    def select(self, view_id: str) -> None:
        """Make a view current (emitting `view_selected` if it changes)."""
        item = self._item(view_id)
        if item is None and view_id.startswith("tag:"):
            item = self._add(tag_view(view_id[4:]))
        if item is None:
            item = self._item("inbox")
        self.setCurrentItem(item)

    def current_view(self) -> View:
        item = self.currentItem()
        return view_for(item.data(ViewIdRole)) if item is not None and item.data(ViewIdRole) else BUILTIN_VIEWS[0]

    def count_of(self, view_id: str) -> int | None:
        item = self._item(view_id)
        return None if item is None else item.data(CountRole)

    def _on_current(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None and current.data(ViewIdRole):
            self.view_selected.emit(view_for(current.data(ViewIdRole)))
