"""The learner's projects: a list, the editor, and starting one from a project idea."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import Project, ProjectStatus
from roadmap_app.services.portfolio import ProjectQuery, ProjectSort
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.pages.base import DetailsSplitter, Page, scrolling
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.widgets.paging import (
    STATUS,
    TITLE,
    UPDATED,
    PagedProjectsModel,
    ProjectSource,
    count_text,
)
from roadmap_app.ui.widgets.project_editor import ProjectEditor
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo import AddProjectCommand, DeleteProjectCommand

FILTER_DELAY_MS = 200


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

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("projectFilter")
        self.filter_edit.setAccessibleName("Filter the projects by title or summary")
        self.filter_edit.setPlaceholderText("Filter by title or summary (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("projectStatusFilter")
        self.status_filter.setAccessibleName("Show the projects of one status")
        self.status_filter.addItem("All statuses", None)
        for status in ProjectStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.activated.connect(lambda _i: self.apply_filter())
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_filter)
        left_layout.addLayout(filters)
        self.count_label = muted_label()
        self.count_label.setObjectName("projectsCount")
        left_layout.addWidget(self.count_label)

        # Thousands of projects open as fast as ten: the list knows its length from one count
        # and reads a page of rows when the view first shows one; rows have one height, so
        # none is measured in advance. Filters and header clicks become the database's query.
        self.model = PagedProjectsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("projectsView")
        self.view.setAccessibleName("Projects")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        widest_status = max(metrics.horizontalAdvance(s.label) for s in ProjectStatus)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STATUS, max(widest_status, metrics.horizontalAdvance("Status")) + 22)
        header.setSectionResizeMode(UPDATED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(UPDATED, metrics.horizontalAdvance("00 Mmm 0000") + 16)
        header.setSortIndicator(UPDATED, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        left_layout.addWidget(self.view, 1)

        self.editor = ProjectEditor(ctx)
        splitter = DetailsSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scrolling(self.editor))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 660])
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(240)
        self.splitters["main"] = splitter
        self.splitters["notes"] = self.editor.notes_splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._kept: int | None = None
        self.model.set_lister(self._source)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _source(self, query: ProjectQuery) -> ProjectSource:
        portfolio = self.ctx.services.portfolio
        profile_id = self.ctx.profile_id
        return ProjectSource(
            count=lambda: portfolio.count(profile_id, query),
            read=lambda offset, limit: portfolio.projects(profile_id, offset=offset, limit=limit, query=query),
            locate=lambda project_id: portfolio.position(profile_id, project_id, query),
        )

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        project = self.model.item(index.row()) if index.isValid() else None
        return project.id if project is not None else None

    def refresh(self) -> None:
        self.model.reload()

    def apply_filter(self) -> None:
        """Show the projects that match the filter box and the status chosen."""
        self._filter_timer.stop()
        value = self.status_filter.currentData()
        status = ProjectStatus(value) if value else None
        self.model.set_query(replace(self.model.query, text=self.filter_edit.text().strip(), status=status))

    def clear_filter(self) -> None:
        """Show every project again (the order stays)."""
        self._filter_timer.stop()
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.status_filter.setCurrentIndex(0)
        self.apply_filter()

    def _remember_selection(self) -> None:
        self._kept = self.selected_id()

    def _restore_selection(self) -> None:
        """After the list was read again: keep the project shown if it is still listed."""
        header = self.view.header()
        column = self.model.sort_column()
        order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            blocker = header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(blocker)
        row = self.model.row_of_key(self._kept) if self._kept is not None else -1
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.scrollTo(index)
        else:
            self._show_selected()
        self._update_controls()

    def _update_controls(self) -> None:
        shown = self.model.total()
        query = self.model.query
        total = self.ctx.services.portfolio.count(self.ctx.profile_id) if query.filtered else shown
        self.count_label.setText(count_text(shown, total, query))
        self.count_label.setVisible(bool(total))
        for widget in (self.filter_edit, self.status_filter):  # nothing to filter yet
            widget.setEnabled(bool(total) or query.filtered)
        has_project = self.selected_id() is not None
        self.delete_button.setEnabled(has_project)
        if not total:
            self.editor.set_empty_text(
                "Add one with New project (Ctrl+N), or start one from an idea of the roadmap.", "No projects yet"
            )
        elif not shown:
            self.editor.set_empty_text("No project matches the filter. Clear it to see every project.")
        else:
            self.editor.set_empty_text("Choose a project from the list, or add one with Ctrl+N.")

    def on_profile_switched(self) -> None:
        self.editor.set_project(None)
        self._kept = None
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.status_filter.setCurrentIndex(0)
        self.model.reload(replace(self.model.query, text="", status=None))
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _show_selected(self) -> None:
        project_id = self.selected_id()
        self.delete_button.setEnabled(project_id is not None)
        if project_id is None:
            self.editor.set_project(None)
            return
        try:
            project = self.ctx.services.portfolio.get(self.ctx.profile_id, project_id)
        except Exception:  # deleted in the meantime
            project = None
        self.editor.set_project(project)

    def select_project(self, project_id: int) -> bool:
        """Show a project, clearing the filter if it hides it."""
        row = self.model.row_of_key(project_id)
        if row < 0:
            self.refresh()
            row = self.model.row_of_key(project_id)
        if row < 0 and self.model.query.filtered:
            self.clear_filter()
            row = self.model.row_of_key(project_id)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
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

    def delete_confirmation(self, title: str) -> tuple[QMessageBox, QPushButton]:
        """The question before deleting a project, answered with its verb; Cancel is the default."""
        box, delete = verb_question(
            self, "Delete project", f"Delete “{title}” and its notes? You can undo this with Ctrl+Z.", "&Delete project"
        )
        box.setObjectName("deleteProjectQuestion")
        return box, delete

    def delete_selected(self, *, confirm: bool = True) -> bool:
        project_id = self.selected_id()
        if project_id is None:
            return False
        project = self.model.item(self.view.currentIndex().row())
        if project is None:
            return False
        if confirm and not asked(*self.delete_confirmation(project.title)):
            return False
        self.editor.flush()
        return self.ctx.run(DeleteProjectCommand(self.ctx, project_id, project.title))

    def flush(self) -> None:
        self.editor.flush()

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        query = self.model.query
        settings.setValue("portfolio/order", f"{query.sort.value} {'down' if query.descending else 'up'}")

    def restore_state(self, settings: QSettings) -> None:
        """Splitters as they were, and the list in the order the learner last chose."""
        super().restore_state(settings)
        sort, _, way = str(settings.value("portfolio/order", "") or "").partition(" ")
        if sort in {s.value for s in ProjectSort} and way in ("up", "down"):
            self.model.set_query(replace(self.model.query, sort=ProjectSort(sort), descending=way == "down"))
