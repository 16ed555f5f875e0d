"""Fixtures for GUI tests: a real main window on a real library in tmp_path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from reader_app.ui.main_window import MainWindow


class OpenedUrls(QObject):
    """Receives what the app asks the desktop to open (Qt's own URL-handler hook)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened_urls(qapp):
    handler = OpenedUrls()
    for scheme in ("http", "https", "file"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in ("http", "https", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(
    qtbot, library, settings, *, size: tuple[int, int] | None = (1200, 800), focus: bool = True, **kwargs
) -> MainWindow:
    window = MainWindow(library, settings, **kwargs)
    qtbot.addWidget(window)
    if size:
        window.resize(*size)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    if focus:
        window.paper_list.setFocus()
        qtbot.waitUntil(window.paper_list.hasFocus)
    return window


@pytest.fixture
def window(qtbot, library_with_sample, settings) -> MainWindow:
    return make_window(qtbot, library_with_sample, settings)


@pytest.fixture
def empty_window(qtbot, library, settings) -> MainWindow:
    return make_window(qtbot, library, settings)
