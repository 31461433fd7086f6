"""First run: name the profile and say where you stand. Everything here can be skipped."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.study import MAX_HOURS_PER_WEEK
from roadmap_app.services import FAILURES
from roadmap_app.ui.widgets.common import NO_TARGET, TARGET_ROLE, heading, muted_label
from roadmap_app.ui.window.context import Change, LearnerContext

#: What the weekly-hours box suggests: about an hour a day, a pace many part-time learners keep.
DEFAULT_WEEKLY_HOURS = 6.0


class WelcomeDialog(QDialog):
    """Asks for a name, the step the learner is on, the career step they aim for and their weekly hours."""

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roadmap = ctx.services.roadmap
        self.setWindowTitle("Welcome to Roadmap")
        self.setAccessibleName("Welcome")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading("Welcome to Roadmap", 1))
        layout.addWidget(
            muted_label(
                f"{roadmap.summary}\n\nTell us where you stand and we will suggest what to do next. "
                "You can change all of this later."
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit(ctx.profile.name)
        self.name_edit.setAccessibleName("Your name")
        form.addRow("Your &name", self.name_edit)
        self.step_box = QComboBox()
        self.step_box.setAccessibleName("The step you are on")
        for step in roadmap.steps:
            self.step_box.addItem(f"{step.number}. {step.title}", step.id)
        self.step_box.setCurrentIndex(max(0, self.step_box.findData(ctx.profile.current_step_id)))
        form.addRow("The &step you are on", self.step_box)
        self.target_box = QComboBox()
        self.target_box.setAccessibleName(TARGET_ROLE)
        self.target_box.addItem(NO_TARGET, "")
        for career in roadmap.career_steps:
            self.target_box.addItem(career.title, career.id)
        # A new profile already aims for the job the roadmap leads to: it shows preselected.
        self.target_box.setCurrentIndex(max(0, self.target_box.findData(ctx.profile.target_career_id)))
        form.addRow(f"&{TARGET_ROLE}", self.target_box)
        self.hours_box = QDoubleSpinBox()
        self.hours_box.setObjectName("welcomeHours")
        self.hours_box.setAccessibleName("Hours a week you can study")
        self.hours_box.setRange(0, MAX_HOURS_PER_WEEK)
        self.hours_box.setDecimals(1)
        self.hours_box.setSingleStep(1)
        self.hours_box.setSuffix(" h a week")
        self.hours_box.setSpecialValueText("Not sure yet")
        self.hours_box.setValue(ctx.profile.weekly_goal_minutes / 60 or DEFAULT_WEEKLY_HOURS)
        self.hours_box.setToolTip("Your weekly goal: the plan says when you are job-ready at this pace")
        form.addRow("&Hours a week you can study", self.hours_box)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setAccessibleName(widget.text().replace("&", ""))
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName("Start with these answers")
        self.skip_button = buttons.addButton("Skip", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName("Skip the questions")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = muted_label()
        layout.addWidget(self.error)
        self.resize(520, 360)

    def accept(self) -> None:
        services, profile = self.ctx.services, self.ctx.profile
        try:
            if self.name_edit.text().strip() and self.name_edit.text().strip() != profile.name:
                services.profiles.rename(profile.id, self.name_edit.text())
            services.profiles.set_goal(
                profile.id,
                current_step_id=str(self.step_box.currentData()),
                target_career_id=str(self.target_box.currentData()),
                weekly_goal_minutes=round(self.hours_box.value() * 60),
            )
        except FAILURES as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify(Change.ALL)
        super().accept()
