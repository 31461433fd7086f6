"""The job itself: duties with examples, levels, career steps with pay, self-checks, and the learner's target."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
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
from roadmap_app.ui.widgets.common import NO_TARGET, TARGET_ROLE, heading, muted_label, show_focus
from roadmap_app.ui.widgets.models import Column, RecordTableModel
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import SetGoalCommand


class Fit(Enum):
    """How a column of a reading table takes its width."""

    CONTENT = "content"  # short values (a number, a date, a level): as wide as the longest
    WRAP = "wrap"  # a name or source: up to a cap, narrower (wrapping) when room is short
    LONG = "long"  # the sentences: the rest, and never less than a good share


#: The least share of the width the long columns keep together, however many others there are.
LONG_SHARE = 0.4
#: A row never grows past this many lines; the cell's tooltip shows the rest.
MAX_ROW_LINES = 4


class ReadingTable(QTableView):
    """A read-only table of records whose column widths follow their content.

    Short columns fit their values, names wrap under a cap, and the long text takes the
    rest (at least LONG_SHARE of it), so at 1024 px nothing shrinks to "Wha" and the rows
    stay a few lines high. Tab enters and leaves it in one stop; arrows move inside.
    """

    def __init__(self, model: RecordTableModel[Any], name: str, fits: Sequence[tuple[Fit, int]]) -> None:
        super().__init__()
        self._fits = list(fits)
        # The width the columns and rows were last fitted to: showing the page again at the
        # same width, with the same rows, keeps them (a fit measures every cell's text).
        self._fitted_width: int | None = None
        # The columns' (one-line width, longest word), measured once per rows, font and style:
        # a window being resized fits again at every step.
        self._naturals: list[tuple[int, int]] | None = None
        self.setObjectName(name)
        self.setModel(model)
        self.setAccessibleName(name.replace("View", "").replace("_", " "))
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Side padding would not count in Qt's wrapping, and rows would cut their last line.
        self.setStyleSheet("QTableView::item { padding: 4px 0px; }")
        show_focus(self)
        model.modelReset.connect(self.refit)

    def _natural(self, column: int) -> tuple[int, int]:
        """(one-line width, longest word) of a column's header and values, padding included."""
        metrics = self.fontMetrics()
        model = self.model()
        texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
        texts += [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
        pad = 16
        line = max(metrics.horizontalAdvance(t) for t in texts) + pad
        word = max((metrics.horizontalAdvance(w) for t in texts for w in t.split()), default=0) + pad
        return line, word

    def column_widths(self, available: int) -> list[int]:
        """The widths the columns get in `available` pixels."""
        if self._naturals is None:
            self._naturals = [self._natural(c) for c in range(len(self._fits))]
        naturals = self._naturals
        widths = [0] * len(self._fits)
        floors = [0] * len(self._fits)
        long_columns = [c for c, (fit, _cap) in enumerate(self._fits) if fit is Fit.LONG]
        for c, (fit, cap) in enumerate(self._fits):
            line, word = naturals[c]
            if fit is Fit.CONTENT:
                widths[c] = floors[c] = line
            elif fit is Fit.WRAP:
                widths[c] = min(line, cap)
                floors[c] = min(widths[c], max(word, 72))
        rest = available - sum(widths)
        wanted = max(round(available * LONG_SHARE), 120 * len(long_columns))
        if rest < wanted:
            # Narrow: the capped columns give back width (down to their longest word) to the text.
            spare = sum(widths[c] - floors[c] for c in range(len(widths)))
            give = min(spare, wanted - rest)
            if spare > 0:
                for c in range(len(widths)):
                    widths[c] -= round((widths[c] - floors[c]) * give / spare)
            rest = available - sum(widths)
        # Wide: once the long text fits on one line, the capped columns may unwrap too.
        surplus = rest - sum(naturals[c][0] for c in long_columns)
        need = {c: naturals[c][0] - widths[c] for c, (fit, _cap) in enumerate(self._fits) if fit is Fit.WRAP}
        if surplus > 0 and sum(need.values()) > 0:
            grant = min(surplus, sum(need.values()))
            total = sum(need.values())
            for c, more in need.items():
                widths[c] += more * grant // total
            rest = available - sum(widths)
        for i, c in enumerate(long_columns):
            share = max(rest, 0) // len(long_columns) + (1 if i < max(rest, 0) % len(long_columns) else 0)
            widths[c] = max(share, 80)
        return widths

    def refit(self) -> None:
        """Fit again whatever the width: the rows, the font or the style changed."""
        self._fitted_width = None
        self._naturals = None
        self.fit()

    def fit(self) -> None:
        available = self.viewport().width()
        if available <= 0 or not self._fits or available == self._fitted_width:
            return
        self._fitted_width = available
        for column, width in enumerate(self.column_widths(available)):
            self.horizontalHeader().resizeSection(column, width)
        limit = self.fontMetrics().lineSpacing() * MAX_ROW_LINES + 10
        for row in range(self.model().rowCount()):
            self.verticalHeader().resizeSection(row, min(self.sizeHintForRow(row), limit))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refit()


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
        target_label = QLabel(f"&{TARGET_ROLE}:")
        self.target_box = QComboBox()
        self.target_box.setObjectName("targetCareer")
        self.target_box.setAccessibleName(TARGET_ROLE)
        target_label.setBuddy(self.target_box)
        self.target_box.addItem(NO_TARGET, "")
        for step in roadmap.career_steps:
            self.target_box.addItem(f"{step.number}. {step.title}", step.id)
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
                Column("Level", lambda c: levels[c.level_id].title if c.level_id in levels else ""),
                Column("Salary", lambda c: c.salary.value),
                Column("Source", lambda c: c.salary.source),
                Column("Date", lambda c: c.salary.date),
            ],
            self,
        )
        self.steps_model.set_rows(roadmap.career_steps)
        self.steps_view = ReadingTable(
            self.steps_model,
            "careerStepsView",
            [(Fit.CONTENT, 0), (Fit.CONTENT, 0), (Fit.CONTENT, 0), (Fit.LONG, 0), (Fit.WRAP, 200), (Fit.CONTENT, 0)],
        )
        # What a step involves is a paragraph: it reads below the table, for the chosen row.
        self.step_detail = muted_label()
        self.step_detail.setObjectName("careerStepDetail")
        self.step_detail.setAccessibleName("What the career step involves")
        self.step_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_view.selectionModel().currentRowChanged.connect(self._show_step)
        steps_box = QWidget()
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(heading("Career steps and pay", 2))
        steps_layout.addWidget(self.steps_view, 1)
        steps_layout.addWidget(self.step_detail)

        self.duties_model: RecordTableModel[Duty] = RecordTableModel(
            [
                Column("Duty", lambda d: d.title),
                Column("What it means", lambda d: d.description),
                Column("Example", lambda d: f"{d.industry}: {d.example}" if d.industry else d.example),
            ],
            self,
        )
        self.duties_model.set_rows(roadmap.duties)
        self.duties_view = ReadingTable(
            self.duties_model, "dutiesView", [(Fit.WRAP, 200), (Fit.LONG, 0), (Fit.LONG, 0)]
        )
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
        self.levels_view = ReadingTable(
            self.levels_model, "levelsView", [(Fit.CONTENT, 0), (Fit.CONTENT, 0), (Fit.LONG, 0)]
        )
        self.tabs.addTab(self.levels_view, "&Levels")

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
        self.figures_view = ReadingTable(
            self.figures_model,
            "figuresView",
            [(Fit.WRAP, 280), (Fit.WRAP, 240), (Fit.LONG, 0), (Fit.WRAP, 200), (Fit.CONTENT, 0)],
        )
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
        self.checks_view = ReadingTable(self.checks_model, "selfChecksView", [(Fit.WRAP, 420), (Fit.LONG, 0)])
        self.tabs.addTab(self.checks_view, "Can I do this &yet?")

        self.uses_model: RecordTableModel[UseCase] = RecordTableModel(
            [Column("Where ML is used", lambda u: u.title), Column("For example", lambda u: u.description)],
            self,
        )
        self.uses_model.set_rows(roadmap.use_cases)
        self.uses_view = ReadingTable(self.uses_model, "useCasesView", [(Fit.WRAP, 260), (Fit.LONG, 0)])
        self.tabs.addTab(self.uses_view, "&Where ML is used")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(steps_box)
        splitter.addWidget(self.tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([350, 270])
        self.splitters["main"] = splitter
        layout.addWidget(splitter, 1)
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
            self.target_detail.setText(f"Typical pay: {step.salary.value} ({step.salary.source}, {step.salary.date}).")
        elif target:
            self.target_detail.setText(
                f"The {TARGET_ROLE.lower()} you chose ({target}) is no longer in the roadmap; choose another one."
            )
        else:
            self.target_detail.setText(
                f"{NO_TARGET}: choose the role you are aiming for; the dashboard will remind you of it."
            )
        # The table opens on the target's row, whose paragraph shows below it.
        row = next((i for i, c in enumerate(self.ctx.services.roadmap.career_steps) if c.id == target), 0)
        if self.steps_model.rowCount():
            self.steps_view.setCurrentIndex(self.steps_model.index(row, 0))
        self._show_step()

    def _show_step(self, *_args: object) -> None:
        index = self.steps_view.currentIndex()
        if not index.isValid():
            self.step_detail.setText("")
            return
        step: CareerStep = self.steps_model.record(index.row())
        levels = {level.id: level.title for level in self.ctx.services.roadmap.levels}
        level = f" ({levels[step.level_id]})" if step.level_id in levels else ""
        target = " Your target role." if step.id == self.ctx.profile.target_career_id else ""
        self.step_detail.setText(f"{step.number}. {step.title}{level}: {step.description}{target}")

    def _choose_target(self, _index: int = 0) -> None:
        target = str(self.target_box.currentData() or "")
        if target != self.ctx.profile.target_career_id:
            self.ctx.run(SetGoalCommand(self.ctx, target_career_id=target))
