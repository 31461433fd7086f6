"""Today: overall and per-step progress, the ranked next actions, and recent activity."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.activity import Activity, SubjectKind, describe
from roadmap_app.domain.model import Profile, SkillGroup
from roadmap_app.domain.study import format_minutes
from roadmap_app.services import FAILURES
from roadmap_app.ui.pages.base import Page, scrolling
from roadmap_app.ui.widgets.common import (
    TARGET_ROLE,
    Card,
    ProgressBar,
    ProgressRing,
    heading,
    muted_label,
    plural,
    show_focus,
)
from roadmap_app.ui.widgets.heatmap import Heatmap, first_weekday
from roadmap_app.ui.widgets.models import Column, RecordTableModel, SuggestionsModel
from roadmap_app.ui.widgets.next_actions import NextActionsList
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator

#: The dashboard's heatmap shows this many weeks; the Time page shows the year.
STUDY_WEEKS = 26
#: Below this content width the dashboard's cards stack in one column.
ONE_COLUMN_BELOW = 900
#: On wide screens the content stays a readable column of at most this width, centred.
MAX_CONTENT_WIDTH = 1280


def studied(entries: list[Activity], kind: str) -> set[int]:
    """The records of ``kind`` that logged study time names (its entries' field: ``kind:ID``)."""
    prefix = f"{kind}:"
    return {
        int(e.field[len(prefix) :]) for e in entries if e.field.startswith(prefix) and e.field[len(prefix) :].isdigit()
    }


class DashboardPage(Page):
    title = "Dashboard"
    open_suggestion = Signal(object)  # the main window performs the action
    show_day = Signal(object)  # a day of the heatmap: the window shows it on the Time page

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("dashboardPage")
        self.setAccessibleName("Dashboard")
        # A column of at most MAX_CONTENT_WIDTH, centred: on a wide screen the bars and the
        # cards keep a readable length and the titles stay beside their reasons.
        self.column = QWidget()
        self.column.setObjectName("dashboardColumn")
        self.column.setMaximumWidth(MAX_CONTENT_WIDTH)
        outer = self._outer = QVBoxLayout(self.column)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(16)
        self.greeting = heading("", 1)
        self.where = muted_label()
        outer.addWidget(self.greeting)
        outer.addWidget(self.where)

        self.progress_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.progress_row.setSpacing(16)
        self.rings_card = Card("Progress")
        ring_row = QHBoxLayout()
        self.overall = ProgressRing("Overall", diameter=132)
        self.overall.setObjectName("overallProgress")
        self.overall.setAccessibleName("Overall progress")
        self.technical = ProgressRing("Technical skills", diameter=92)
        self.workplace = ProgressRing("Workplace skills", diameter=92)
        for ring in (self.overall, self.technical, self.workplace):
            ring_row.addWidget(ring, 0, Qt.AlignmentFlag.AlignBottom)
        self.rings_card.body.addLayout(ring_row)
        # Done skills nothing proves: what an interviewer would ask about first.
        self.unproven = muted_label()
        self.unproven.setObjectName("unprovenSkills")
        self.unproven.setWordWrap(True)
        self.unproven.setMaximumWidth(380)
        self.rings_card.body.addWidget(self.unproven)
        self.progress_row.addWidget(self.rings_card, 0)

        self.steps_card = Card("The five steps")
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
        self.steps_card.body.addLayout(self.step_grid)
        self.steps_card.body.addStretch(1)
        self.progress_row.addWidget(self.steps_card, 1)
        outer.addLayout(self.progress_row)

        self.study_card = Card("Study time")
        study_row = QHBoxLayout()
        study_row.setSpacing(24)
        self.study_heatmap = Heatmap()
        self.study_heatmap.setObjectName("dashboardHeatmap")
        # A summary: the Tab order stays on the next actions; the Time page's heatmap takes the keys.
        self.study_heatmap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.study_heatmap.day_selected.connect(self.show_day.emit)
        study_row.addWidget(self.study_heatmap, 0, Qt.AlignmentFlag.AlignTop)
        figures = QVBoxLayout()
        self.streak_label = QLabel()
        self.streak_label.setObjectName("dashboardStreak")
        self.week_label = QLabel()
        self.week_label.setObjectName("dashboardWeek")
        self.ready_label = QLabel()
        self.ready_label.setObjectName("dashboardJobReady")
        self.ready_label.setWordWrap(True)
        for label in (self.streak_label, self.week_label, self.ready_label):
            figures.addWidget(label)
        figures.addStretch(1)
        study_row.addLayout(figures, 1)
        self.study_card.body.addLayout(study_row)
        outer.addWidget(self.study_card)

        self.lower_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.lower_row.setSpacing(16)
        self.actions_card = Card("Next actions")
        self.suggestions_model = SuggestionsModel(self)
        self.next_actions = NextActionsList(self.suggestions_model)
        self.next_actions.setObjectName("nextActionsList")
        self.next_actions.setAccessibleName("Next actions")
        self.next_actions.act.connect(self.open_suggestion.emit)
        self.next_actions.snooze.connect(ctx.snooze)
        self.next_actions.dismiss.connect(ctx.dismiss)
        self.no_actions = muted_label("Nothing to suggest right now: every task of your current step is done.")
        self.actions_card.body.addWidget(self.next_actions)
        self.actions_card.body.addWidget(self.no_actions)
        self.actions_card.body.addStretch(1)
        self.lower_row.addWidget(self.actions_card, 3)

        self.recent_card = Card("Recent activity")
        self.activity_model: RecordTableModel[tuple[str, str]] = RecordTableModel(
            [Column("When", lambda r: r[0]), Column("What", lambda r: r[1])], self
        )
        self.activity_view = QTableView()
        self.activity_view.setObjectName("recentActivity")
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
        self.activity_view.setMinimumHeight(220)
        show_focus(self.activity_view)  # read-only: one Tab in, one Tab out, a visible frame
        self.recent_card.body.addWidget(self.activity_view, 1)
        self.lower_row.addWidget(self.recent_card, 2)
        outer.addLayout(self.lower_row, 1)

        centre = QWidget()
        # Side margins, set on resize, centre the column (an aligned widget would not keep
        # its height-for-width, and the wrapped reasons would be cut).
        self._centred = QHBoxLayout(centre)
        self._centred.setContentsMargins(0, 0, 0, 0)
        self._centred.addWidget(self.column)
        self.scroll_area = scrolling(centre)
        self.scroll_area.setObjectName("dashboardScroll")
        self.scroll_area.setAccessibleName("Dashboard")
        # The area itself takes no Tab stop: its cards and buttons do, and it scrolls to them.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._one_column = False
        # Built before the window's first paint, the next actions and the job-ready forecast
        # (which weigh the whole history) wait for it: progress, time and activity show at
        # once, the forecast and the actions a moment later.
        defer = not ctx.window_painted
        if defer:
            ctx.painted.connect(self._after_first_paint)
        self.refresh(forecasts=not defer)

    @property
    def one_column(self) -> bool:
        return self._one_column

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def _reflow(self, width: int) -> None:
        """Centre a capped column; one column of cards when narrow, two side by side when there is room."""
        side = max(0, (width - MAX_CONTENT_WIDTH) // 2)
        self._centred.setContentsMargins(side, 0, side, 0)
        one = min(width, MAX_CONTENT_WIDTH) < ONE_COLUMN_BELOW
        if one == self._one_column:
            return
        self._one_column = one
        direction = QBoxLayout.Direction.TopToBottom if one else QBoxLayout.Direction.LeftToRight
        self.progress_row.setDirection(direction)
        self.lower_row.setDirection(direction)
        # In one column what to do next comes first, above the fold; the progress follows.
        if one:
            self.lower_row.removeWidget(self.actions_card)
            self._outer.insertWidget(2, self.actions_card)
        else:
            self._outer.removeWidget(self.actions_card)
            self.lower_row.insertWidget(0, self.actions_card, 3)

    def attach(self, navigator: Navigator) -> None:
        self.open_suggestion.connect(navigator.perform)
        self.show_day.connect(navigator.show_study_day)

    def _after_first_paint(self) -> None:
        self.ctx.painted.disconnect(self._after_first_paint)
        # A timer the page owns: it never fires once the page is gone.
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self._suggest_after_paint)
        timer.timeout.connect(timer.deleteLater)
        timer.start(0)

    def _suggest_after_paint(self) -> None:
        # A window closed right after its first paint (--exit-after-startup, or the learner
        # quitting at once) has nobody to suggest to: the page reads them when next shown.
        if self.isVisible():
            self._refresh_forecast(self.ctx.profile)
            self.refresh_suggestions()
        else:
            self.stale = True

    def refresh(self, *, forecasts: bool = True) -> None:
        services, profile = self.ctx.services, self.ctx.profile
        roadmap = services.roadmap
        summary = services.progress.summary(profile.id, profile.current_step_id)
        current = summary.current_step
        self.greeting.setText(f"Hello, {profile.name}")
        target = ""
        career = roadmap.career_step(profile.target_career_id)
        if career is not None:
            target = f" {TARGET_ROLE}: {career.title}."
        elif profile.target_career_id:
            target = (
                f" Your {TARGET_ROLE.lower()} ({profile.target_career_id}) is no longer in the roadmap:"
                " choose another on the Career page."
            )
        self.where.setText(f"You are on step {current.number} of {len(roadmap.steps)}: {current.title}.{target}")
        overall = summary.overall
        self.overall.set_value(overall.fraction, f"{overall.done} of {plural(overall.counted, 'item')}")
        for ring, group in ((self.technical, SkillGroup.TECHNICAL), (self.workplace, SkillGroup.WORKPLACE)):
            counts = summary.skills_by_group[group]
            ring.set_value(counts.fraction, f"{counts.done} of {counts.counted} done")
        unproven = [e.title for e in services.evidence.unproven(profile.id)]
        self.unproven.setText(
            f"⚠ Unproven: {', '.join(unproven[:3])}{f' and {len(unproven) - 3} more' if len(unproven) > 3 else ''}"
            " — done, but no project, experience or credential shows it."
            if unproven
            else ""
        )
        self.unproven.setVisible(bool(unproven))
        for (step, counts), label, bar in zip(summary.steps, self.step_labels, self.step_bars, strict=True):
            is_current = step.id == current.id
            font = label.font()
            font.setBold(is_current)
            label.setFont(font)
            label.setText(f"{'▶ ' if is_current else ''}{step.number}. {step.title}")
            bar.set_value(counts.fraction, f"{counts.done}/{counts.counted} · {counts.percent}%")
        self._refresh_study(profile, forecast=forecasts)
        if forecasts:
            self.refresh_suggestions()
        entries = services.activity.recent(profile.id, limit=30)
        # Nothing recorded but the profile itself: the top next action is where to start.
        self.next_actions.set_first_step(all(e.subject_kind is SubjectKind.PROFILE for e in entries))
        # Only the projects the entries name: a long portfolio is not read for 30 titles.
        named = {e.project_id for e in entries if e.project_id is not None} | studied(entries, "project")
        projects = services.portfolio.titles(profile.id, named)
        records = {
            SubjectKind.CREDENTIAL: services.credentials.titles(
                profile.id,
                {e.record_id or 0 for e in entries if e.subject_kind is SubjectKind.CREDENTIAL}
                | studied(entries, "credential"),
            ),
            SubjectKind.EXPERIENCE: services.experience.titles(
                profile.id,
                {e.record_id or 0 for e in entries if e.subject_kind is SubjectKind.EXPERIENCE}
                | studied(entries, "experience"),
            ),
            SubjectKind.APPLICATION: services.jobs.titles(
                profile.id, {e.record_id or 0 for e in entries if e.subject_kind is SubjectKind.APPLICATION}
            ),
        }

        def title_of(entry: Activity) -> str:
            if entry.subject_kind is SubjectKind.PROJECT:
                # A deleted project is named by the title its entry kept.
                return projects.get(entry.project_id or 0) or entry.kept_title or "a deleted project"
            if entry.subject_kind in records:
                return records[entry.subject_kind].get(entry.record_id or 0) or entry.kept_title or "a deleted record"
            return roadmap.title_of(entry.subject_id)

        self.activity_model.set_rows([(f"{e.at:%d %b %H:%M}", describe(e, title_of)) for e in entries])

    def _refresh_study(self, profile: Profile, *, forecast: bool = True) -> None:
        study = self.ctx.services.study
        history = study.history(profile.id, STUDY_WEEKS, first_weekday=first_weekday())
        self.study_heatmap.set_days(history.days, first_weekday())
        self.streak_label.setText(
            f"Streak: {plural(history.current_streak, 'day')} (longest {plural(history.longest_streak, 'day')})"
        )
        goal = history.goal_minutes
        week = format_minutes(history.week_minutes)
        self.week_label.setText(f"This week: {week} of {format_minutes(goal)}" if goal else f"This week: {week}")
        if forecast or not goal:
            self._refresh_forecast(profile)
        else:
            self.ready_label.setText("Job-ready: …")  # one line, as the forecast will be

    def _refresh_forecast(self, profile: Profile) -> None:
        """The job-ready line: the pace plan at the weekly goal."""
        if not profile.weekly_goal_minutes:
            self.ready_label.setText("Set a weekly goal on the Time page to see when you are job-ready.")
            return
        study = self.ctx.services.study
        try:
            plan = study.plan(profile.id)
        except FAILURES as exc:
            self.ready_label.setText(str(exc))
            return
        self.ready_label.setText(
            f"Job-ready: {plan.job_ready_on:%d %B %Y} at {plan.hours_per_week:g} h a week"
            if plan.job_ready_on
            else "Job-ready: not with what is left open"
        )

    def refresh_suggestions(self) -> None:
        suggestions = self.ctx.next_actions(limit=6)
        self.suggestions_model.set_items(suggestions)
        self.no_actions.setVisible(not suggestions)
        self.next_actions.setVisible(bool(suggestions))
