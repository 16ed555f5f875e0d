"""Measurements that need a Qt application, each run in its own process by `run.py`.

python benchmarks/probes.py startup app|floor LIBRARY   prints "painted" at the first paint
python benchmarks/probes.py gui LIBRARY                  prints one JSON line (search, triage, RSS)
python benchmarks/probes.py rss-floor                    prints one JSON line
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ("diffusion models", "kv cache", "speculative decoding", "reinforcement learning", "vision language")
KEY_PAUSE_S = 0.06  # between keystrokes: a fast typist's pace, in which the window repaints


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _report_first_paint(widget) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                os._exit(0)
            return False

    widget.viewport().installEventFilter(FirstPaint(widget))


def startup(mode: str, library: str) -> None:
    """Process start → the window's list painted (the parent process keeps the time).
    "app" runs the real entry point, `reader-app --library LIBRARY`."""
    if mode == "app":
        # The order of `reader-app` itself: its own modules load before Qt's (PySide6 reads the
        # source of every module imported after it, which would charge the app for the probe).
        from reader_app.cli import main
        from reader_app.ui import app as app_module

        real_open_window = app_module.open_window

        def open_window(library):  # the same first-paint hook as the floor's, on the paper list
            window = real_open_window(library)
            _report_first_paint(window.paper_list)
            return window

        app_module.open_window = open_window
        main(["--library", library])  # runs the event loop until the hook ends the process
        return
    app, _window, table = _floor_window()
    _report_first_paint(table)
    app.exec()


def _floor_window():
    """The floor: a bare PySide6 window with an empty table, shown."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 9))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    return app, window, table


def rss_floor() -> None:
    """Memory of a bare PySide6 window with an empty table."""
    app, _window, _table = _floor_window()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    print(json.dumps({"rss_floor_mb": round(rss_mb(), 1)}))


def _pause(seconds: float) -> None:
    """Let the event loop run (repaint, idle) for a while, as between a person's key presses."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class _BusyMeter:
    """The longest stretch the UI thread's event loop spent working without going back to
    waiting for events (from the event dispatcher's awake/aboutToBlock signals)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QAbstractEventDispatcher, QThread

        self.dispatcher = QAbstractEventDispatcher.instance(QThread.currentThread())
        self.longest = 0.0
        self._woke: float | None = None
        self.dispatcher.awake.connect(self._awake)
        self.dispatcher.aboutToBlock.connect(self._about_to_block)
        self.active = False

    def start(self) -> None:
        self.active = True
        self._woke = time.perf_counter()

    def stop(self) -> None:
        self.active = False

    def add(self, milliseconds: float) -> None:
        if self.active:
            self.longest = max(self.longest, milliseconds)

    def _awake(self) -> None:
        if self._woke is None:
            self._woke = time.perf_counter()

    def _about_to_block(self) -> None:
        if self._woke is not None and self.active:
            self.longest = max(self.longest, (time.perf_counter() - self._woke) * 1000)
        self._woke = None


def _spin_until(app, condition, timeout: float = 30.0) -> None:
    """Run the real event loop (idle between events, as in use) until `condition` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    check = QTimer()
    check.timeout.connect(lambda: loop.quit() if condition() or time.perf_counter() > deadline else None)
    check.start(1)
    loop.exec()
    check.stop()
    if not condition():
        raise TimeoutError("the window did not answer in time")


def gui(library_path: str) -> None:
    """Search-as-you-type and triage latencies, and memory after scrolling the whole list."""
    from PySide6.QtCore import QSettings

    from reader_app.library.library import Library
    from reader_app.ui.app import make_application
    from reader_app.ui.main_window import MainWindow

    app = make_application()
    library = Library.open(library_path)
    settings = QSettings(str(Path(library_path).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    try:
        _measure(app, window)
    finally:
        window.close()


def _measure(app, window) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    _spin_until(app, lambda: QApplication.activeWindow() is window)

    shown = {"count": 0, "at": 0.0}

    def on_shown() -> None:
        shown["count"] += 1
        shown["at"] = time.perf_counter()  # the list model holds the new rows now

    window.results_shown.connect(on_shown)
    busy = _BusyMeter()

    def wait_for_results(before: int) -> None:
        """Idle in the event loop (as the app does) until the window shows the new results."""
        if shown["count"] > before:
            return
        loop = QEventLoop()
        window.results_shown.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        window.results_shown.disconnect(loop.quit)
        if shown["count"] <= before:
            raise TimeoutError("the window did not show results in time")

    def switch(view: str) -> None:
        if window.view is not None and window.view.id == view:
            return
        before = shown["count"]
        window.sidebar.select(view)
        _spin_until(app, lambda: shown["count"] > before)

    # --- search: type each query one character at a time in the All view
    switch("all")
    search_ms: list[float] = []
    typed: list[str] = []
    for query in QUERIES:
        if window.search_box.text():
            before = shown["count"]
            window.search_box.clear()
            wait_for_results(before)
        for position, char in enumerate(query):
            _pause(KEY_PAUSE_S)
            before = shown["count"]
            busy.start()
            start = time.perf_counter()
            QTest.keyClick(window.search_box, char)
            busy.add((time.perf_counter() - start) * 1000)  # the key press itself, outside the loop
            wait_for_results(before)
            search_ms.append((shown["at"] - start) * 1000)
            typed.append(query[: position + 1])
            _pause(KEY_PAUSE_S)  # (the repaint that follows is part of this keystroke's cost)
            busy.stop()
    window.search_box.clear()

    # --- triage in the Inbox: e, s, l, then t + Enter
    switch("inbox")
    window.paper_list.setFocus()
    _spin_until(app, window.paper_list.hasFocus)
    triage_ms: list[float] = []
    for key in [Qt.Key.Key_E, Qt.Key.Key_S, Qt.Key.Key_L] * 20:
        _pause(KEY_PAUSE_S)
        start = time.perf_counter()
        QTest.keyClick(window.paper_list, key)
        triage_ms.append((time.perf_counter() - start) * 1000)
    for number in range(15):
        QTest.keyClick(window.paper_list, Qt.Key.Key_T)
        _spin_until(app, lambda: getattr(window, "tag_editor", None) is not None and window.tag_editor.isVisible())
        QTest.keyClicks(window.tag_editor.line, f"bench{number % 3}")
        start = time.perf_counter()
        QTest.keyClick(window.tag_editor.line, Qt.Key.Key_Return)
        triage_ms.append((time.perf_counter() - start) * 1000)
        _spin_until(app, lambda: QApplication.activeWindow() is window and window.paper_list.hasFocus())

    # --- memory: scroll to the end of All and back
    switch("all")
    while window.model.canFetchMore():
        window.paper_list.scrollToBottom()
        window.model.fetchMore()
        app.processEvents()
    window.paper_list.scrollToBottom()
    app.processEvents()
    window.paper_list.scrollToTop()
    for _ in range(10):
        app.processEvents()
    rows = window.model.rowCount()
    memory = rss_mb()
    print(
        json.dumps(
            {
                "search_p50_ms": round(statistics.median(search_ms), 2),
                "search_p95_ms": round(percentile(search_ms, 0.95), 2),
                "search_max_ms": round(max(search_ms), 2),
                "ui_block_max_ms": round(busy.longest, 2),
                "typed": typed,
                "triage_p50_ms": round(statistics.median(triage_ms), 2),
                "triage_p95_ms": round(percentile(triage_ms, 0.95), 2),
                "rss_mb": round(memory, 1),
                "rows_scrolled": rows,
            }
        )
    )


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "startup":
        startup(sys.argv[2], sys.argv[3])
    elif command == "gui":
        gui(sys.argv[2])
    elif command == "rss-floor":
        rss_floor()
    else:
        raise SystemExit(f"unknown probe {command}")
