"""Time: log study by hand or with the timer, the history heatmap, streaks, the week and the goal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.study import MAX_HOURS_PER_WEEK, MINUTES_PER_DAY, StudySession, Timer, format_minutes
from roadmap_app.services import FAILURES
from roadmap_app.ui.pages.base import Page, scrolling
from roadmap_app.ui.widgets.common import Card, ProgressBar, fit_columns, heading, muted_label, plural, show_focus
from roadmap_app.ui.widgets.heatmap import Heatmap, first_weekday
from roadmap_app.ui.widgets.models import Column, RecordTableModel
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import SetGoalCommand
from roadmap_app.ui.window.undo_time import DeleteSessionCommand, LogTimeCommand, StopTimerCommand

MAX_CONTENT_WIDTH = 1100
#: A card beside others gets at least this much, or the row stacks: narrower, its text
#: wraps a word to a line.
CARD_FLOOR_WIDTH = 200
#: Changes to study time alone: they leave the subjects time can be logged on as they are.
STUDY_ONLY = Change.TIME | Change.SUGGESTIONS


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class TimePage(Page):
    title = "Time"
    listens_to = Change.TIME | Change.PROFILE | Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("timePage")
        self.setAccessibleName("Time")
        column = QWidget()
        column.setMaximumWidth(MAX_CONTENT_WIDTH)
        self.column_layout = outer = QVBoxLayout(column)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(16)
        outer.addWidget(heading("Time", 1))
        outer.addWidget(muted_label("Log what you study, by hand or with the timer, and see your momentum."))

        # Side by side where the window has room, one above the other where it has not
        # (a half screen): see `_reflow`.
        self.figures_row = figures = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        figures.setSpacing(16)
        self.streak_card = Card("Streak")
        self.streak = heading("", 2)
        self.streak.setObjectName("currentStreak")
        self.longest = muted_label()
        self.streak_card.body.addWidget(self.streak)
        self.streak_card.body.addWidget(self.longest)
        self.streak_card.body.addStretch(1)
        figures.addWidget(self.streak_card, 1)
        self.week_card = Card("This week")
        self.week_bar = ProgressBar("This week against your goal")
        self.week_bar.setObjectName("weekAgainstGoal")
        self.week_text = muted_label()
        self.week_card.body.addWidget(self.week_bar)
        self.week_card.body.addWidget(self.week_text)
        self.week_card.body.addStretch(1)
        figures.addWidget(self.week_card, 2)
        figures.addWidget(self._goal_card(), 2)
        outer.addLayout(figures)

        self.lower_row = lower = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        lower.setSpacing(16)
        lower.addWidget(self._log_card(), 1)
        self.groups_card = Card("Minutes per skill group, last 12 weeks")
        self.groups_model: RecordTableModel[tuple[str, int]] = RecordTableModel(
            [Column("Group", lambda r: r[0]), Column("Time", lambda r: format_minutes(r[1]))], self
        )
        self.groups_view = self._table(self.groups_model, "Minutes per skill group")
        self.groups_card.body.addWidget(self.groups_view)
        lower.addWidget(self.groups_card, 1)
        outer.addLayout(lower)

        self.history_card = Card("History")
        self.heatmap = Heatmap()
        self.heatmap.day_selected.connect(self._show_day)
        self.history_card.body.addWidget(self.heatmap)
        row = QHBoxLayout()
        self.day_label = heading("", 3)
        row.addWidget(self.day_label, 1)
        self.save_png = QPushButton("Save as PNG…")
        self.save_png.setAccessibleName("Save the heatmap as PNG")
        self.save_png.clicked.connect(self._save_png)
        row.addWidget(self.save_png)
        self.history_card.body.addLayout(row)
        self.day_model: RecordTableModel[StudySession] = RecordTableModel(
            [
                Column("Time", lambda s: format_minutes(s.minutes)),
                Column("For", lambda s: s.title or "—"),
                Column("Note", lambda s: s.note.splitlines()[0] if s.note else ""),
            ],
            self,
        )
        self.day_view = self._table(self.day_model, "Study sessions of the chosen day")
        self.day_view.setObjectName("daySessions")
        self.day_view.setMinimumHeight(120)
        self.day_changes = muted_label()
        self.delete_session = QPushButton("Delete session")
        self.delete_session.setAccessibleName("Delete the selected session")
        self.delete_session.setEnabled(False)
        self.delete_session.clicked.connect(self._delete_session)
        self.day_view.selectionModel().selectionChanged.connect(
            lambda *_: self.delete_session.setEnabled(self.day_view.selectionModel().hasSelection())
        )
        self.history_card.body.addWidget(self.day_view)
        below = QHBoxLayout()
        below.addWidget(self.day_changes, 1)
        below.addWidget(self.delete_session)
        self.history_card.body.addLayout(below)
        outer.addWidget(self.history_card)
        outer.addStretch(1)

        centre = QWidget()
        centred = QHBoxLayout(centre)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(column)
        self.scroll_area = area = scrolling(centre)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)

        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_timer)
        self._timer: Timer | None = None
        self.refresh()

    # --- building -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def _reflow(self, width: int) -> None:
        """Each row of cards side by side when every card gets its room, else stacked."""
        margins = self.column_layout.contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = min(width - bar, MAX_CONTENT_WIDTH) - margins.left() - margins.right()
        for row in (self.figures_row, self.lower_row):
            cards = [item.widget() for item in map(row.itemAt, range(row.count())) if item is not None]
            widths = [max(CARD_FLOOR_WIDTH, card.minimumSizeHint().width()) for card in cards if card is not None]
            need = sum(widths) + row.spacing() * (len(widths) - 1)
            direction = QBoxLayout.Direction.TopToBottom if room < need else QBoxLayout.Direction.LeftToRight
            if row.direction() != direction:
                row.setDirection(direction)

    def one_column(self) -> bool:
        """Whether the cards stand one above the other (the window is narrow)."""
        return self.figures_row.direction() == QBoxLayout.Direction.TopToBottom

    def _table(self, model: RecordTableModel, name: str) -> QTableView:  # type: ignore[type-arg]
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        # The first column fits its rows as they are set (fit_columns), before the next paint.
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        show_focus(view)
        return view

    def _goal_card(self) -> Card:
        card = Card("Goal")
        form = QFormLayout()
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("weeklyGoalHours")
        self.hours.setRange(0, MAX_HOURS_PER_WEEK)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" h a week")
        self.hours.setSpecialValueText("No weekly goal")
        self.hours.setAccessibleName("Weekly study goal in hours")
        form.addRow("Weekly goal", self.hours)
        self.min_minutes = QSpinBox()
        self.min_minutes.setRange(1, MINUTES_PER_DAY)
        self.min_minutes.setSuffix(" min")
        self.min_minutes.setAccessibleName("A day counts towards a streak from this many minutes")
        form.addRow("A day counts from", self.min_minutes)
        # Today, the lowest day it takes, reads "Not set": a ready-by day is always a later one.
        self.ready_by = QDateEdit()
        self.ready_by.setObjectName("readyBy")
        self.ready_by.setCalendarPopup(True)
        self.ready_by.setDisplayFormat("yyyy-MM-dd")
        self.ready_by.setSpecialValueText("Not set")
        self.ready_by.setAccessibleName("The day you want to be ready to apply")
        form.addRow("Ready to apply by", self.ready_by)
        card.body.addLayout(form)
        self.save_goal = QPushButton("Save goal")
        self.save_goal.setAccessibleName("Save goal")
        self.save_goal.clicked.connect(self._save_goal)
        card.body.addWidget(self.save_goal, 0, Qt.AlignmentFlag.AlignRight)
        return card

    def _log_card(self) -> Card:
        card = Card("Log time")
        form = QFormLayout()
        self.minutes = QSpinBox()
        self.minutes.setObjectName("logMinutes")
        self.minutes.setRange(1, MINUTES_PER_DAY)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes studied")
        form.addRow("Minutes", self.minutes)
        self.subject = QComboBox()
        self.subject.setObjectName("logSubject")
        self.subject.setAccessibleName("What the time was for")
        # Some titles are long: the box takes the room there is, not its longest title's.
        self.subject.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.subject.setMinimumContentsLength(16)
        form.addRow("For", self.subject)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName("The day studied")
        form.addRow("Day", self.day)
        self.note = QLineEdit()
        self.note.setPlaceholderText("What you did (optional)")
        self.note.setAccessibleName("Note")
        form.addRow("Note", self.note)
        card.body.addLayout(form)
        self.log_button = QPushButton("Log time")
        self.log_button.setAccessibleName("Log time")
        self.log_button.setObjectName("logTimeButton")
        self.log_button.setDefault(True)
        self.log_button.clicked.connect(self._log)
        card.body.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignRight)

        timer_row = QHBoxLayout()
        self.timer_label = QLabel("Timer: not running")
        self.timer_label.setObjectName("timerLabel")
        timer_row.addWidget(self.timer_label, 1)
        self.start_button = QPushButton("Start timer")
        self.start_button.setAccessibleName("Start or pause the timer")
        self.start_button.setObjectName("startTimer")
        self.start_button.clicked.connect(self._start_or_pause)
        self.stop_button = QPushButton("Stop and log")
        self.stop_button.setAccessibleName("Stop the timer and log its time")
        self.stop_button.setObjectName("stopTimer")
        self.stop_button.clicked.connect(self._stop)
        timer_row.addWidget(self.start_button)
        timer_row.addWidget(self.stop_button)
        card.body.addLayout(timer_row)
        # Beside a taller card, the room left over goes below, not between the title and the form.
        card.body.addStretch(1)
        return card

    # --- reading ------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        # Time logged, deleted or stopped changes no task, skill, project or record the
        # time can be for: the list of those is kept, the rest read again.
        if change & self.listens_to and not change & ~STUDY_ONLY and self.isVisible():
            self._show_study()
            return
        super()._on_changed(change)

    def refresh(self) -> None:
        self._fill_subjects()
        self._show_study()

    def _show_study(self) -> None:
        """Everything on the page but the list of what time can be for."""
        services, profile = self.ctx.services, self.ctx.profile
        today = services.study.now().date()
        # A box given the range or value it has already is left alone: set again, it repaints.
        if self.day.maximumDate() != to_qdate(today):
            self.day.setMaximumDate(to_qdate(today))
        if from_qdate(self.day.date()) > today or self.day.date() == QDate(2000, 1, 1):
            self.day.setDate(to_qdate(today))
        if self.ready_by.minimumDate() != to_qdate(today):
            self.ready_by.setMinimumDate(to_qdate(today))
        history = services.study.history(profile.id, first_weekday=first_weekday())
        self.heatmap.set_days(history.days, first_weekday())
        self.streak.setText(plural(history.current_streak, "day"))
        self.longest.setText(
            f"Longest: {plural(history.longest_streak, 'day')}. A day counts from {history.min_minutes} min."
        )
        goal = history.goal_minutes
        if goal:
            self.week_bar.set_value(
                min(1.0, history.week_minutes / goal), f"{round(100 * history.week_minutes / goal)}%"
            )
            self.week_text.setText(f"{format_minutes(history.week_minutes)} of your {format_minutes(goal)} this week.")
        else:
            self.week_bar.set_value(0.0, "")
            self.week_text.setText(
                f"{format_minutes(history.week_minutes)} this week. Set a weekly goal to see it against one."
            )
        if self.hours.value() != round(profile.weekly_goal_minutes / 60, self.hours.decimals()):
            self.hours.setValue(profile.weekly_goal_minutes / 60)
        if self.min_minutes.value() != profile.min_minutes_per_day:
            self.min_minutes.setValue(profile.min_minutes_per_day)
        # A ready-by day that has passed shows as not set, until a new one is chosen.
        ready = profile.ready_by if profile.ready_by and profile.ready_by > today else None
        shown_ready = to_qdate(ready) if ready else to_qdate(today)
        if self.ready_by.date() != shown_ready:
            self.ready_by.setDate(shown_ready)
        since = today.fromordinal(today.toordinal() - 12 * 7 + 1)
        self.groups_model.set_rows(services.study.minutes_by_group(profile.id, since))
        fit_columns(self.groups_view, [0])
        self._show_day(self.heatmap.selected or today)
        self._timer = services.study.timer(profile.id)
        self._show_timer()

    def _fill_subjects(self) -> None:
        roadmap = self.ctx.services.roadmap
        current = self.subject.currentData()
        self.subject.blockSignals(True)
        self.subject.clear()
        self.subject.addItem("Nothing in particular", "")
        for step in roadmap.steps:
            for task in step.tasks:
                self.subject.addItem(f"Task: {task.title}", task.id)
        for skill in roadmap.skills:
            self.subject.addItem(f"Skill: {skill.title}", skill.id)
        services, profile_id = self.ctx.services, self.ctx.profile_id
        for project in services.portfolio.projects(profile_id, limit=200):
            self.subject.addItem(f"Project: {project.title}", f"project:{project.id}")
        for credential in services.credentials.list(profile_id):
            self.subject.addItem(f"Credential: {credential.title}", f"credential:{credential.id}")
        for experience in services.experience.list(profile_id):
            self.subject.addItem(f"Experience: {experience.title}", f"experience:{experience.id}")
        found = self.subject.findData(current) if current is not None else 0
        self.subject.setCurrentIndex(max(0, found))
        self.subject.blockSignals(False)

    def select_subject(self, subject: str) -> None:
        """Choose what the time is for, such as the item selected on another page."""
        found = self.subject.findData(subject)
        if found >= 0:
            self.subject.setCurrentIndex(found)

    def show_day(self, day: date) -> None:
        """Choose a day on the heatmap and list what was done on it."""
        self.heatmap.select(day)
        self._show_day(day)

    def _show_day(self, day: date) -> None:
        services = self.ctx.services
        sessions = services.study.sessions(self.ctx.profile_id, start=day, end=day)
        self.day_model.set_rows(sessions)
        fit_columns(self.day_view, [0])
        total = sum(s.minutes for s in sessions)
        self.day_label.setText(f"{day:%A %d %B %Y}: {format_minutes(total) if total else 'no study logged'}")
        found = self.heatmap.day(day)
        changes = found.changes if found else 0
        self.day_changes.setText(f"{plural(changes, 'other change')} that day." if changes else "")
        self.delete_session.setEnabled(False)

    def _show_timer(self) -> None:
        timer = self._timer
        if timer is None:
            self.timer_label.setText("Timer: not running")
            self.start_button.setText("Start timer")
            self.stop_button.setEnabled(False)
            self.tick.stop()
            return
        seconds = timer.elapsed_seconds(self.ctx.services.study.now())
        hours, rest = divmod(seconds, 3600)
        text = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
        state = "running" if timer.running else "paused"
        about = self.subject.itemText(max(0, self.subject.findData(str(timer.subject)))) if timer.subject.id else ""
        self.timer_label.setText(f"Timer {state}: {text}" + (f" on {about}" if about else ""))
        self.start_button.setText("Pause" if timer.running else "Resume")
        self.stop_button.setEnabled(True)
        if timer.running and not self.tick.isActive():
            self.tick.start()
        elif not timer.running:
            self.tick.stop()

    # --- changing -----------------------------------------------------------------------

    def _log(self) -> None:
        command = LogTimeCommand(
            self.ctx,
            self.minutes.value(),
            self.subject.currentData() or "",
            from_qdate(self.day.date()),
            self.note.text(),
        )
        if self.ctx.run(command):
            self.note.clear()

    def _start_or_pause(self) -> None:
        study, profile_id = self.ctx.services.study, self.ctx.profile_id
        try:
            if self._timer is None:
                self._timer = study.start_timer(profile_id, self.subject.currentData() or "")
            elif self._timer.running:
                self._timer = study.pause_timer(profile_id)
            else:
                self._timer = study.resume_timer(profile_id)
        except FAILURES as exc:
            self.ctx.report(exc)
            self._timer = study.timer(profile_id)
        self._show_timer()

    def _stop(self) -> None:
        self.ctx.run(StopTimerCommand(self.ctx, self.note.text()))
        self._timer = self.ctx.services.study.timer(self.ctx.profile_id)
        self._show_timer()

    def _delete_session(self) -> None:
        rows = self.day_view.selectionModel().selectedRows()
        if rows:
            self.ctx.run(DeleteSessionCommand(self.ctx, self.day_model.record(rows[0].row()).id))

    def _save_goal(self) -> None:
        chosen = self.ready_by.date()
        ready = from_qdate(chosen) if chosen != self.ready_by.minimumDate() else None
        profile = self.ctx.profile
        self.ctx.run(
            SetGoalCommand(
                self.ctx,
                weekly_goal_minutes=round(self.hours.value() * 60),
                min_minutes_per_day=self.min_minutes.value(),
                ready_by=ready if ready != profile.ready_by else None,
                clear_ready_by=ready is None and profile.ready_by is not None,
            )
        )

    def _save_png(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the heatmap", str(Path.home() / "roadmap-history.png"), "PNG image (*.png)"
        )
        if chosen and not self.heatmap.save_png(Path(chosen)):
            self.ctx.report(OSError(f"cannot write {chosen}; choose another folder"))
