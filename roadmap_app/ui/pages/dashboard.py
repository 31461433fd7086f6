"""Today: overall and per-step progress, the ranked next actions, and recent activity."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.activity import Activity, SubjectKind, describe
from roadmap_app.domain.model import ItemState, SkillGroup
from roadmap_app.domain.suggestion_types import Suggestion
from roadmap_app.ui.pages.base import Page, scrolling
from roadmap_app.ui.widgets.common import Card, ProgressBar, ProgressRing, heading, muted_label
from roadmap_app.ui.widgets.models import OBJECT_ROLE, Column, RecordTableModel, SuggestionsModel
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator
from roadmap_app.ui.window.theme import state_colour

Index = QModelIndex | QPersistentModelIndex


class SuggestionCard(QWidget):
    """One next action: title, reason, and its three buttons."""

    def __init__(self, suggestion: Suggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.setAutoFillBackground(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        title = heading(suggestion.title, 3)
        reason = muted_label(suggestion.reason)
        text.addWidget(title)
        text.addWidget(reason)
        layout.addLayout(text, 1)
        self.do_button = QPushButton(suggestion.action.label or "Do it")
        self.snooze_button = QPushButton("Snooze")
        self.dismiss_button = QPushButton("Dismiss")
        for button, what in (
            (self.do_button, suggestion.action.label or "Do it"),
            (self.snooze_button, "Snooze for a week"),
            (self.dismiss_button, "Dismiss"),
        ):
            button.setAccessibleName(f"{what}: {suggestion.title}")
            button.setToolTip(what)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.do_button.setDefault(False)
        self.setAccessibleName(f"{suggestion.title}. {suggestion.reason}")


class _CardSizeDelegate(QStyledItemDelegate):
    """Rows as tall as the card widget shown over them."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        widget = self._view.indexWidget(self._view.model().index(index.row(), 0))
        width = max(200, self._view.viewport().width())
        if widget is None:
            return QSize(width, 60)
        layout = widget.layout()
        height = layout.totalHeightForWidth(width) if layout and layout.hasHeightForWidth() else -1
        return QSize(width, max(height, widget.sizeHint().height()))

    def paint(self, painter: object, option: QStyleOptionViewItem, index: Index) -> None:
        """The card widget draws the row; only the (alternating) row background is painted here."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        self._view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, opt, painter, self._view)  # type: ignore[arg-type]


class NextActionsList(QListView):
    """The ranked next actions; each row carries its own do / snooze / dismiss buttons."""

    act = Signal(object)
    snooze = Signal(object)
    dismiss = Signal(object)

    def __init__(self, model: SuggestionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_CardSizeDelegate(self))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(150)
        model.modelReset.connect(self._rebuild)

    def cards(self) -> list[SuggestionCard]:
        model = self.model()
        cards = [self.indexWidget(model.index(r, 0)) for r in range(model.rowCount())]
        return [c for c in cards if isinstance(c, SuggestionCard)]

    def _rebuild(self) -> None:
        model = self.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            suggestion = index.data(OBJECT_ROLE)
            card = SuggestionCard(suggestion)
            card.do_button.clicked.connect(lambda _=False, s=suggestion: self.act.emit(s))
            card.snooze_button.clicked.connect(lambda _=False, s=suggestion: self.snooze.emit(s))
            card.dismiss_button.clicked.connect(lambda _=False, s=suggestion: self.dismiss.emit(s))
            self.setIndexWidget(index, card)
        self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.scheduleDelayedItemsLayout()


class DashboardPage(Page):
    title = "Dashboard"
    open_suggestion = Signal(object)  # the main window performs the action

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("dashboardPage")
        self.setAccessibleName("Dashboard")
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(16)
        self.greeting = heading("", 1)
        self.where = muted_label()
        outer.addWidget(self.greeting)
        outer.addWidget(self.where)

        progress_row = QHBoxLayout()
        progress_row.setSpacing(16)
        rings = Card("Progress")
        ring_row = QHBoxLayout()
        self.overall = ProgressRing("Overall", diameter=132)
        self.overall.setObjectName("overallProgress")
        self.overall.setAccessibleName("Overall progress")
        self.technical = ProgressRing("Technical skills", diameter=92)
        self.workplace = ProgressRing("Workplace skills", diameter=92)
        for ring in (self.overall, self.technical, self.workplace):
            ring_row.addWidget(ring, 0, Qt.AlignmentFlag.AlignBottom)
        rings.body.addLayout(ring_row)
        progress_row.addWidget(rings, 0)

        steps = Card("The five steps")
        self.step_grid = QGridLayout()
        self.step_grid.setHorizontalSpacing(12)
        self.step_grid.setVerticalSpacing(8)
        self.step_labels: list[QLabel] = []
        self.step_bars: list[ProgressBar] = []
        for row, step in enumerate(ctx.services.roadmap.steps):
            label = QLabel(f"{step.number}. {step.title}")
            bar = ProgressBar(f"Step {step.number}, {step.title}")
            self.step_grid.addWidget(label, row, 0)
            self.step_grid.addWidget(bar, row, 1)
            self.step_labels.append(label)
            self.step_bars.append(bar)
        self.step_grid.setColumnStretch(1, 1)
        steps.body.addLayout(self.step_grid)
        steps.body.addStretch(1)
        progress_row.addWidget(steps, 1)
        outer.addLayout(progress_row)

        lower = QHBoxLayout()
        lower.setSpacing(16)
        actions = Card("Next actions")
        self.suggestions_model = SuggestionsModel(self)
        self.next_actions = NextActionsList(self.suggestions_model)
        self.next_actions.setObjectName("nextActionsList")
        self.next_actions.setAccessibleName("Next actions")
        self.next_actions.act.connect(self.open_suggestion.emit)
        self.next_actions.snooze.connect(ctx.snooze)
        self.next_actions.dismiss.connect(ctx.dismiss)
        self.no_actions = muted_label("Nothing to suggest right now: every task of your current step is done.")
        actions.body.addWidget(self.next_actions, 1)
        actions.body.addWidget(self.no_actions)
        lower.addWidget(actions, 3)

        recent = Card("Recent activity")
        self.activity_model: RecordTableModel[tuple[str, str]] = RecordTableModel(
            [Column("When", lambda r: r[0]), Column("What", lambda r: r[1])], self
        )
        self.activity_view = QTableView()
        self.activity_view.setModel(self.activity_model)
        self.activity_view.setAccessibleName("Recent activity")
        self.activity_view.verticalHeader().hide()
        self.activity_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.activity_view.horizontalHeader().setStretchLastSection(True)
        self.activity_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activity_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity_view.setShowGrid(False)
        self.activity_view.setAlternatingRowColors(True)
        self.activity_view.setWordWrap(False)
        recent.body.addWidget(self.activity_view, 1)
        lower.addWidget(recent, 2)
        outer.addLayout(lower, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content))
        # Built before the window's first paint, the next actions (which weigh the whole
        # history) wait for it: progress and activity show at once, the actions a moment later.
        defer = not ctx.window_painted
        if defer:
            ctx.painted.connect(self._after_first_paint)
        self.refresh(suggestions=not defer)

    def attach(self, navigator: Navigator) -> None:
        self.open_suggestion.connect(navigator.perform)

    def _after_first_paint(self) -> None:
        self.ctx.painted.disconnect(self._after_first_paint)
        # A timer the page owns: it never fires once the page is gone.
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self.refresh_suggestions)
        timer.timeout.connect(timer.deleteLater)
        timer.start(0)

    def refresh(self, *, suggestions: bool = True) -> None:
        services, profile = self.ctx.services, self.ctx.profile
        roadmap = services.roadmap
        summary = services.progress.summary(profile.id, profile.current_step_id)
        current = summary.current_step
        self.greeting.setText(f"Hello, {profile.name}")
        target = ""
        career = roadmap.career_step(profile.target_career_id)
        if career is not None:
            target = f" Your target: {career.title}."
        elif profile.target_career_id:
            target = f" Your target role ({profile.target_career_id}) is no longer in the roadmap: choose another on the Career page."
        self.where.setText(f"You are on step {current.number} of {len(roadmap.steps)}: {current.title}.{target}")
        overall = summary.overall
        self.overall.set_value(overall.fraction, f"{overall.done} of {overall.counted} items")
        palette = self.palette()
        for ring, group in ((self.technical, SkillGroup.TECHNICAL), (self.workplace, SkillGroup.WORKPLACE)):
            counts = summary.skills_by_group[group]
            ring.set_value(
                counts.fraction, f"{counts.done} of {counts.counted} done", state_colour(ItemState.DONE, palette)
            )
        for (step, counts), label, bar in zip(summary.steps, self.step_labels, self.step_bars, strict=True):
            is_current = step.id == current.id
            font = label.font()
            font.setBold(is_current)
            label.setFont(font)
            label.setText(f"{'▶ ' if is_current else ''}{step.number}. {step.title}")
            bar.set_value(
                counts.fraction,
                f"{counts.done}/{counts.counted} · {counts.percent}%",
                state_colour(ItemState.DONE, palette) if counts.complete else None,
            )
        if suggestions:
            self.refresh_suggestions()
        entries = services.activity.recent(profile.id, limit=30)
        # Only the projects the entries name: a long portfolio is not read for 30 titles.
        named = {e.project_id for e in entries if e.project_id is not None}
        projects = services.portfolio.titles(profile.id, named)

        def title_of(entry: Activity) -> str:
            if entry.subject_kind is SubjectKind.PROJECT:
                # A deleted project is named by the title its entry kept.
                return projects.get(entry.project_id or 0) or entry.kept_title or "a deleted project"
            return roadmap.title_of(entry.subject_id)

        self.activity_model.set_rows([(f"{e.at:%d %b %H:%M}", describe(e, title_of)) for e in entries])

    def refresh_suggestions(self) -> None:
        suggestions = self.ctx.next_actions(limit=6)
        self.suggestions_model.set_items(suggestions)
        self.no_actions.setVisible(not suggestions)
        self.next_actions.setVisible(bool(suggestions))
