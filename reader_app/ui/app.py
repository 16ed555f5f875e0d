"""Starting the desktop app: the Qt application, the library, and the main window."""

from __future__ import annotations

import gc
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from .. import __version__
from ..library.library import Library
from ..library.types import LibraryError
from ..paths import config_dir
from .actions import load_bindings
from .first_paint import after_first_paint
from .main_window import MainWindow
from .single_instance import InstanceServer, hand_over

ORGANIZATION = "ReadingList"
APPLICATION = "reader-app"
DESKTOP_ID = "io.github.readerapp.ReadingList"
DEFAULT_GC_THRESHOLDS = (700, 10, 10)


def app_icon() -> QIcon:
    """The application icon at every size shipped in `resources/icons`."""
    from importlib.resources import files

    icon = QIcon()
    folder = files("reader_app.resources").joinpath("icons")
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".png"):
                icon.addFile(str(entry))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity (settings, desktop integration, icon)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Reading List")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    return app


def _behind_busy_dialog(path: Path) -> Callable[[Callable[[], None]], None]:
    """An upgrade runner for `Library.open`: the work in a thread, a dialog saying what is
    happening, the event loop running meanwhile."""

    def upgrade(migrate: Callable[[], None]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        dialog = QProgressDialog(
            f"Upgrading {path.name} for this version of Reading List…\nThe old file is kept next to it as a backup.",
            "",
            0,
            0,
        )
        dialog.setWindowTitle("Reading List")
        dialog.setCancelButton(None)  # half an upgrade is not an option; it is one transaction anyway
        dialog.show()
        with ThreadPoolExecutor(1) as pool:
            work = pool.submit(migrate)
            loop = QEventLoop()
            poll = QTimer(interval=30)
            poll.timeout.connect(lambda: loop.quit() if work.done() else None)
            poll.start()
            loop.exec()
            poll.stop()
        dialog.close()
        work.result()  # (raises what the upgrade raised)

    return upgrade


def open_library_interactively(path: Path) -> Library | None:
    """Open the library, or explain why not and offer to open or create another one."""
    while True:
        try:
            return Library.open(path, upgrade=_behind_busy_dialog(path))
        except LibraryError as error:
            box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the library", str(error))
            open_other = box.addButton("Open Another Library…", QMessageBox.ButtonRole.AcceptRole)
            create = box.addButton("Create a New Library…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is open_other:
                name, _ = QFileDialog.getOpenFileName(None, "Open Library", str(path.parent), "Library (*.db);;All (*)")
            elif box.clickedButton() is create:
                name, _ = QFileDialog.getSaveFileName(
                    None, "New Library", str(path.parent / "library.db"), "Library (*.db)"
                )
            else:
                return None
            if not name:
                return None
            path = Path(name)


def _report_unexpected(window: MainWindow):
    """An exception nobody caught (in a slot, a timer) is shown, not lost on stderr."""

    def hook(kind, error, trace) -> None:
        traceback.print_exception(kind, error, trace)
        QMessageBox.critical(
            window,
            "Something went wrong",
            f"{kind.__name__}: {error}\n\nYour library is safe: every change is saved as it happens. "
            "Please report this with the details printed in the terminal.",
        )

    return hook


def _listen_for_other_starts(window: MainWindow) -> None:
    server = InstanceServer(window.library.path, window)
    server.activated.connect(window.bring_to_front)


def _settle_memory() -> None:
    """After start-up: keep what start-up built out of future collections, collect as usual."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*DEFAULT_GC_THRESHOLDS)


def _after_start_up(window: MainWindow) -> None:
    """Work that can wait until the window is on screen."""
    QApplication.instance().setWindowIcon(app_icon())
    _listen_for_other_starts(window)
    _settle_memory()


def open_window(library: Library) -> MainWindow:
    """The main window on an open library, with the user's key bindings, shown; what can
    wait (icon, single-instance server, memory settling) runs once it has painted."""
    bindings, problems = load_bindings(config_dir() / "keys.toml")
    window = MainWindow(library, QSettings(), bindings, problems)
    # (the status bar paints in the same pass as the list, and also when the welcome shows instead)
    after_first_paint(window.statusBar(), lambda: _after_start_up(window))
    window.show()
    return window


def run(library_path: Path, files_to_import: list[str]) -> int:
    """Open the window on a library (importing files given on the command line); the exit code."""
    app = make_application()
    if hand_over(library_path, files_to_import):
        print(f"reader-app: Reading List is already open on {library_path}; it was brought to the front.")
        return 0
    library = open_library_interactively(library_path)
    if library is None:
        return 1
    window = open_window(library)
    sys.excepthook = _report_unexpected(window)
    if files_to_import:
        QTimer.singleShot(0, lambda: window.bring_to_front(files_to_import))
    code = app.exec()
    library.close()
    return code
