"""Deferring work until a widget is on screen: start-up shows the window first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self._widget, self._then = widget, then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Run `then` once `widget` has painted for the first time (after that paint is done)."""
    _FirstPaint(widget, then)
