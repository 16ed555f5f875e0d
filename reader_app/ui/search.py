"""Runs list queries off the UI thread: typing never waits on the database.

Each request gets a generation number; a newer request interrupts the running query and
older results are dropped. The first page arrives first, the number of matches after it.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ..library.library import Library, Sort
from ..library.query import Query, QueryError
from .paper_model import PAGE


class _Worker(QObject):
    page_ready = Signal(int, object, object, object)  # generation, query, sort, rows
    count_ready = Signal(int, int)  # generation, number of matches
    failed = Signal(int, str)

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.latest = 0
        self.library: Library | None = None

    @Slot(int, object, object)
    def run(self, generation: int, query: Query, sort: Sort) -> None:
        if generation != self.latest:
            return
        try:
            if self.library is None:
                self.library = Library.open(self.path)
            rows = self.library.rows(query, sort=sort, limit=PAGE)
            if generation != self.latest:
                return
            self.page_ready.emit(generation, query, sort, rows)
            time.sleep(0)  # hand the GIL to the UI thread now, so the page shows before we count
            total = self.library.count(query)
            if generation == self.latest:
                self.count_ready.emit(generation, total)
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                self.failed.emit(generation, f"The search failed: {error}")
        except (QueryError, sqlite3.Error) as error:
            self.failed.emit(generation, str(error))

    @Slot()
    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None


class SearchRunner(QObject):
    """Queries the library in a worker thread with its own connection."""

    page_ready = Signal(int, object, object, object)
    count_ready = Signal(int, int)
    failed = Signal(int, str)
    _submit = Signal(int, object, object)
    _close = Signal()

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.generation = 0
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = _Worker(path)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.page_ready.connect(self.page_ready)
        self._worker.count_ready.connect(self.count_ready)
        self._worker.failed.connect(self.failed)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def request(self, query: Query, sort: Sort) -> int:
        """Start a query; returns its generation (results carry it)."""
        self.generation += 1
        self._worker.latest = self.generation
        if self._worker.library is not None:
            self._worker.library.conn.interrupt()
        self._submit.emit(self.generation, query, sort)
        return self.generation

    def stop(self) -> None:
        """Finish the worker thread (on window close)."""
        if not self._thread.isRunning():
            return
        self._worker.latest = -1
        if self._worker.library is not None:
            self._worker.library.conn.interrupt()
        self._close.emit()
        self._thread.quit()
        self._thread.wait(5000)
