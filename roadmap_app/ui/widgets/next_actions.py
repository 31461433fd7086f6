"""The dashboard's next actions: one focusable card each, with its folded advice to unfold."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.suggestion_types import Folded, Suggestion
from roadmap_app.ui.widgets.common import heading, muted_label
from roadmap_app.ui.widgets.models import OBJECT_ROLE, SuggestionsModel

#: How many next actions the dashboard shows; their cards are built once, in tab order.
MAX_ACTIONS = 6


class FoldedRow(QWidget):
    """A suggestion folded into a card: its title, and buttons to do it or snooze it."""

    act = Signal(object)
    snooze = Signal(object)

    def __init__(self, folded: Folded, leader: Suggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # As a suggestion of its own, so the window acts on it like any other.
        self.suggestion = Suggestion(
            folded.key, folded.title, "", leader.priority, folded.action, leader.rule, folded.fingerprint
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(folded.title)
        self.title.setWordWrap(True)
        layout.addWidget(self.title, 1)
        self.do_button = QPushButton(folded.action.label or "Do it")
        self.snooze_button = QPushButton("Snooze")
        for button, what in ((self.do_button, folded.action.label or "Do it"), (self.snooze_button, "Snooze")):
            button.setAutoDefault(False)
            button.setAccessibleName(f"{what}: {folded.title}")
            layout.addWidget(button)
        self.do_button.clicked.connect(lambda: self.act.emit(self.suggestion))
        self.snooze_button.clicked.connect(lambda: self.snooze.emit(self.suggestion))


class SuggestionCard(QFrame):
    """One next action: a focusable row (Enter or Space does it) with its title, reason and buttons.

    Advice folded into it unfolds with its "more like this" button (or Right; Left folds it).
    """

    folded_act = Signal(object)
    folded_snooze = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion: Suggestion | None = None
        self.first_step = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Next action")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.start_here = QLabel("Start here")
        self.start_here.setObjectName("startHere")
        self.start_here.setAccessibleName("Start here")
        self.start_here.setAutoFillBackground(True)
        self.start_here.setContentsMargins(6, 1, 6, 1)
        self.start_here.setBackgroundRole(QPalette.ColorRole.Highlight)
        self.start_here.setForegroundRole(QPalette.ColorRole.HighlightedText)
        bold = self.start_here.font()
        bold.setBold(True)
        self.start_here.setFont(bold)
        self.start_here.hide()
        self.title = heading("", 3)
        self.reason = muted_label()
        # Advice folded into this one: unfolded on demand, each still done on its own.
        self.more_button = QToolButton()
        self.more_button.setObjectName("foldedToggle")
        self.more_button.setAccessibleName("Show the advice folded into this one")
        self.more_button.setCheckable(True)
        self.more_button.setAutoRaise(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.toggled.connect(self._unfold)
        self.more_button.hide()
        self.folded_box = QWidget()
        self.folded_box.setObjectName("foldedActions")
        self.folded_layout = QVBoxLayout(self.folded_box)
        self.folded_layout.setContentsMargins(0, 2, 0, 0)
        self.folded_layout.setSpacing(2)
        self.folded_box.hide()
        self.folded_rows: list[FoldedRow] = []
        text.addWidget(self.start_here, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.title)
        text.addWidget(self.reason)
        text.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.folded_box)
        layout.addLayout(text, 1)
        self.do_button = QPushButton()
        self.snooze_button = QPushButton("Snooze")
        self.dismiss_button = QPushButton("Dismiss")
        for button, what in (
            (self.do_button, "Do it"),
            (self.snooze_button, "Snooze"),
            (self.dismiss_button, "Dismiss"),
        ):
            button.setAutoDefault(False)
            button.setAccessibleName(what)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_suggestion(self, suggestion: Suggestion, *, first_step: bool = False) -> None:
        self.suggestion = suggestion
        self.first_step = first_step
        label = suggestion.action.label or "Do it"
        self.title.setText(suggestion.title)
        self.title.setAccessibleName(suggestion.title)
        self.reason.setText(suggestion.reason)
        self.do_button.setText(label)
        for button, what in (
            (self.do_button, label),
            (self.snooze_button, "Snooze for a week"),
            (self.dismiss_button, "Dismiss"),
        ):
            button.setAccessibleName(f"{what}: {suggestion.title}")
            button.setToolTip(what)
        self._set_folded(suggestion)
        self.start_here.setVisible(first_step)
        start = "Start here. " if first_step else ""
        self.setAccessibleName(f"{start}{suggestion.title}")
        self.setAccessibleDescription(f"{suggestion.reason} Press Enter to {label.lower()}.")
        self.update()

    def _set_folded(self, suggestion: Suggestion) -> None:
        for row in self.folded_rows:
            self.folded_layout.removeWidget(row)
            row.deleteLater()
        self.folded_rows = [FoldedRow(folded, suggestion, self.folded_box) for folded in suggestion.folded]
        for row in self.folded_rows:
            self.folded_layout.addWidget(row)
            row.act.connect(self.folded_act.emit)
            row.snooze.connect(self.folded_snooze.emit)
        count = len(suggestion.folded)
        self.more_button.setVisible(bool(count))
        self.more_button.setText(f"{count} more like this" if count != 1 else "1 more like this")
        self.more_button.setAccessibleName(f"Show {count} more like “{suggestion.title}”")
        self._unfold(self.more_button.isChecked())

    def _unfold(self, shown: bool) -> None:
        self.folded_box.setVisible(shown and bool(self.folded_rows))
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        # Unfolded, the card's own buttons stay beside its title rather than mid-list.
        place = Qt.AlignmentFlag.AlignTop if self.folded_box.isVisibleTo(self) else Qt.AlignmentFlag.AlignVCenter
        layout = self.layout()
        if layout is not None:
            for button in (self.do_button, self.snooze_button, self.dismiss_button):
                layout.setAlignment(button, place)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left) and not event.modifiers() and self.folded_rows:
            self.more_button.setChecked(event.key() == Qt.Key.Key_Right)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not event.modifiers():
            self.do_button.click()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            # Arrows move between the cards, as in a list.
            parent = self.parentWidget()
            cards = parent.cards() if isinstance(parent, NextActionsList) else [self]
            row = cards.index(self) + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= row < len(cards):
                cards[row].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        if self.first_step:
            # The first step of a learner who has recorded nothing: a soft accent panel.
            fill = QColor(accent)
            fill.setAlpha(28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        if self.hasFocus():
            painter.setPen(QPen(accent, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        painter.end()


class NextActionsList(QWidget):
    """The ranked next actions, one card each; Tab goes card, its buttons, the next card."""

    act = Signal(object)
    snooze = Signal(object)
    dismiss = Signal(object)

    def __init__(self, model: SuggestionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._first_step = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._pool: list[SuggestionCard] = []
        for _ in range(MAX_ACTIONS):
            card = SuggestionCard(self)
            card.do_button.clicked.connect(lambda _=False, c=card: self._emit(self.act, c))
            card.snooze_button.clicked.connect(lambda _=False, c=card: self._emit(self.snooze, c))
            card.dismiss_button.clicked.connect(lambda _=False, c=card: self._emit(self.dismiss, c))
            card.folded_act.connect(self.act.emit)
            card.folded_snooze.connect(self.snooze.emit)
            card.hide()
            layout.addWidget(card)
            self._pool.append(card)
        model.modelReset.connect(self._rebuild)

    def model(self) -> SuggestionsModel:
        return self._model

    def cards(self) -> list[SuggestionCard]:
        """The cards on show, best first."""
        return [c for c in self._pool if c.suggestion is not None and not c.isHidden()]

    def set_first_step(self, first_step: bool) -> None:
        """Mark the top card "Start here" (a learner who has recorded nothing yet)."""
        if first_step != self._first_step:
            self._first_step = first_step
            self._rebuild()

    @staticmethod
    def _emit(signal: SignalInstance, card: SuggestionCard) -> None:
        if card.suggestion is not None:
            signal.emit(card.suggestion)

    def _rebuild(self) -> None:
        model = self._model
        shown = [model.index(row, 0).data(OBJECT_ROLE) for row in range(min(model.rowCount(), MAX_ACTIONS))]
        focus = QApplication.focusWidget()
        had_focus = next((c for c in self._pool if focus is not None and (c is focus or c.isAncestorOf(focus))), None)
        for row, card in enumerate(self._pool):
            if row < len(shown):
                card.set_suggestion(shown[row], first_step=self._first_step and row == 0)
                card.show()
            else:
                card.suggestion = None
                card.hide()
        if had_focus is not None and had_focus.isHidden():
            # The card that had focus went (done, snoozed or dismissed): focus the last one left.
            remaining = self.cards()
            if remaining:
                remaining[-1].setFocus(Qt.FocusReason.OtherFocusReason)
