"""The five steps in order; the selected step's description, example, tasks and progress."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import ItemState, Step
from roadmap_app.ui.pages.base import Page, scrolling
from roadmap_app.ui.widgets.common import Card, ProgressBar, heading, muted_label
from roadmap_app.ui.widgets.delegates import ChecklistView, StepDelegate
from roadmap_app.ui.widgets.models import ChecklistModel, StepsModel, task_rows
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import SetGoalCommand, SetStateCommand


class RoadmapPage(Page):
    title = "Roadmap"
    listens_to = Change.PROGRESS | Change.PROFILE

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("roadmapPage")
        self.setAccessibleName("Roadmap")
        self.steps_model = StepsModel(self)
        self.steps_view = QListView()
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

        tasks = Card("Tasks")
        tasks.body.addWidget(muted_label("Keys: D done, L in progress, S skip, R reset, Space cycles."))
        self.tasks_model = ChecklistModel(self)
        self.tasks_view = ChecklistView()
        self.tasks_view.setObjectName("tasksView")
        self.tasks_view.setAccessibleName("Tasks of this step")
        self.tasks_view.setModel(self.tasks_model)
        self.tasks_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tasks_view.setFrameShape(QFrame.Shape.NoFrame)
        self.tasks_view.state_requested.connect(self._set_state)
        self.tasks_view.selectionModel().currentChanged.connect(self._show_task)
        tasks.body.addWidget(self.tasks_view, 1)
        self.task_detail = muted_label()
        tasks.body.addWidget(self.task_detail)
        body.addWidget(tasks)
        body.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
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
        self._shown_step = ""
        self.refresh()
        self.steps_view.setCurrentIndex(self.steps_model.index(self._current_row()))

    def _current_row(self) -> int:
        summary = self.ctx.services.progress.summary(self.ctx.profile_id, self.ctx.profile.current_step_id)
        return max(0, self.steps_model.row_of(summary.current_step_id))

    def on_profile_switched(self) -> None:
        self.refresh()
        self.steps_view.setCurrentIndex(self.steps_model.index(self._current_row()))

    def refresh(self) -> None:
        summary = self.ctx.services.progress.summary(self.ctx.profile_id, self.ctx.profile.current_step_id)
        self.steps_model.set_steps(summary.steps, summary.current_step_id)
        self._show_step()

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

    def _show_step(self) -> None:
        step = self.selected_step()
        if step is None:
            return
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
        states = self.ctx.services.progress.states(self.ctx.profile_id)
        current_task = self.tasks_view.current_item_id()
        rows = task_rows(step, states)
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
        task = next((t for t in self.ctx.services.roadmap.tasks if t.id == task_id), None)
        self.task_detail.setText(task.detail if task else "")

    def _set_state(self, item_id: str, state: ItemState) -> None:
        self.ctx.run(SetStateCommand(self.ctx, item_id, state))

    def _make_current(self) -> None:
        step = self.selected_step()
        if step is not None:
            self.ctx.run(SetGoalCommand(self.ctx, current_step_id=step.id))
