"""The Qt binding keeps Python's own objects alive through thousands of calls.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every Qt call that returns
nothing and to True on every signal emit, so a window aborted after a few thousand calls.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(bool)


def test_qt_calls_and_signals_do_not_leak_references_to_none_or_true(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    received: list[bool] = []
    emitter.fired.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        label.setText("x")
        label.update()
        emitter.fired.emit(True)
    assert len(received) == 2000
    received.clear()
    # A few references come and go with the interpreter's own work; thousands must not.
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
