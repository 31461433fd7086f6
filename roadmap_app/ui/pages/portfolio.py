"""The learner's projects: a list, the editor, and starting one from a project idea."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import Project
from roadmap_app.ui.pages.base import Page, scrolling
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.widgets.paging import PagedProjectsModel
from roadmap_app.ui.widgets.project_editor import ProjectEditor
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import AddProjectCommand, DeleteProjectCommand


class PortfolioPage(Page):
    title = "Portfolio"
    listens_to = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("portfolioPage")
        self.setAccessibleName("Portfolio")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New project")
        self.new_button.setAccessibleName("New project")
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.new_button.setToolTip("New project (Ctrl+N)")
        self.new_button.clicked.connect(lambda: self.new_project())
        self.idea_button = QToolButton()
        self.idea_button.setText("From an &idea")
        self.idea_button.setAccessibleName("Start a project from one of the roadmap's ideas")
        self.idea_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.ideas_menu = QMenu(self.idea_button)
        for idea in ctx.services.roadmap.project_ideas:
            action = self.ideas_menu.addAction(idea.title)
            action.setToolTip(idea.summary)
            action.triggered.connect(lambda _=False, i=idea.id: self.start_from_idea(i))
        self.idea_button.setMenu(self.ideas_menu)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the selected project")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.idea_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)
        # Thousands of projects open as fast as ten: rows are read a page at a time as the
        # list scrolls, and every row has the same height, so none is measured in advance.
        self.model = PagedProjectsModel(self)
        self.view = QListView()
        self.view.setUniformItemSizes(True)
        self.view.setObjectName("projectsView")
        self.view.setAccessibleName("Projects")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        left_layout.addWidget(self.view, 1)
        self.empty_hint = muted_label(
            "No projects yet. Start one from an idea of the roadmap, or a new one of your own."
        )
        left_layout.addWidget(self.empty_hint)

        self.editor = ProjectEditor(ctx)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scrolling(self.editor))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        self.splitters["main"] = splitter
        self.splitters["notes"] = self.editor.notes_splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()).id if index.isValid() else None

    def refresh(self) -> None:
        selected = self.selected_id()
        portfolio, profile_id = self.ctx.services.portfolio, self.ctx.profile_id
        total = portfolio.count(profile_id)
        blocker = self.view.selectionModel().blockSignals(True)
        self.model.set_source(
            lambda offset, limit: portfolio.projects(profile_id, offset=offset, limit=limit),
            total,
            at_least=self.model.rowCount(),
        )
        row = self.model.row_of_key(selected) if selected is not None else -1
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.view.selectionModel().blockSignals(blocker)
        self.empty_hint.setVisible(not total)
        self.delete_button.setEnabled(bool(total))
        self._show_selected()

    def on_profile_switched(self) -> None:
        self.editor.set_project(None)
        self.refresh()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def _show_selected(self) -> None:
        project_id = self.selected_id()
        if project_id is None:
            self.editor.set_project(None)
            return
        try:
            project = self.ctx.services.portfolio.get(self.ctx.profile_id, project_id)
        except Exception:  # deleted in the meantime
            project = None
        self.editor.set_project(project)

    def select_project(self, project_id: int) -> bool:
        row = self.model.row_of_key(project_id)
        if row < 0:
            self.refresh()
            row = self.model.row_of_key(project_id)
        while row < 0 and self.model.canFetchMore():  # an older project: read on to it
            self.model.fetchMore()
            row = self.model.row_of_key(project_id)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def show_note(self, note_id: int) -> bool:
        """Select a note of the shown project."""
        return self.editor.select_note(note_id)

    def focus_link(self) -> None:
        """Put the cursor in the shown project's repository link."""
        self.editor.link_edits["repo_url"].setFocus()

    def add_note(self) -> None:
        """Start a new dated note on the shown project."""
        self.editor.add_note()

    def _add(self, command: AddProjectCommand) -> Project | None:
        self.editor.flush()
        if self.ctx.run(command) and command.project is not None:
            self.select_project(command.project.id)
            return command.project
        return None

    def new_project(self, title: str = "New project") -> Project | None:
        ctx = self.ctx
        pid = ctx.profile_id
        project = self._add(AddProjectCommand(ctx, "Add a project", lambda: ctx.services.portfolio.add(pid, title)))
        if project is not None:
            self.editor.title_edit.setFocus()
            self.editor.title_edit.selectAll()
        return project

    def start_from_idea(self, idea_id: str) -> Project | None:
        ctx = self.ctx
        pid = ctx.profile_id
        title = ctx.services.roadmap.title_of(idea_id)
        return self._add(
            AddProjectCommand(ctx, f"Start “{title}”", lambda: ctx.services.portfolio.start_from_idea(pid, idea_id))
        )

    def delete_selected(self, *, confirm: bool = True) -> bool:
        project_id = self.selected_id()
        if project_id is None:
            return False
        project = self.model.item(self.view.currentIndex().row())
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete project",
                f"Delete “{project.title}” and its notes? You can undo this with Ctrl+Z.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.editor.flush()
        return self.ctx.run(DeleteProjectCommand(self.ctx, project_id, project.title))

    def flush(self) -> None:
        self.editor.flush()
