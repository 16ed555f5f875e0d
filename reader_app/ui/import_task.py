"""Imports off the UI thread, with progress and cancel; the library changes all or nothing."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from ..importers.records import ListingError
from ..library.library import ImportCancelled, Library
from ..library.types import ImportSummary, LibraryError


@dataclass(frozen=True)
class ImportItem:
    """One listing to import: a file to read, or text already in hand (a paste, the sample)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise ListingError("no such file", source=self.name) from None
        except IsADirectoryError:
            raise ListingError("a folder, not a listing file", source=self.name) from None
        except OSError as error:
            raise ListingError(f"cannot be read ({error.strerror})", source=self.name) from None


class ImportTask(QThread):
    """Imports items one by one in a thread with its own library connection.

    Signals: `progress(done, total, label)`; `item_done(summary)`; `item_failed(message)`;
    `all_done(cancelled)`. A failed item changes nothing; the items after it still run.
    """

    progress = Signal(int, int, str)
    item_done = Signal(object)
    item_failed = Signal(str)
    all_done = Signal(bool)

    def __init__(self, library_path: Path, items: list[ImportItem], parent=None):
        super().__init__(parent)
        self.library_path = library_path
        self.items = items
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from ..importing import import_bytes

        cancelled = False
        try:
            library = Library.open(self.library_path)
        except LibraryError as error:
            self.item_failed.emit(str(error))
            self.all_done.emit(False)
            return
        try:
            for item in self.items:
                if self._cancel.is_set():
                    cancelled = True
                    break
                self.progress.emit(0, 0, f"Reading {item.name}…")
                try:
                    summary: ImportSummary = import_bytes(
                        library,
                        item.read(),
                        item.name,
                        progress=lambda done, total, name=item.name: self.progress.emit(
                            done, total, f"Importing {name}…"
                        ),
                        cancelled=self._cancel.is_set,
                    )
                except ImportCancelled:
                    cancelled = True
                    break
                except ListingError as error:
                    self.item_failed.emit(str(error))
                except Exception as error:
                    self.item_failed.emit(f"{item.name}: the import failed ({type(error).__name__}: {error})")
                else:
                    self.item_done.emit(summary)
        finally:
            library.close()
        self.all_done.emit(cancelled)
