"""Checklist rows (tasks, skills) and roadmap steps: their painting, the keyboard view, the state buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.progress import Tally
from roadmap_app.ui.widgets.models import (
    CURRENT_ROLE,
    DETAIL_ROLE,
    DONE_BY_ROLE,
    HAS_NOTE_ROLE,
    HEADER_ROLE,
    ID_ROLE,
    STATE_ROLE,
    TALLY_ROLE,
)
from roadmap_app.ui.window.theme import composite, muted_colour, state_colour, track_colour

Index = QModelIndex | QPersistentModelIndex

STATE_KEYS = {
    Qt.Key.Key_D: ItemState.DONE,
    Qt.Key.Key_L: ItemState.IN_PROGRESS,
    Qt.Key.Key_S: ItemState.SKIPPED,
    Qt.Key.Key_R: ItemState.TODO,
}
#: The state buttons, in order: the label, with its Alt mnemonic, and the key of the list.
STATE_BUTTONS = (
    (ItemState.DONE, "&Done", "D"),
    (ItemState.IN_PROGRESS, "&In progress", "L"),
    (ItemState.SKIPPED, "S&kip", "S"),
    (ItemState.TODO, "&To do", "R"),
)
KEYS_HINT = "Keys: D = Done, L = In progress, S = Skip, R = To do, Space = the next state."
CYCLE = [ItemState.TODO, ItemState.IN_PROGRESS, ItemState.DONE]
_MARKS = {ItemState.DONE: "✓", ItemState.IN_PROGRESS: "…", ItemState.SKIPPED: "–", ItemState.TODO: ""}


def next_in_cycle(state: ItemState) -> ItemState:
    """Space: to do → in progress → done → to do; skipped starts again at to do."""
    if state not in CYCLE:
        return ItemState.TODO
    return CYCLE[(CYCLE.index(state) + 1) % len(CYCLE)]


class RowListView(QListView):
    """A list view that repaints one changed row alone."""

    def dataChanged(self, top_left: Index, bottom_right: Index, roles: Sequence[int] = ()) -> None:
        """One row changed (a state, a note mark, a step's progress): repaint that row alone.

        QListView lays out and repaints every row on any change; a row whose height stays
        the same (its size hint against its laid-out rectangle) needs only its own repaint,
        which QAbstractItemView does. A row that grows or shrinks (a second line appears)
        goes through QListView, which lays the rows out again.
        """
        if (
            top_left == bottom_right
            and top_left.isValid()
            and self.visualRect(top_left).height() == self.sizeHintForIndex(top_left).height()
        ):
            QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))
            return
        super().dataChanged(top_left, bottom_right, list(roles))


class ChecklistView(RowListView):
    """A list of tasks or skills whose states change with D, L, S, R and Space."""

    state_requested = Signal(str, object)  # item id, ItemState

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ChecklistDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setMouseTracking(True)
        self._empty_text = ""

    def set_empty_text(self, text: str) -> None:
        """What the empty list says, in its middle (nothing when "")."""
        self._empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._empty_text and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(muted_colour(self.palette()))
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._empty_text,
            )
            painter.end()

    def current_item_id(self) -> str:
        index = self.currentIndex()
        if not index.isValid() or index.data(HEADER_ROLE):
            return ""
        return str(index.data(ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item_id = self.current_item_id()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if item_id and modifiers == Qt.KeyboardModifier.NoModifier:
            key = Qt.Key(event.key())
            if key in STATE_KEYS:
                self.state_requested.emit(item_id, STATE_KEYS[key])
                return
            if key == Qt.Key.Key_Space:
                state = ItemState(self.currentIndex().data(STATE_ROLE))
                self.state_requested.emit(item_id, next_in_cycle(state))
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: object) -> None:
        index = self.indexAt(event.position().toPoint())  # type: ignore[attr-defined]
        if index.isValid() and not index.data(HEADER_ROLE) and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            rect = self.visualRect(index)
            if ChecklistDelegate.mark_rect(rect).contains(event.position().toPoint()):  # type: ignore[attr-defined]
                self.setCurrentIndex(index)
                state = ItemState(index.data(STATE_ROLE))
                self.state_requested.emit(str(index.data(ID_ROLE)), next_in_cycle(state))
                return
        super().mousePressEvent(event)  # type: ignore[arg-type]


class StateButtons(QWidget):
    """Done, In progress, Skip, To do: the item's state is the one pressed.

    With no item (``set_state(None)``) every button is disabled and none is pressed. A click
    never leaves a button pressed by itself: the pressed one always follows the saved state,
    and clicking it again changes nothing.
    """

    state_chosen = Signal(object)  # ItemState

    def __init__(self, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[ItemState, QPushButton] = {}
        self._state: ItemState | None = None
        for state, text, key in STATE_BUTTONS:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("stateButton", True)  # the theme fills the pressed one
            button.setObjectName(f"state_{state.value}")
            button.setAccessibleName(f"Mark {subject} {state.label.lower()}")
            button.setToolTip(f"{text.replace('&', '')} ({key})")
            button.clicked.connect(lambda _=False, s=state: self._clicked(s))
            layout.addWidget(button)
            self.buttons[state] = button
        layout.addStretch(1)
        self.set_state(None)

    @property
    def state(self) -> ItemState | None:
        return self._state

    def set_state(self, state: ItemState | None) -> None:
        self._state = state
        for each, button in self.buttons.items():
            button.setEnabled(state is not None)
            button.setChecked(each is state)

    def _clicked(self, state: ItemState) -> None:
        shown = self._state
        self.set_state(shown)
        if shown is not None and state is not shown:
            self.state_chosen.emit(state)


class RowColours(NamedTuple):
    """What a checklist row is painted with: its fill (None: the view's), title and state word."""

    fill: QColor | None
    title: QColor
    label: QColor


def row_colours(state: ItemState, palette: QPalette, *, selected: bool, focused: bool, hovered: bool) -> RowColours:
    """A selected row reads in one colour on the selection, whatever its state.

    A skipped row keeps its strike-through and its "Skipped" word, not a grey that would
    vanish on the selection colour.
    """
    base = palette.color(QPalette.ColorRole.Base)
    if selected:
        fill = QColor(palette.color(QPalette.ColorRole.Highlight))
        if not focused:
            fill.setAlpha(90)
            fill = composite(fill, base)
            text = palette.color(QPalette.ColorRole.Text)
        else:
            text = palette.color(QPalette.ColorRole.HighlightedText)
        return RowColours(fill, text, text)
    hover: QColor | None = None
    if hovered:
        hover = QColor(palette.color(QPalette.ColorRole.Highlight))
        hover.setAlpha(28)
        hover = composite(hover, base)
    title = muted_colour(palette) if state is ItemState.SKIPPED else palette.color(QPalette.ColorRole.Text)
    return RowColours(hover, title, state_colour(state, palette))


class ChecklistDelegate(QStyledItemDelegate):
    """A round state mark, the title, and the state in words; group headers in bold."""

    @staticmethod
    def mark_rect(rect: QRect) -> QRect:
        side = 20
        return QRect(rect.left() + 10, rect.center().y() - side // 2 + 1, side, side)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        if index.data(DONE_BY_ROLE):
            # A second, smaller line: the record that did the task.
            height += QFontMetrics(small_font(option.font)).height() + 2
        # Narrow enough that a list yielding its room to the details never scrolls sideways:
        # titles are shortened to the width there is.
        return QSize(160, height + (22 if index.data(HEADER_ROLE) else 16))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette: QPalette = option.palette
        rect: QRect = option.rect
        state_flags = option.state
        font = QFont(option.font)
        if index.data(HEADER_ROLE):
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            text_rect = rect.adjusted(8, 10, -8, 0)
            # The title first; the count takes the room left beside it, shortened to fit,
            # so on a narrow list the two never run into each other.
            bold_metrics = QFontMetrics(font)
            title = bold_metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            small = QFont(font)
            small.setBold(False)
            room = text_rect.width() - bold_metrics.horizontalAdvance(title) - 12
            count = QFontMetrics(small).elidedText(str(index.data(DETAIL_ROLE)), Qt.TextElideMode.ElideRight, room)
            if room > 0 and count not in ("", "…"):
                painter.setPen(muted_colour(palette))
                painter.setFont(small)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
            painter.setPen(QPen(track_colour(palette), 1))
            painter.drawLine(rect.left() + 8, rect.bottom(), rect.right() - 8, rect.bottom())
            painter.restore()
            return
        selected = bool(state_flags & QStyle.StateFlag.State_Selected)
        focused = bool(state_flags & QStyle.StateFlag.State_HasFocus) or bool(
            option.widget is not None and option.widget.hasFocus()
        )
        hovered = bool(state_flags & QStyle.StateFlag.State_MouseOver)
        state = ItemState(index.data(STATE_ROLE) or ItemState.TODO.value)
        colours = row_colours(state, palette, selected=selected, focused=focused, hovered=hovered)
        if colours.fill is not None:
            painter.fillRect(rect, colours.fill)
        colour = state_colour(state, palette)
        mark = QRectF(self.mark_rect(rect))
        if state is ItemState.TODO:
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        painter.drawEllipse(mark.adjusted(1, 1, -1, -1))
        if _MARKS[state]:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.Base) if state is not ItemState.TODO else colour)
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, _MARKS[state])
        label = state.label if state is not ItemState.TODO else ""
        # A title gives way to its own state only, so on a narrow list it keeps what room it can.
        label_width = option.fontMetrics.horizontalAdvance(label) + 16 if label else 0
        title_rect = rect.adjusted(int(mark.right()) - rect.left() + 10, 0, -label_width - 8, 0)
        title_font = QFont(font)
        title_font.setStrikeOut(state is ItemState.SKIPPED)
        painter.setFont(title_font)
        painter.setPen(colours.title)
        title = str(index.data())
        if index.data(HAS_NOTE_ROLE):
            title += "  ✎"
        done_by = str(index.data(DONE_BY_ROLE) or "")
        if done_by:
            # Two lines centred in the row: the title, and under it the record that did the task.
            small = small_font(font)
            title_height, line = option.fontMetrics.height(), QFontMetrics(small).height()
            top = rect.center().y() - (title_height + 2 + line) // 2
            upper = QRect(title_rect.left(), top, title_rect.width(), title_height)
            under = QRect(title_rect.left(), top + title_height + 2, title_rect.width(), line)
            elided = option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, upper.width())
            painter.drawText(upper, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
            painter.setFont(small)
            # On the selection the row reads in one colour; elsewhere the second line is muted.
            painter.setPen(colours.title if selected else muted_colour(palette))
            shown = QFontMetrics(small).elidedText(done_by, Qt.TextElideMode.ElideRight, under.width())
            painter.drawText(under, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        else:
            elided = option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        if label:
            painter.setFont(font)
            painter.setPen(colours.label)
            painter.drawText(
                rect.adjusted(0, 0, -10, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.restore()


def small_font(font: QFont) -> QFont:
    """The font of a row's second line: a little smaller than its title."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * 0.88)
    return small


def step_fill(palette: QPalette, *, focused: bool) -> QColor:
    """The tint behind the selected step: light enough for its text and muted percentage."""
    fill = QColor(palette.color(QPalette.ColorRole.Highlight))
    fill.setAlpha(60 if focused else 35)
    return composite(fill, palette.color(QPalette.ColorRole.Base))


def step_percent_colour(palette: QPalette, *, selected: bool) -> QColor:
    """A step's percentage: muted, but in full text colour on the selection's tint."""
    return palette.color(QPalette.ColorRole.Text) if selected else muted_colour(palette)


class StepDelegate(QStyledItemDelegate):
    """A step: its number in a circle, title, a progress bar and a "current" badge."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Within the list's narrowest (240 with its frame), so it never scrolls sideways.
        return QSize(200, option.fontMetrics.height() * 2 + 30)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette: QPalette = option.palette
        rect: QRect = option.rect
        metrics = option.fontMetrics
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        current = bool(index.data(CURRENT_ROLE))
        counts: Tally = index.data(TALLY_ROLE)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if selected:
            painter.fillRect(rect, step_fill(palette, focused=option.widget.hasFocus()))
        if current:
            painter.fillRect(QRect(rect.left(), rect.top() + 4, 4, rect.height() - 8), highlight)
        circle = QRectF(rect.left() + 14, rect.top() + 10, 28, 28)
        done = counts.complete
        painter.setPen(QPen(highlight if current or done else track_colour(palette), 2))
        painter.setBrush(highlight if done else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText) if done else palette.color(QPalette.ColorRole.Text)
        )
        number = str(index.data()).split(".", 1)[0]
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, "✓" if done else number)
        text_left = int(circle.right()) + 12
        title = str(index.data()).split(". ", 1)[-1]
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title_rect = QRect(text_left, rect.top() + 8, rect.right() - text_left - 10, metrics.height())
        badge = "Current" if current else ""
        badge_width = metrics.horizontalAdvance(badge) + 14 if badge else 0
        painter.drawText(
            title_rect.adjusted(0, 0, -badge_width - 6, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width() - badge_width - 6),
        )
        if badge:
            badge_rect = QRectF(title_rect.right() - badge_width, title_rect.top(), badge_width, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(badge_rect, 6, 6)
            small = QFont(option.font)
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        bar = QRectF(text_left, title_rect.bottom() + 8, title_rect.width() - 48, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track_colour(palette))
        painter.drawRoundedRect(bar, 3, 3)
        if counts.fraction > 0:
            painter.setBrush(state_colour(ItemState.DONE, palette))
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * counts.fraction, bar.height()), 3, 3)
        painter.setFont(QFont(option.font))
        painter.setPen(step_percent_colour(palette, selected=selected))
        painter.drawText(
            QRectF(bar.right() + 6, bar.top() - metrics.height() / 2 + 3, 44, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{counts.percent}%",
        )
        painter.restore()
