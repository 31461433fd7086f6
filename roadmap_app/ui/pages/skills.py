"""The skills checklist: grouped, filtered as you type, a state and a note per skill."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.evidence import ProofKind
from roadmap_app.domain.model import ItemState, Progress, Project, Skill
from roadmap_app.domain.own_items import OwnKind, is_own
from roadmap_app.ui.pages.base import DetailsSplitter, Page, scrolling
from roadmap_app.ui.widgets.archived import ArchivedProgressBox
from roadmap_app.ui.widgets.common import Card, DebouncedTextEdit, heading, muted_label
from roadmap_app.ui.widgets.delegates import KEYS_HINT, ChecklistView, StateButtons
from roadmap_app.ui.widgets.models import OBJECT_ROLE, ChecklistModel, ProjectsModel, skill_rows
from roadmap_app.ui.widgets.own_item_actions import OwnItemActions
from roadmap_app.ui.widgets.resources_card import ResourcesCard
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.navigator import Navigator
from roadmap_app.ui.window.undo import SetItemNoteCommand, SetStateCommand, item_note_key


class SkillsPage(Page):
    title = "Skills"
    listens_to = Change.PROGRESS | Change.PORTFOLIO
    open_project = Signal(int)
    log_time = Signal(str)  # a skill id: the window opens the Time page for it

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._shown_skill = ""
        #: The skill whose projects the list holds: they are read again only when another
        #: skill is shown or the portfolio changes, not when a state or note changes.
        self._projects_of = ""
        #: The projects of ``_projects_of``: also what its evidence is gathered from.
        self._projects: list[Project] = []
        #: The learner's states as read at the last refresh: every change the page listens
        #: to, a profile switch and showing the page after a change read them again, so
        #: typing in the filter (which changes none) does not.
        self._states: dict[str, Progress] = {}
        #: While the rows are replaced: the selection moves, the detail is shown once after.
        self._replacing_rows = False
        self.setObjectName("skillsPage")
        self.setAccessibleName("Skills")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("skillsFilter")
        self.filter_edit.setPlaceholderText("Filter skills (Ctrl+F)")
        self.filter_edit.setAccessibleName("Filter skills")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _t: self._filter())
        self.filter_edit.returnPressed.connect(self._focus_list)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_edit, self.filter_edit.clear)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        self.add_skill_button = QPushButton("Add skill…")
        self.add_skill_button.setObjectName("addSkillButton")
        self.add_skill_button.setAccessibleName("Add a skill of your own")
        self.add_skill_button.setToolTip("Add a skill of your own, to a category or a new one")
        self.add_skill_button.clicked.connect(self._add_skill)
        top.addWidget(self.add_skill_button)
        left_layout.addLayout(top)
        self.own_items = OwnItemActions(ctx, OwnKind.SKILL, self)
        self.model = ChecklistModel(self)
        self.view = ChecklistView()
        self.view.setObjectName("skillsView")
        self.view.setAccessibleName("Skills checklist")
        self.view.setModel(self.model)
        self.view.set_empty_text("No skill matches the filter.")
        self.view.state_requested.connect(self._set_state)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        left_layout.addWidget(self.view, 1)
        self.own_items.attach_menu(self.view, self._category_of)
        left_layout.addWidget(muted_label(KEYS_HINT))
        self.archived_box = ArchivedProgressBox()
        self.archived_hint = self.archived_box.hint
        left_layout.addWidget(self.archived_box)

        detail = QWidget()
        body = QVBoxLayout(detail)
        body.setContentsMargins(18, 16, 18, 16)
        body.setSpacing(10)
        self.skill_title = heading("", 1)
        self.skill_where = muted_label()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.requires = QLabel()
        self.requires.setWordWrap(True)
        for widget in (self.skill_title, self.skill_where, self.description, self.requires):
            body.addWidget(widget)
        self.state_controls = StateButtons("skill")
        self.state_controls.state_chosen.connect(lambda s: self._set_state(self._shown_skill, s))
        self.state_buttons = self.state_controls.buttons
        state_row = QHBoxLayout()
        state_row.addWidget(self.state_controls, 1)
        self.log_skill_time = QPushButton("Log time…")
        self.log_skill_time.setAccessibleName("Log study time on this skill")
        self.log_skill_time.clicked.connect(lambda: self.log_time.emit(self._shown_skill))
        state_row.addWidget(self.log_skill_time, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(state_row)
        self.empty_hint = muted_label()
        self.empty_hint.setObjectName("skillsEmpty")
        self.show_all_button = QPushButton("Show every skill")
        self.show_all_button.setToolTip("Clear the filter (Esc in the filter box)")
        self.show_all_button.setAccessibleName("Clear the filter and show every skill")
        self.show_all_button.clicked.connect(self._clear_filter)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.show_all_button)
        empty_row.addStretch(1)
        body.addWidget(self.empty_hint)
        body.addLayout(empty_row)

        self.note_card = note_card = Card("Your note")
        self.note = DebouncedTextEdit()
        self.note.setObjectName("skillNote")
        self.note.setAccessibleName("Note on this skill")
        self.note.setPlaceholderText("What you learnt, where, what is left… (saved as you type)")
        self.note.setMinimumHeight(110)
        self.note.save_requested.connect(self._save_note)
        note_card.body.addWidget(self.note)
        body.addWidget(note_card, 1)
        self.resources_card = ResourcesCard(ctx)
        body.addWidget(self.resources_card)

        self.projects_card = projects_card = Card("Projects that show it")
        self.projects_model = ProjectsModel(self)
        self.projects_view = QListView()
        self.projects_view.setObjectName("skillProjects")
        self.projects_view.setAccessibleName("Projects that demonstrate this skill")
        self.projects_view.setModel(self.projects_model)
        self.projects_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.projects_view.setMaximumHeight(130)
        self.projects_view.setSpacing(2)
        self.projects_view.setUniformItemSizes(True)
        self.projects_view.setAlternatingRowColors(True)
        self.projects_view.activated.connect(self._open_project)
        self.projects_view.doubleClicked.connect(self._open_project)
        self.no_projects = muted_label("No project shows this skill yet. Add it to one on the Portfolio page.")
        projects_card.body.addWidget(self.projects_view)
        projects_card.body.addWidget(self.no_projects)
        # Experience and credentials prove a skill too; a done skill nothing proves is flagged.
        self.evidence = muted_label()
        self.evidence.setObjectName("skillEvidence")
        self.evidence.setWordWrap(True)
        projects_card.body.addWidget(self.evidence)
        self.unproven = QLabel()
        self.unproven.setObjectName("skillUnproven")
        self.unproven.setWordWrap(True)
        self.unproven.setText(
            "⚠ Unproven: you marked it done, but no project, experience or credential shows it. "
            "Add it to one before you apply: an interviewer will ask where you used it."
        )
        projects_card.body.addWidget(self.unproven)
        body.addWidget(projects_card)
        self.empty_spacer = QWidget()
        body.addWidget(self.empty_spacer, 1)

        splitter = DetailsSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scrolling(detail))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        splitter.setChildrenCollapsible(False)
        self.splitters["main"] = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()
        self._select_first()

    def _focus_list(self) -> None:
        if not self.view.currentIndex().isValid():
            self._select_first()
        self.view.setFocus()

    def _select_first(self) -> None:
        for row in range(self.model.rowCount()):
            if not self.model.row_at(row).header:
                self.view.setCurrentIndex(self.model.index(row))
                return

    def refresh(self) -> None:
        self._states = self.ctx.services.progress.states(self.ctx.profile_id)
        archived = self.ctx.services.progress.archived(self.ctx.profile_id)
        title_of = self.ctx.services.roadmap.title_of
        self.archived_box.set_progress(archived, {p.item_id: title_of(p.item_id) for p in archived})
        self._show_rows()
        self._show_skill()

    def _current_changed(self, *_: object) -> None:
        if not self._replacing_rows:
            self._show_skill()

    def _filter(self) -> None:
        """A keystroke in the filter: the rows that match, from the states already read; the
        detail is read again only when another skill (or none) ends up selected."""
        shown = self._shown_skill
        self._show_rows()
        if not shown or self.view.current_item_id() != shown:
            self._show_skill()
        else:
            self._show_detail(True)

    def _show_rows(self) -> None:
        """The rows that match the filter, keeping the selected skill when it still matches."""
        selected = self.view.current_item_id()
        self._replacing_rows = True
        try:
            self.model.update_rows(skill_rows(self.ctx.services.roadmap, self._states, self.filter_edit.text()))
            if selected and self.model.row_of(selected) >= 0:
                self.view.setCurrentIndex(self.model.index(self.model.row_of(selected)))
            elif not self.view.currentIndex().isValid():
                self._select_first()
        finally:
            self._replacing_rows = False

    def _on_changed(self, change: Change) -> None:
        if change & Change.PORTFOLIO:
            self._projects_of = ""
        super()._on_changed(change)

    def on_profile_switched(self) -> None:
        self._projects_of = ""
        self.note.set_saved_text("", force=True)
        self._shown_skill = ""
        self.refresh()

    def _add_skill(self) -> None:
        self.own_items.add(self._category_of(self.view.current_item_id()))

    def _category_of(self, skill_id: str) -> str:
        skill = self.ctx.services.roadmap.skill(skill_id) if skill_id else None
        return skill.category_id if skill else ""

    def archived_rows(self) -> list[tuple[str, str, str]]:
        """The saved (id, state, note) on items the roadmap in use no longer has."""
        return self.archived_box.rows()

    def select_skill(self, skill_id: str) -> bool:
        if self.model.row_of(skill_id) < 0:
            self.filter_edit.clear()
        row = self.model.row_of(skill_id)
        if row < 0:
            return False
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.setFocus()
        return True

    def current_skill(self) -> Skill | None:
        skill_id = self.view.current_item_id()
        return self.ctx.services.roadmap.skill(skill_id) if skill_id else None

    def _show_skill(self) -> None:
        skill = self.current_skill()
        roadmap = self.ctx.services.roadmap
        self._show_detail(skill is not None)
        if skill is None:
            self._show_no_skill()
            return
        if skill.id != self._shown_skill:
            self.note.flush()
        progress = self.ctx.services.progress.get(self.ctx.profile_id, skill.id)
        category = roadmap.category(skill.category_id)
        self.skill_title.setText(skill.title)
        self.skill_where.setText(
            f"{category.title if category else skill.category_id} · {skill.group.value.capitalize()} · {progress.state.label}"
            + (" · Your own skill (right click to edit)" if is_own(skill.id) else "")
        )
        estimate = f"\n\nEstimate: {skill.effort.hours:g} h ({skill.effort.basis})." if skill.effort else ""
        self.description.setText(f"{skill.description}{estimate}")
        if skill.requires:
            parts = []
            for required in skill.requires:
                found = self._states.get(required)
                state = found.state if found else ItemState.TODO
                parts.append(f"{roadmap.title_of(required)} ({state.label.lower()})")
            self.requires.setText("Builds on: " + ", ".join(parts))
        else:
            self.requires.setText("")
        self.requires.setVisible(bool(skill.requires))
        self.state_controls.set_state(progress.state)
        text, kept = self.ctx.kept_text(item_note_key(self.ctx.profile_id, skill.id), progress.note)
        if skill.id != self._shown_skill:
            self.note.load(text, unsaved=kept, force=True)
            self._shown_skill = skill.id
        else:
            self.note.load(text, unsaved=kept)
        if skill.id != self._projects_of:
            self._projects_of = skill.id
            projects = self.ctx.services.portfolio.with_skill(self.ctx.profile_id, skill.id)
            self._projects = projects
            self.projects_model.set_items(projects)
            self.projects_view.setVisible(bool(projects))
            self.no_projects.setVisible(not projects)
        self._show_evidence(skill.id)
        self.resources_card.show_item(skill.id)

    def _show_evidence(self, skill_id: str) -> None:
        # The projects were read for this skill since the portfolio last changed.
        found = self.ctx.services.evidence.of_skill(self.ctx.profile_id, skill_id, self._projects)
        others = [p for p in (found.proof if found else ()) if p.kind is not ProofKind.PROJECT]
        names = [f"{p.kind.value} “{p.title}”" for p in others]
        self.evidence.setText("Also shown by your " + ", ".join(names) + "." if names else "")
        self.evidence.setVisible(bool(names))
        self.unproven.setVisible(found is not None and found.unproven)

    def _show_detail(self, shown: bool) -> None:
        """A skill's detail, or the empty state when none is selected: never a stale skill."""
        shown_with_a_skill = (
            self.skill_where,
            self.description,
            self.note_card,
            self.projects_card,
            self.resources_card,
        )
        for widget in (*shown_with_a_skill, self.log_skill_time):
            widget.setVisible(shown)
        if not shown:
            self.unproven.hide()
        self.note.setEnabled(shown)
        self.empty_hint.setVisible(not shown)
        self.show_all_button.setVisible(not shown and bool(self.filter_edit.text()))
        self.empty_spacer.setVisible(not shown)

    def _show_no_skill(self) -> None:
        # What was typed for the skill shown until now is saved before its note goes.
        self.note.flush()
        self.note.set_saved_text("", force=True)
        self._shown_skill = ""
        self._projects_of = ""
        self._projects = []
        self.projects_model.set_items([])
        self.resources_card.show_item("")
        self.requires.setVisible(False)
        self.state_controls.set_state(None)
        text = self.filter_edit.text().strip()
        if text:
            self.skill_title.setText("No skill matches the filter")
            self.empty_hint.setText(f"Nothing in the checklist matches “{text}”: no skill, description or group.")
        else:
            self.skill_title.setText("No skill selected")
            self.empty_hint.setText("Choose a skill in the list to see its state, your note and its projects.")

    def _clear_filter(self) -> None:
        self.filter_edit.clear()
        self._focus_list()

    def _set_state(self, item_id: str, state: ItemState) -> None:
        if item_id:
            self.ctx.run(SetStateCommand(self.ctx, item_id, state))

    def _save_note(self, text: str) -> None:
        if self._shown_skill:
            self.ctx.run(SetItemNoteCommand(self.ctx, self._shown_skill, text))

    def attach(self, navigator: Navigator) -> None:
        self.open_project.connect(lambda project_id: navigator.show_project(project_id))
        self.log_time.connect(navigator.log_time_for)

    def _open_project(self, index: QModelIndex) -> None:
        project = index.data(OBJECT_ROLE)
        if project is not None:
            self.open_project.emit(project.id)

    def flush(self) -> None:
        self.note.flush()
