"""Where the window opens: a size that fits the screen it is on, whatever its size or scale."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: The size the pages are laid out for, when the screen has room for it.
PREFERRED = QSize(1180, 780)
#: The smallest size the pages stay usable at; smaller screens get less.
MINIMUM = QSize(640, 420)
#: Of the screen's free area, the most a first window takes: its edges stay in sight.
SHARE = 0.9


def first_geometry(available: QRect) -> QRect:
    """The window's first geometry: the preferred size or 90% of the free area, if less, centred on it."""
    size = QSize(
        min(PREFERRED.width(), int(available.width() * SHARE)),
        min(PREFERRED.height(), int(available.height() * SHARE)),
    )
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect


def minimum_size(available: QRect) -> QSize:
    """The window's minimum size: never more than the first window on that screen."""
    return MINIMUM.boundedTo(first_geometry(available).size())


def fit_on_screen(geometry: QRect, available: QRect) -> QRect:
    """A remembered geometry moved (and shrunk if need be) to lie wholly on the free area."""
    width = min(geometry.width(), available.width())
    height = min(geometry.height(), available.height())
    left = min(max(geometry.left(), available.left()), available.left() + available.width() - width)
    top = min(max(geometry.top(), available.top()), available.top() + available.height() - height)
    return QRect(left, top, width, height)


def fit_frame_on_screen(window: QWidget) -> None:
    """Move and shrink a window, frame and all, wholly onto the free area of its screen."""
    frame, inner = window.frameGeometry(), window.geometry()
    fitted = fit_on_screen(frame, available_geometry(window, inner))
    if fitted != frame:
        window.setGeometry(
            fitted.adjusted(
                inner.left() - frame.left(),
                inner.top() - frame.top(),
                inner.right() - frame.right(),
                inner.bottom() - frame.bottom(),
            )
        )


def available_geometry(window: QWidget, near: QRect | None = None) -> QRect:
    """The free area (without panels and docks) of the screen under ``near``, else the window's."""
    screen = QGuiApplication.screenAt(near.center()) if near is not None else None
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()
