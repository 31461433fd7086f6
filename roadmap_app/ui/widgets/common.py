"""Small custom widgets: progress ring, headings, cards, a debounced text editor."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import ItemState
from roadmap_app.ui.window.theme import muted_colour, state_colour, track_colour

SAVE_DELAY_MS = 500

#: One wording for the learner's target, wherever it is asked or shown.
TARGET_ROLE = "Target role"
NO_TARGET = "Not chosen yet"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 skill', '3 skills': a count with the noun that agrees with it."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def show_focus(view: QAbstractItemView) -> None:
    """A read-only table or list: one Tab stop (arrows move inside it), and a frame in the
    theme's accent colour while it has focus."""
    view.setTabKeyNavigation(False)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    name = type(view).__name__
    extra = view.styleSheet()
    view.setStyleSheet(
        f"{extra}\n{name} {{ border: 1px solid palette(mid); padding: 1px; }}"
        f"\n{name}:focus {{ border: 2px solid palette(highlight); padding: 0px; }}"
    )


def progress_colour(fraction: float, palette: QPalette) -> QColor:
    """One rule for every ring and bar: the accent colour while under way, the done colour when complete."""
    if fraction >= 1.0:
        return state_colour(ItemState.DONE, palette)
    return palette.color(QPalette.ColorRole.Highlight)


class _Progress(QWidget):
    """What the ring and the bar share: a fraction done and the colour it is drawn in."""

    _fraction = 0.0
    _colour: QColor | None = None

    @property
    def fraction(self) -> float:
        return self._fraction

    def shown_colour(self) -> QColor:
        """The colour the filled part is drawn in."""
        return self._colour or progress_colour(self._fraction, self.palette())


class ProgressRing(_Progress):
    """A ring that fills clockwise with a percentage in the middle and a caption under it."""

    def __init__(self, caption: str, parent: QWidget | None = None, *, diameter: int = 120) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._caption = caption
        self._detail = ""
        self._diameter = diameter
        self._colour: QColor | None = None
        self.setMinimumSize(self.sizeHint())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(caption)

    def sizeHint(self) -> QSize:
        return QSize(self._diameter + 24, self._diameter + 48)

    def set_value(self, fraction: float, detail: str = "", colour: QColor | None = None) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        self._detail = detail
        self._colour = colour
        self.setAccessibleDescription(f"{round(self._fraction * 100)}%{', ' + detail if detail else ''}")
        self.setToolTip(detail)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        thickness = max(8.0, self._diameter / 10)
        side = min(self.width() - 8, self.height() - 40, self._diameter)
        rect = QRectF((self.width() - side) / 2, 4, side, side).adjusted(
            thickness / 2, thickness / 2, -thickness / 2, -thickness / 2
        )
        pen = QPen(track_colour(palette), thickness)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(self.shown_colour())
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, side / 6.5))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.WindowText))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{round(self._fraction * 100)}%")
        font = QFont(self.font())
        painter.setFont(font)
        caption_rect = QRectF(0, 4 + side + 4, self.width(), self.height() - side - 8)
        painter.drawText(caption_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._caption)
        if self._detail:
            painter.setPen(muted_colour(palette))
            small = QFont(self.font())
            small.setPointSizeF(self.font().pointSizeF() * 0.85)
            painter.setFont(small)
            painter.drawText(
                caption_rect.adjusted(0, self.fontMetrics().height() + 1, 0, 0),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self._detail,
            )
        painter.end()


class WrapLabel(QLabel):
    """A word-wrapped label that lays its text out once per width until the text changes.

    Qt's layouts ask a label's height for a width several times in one pass, and a label
    that holds a text document (rich text, or text the mouse can select) lays the whole
    document out again at each question.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)

    def setWordWrap(self, on: bool) -> None:
        self._heights = {}
        super().setWordWrap(on)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


def fit_columns(view: QTableView, columns: Iterable[int]) -> None:
    """Fit ``columns`` of a table to its rows now, for tables whose header leaves them
    Interactive: a header in ResizeToContents mode fits them in a timer after its model
    resets, after the next paint, and the table is laid out and painted a second time."""
    for column in columns:
        view.resizeColumnToContents(column)


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> WrapLabel:
    label = WrapLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.25, 3: 1.05}.get(level, 1.0))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


class MutedLabel(WrapLabel):
    """Secondary text in a softer colour; `apply_colour` follows a theme change."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.apply_colour()

    def apply_colour(self) -> None:
        palette = QApplication.palette()
        own = self.palette()
        own.setColor(own.ColorRole.WindowText, muted_colour(palette))
        self.setPalette(own)


def muted_label(text: str = "", parent: QWidget | None = None) -> MutedLabel:
    return MutedLabel(text, parent)


class Card(QFrame):
    """A framed panel with a title, used to group a page into readable blocks."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().Base)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(8)
        if title:
            self.title_label = heading(title, 3, self)
            self.body.addWidget(self.title_label)


class DebouncedTextEdit(QPlainTextEdit):
    """Plain text whose changes are saved ~0.5 s after the learner stops typing, and on flush.

    ``save_requested`` carries the text to save. ``set_saved_text`` loads text without
    triggering a save; it is refused (returns False) while typed text waits to be saved.
    """

    save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._on_changed)
        self.setTabChangesFocus(True)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def load(self, text: str, *, unsaved: bool = False, force: bool = False) -> bool:
        """Show ``text`` (as ``set_saved_text``), marked unsaved when it is kept but not saved yet."""
        shown = self.set_saved_text(text, force=force)
        if shown:
            self.set_unsaved(unsaved)
        return shown

    def set_unsaved(self, unsaved: bool) -> None:
        """Mark the text as kept here but not saved yet (a full disk, a read-only folder)."""
        if bool(self.property("unsaved")) == unsaved:
            return
        self.setProperty("unsaved", unsaved)
        self.setToolTip("Not saved yet: kept here and saved as soon as the data can be written" if unsaved else "")
        style = self.style()
        style.unpolish(self)
        style.polish(self)

    def _on_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._timer.start()

    def set_saved_text(self, text: str, *, force: bool = False) -> bool:
        if self._dirty and not force:
            return False
        self._timer.stop()
        self._dirty = False
        if text != self.toPlainText():
            self._loading = True
            try:
                cursor_pos = self.textCursor().position()
                self.setPlainText(text)
                cursor = self.textCursor()
                cursor.setPosition(min(cursor_pos, len(text)))
                self.setTextCursor(cursor)
            finally:
                self._loading = False
        return True

    def flush(self) -> None:
        """Save now if anything typed is unsaved."""
        self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.save_requested.emit(self.toPlainText())

    def focusOutEvent(self, event: object) -> None:
        self.flush()
        super().focusOutEvent(event)  # type: ignore[arg-type]


class ProgressBar(_Progress):
    """A slim rounded bar with its text beside it; colours follow the theme."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self._colour: QColor | None = None
        self.setAccessibleName(accessible_name)
        self.setMinimumHeight(max(18, self.fontMetrics().height() + 4))
        self.setMinimumWidth(140)

    def sizeHint(self) -> QSize:
        return QSize(240, max(18, self.fontMetrics().height() + 4))

    def set_value(self, fraction: float, text: str, colour: QColor | None = None) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        self._text = text
        self._colour = colour
        self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_width = self.fontMetrics().horizontalAdvance("00/00 · 100%") + 8
        bar = QRectF(0, (self.height() - 8) / 2, max(10, self.width() - text_width), 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track_colour(palette))
        painter.drawRoundedRect(bar, 4, 4)
        if self._fraction > 0:
            painter.setBrush(self.shown_colour())
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * self._fraction, 8), 4, 4)
        painter.setPen(muted_colour(palette))
        painter.drawText(
            QRectF(bar.right() + 8, 0, text_width - 8, self.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._text,
        )
        painter.end()
