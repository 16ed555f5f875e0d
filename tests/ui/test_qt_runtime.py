"""The Qt binding itself: bugs in it that would crash the app after long use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    counted = Signal(int)


def test_emitting_signals_keeps_reference_counts():
    # PySide6 6.12.0 dropped a reference to True on every emit(): the app then crashed with
    # "deallocating True" after a few thousand emits (pyproject.toml caps the version).
    emitter = _Emitter()
    received = []
    emitter.changed.connect(lambda: received.append(1))
    emitter.counted.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for number in range(2000):
        emitter.changed.emit()
        emitter.counted.emit(number)
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert len(received) == 4000
    assert after == before
