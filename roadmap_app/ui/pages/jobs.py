"""Job search (step 5): applications grouped by stage, the selected one's details, the figures.

Every change goes through a small form and the window's undo stack (see job_changes.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.gap import Gap
from roadmap_app.domain.job_figures import job_figures
from roadmap_app.domain.jobs import Application, Stage
from roadmap_app.services import FAILURES, NotFoundError
from roadmap_app.ui.pages.base import DetailsSplitter, Page, scrolling
from roadmap_app.ui.pages.job_changes import JobChanges
from roadmap_app.ui.widgets.common import Card, heading, muted_label, plural, show_focus
from roadmap_app.ui.widgets.job_details import JobDetails
from roadmap_app.ui.widgets.job_figures_strip import FiguresStrip
from roadmap_app.ui.widgets.job_models import APPLICATION, SINCE, ApplicationsModel
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo_own_items import AddUnknownSkillCommand

EMPTY_STEPS = (
    "1. Add the jobs you have applied for, or want to: company, role, and the ad if you have it.",
    "2. Move each one through its stages as you hear back, with the day it happened.",
    "3. Roadmap checks each ad against your skills and counts your answers and how fast they come.",
)


class JobSearchPage(Page):
    title = "Job search"
    # The gap of an ad follows the learner's skills and projects too.
    listens_to = Change.JOBS | Change.PROGRESS | Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobSearchPage")
        self.setAccessibleName("Job search")
        self.applications: list[Application] = []
        self._collapsed: set[Stage] = set()
        self.changes = JobChanges(self)
        self._gaps: dict[int, Gap] = {}
        self._unfolding = False
        #: What to read at the next refresh: the ids of the applications changed, or None for all.
        self._reread: set[int] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(heading("Job search", 1), 1)
        self.new_button = QPushButton("&New application…")
        self.new_button.setObjectName("newApplication")
        self.new_button.setAccessibleName("New application")
        self.new_button.setToolTip("New application (Ctrl+N on this page)")
        self.new_button.clicked.connect(lambda: self.changes.new_application())
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(top)
        self.figures = FiguresStrip()
        outer.addWidget(self.figures)

        self.model = ApplicationsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("applicationsView")
        self.view.setAccessibleName("Applications by stage")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(APPLICATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SINCE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(SINCE, self.view.fontMetrics().horizontalAdvance("00 Mmm 0000") + 18)
        show_focus(self.view)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.view.activated.connect(lambda _index: self.changes.edit_selected())
        self.view.collapsed.connect(lambda index: self._fold(index, True))
        self.view.expanded.connect(lambda index: self._fold(index, False))
        delete = QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete), self.view, lambda: self.changes.delete_selected()
        )
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(muted_label("Enter edits the selected application; Delete deletes it."))

        self.details = JobDetails()
        # Alt+T, not Alt+E: the Edit menu has that one.
        self.edit_button = self._action("Edi&t…", "Edit the selected application", lambda: self.changes.edit_selected())
        self.move_button = self._action(
            "Move to &stage…", "Move it to another stage", lambda: self.changes.move_selected()
        )
        self.details.action_row.addStretch(1)
        self.delete_button = self._action(
            "&Delete", "Delete the selected application", lambda: self.changes.delete_selected()
        )
        details = self.details
        details.interviews.add_button.clicked.connect(lambda: self.changes.add_interview())
        details.contacts.add_button.clicked.connect(lambda: self.changes.add_contact())
        details.notes.add_button.clicked.connect(lambda: self.changes.add_note())
        details.notes.table.activated.connect(lambda _index: self.changes.edit_note())
        details.add_unknown_button.clicked.connect(self._choose_unknown_skill)
        for card, kind in (
            (details.timeline, "stage"),
            (details.interviews, "interview"),
            (details.contacts, "contact"),
            (details.notes, "note"),
        ):
            card.delete_button.clicked.connect(lambda _=False, c=card, k=kind: self.changes.delete_part(c, k))
        self.splitter = DetailsSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scrolling(self.details))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 600])
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(260)
        self.splitters["main"] = self.splitter

        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self.splitter)
        outer.addWidget(self.stack, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, lambda: self.changes.new_application())
        self.refresh()

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        self.details.action_row.addWidget(button)
        return button

    def _empty_state(self) -> QWidget:
        card = Card("No applications yet")
        card.setObjectName("jobsEmpty")
        card.body.setSpacing(10)
        card.body.addWidget(muted_label("Keep every application here, with its dates, interviews and people."))
        for line in EMPTY_STEPS:
            card.body.addWidget(muted_label(line))
        self.first_button = QPushButton("&New application…")
        self.first_button.setObjectName("firstApplication")
        self.first_button.setAccessibleName("New application")
        self.first_button.clicked.connect(lambda: self.changes.new_application())
        row = QHBoxLayout()
        row.addWidget(self.first_button)
        row.addStretch(1)
        card.body.addLayout(row)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card)
        layout.addStretch(1)
        card.setMaximumWidth(720)
        return holder

    def focus_first(self) -> None:
        """Ctrl+7: the list when there are applications, else the button that adds the first."""
        (self.view if self.applications else self.first_button).setFocus(Qt.FocusReason.TabFocusReason)

    # --- reading ------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        # A change to one application (the page's own, its undo or redo) re-reads that one
        # alone; any other change to applications (another process, a restored backup) all.
        if not change & self.listens_to:
            return
        record = self.ctx.changed_record
        if change & Change.JOBS and self._reread is not None:
            if record is not None and record[0] == "application":
                self._reread.add(record[1])
            else:
                self._reread = None
        if self.isVisible():
            self._update()
        else:
            self.stale = True  # read again in full when shown

    def _read(self) -> None:
        """Read the applications: every one, or only those changed since the last read."""
        jobs, profile_id = self.ctx.services.jobs, self.ctx.profile_id
        changed, self._reread = self._reread, set()
        if changed is None:
            self.applications = jobs.list(profile_id)
            return
        kept = {a.id: a for a in self.applications}
        for application_id in changed:
            try:
                kept[application_id] = jobs.get(profile_id, application_id)
            except NotFoundError:
                kept.pop(application_id, None)
        self.applications = list(kept.values())

    def refresh(self) -> None:
        self._reread = None
        self._update()

    def _update(self) -> None:
        keep = self.selected_id()
        try:
            self._read()
        except FAILURES as exc:
            self.ctx.report(exc)
            self.applications, self._reread = [], None
        self._gaps.clear()  # the ads, the skills or the projects may have changed
        self.model.set_applications(self.applications)
        # One layout pass for every group, then fold those the learner folded (unfolding
        # here is the page's doing, not the learner's: it is not remembered).
        self._unfolding = True
        self.view.expandAll()
        for stage in self._collapsed:
            self.view.setExpanded(self.model.group_index(stage), False)
        self._unfolding = False
        self.figures.show_figures(job_figures(self.applications, self.ctx.services.study.now().date()))
        has = bool(self.applications)
        self.stack.setCurrentIndex(1 if has else 0)
        self.figures.setVisible(has)
        self.new_button.setVisible(has)
        if not self.select(keep) and has:
            self.select(self.model.groups[0].applications[0].id)
        self._show_selected()

    def selected(self) -> Application | None:
        return self.model.application(self.view.currentIndex())

    def selected_id(self) -> int | None:
        chosen = self.selected()
        return chosen.id if chosen is not None else None

    def select(self, application_id: int | None) -> bool:
        """Make an application the current one (its group unfolded); False when it is not listed."""
        index = self.model.index_of(application_id) if application_id is not None else QModelIndex()
        if not index.isValid():
            return False
        self.view.setExpanded(index.parent(), True)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _fold(self, index: QModelIndex, folded: bool) -> None:
        stage = self.model.stage_at(index)
        if stage is not None and not self._unfolding:
            (self._collapsed.add if folded else self._collapsed.discard)(stage)

    def _show_selected(self) -> None:
        application = self.selected()
        for button in (self.edit_button, self.move_button, self.delete_button):
            button.setVisible(application is not None)
        why = ""
        if application is None:
            stage = self.model.stage_at(self.view.currentIndex())
            group = next((g for g in self.model.groups if g.stage is stage), None)
            if group is not None:
                why = f"{group.stage.label}: {plural(len(group.applications), 'application')}. Select one to see it."
        self.details.today = self.ctx.services.study.now().date()
        self.details.show_application(application, self._gap(application), why)

    def _choose_unknown_skill(self) -> None:
        """A menu of the ad's skills the roadmap does not know; the one chosen becomes the learner's."""
        menu = QMenu(self)
        for name in self.details.unknown_names:
            action = menu.addAction(name)
            action.triggered.connect(functools.partial(self.add_unknown_skill, name))
        button = self.details.add_unknown_button
        menu.exec(button.mapToGlobal(button.rect().bottomLeft()))

    def add_unknown_skill(self, name: str) -> None:
        """Add a skill the ad names as the learner's own (undone with Ctrl+Z)."""
        self.ctx.run(AddUnknownSkillCommand(self.ctx, name))

    def _gap(self, application: Application | None) -> Gap | None:
        """The gap of the application's ad, read once until the page is refreshed."""
        if application is None or not application.ad_text.strip():
            return None
        if application.id not in self._gaps:
            try:
                self._gaps[application.id] = self.ctx.services.gap.check(self.ctx.profile_id, application.ad_text)
            except FAILURES:
                return None
        return self._gaps[application.id]
