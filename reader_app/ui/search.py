"""Runs list queries off the UI thread: typing never waits on the database.

Each request gets a generation number; a newer request interrupts the running query and
older results are dropped. A request returns the first page; the number of matches is a
separate, slower request that the window makes once the typing pauses.

The runner also keeps the searched libraries' vocabulary current (library/vocabulary.py),
reading it in a third thread when the window asks, which it does when idle.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..library.library import Library, Sort
from ..library.query import Query, QueryError
from ..library.types import LibraryError
from ..library.vocabulary import Vocabulary, read_vocabulary
from .paper_model import PAGE

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


class _Worker(QObject):
    page_ready = Signal(int, object, object, object)  # generation, query, sort, rows
    count_ready = Signal(int, int)  # generation, number of matches
    failed = Signal(int, str)

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.latest = 0
        self.library: Library | None = None
        self.vocabulary: Vocabulary | None = None  # set from the UI thread

    def _run(self, generation: int, work) -> None:
        if generation != self.latest:
            return  # a newer request is queued behind this one
        try:
            if self.library is None:
                self.library = Library.open(self.path)
            self.library.vocabulary = self.vocabulary
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


def _read_vocabulary(path: Path) -> Vocabulary:
    with Library.open(path) as library:
        return read_vocabulary(library.conn)


class SearchRunner(QObject):
    """Queries the library in a worker thread with its own connection."""

    page_ready = Signal(int, object, object, object)
    count_ready = Signal(int, int)
    failed = Signal(int, str)
    _submit_page = Signal(int, object, object)
    _submit_count = Signal(int, object)
    _close = Signal()
    _vocabulary_read_done = Signal()

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
        self._vocabulary_pool: ThreadPoolExecutor | None = None  # made on first use, after start-up
        self._vocabulary_read: Future | None = None
        self._vocabulary_library: Library | None = None
        self._vocabulary_failed = False
        self._stopped = False
        self._vocabulary_read_done.connect(self._take_vocabulary, Qt.ConnectionType.QueuedConnection)
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

    def refresh_vocabulary(self, library: Library) -> None:
        """Read the vocabulary in the background if `library` has none that is current (none
        yet, or the index changed since), and give it to `library` and the worker when read.
        Call when the window is idle: the read takes about a second at 100,000 papers."""
        if self._vocabulary_read is not None or self._vocabulary_failed or self._stopped:
            return
        if library.vocabulary is not None and library.vocabulary.is_current(library.conn):
            return
        if self._vocabulary_pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._vocabulary_pool = ThreadPoolExecutor(1, thread_name_prefix="vocabulary")
        self._vocabulary_library = library
        self._vocabulary_read = self._vocabulary_pool.submit(_read_vocabulary, library.path)
        self._vocabulary_read.add_done_callback(lambda _: self._vocabulary_done())

    def _vocabulary_done(self) -> None:  # (in the reading thread)
        with suppress(RuntimeError):  # (the window is gone)
            self._vocabulary_read_done.emit()  # queued to this object's thread

    @Slot()
    def _take_vocabulary(self) -> None:
        reading, library = self._vocabulary_read, self._vocabulary_library
        self._vocabulary_read = self._vocabulary_library = None
        if reading is None or library is None:
            return
        try:
            vocabulary = reading.result()
        except (LibraryError, sqlite3.Error):
            self._vocabulary_failed = True  # searches stay correct without one, only slower
            return
        if vocabulary.is_current(library.conn):
            library.vocabulary = self._worker.vocabulary = vocabulary

    def stop(self) -> None:
        """Finish the worker threads (on window close)."""
        self._stopped = True
        if self._vocabulary_pool is not None:
            self._vocabulary_pool.shutdown(wait=False, cancel_futures=True)
        if not self._thread.isRunning():
            return
        self._worker.latest = -1
        if self._worker.library is not None:
            self._worker.library.conn.interrupt()
        self._close.emit()
        self._thread.quit()
        self._thread.wait(5000)
