"""Runs list queries off the UI thread: typing never waits on the database.

Each request gets a generation number; a newer request interrupts the running query and
older results are dropped. A request returns the first page; the number of matches is a
separate, slower request that the window makes once the typing pauses.
"""

from __future__ import annotations

import sqlite3
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

    def _run(self, generation: int, work) -> None:
        if generation != self.latest:
            return  # a newer request is queued behind this one
        try:
            if self.library is None:
                self.library = Library.open(self.path)
            work(self.library)
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                self.failed.emit(generation, f"The search failed: {error}")
        except (QueryError, sqlite3.Error) as error:
            self.failed.emit(generation, str(error))

    @Slot(int, object, object)
    def page(self, generation: int, query: Query, sort: Sort) -> None:
        def work(library: Library) -> None:
            rows = library.rows(query, sort=sort, limit=PAGE)
            if generation == self.latest:
                self.page_ready.emit(generation, query, sort, rows)

        self._run(generation, work)

    @Slot(int, object)
    def count(self, generation: int, query: Query) -> None:
        def work(library: Library) -> None:
            total = library.count(query)
            if generation == self.latest:
                self.count_ready.emit(generation, total)

        self._run(generation, work)

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
    _submit_page = Signal(int, object, object)
    _submit_count = Signal(int, object)
    _close = Signal()

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.generation = 0
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = _Worker(path)
        self._worker.moveToThread(self._thread)
        self._submit_page.connect(self._worker.page)
        self._submit_count.connect(self._worker.count)
        self._close.connect(self._worker.close)
        self._worker.page_ready.connect(self.page_ready)
        self._worker.count_ready.connect(self.count_ready)
        self._worker.failed.connect(self.failed)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def supersede(self) -> int:
        """Make every request so far stale (answered elsewhere); returns the new generation."""
        self.generation += 1
        self._worker.latest = self.generation
        if self._worker.library is not None:
            self._worker.library.conn.interrupt()  # whatever runs now is stale
        return self.generation

    def request(self, query: Query, sort: Sort) -> int:
        """Start a query for its first page; returns its generation (results carry it)."""
        generation = self.supersede()
        self._submit_page.emit(generation, query, sort)
        return generation

    def request_count(self, generation: int, query: Query) -> None:
        """Count the matches of the query of `generation`, unless a newer query came since."""
        if generation == self.generation:
            self._submit_count.emit(generation, query)

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
