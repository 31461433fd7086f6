"""The five steps in order; the selected step's description, example, tasks and progress, and the
selected task's state and note."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import ItemState, Progress, Step
from roadmap_app.domain.own_items import OWN_TASK_PREFIX, OwnKind, is_own
from roadmap_app.domain.progress import ProgressSummary, summarise
from roadmap_app.services import FAILURES
from roadmap_app.ui.pages.base import DetailsSplitter, Page, scrolling
from roadmap_app.ui.pages.task_done_by import TaskDoneBy
from roadmap_app.ui.widgets.archived import ArchivedProgressBox
from roadmap_app.ui.widgets.common import Card, DebouncedTextEdit, ProgressBar, heading, muted_label
from roadmap_app.ui.widgets.delegates import KEYS_HINT, ChecklistView, RowListView, StateButtons, StepDelegate
from roadmap_app.ui.widgets.models import ChecklistModel, StepsModel, task_rows
from roadmap_app.ui.widgets.own_item_actions import OwnItemActions
from roadmap_app.ui.widgets.plan_timeline import PlanTimeline
from roadmap_app.ui.widgets.records_card import RECORD_STEPS, RecordsCard
from roadmap_app.ui.widgets.resources_card import ResourcesCard
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.navigator import Navigator
from roadmap_app.ui.window.undo import SetGoalCommand, SetItemNoteCommand, SetStateCommand, item_note_key

#: Archived ids shown on this page: tasks of an earlier roadmap, and own tasks removed.
TASK_PREFIXES = ("task.", OWN_TASK_PREFIX)


class RoadmapPage(Page):
    title = "Roadmap"
    listens_to = Change.PROGRESS | Change.PROFILE | Change.PORTFOLIO | Change.TIME
    log_time = Signal(str)  # an item id: the window opens the Time page for it

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: The task whose state and note the controls under the list show.
        self._shown_task = ""
        #: The step whose tasks the list shows.
        self._shown_step = ""
        self.setObjectName("roadmapPage")
        self.setAccessibleName("Roadmap")
        self.steps_model = StepsModel(self)
        self.steps_view = RowListView()
        self.steps_view.setObjectName("stepsView")
        self.steps_view.setAccessibleName("Steps")
        self.steps_view.setModel(self.steps_model)
        self.steps_view.setItemDelegate(StepDelegate(self.steps_view))
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps_view.setMinimumWidth(240)

        detail = QWidget()
        body = QVBoxLayout(detail)
        body.setContentsMargins(20, 16, 20, 16)
        body.setSpacing(10)
        top = QHBoxLayout()
        self.step_title = heading("", 1)
        self.current_button = QPushButton("This is where I am")
        self.current_button.setAccessibleName("Make this my current step")
        self.current_button.setToolTip("Tell Roadmap that you are working on this step")
        self.current_button.clicked.connect(self._make_current)
        top.addWidget(self.step_title, 1)
        top.addWidget(self.current_button, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(top)
        self.step_status = muted_label()
        body.addWidget(self.step_status)
        self.progress = ProgressBar("Progress of this step")
        body.addWidget(self.progress)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.addWidget(self.description)
        example = Card("Example")
        self.example = QLabel()
        self.example.setWordWrap(True)
        example.body.addWidget(self.example)
        body.addWidget(example)
        # Step 1 lists the learner's credentials, step 3 their projects, step 4 their experience.
        self.records_card = RecordsCard(ctx)
        self.records_card.hide()
        body.addWidget(self.records_card)

        self.plan_card = Card("Pace plan")
        self.plan_summary = muted_label()
        self.plan_summary.setObjectName("planSummary")
        self.plan_card.body.addWidget(self.plan_summary)
        self.plan_timeline = PlanTimeline()
        self.plan_card.body.addWidget(self.plan_timeline)

        tasks = Card("Tasks")
        hint_row = QHBoxLayout()
        self.keys_hint = muted_label(KEYS_HINT)
        hint_row.addWidget(self.keys_hint, 1)
        self.own_items = OwnItemActions(ctx, OwnKind.TASK, self)
        self.add_task_button = QPushButton("Add task…")
        self.add_task_button.setObjectName("addTaskButton")
        self.add_task_button.setAccessibleName("Add a task of your own to this step")
        self.add_task_button.setToolTip("Add a task of your own to this step")
        self.add_task_button.clicked.connect(lambda: self.own_items.add(self._shown_step))
        hint_row.addWidget(self.add_task_button, 0, Qt.AlignmentFlag.AlignTop)
        tasks.body.addLayout(hint_row)
        self.tasks_model = ChecklistModel(self)
        self.tasks_view = ChecklistView()
        self.tasks_view.setObjectName("tasksView")
        self.tasks_view.setAccessibleName("Tasks of this step")
        self.tasks_view.setModel(self.tasks_model)
        self.tasks_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tasks_view.setFrameShape(QFrame.Shape.NoFrame)
        self.tasks_view.state_requested.connect(self._set_state)
        self.tasks_view.selectionModel().currentChanged.connect(self._show_task)
        self.own_items.attach_menu(self.tasks_view, lambda _task: self._shown_step)
        tasks.body.addWidget(self.tasks_view, 1)
        self.task_detail = muted_label()
        tasks.body.addWidget(self.task_detail)
        # The same controls as a skill's: its state as buttons, and a note saved as you type.
        self.task_states = StateButtons("task")
        self.task_states.setObjectName("taskStates")
        self.task_states.state_chosen.connect(lambda s: self._set_state(self._shown_task, s))
        task_row = QHBoxLayout()
        task_row.addWidget(self.task_states, 1)
        self.log_task_time = QPushButton("Log time…")
        self.log_task_time.setAccessibleName("Log study time on this task")
        self.log_task_time.clicked.connect(lambda: self.log_time.emit(self._shown_task))
        task_row.addWidget(self.log_task_time, 0, Qt.AlignmentFlag.AlignTop)
        # Steps 1, 3 and 4: the credential, project or experience that did the task.
        self.done_by = TaskDoneBy(ctx, self.tasks_view, self)
        task_row.addWidget(self.done_by.button, 0, Qt.AlignmentFlag.AlignTop)
        tasks.body.addLayout(task_row)
        self.task_note_label = QLabel("Your &note on this task")
        tasks.body.addWidget(self.task_note_label)
        self.task_note = DebouncedTextEdit()
        self.task_note.setObjectName("taskNote")
        self.task_note.setAccessibleName("Note on this task")
        self.task_note.setPlaceholderText("What you did, where, what is left… (saved as you type)")
        self.task_note.setMinimumHeight(90)
        self.task_note.setMaximumHeight(160)
        self.task_note.save_requested.connect(self._save_note)
        self.task_note_label.setBuddy(self.task_note)
        tasks.body.addWidget(self.task_note)
        self.task_resources = ResourcesCard(ctx)
        self.task_resources.setObjectName("taskResources")
        tasks.body.addWidget(self.task_resources)
        body.addWidget(tasks)
        # Tasks an earlier roadmap had, or own tasks removed: their state and note, read-only.
        self.archived_box = ArchivedProgressBox(name="archivedTasks")
        body.addWidget(self.archived_box)
        body.addWidget(self.plan_card)
        body.addStretch(1)

        splitter = DetailsSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps_view)
        splitter.addWidget(scrolling(detail))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 700])
        splitter.setChildrenCollapsible(False)
        self.splitters["main"] = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.steps_view.selectionModel().currentChanged.connect(lambda *_: self._show_step())
        self.refresh()
        self.steps_view.setCurrentIndex(self.steps_model.index(self._current_row()))

    def attach(self, navigator: Navigator) -> None:
        self.log_time.connect(navigator.log_time_for)
        self.records_card.open_project.connect(lambda project_id: navigator.show_project(project_id))
        self.records_card.new_project.connect(navigator.new_project)

    def _current_row(self) -> int:
        summary = self.ctx.services.progress.summary(self.ctx.profile_id, self.ctx.profile.current_step_id)
        return max(0, self.steps_model.row_of(summary.current_step_id))

    def on_profile_switched(self) -> None:
        self.task_note.set_saved_text("", force=True)
        self._shown_task = ""
        self.refresh()
        self.steps_view.setCurrentIndex(self.steps_model.index(self._current_row()))

    def refresh(self) -> None:
        # One read of the states for the steps, the selected step and its tasks.
        states = self.ctx.services.progress.states(self.ctx.profile_id)
        summary = summarise(self.ctx.services.roadmap, states, self.ctx.profile.current_step_id)
        self.steps_model.set_steps(summary.steps, summary.current_step_id)
        self._show_archived()
        self._show_step(summary, states)
        self._show_plan()

    def _show_archived(self) -> None:
        roadmap = self.ctx.services.roadmap
        archived = [
            p for p in self.ctx.services.progress.archived(self.ctx.profile_id) if p.item_id.startswith(TASK_PREFIXES)
        ]
        self.archived_box.set_progress(archived, {p.item_id: roadmap.title_of(p.item_id) for p in archived})

    def _show_plan(self) -> None:
        profile = self.ctx.profile
        if not profile.weekly_goal_minutes:
            self.plan_summary.setText(
                "Set a weekly study goal on the Time page to see when each step finishes and when you are job-ready."
            )
            self.plan_timeline.set_plan(None)
            self.plan_timeline.hide()
            return
        try:
            plan = self.ctx.services.study.plan(profile.id)
        except FAILURES as exc:
            self.plan_summary.setText(str(exc))
            self.plan_timeline.hide()
            return
        ready = (
            f"job-ready on {plan.job_ready_on:%d %B %Y}"
            if plan.job_ready_on
            else "not job-ready with what is left open"
        )
        also = f", once you also have {plan.also_needed[0]}" if plan.also_needed else ""
        self.plan_summary.setText(
            f"At {plan.hours_per_week:g} h a week you are {ready}{also}; {plan.remaining_hours:.0f} h of work remain. "
            f"Estimates: {plan.pace_basis}."
        )
        self.plan_timeline.set_plan(plan, profile.ready_by)
        self.plan_timeline.show()

    def selected_step(self) -> Step | None:
        index = self.steps_view.currentIndex()
        return self.steps_model.step(index.row()) if index.isValid() else None

    def select_step(self, step_id: str) -> None:
        row = self.steps_model.row_of(step_id)
        if row >= 0:
            self.steps_view.setCurrentIndex(self.steps_model.index(row))

    def select_task(self, task_id: str) -> bool:
        item = self.ctx.services.roadmap.item(task_id)
        if item is None or not item.step_id:
            return False
        self.select_step(item.step_id)
        row = self.tasks_model.row_of(task_id)
        if row < 0:
            return False
        self.tasks_view.selectionModel().setCurrentIndex(
            self.tasks_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.tasks_view.setFocus()
        return True

    def _show_step(self, summary: ProgressSummary | None = None, states: dict[str, Progress] | None = None) -> None:
        """The selected step's tasks and progress; ``summary`` and ``states`` when the caller
        has just read them."""
        step = self.selected_step()
        if step is None:
            return
        if summary is None:
            summary = self.ctx.services.progress.summary(self.ctx.profile_id, self.ctx.profile.current_step_id)
        counts = summary.step_tally(step.id)
        is_current = step.id == summary.current_step_id
        self.step_title.setText(f"Step {step.number}: {step.title}")
        status = f"{counts.done} of {counts.counted} tasks done"
        if counts.in_progress:
            status += f", {counts.in_progress} in progress"
        self.step_status.setText(("You are here. " if is_current else "") + status + ".")
        self.current_button.setEnabled(step.id != self.ctx.profile.current_step_id)
        self.progress.set_value(counts.fraction, f"{counts.done}/{counts.counted} · {counts.percent}%")
        self.description.setText(step.description)
        self.example.setText(step.example)
        record_kind = RECORD_STEPS.get(step.id)
        by_record = f" B = Done by your {record_kind}…" if record_kind else ""
        self.keys_hint.setText(KEYS_HINT + by_record)
        self.records_card.setVisible(record_kind is not None)
        if record_kind is not None:
            self.records_card.show_kind(record_kind)
        if states is None:
            states = self.ctx.services.progress.states(self.ctx.profile_id)
        current_task = self.tasks_view.current_item_id()
        rows = task_rows(step, states, self.ctx.services.task_links.all(self.ctx.profile_id))
        if step.id != self._shown_step:
            self.tasks_model.set_rows(rows)
            self._shown_step = step.id
            self.tasks_view.setCurrentIndex(self.tasks_model.index(0))
        else:
            self.tasks_model.update_rows(rows)
            if current_task and self.tasks_model.row_of(current_task) >= 0:
                self.tasks_view.setCurrentIndex(self.tasks_model.index(self.tasks_model.row_of(current_task)))
        rows_height = sum(self.tasks_view.sizeHintForRow(r) for r in range(self.tasks_model.rowCount()))
        self.tasks_view.setFixedHeight(rows_height + 2 * self.tasks_view.frameWidth() + 4)
        self._show_task()

    def _show_task(self, *_: object) -> None:
        task_id = self.tasks_view.current_item_id()
        if task_id != self._shown_task:
            # Typing on the task shown until now is saved before another task's note loads.
            self.task_note.flush()
        task = self.ctx.services.roadmap.task(task_id)
        self.log_task_time.setEnabled(task is not None)
        self.done_by.show_task(task.id if task else "")
        estimate = f"\n\nEstimate: {task.effort.hours:g} h ({task.effort.basis})." if task and task.effort else ""
        own = "\n\nYour own task: edit or remove it from its context menu." if task and is_own(task.id) else ""
        self.task_detail.setText(f"{task.detail}{estimate}{own}".strip() if task else "")
        if task is None:
            self.task_states.set_state(None)
            self.task_note.set_saved_text("", force=True)
            self.task_note.setEnabled(False)
            self.task_resources.show_item("")
            self._shown_task = ""
            return
        self.task_resources.show_item(task.id)
        progress = self.ctx.services.progress.get(self.ctx.profile_id, task.id)
        self.task_states.set_state(progress.state)
        self.task_note.setEnabled(True)
        text, kept = self.ctx.kept_text(item_note_key(self.ctx.profile_id, task.id), progress.note)
        if task.id != self._shown_task:
            self.task_note.load(text, unsaved=kept, force=True)
            self._shown_task = task.id
        else:
            self.task_note.load(text, unsaved=kept)

    def current_task_id(self) -> str:
        """The task whose state buttons and note are shown ("" when none)."""
        return self._shown_task

    def _set_state(self, item_id: str, state: ItemState) -> None:
        if item_id:
            self.ctx.run(SetStateCommand(self.ctx, item_id, state))

    def _save_note(self, text: str) -> None:
        if self._shown_task:
            self.ctx.run(SetItemNoteCommand(self.ctx, self._shown_task, text))

    def flush(self) -> None:
        self.task_note.flush()

    def _make_current(self) -> None:
        step = self.selected_step()
        if step is not None:
            self.ctx.run(SetGoalCommand(self.ctx, current_step_id=step.id))
