"""The line under a form that says what is wrong with a value, readable in either theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from roadmap_app.ui.window.theme import is_dark

#: Reds that keep a 4.5:1 contrast on the dialog's background: light theme, dark theme.
ERROR_RED = ("#c62828", "#ff8a80")


def error_red(palette: QPalette) -> QColor:
    return QColor(ERROR_RED[1] if is_dark(palette) else ERROR_RED[0])


def form_error_label(name: str, parent: QWidget | None = None) -> QLabel:
    """A hidden, word-wrapped label in the theme's error red, named ``name`` for tests."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_red(label.palette()).name()};")
    label.hide()
    return label
