"""The job itself: duties with examples, levels, career steps with pay, self-checks, and the learner's target."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import CareerStep, Duty, Figure, ItemState, Level, SelfCheck, UseCase
from roadmap_app.ui.pages.base import Page
from roadmap_app.ui.widgets.common import heading, muted_label
from roadmap_app.ui.widgets.models import Column, RecordTableModel
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import SetGoalCommand


def _table(model: RecordTableModel[Any], name: str, stretch: int, wrap: bool = True) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAccessibleName(name.replace("View", "").replace("_", " "))
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(wrap)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setStyleSheet("QTableView::item { padding: 5px 6px; }")
    return view


def _limit(width: int) -> Any:
    """Cap a content-sized column so the stretching one keeps room."""

    def apply(view: QTableView, column: int) -> None:
        view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, width)

    return apply


class CareerPage(Page):
    title = "Career"
    listens_to = Change.PROFILE | Change.PROGRESS

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("careerPage")
        self.setAccessibleName("Career")
        roadmap = ctx.services.roadmap
        levels = {level.id: level for level in roadmap.levels}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("The machine learning engineer's career", 1))
        layout.addWidget(muted_label(roadmap.summary))

        target_row = QHBoxLayout()
        target_label = QLabel("Your &target career step:")
        self.target_box = QComboBox()
        self.target_box.setObjectName("targetCareer")
        self.target_box.setAccessibleName("Target career step")
        target_label.setBuddy(self.target_box)
        self.target_box.addItem("Not chosen yet", "")
        for step in roadmap.career_steps:
            self.target_box.addItem(f"{step.number}. {step.title} ({step.salary.value})", step.id)
        self.target_box.activated.connect(self._choose_target)
        target_row.addWidget(target_label)
        target_row.addWidget(self.target_box)
        target_row.addStretch(1)
        layout.addLayout(target_row)
        self.target_detail = muted_label()
        layout.addWidget(self.target_detail)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Career information")
        self.steps_model: RecordTableModel[CareerStep] = RecordTableModel(
            [
                Column("Step", lambda c: str(c.number)),
                Column("Role", lambda c: c.title),
                Column("What it involves", lambda c: c.description),
                Column("Level", lambda c: levels[c.level_id].title if c.level_id in levels else ""),
                Column("Salary", lambda c: c.salary.value),
                Column("Source", lambda c: c.salary.source),
                Column("Date", lambda c: c.salary.date),
            ],
            self,
        )
        self.steps_model.set_rows(roadmap.career_steps)
        self.steps_view = _table(self.steps_model, "careerStepsView", 2)
        _limit(160)(self.steps_view, 5)
        steps_box = QWidget()
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(heading("Career steps and pay", 2))
        steps_layout.addWidget(self.steps_view, 1)

        self.duties_model: RecordTableModel[Duty] = RecordTableModel(
            [
                Column("Duty", lambda d: d.title),
                Column("What it means", lambda d: d.description),
                Column("Example", lambda d: f"{d.industry}: {d.example}" if d.industry else d.example),
            ],
            self,
        )
        self.duties_model.set_rows(roadmap.duties)
        self.duties_view = _table(self.duties_model, "dutiesView", 2)
        _limit(190)(self.duties_view, 0)
        _limit(320)(self.duties_view, 1)
        self.tabs.addTab(self.duties_view, "The seven &duties")

        self.levels_model: RecordTableModel[Level] = RecordTableModel(
            [
                Column("Level", lambda lv: lv.title),
                Column("Experience", lambda lv: lv.years),
                Column("What is expected", lambda lv: lv.description),
            ],
            self,
        )
        self.levels_model.set_rows(roadmap.levels)
        self.tabs.addTab(_table(self.levels_model, "levelsView", 2), "&Levels")

        self.figures_model: RecordTableModel[Figure] = RecordTableModel(
            [
                Column("Figure", lambda f: f.title),
                Column("Value", lambda f: f.value),
                Column("Note", lambda f: f.note),
                Column("Source", lambda f: f.source),
                Column("Date", lambda f: f.date),
            ],
            self,
        )
        self.figures_model.set_rows(roadmap.figures)
        self.figures_view = _table(self.figures_model, "figuresView", 2)
        _limit(260)(self.figures_view, 0)
        _limit(160)(self.figures_view, 3)
        self.tabs.addTab(self.figures_view, "Other &figures")

        self._skill_states: dict[str, ItemState] = {}
        self.checks_model: RecordTableModel[SelfCheck] = RecordTableModel(
            [
                Column("Can I do this yet?", lambda c: c.title),
                Column("Skills it takes (✓ done)", self._check_skills),
            ],
            self,
        )
        self.checks_model.set_rows(roadmap.self_checks)
        self.checks_view = _table(self.checks_model, "selfChecksView", 1)
        _limit(420)(self.checks_view, 0)
        self.tabs.addTab(self.checks_view, "Can I do this &yet?")

        self.uses_model: RecordTableModel[UseCase] = RecordTableModel(
            [Column("Where ML is used", lambda u: u.title), Column("For example", lambda u: u.description)],
            self,
        )
        self.uses_model.set_rows(roadmap.use_cases)
        self.uses_view = _table(self.uses_model, "useCasesView", 1)
        _limit(260)(self.uses_view, 0)
        self.tabs.addTab(self.uses_view, "&Where ML is used")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(steps_box)
        splitter.addWidget(self.tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([350, 270])
        self.splitters["main"] = splitter
        layout.addWidget(splitter, 1)
        layout.addWidget(muted_label("Pay and market figures age: each one shows its source and date."))
        self.refresh()

    def _check_skills(self, check: SelfCheck) -> str:
        roadmap = self.ctx.services.roadmap
        names = []
        for skill_id in check.skill_ids:
            title = roadmap.title_of(skill_id)
            names.append(f"✓ {title}" if self._skill_states.get(skill_id) is ItemState.DONE else title)
        return ", ".join(names)

    def refresh(self) -> None:
        states = self.ctx.services.progress.states(self.ctx.profile.id)
        self._skill_states = {item_id: p.state for item_id, p in states.items()}
        self.checks_model.set_rows(self.ctx.services.roadmap.self_checks)
        target = self.ctx.profile.target_career_id
        self.target_box.setCurrentIndex(max(0, self.target_box.findData(target)))
        step = self.ctx.services.roadmap.career_step(target) if target else None
        if step is not None:
            self.target_detail.setText(
                f"{step.description} Typical pay: {step.salary.value} ({step.salary.source}, {step.salary.date})."
            )
        elif target:
            self.target_detail.setText(
                f"The role you chose ({target}) is no longer in the roadmap; choose another one."
            )
        else:
            self.target_detail.setText("Choose the role you are aiming for; the dashboard will remind you of it.")

    def _choose_target(self, _index: int = 0) -> None:
        target = str(self.target_box.currentData() or "")
        if target != self.ctx.profile.target_career_id:
            self.ctx.run(SetGoalCommand(self.ctx, target_career_id=target))
