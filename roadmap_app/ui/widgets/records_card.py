"""A step's records on its page: credentials on step 1, projects on step 3, experience on
step 4, each with what it is, when and the skills it proves. Credentials and experience are
added, edited and deleted here through the undo stack; a project opens on the Portfolio
page, whose editor is the one place projects are changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from roadmap_app.domain.model import Project
from roadmap_app.domain.records import Credential, Experience
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.dialogs.experience_notes import ExperienceNotesDialog
from roadmap_app.ui.dialogs.record_dialog import RecordDialog
from roadmap_app.ui.widgets.common import Card, muted_label
from roadmap_app.ui.window.undo_records import AddRecordCommand, DeleteRecordCommand, UpdateRecordCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

#: The step whose page lists each kind of record.
RECORD_STEPS = {"step.credential": "credential", "step.portfolio": "project", "step.experience": "experience"}
_TITLES = {"credential": "Your credentials", "project": "Your projects", "experience": "Your experience"}
_EMPTY = {
    "project": "No projects yet. Start one to show what you can build, with the skills it proves.",
    "credential": "No credentials yet. Add your degree, certificates and courses, with the skills each covers.",
    "experience": "No experience yet. Add internships, jobs, competitions or open source work, with the skills used.",
}


Shown = Credential | Experience | Project


def describe_project(project: Project, title_of: Callable[[str], str]) -> str:
    """Two lines, like a credential's: the title with its status; the skills it shows."""
    skills = ", ".join(title_of(s) for s in project.skill_ids)
    return f"{project.title} · {project.status.label}\n{f'Skills: {skills}' if skills else 'No skills yet'}"


def note_count_words(count: int) -> str:
    return "No notes yet" if count == 0 else "1 note" if count == 1 else f"{count:,} notes"


def describe_record(
    record: Credential | Experience, title_of: Callable[[str], str], note_count: int | None = None
) -> str:
    """Two lines: the title with kind and dates; where, status, skills and (an experience's) notes."""
    start = record.started_on.isoformat() if record.started_on else ""
    if isinstance(record, Experience):
        end = record.finished_on.isoformat() if record.finished_on else "now"
        where, status = record.organisation, ""
    else:
        end = record.finished_on.isoformat() if record.finished_on else ""
        where, status = record.provider, record.status.label
    span = f"{start or '?'} – {end or '…'}" if start or record.finished_on else ""
    first = " · ".join(part for part in (record.title, record.kind.label, span) if part)
    skills = ", ".join(title_of(s) for s in record.skill_ids)
    notes = note_count_words(note_count) if note_count is not None else ""
    parts = (where, status, f"Skills: {skills}" if skills else "No skills yet", notes)
    second = " · ".join(part for part in parts if part)
    return f"{first}\n{second}"


class RecordsCard(Card):
    #: A project to show on the Portfolio page, by id; a new project to start there.
    open_project = Signal(int)
    new_project = Signal()

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__("Your records", parent)
        self.ctx = ctx
        self.kind = "credential"
        self.setObjectName("recordsCard")
        self.empty = muted_label()
        self.empty.setWordWrap(True)
        self.body.addWidget(self.empty)
        self.list = QListWidget()
        self.list.setObjectName("recordsList")
        self.list.setAccessibleName("Your records on this step")
        self.list.setWordWrap(True)
        # Two lines per record: spaced and banded, so that records do not run together.
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _item: self._activate())
        self.list.itemActivated.connect(lambda _item: self._activate())
        self.body.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.notes_button = QPushButton("Notes…")  # an experience's dated notes
        # Projects: the Portfolio page edits them, so this card only opens and starts them.
        self.open_button = QPushButton("Open in Portfolio")
        self.new_button = QPushButton("New project…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.notes_button.clicked.connect(self.show_notes)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_project.emit)
        for button, name in (
            (self.add_button, "Add a record"),
            (self.edit_button, "Edit the selected record"),
            (self.delete_button, "Delete the selected record"),
            (self.notes_button, "Notes on the selected experience"),
            (self.open_button, "Open the selected project on the Portfolio page"),
            (self.new_button, "Start a new project on the Portfolio page"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.records: list[Shown] = []

    def show_kind(self, kind: str) -> None:
        self.kind = kind
        self.title_label.setText(_TITLES[kind])
        is_project = kind == "project"
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(not is_project)
        for button in (self.open_button, self.new_button):
            button.setVisible(is_project)
        self.notes_button.setVisible(kind == "experience")
        if not is_project:
            self.add_button.setText(f"Add {kind}…")
            self.add_button.setAccessibleName(f"Add {'a' if kind == 'credential' else 'an'} {kind}")
        self.refresh()

    def _service_list(self) -> list[Shown]:
        services = self.ctx.services
        if self.kind == "credential":
            return list(services.credentials.list(self.ctx.profile_id))
        if self.kind == "project":
            return list(services.portfolio.projects(self.ctx.profile_id))
        return list(services.experience.list(self.ctx.profile_id))

    def refresh(self) -> None:
        selected = self.selected()
        self.records = self._service_list()
        self.list.clear()
        title_of = self.ctx.services.roadmap.title_of
        counts = self.ctx.services.experience.note_counts(self.ctx.profile_id) if self.kind == "experience" else {}
        for record in self.records:
            if isinstance(record, Project):
                shown = describe_project(record, title_of)
            else:
                count = counts.get(record.id, 0) if isinstance(record, Experience) else None
                shown = describe_record(record, title_of, count)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
            if selected is not None and type(record) is type(selected) and record.id == selected.id:
                self.list.setCurrentItem(item)
        self.empty.setText(_EMPTY[self.kind])
        self.empty.setVisible(not self.records)
        self.list.setVisible(bool(self.records))
        # Each row's own height and the spacing around it, so that no record is cut.
        rows = sum(self.list.sizeHintForRow(r) + 2 * self.list.spacing() for r in range(self.list.count()))
        self.list.setFixedHeight(min(rows, 320) + 2 * self.list.frameWidth() + 4)
        self._enable()

    def _enable(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.open_button.setEnabled(has)
        self.notes_button.setEnabled(has)

    def selected(self) -> Shown | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _activate(self) -> None:
        """Enter or a double click: a project opens on the Portfolio page, a record's form opens."""
        if self.kind == "project":
            self.open_selected()
        else:
            self.edit_selected()

    def open_selected(self) -> None:
        record = self.selected()
        if isinstance(record, Project):
            self.open_project.emit(record.id)

    def dialog(self, record: Credential | Experience | None) -> RecordDialog:
        return RecordDialog(self.ctx.services.roadmap, self.kind, record, self)

    def add(self) -> None:
        dialog = self.dialog(None)
        if dialog.exec():
            values = dict(dialog.values)
            title = values.pop("title")
            self.ctx.run(AddRecordCommand(self.ctx, self.kind, title, **values))
        dialog.deleteLater()

    def edit_selected(self) -> None:
        record = self.selected()
        if record is None or isinstance(record, Project):
            return
        dialog = self.dialog(record)
        if dialog.exec():
            self.ctx.run(UpdateRecordCommand(self.ctx, self.kind, record.id, record.title, **dialog.values))
        dialog.deleteLater()

    def notes_dialog(self, record: Experience) -> ExperienceNotesDialog:
        return ExperienceNotesDialog(self.ctx, record, self)

    def show_notes(self) -> None:
        record = self.selected()
        if isinstance(record, Experience):
            dialog = self.notes_dialog(record)
            dialog.exec()
            dialog.deleteLater()

    def confirm_delete(self, record: Credential | Experience) -> bool:
        box, act = verb_question(
            self, f"Delete {self.kind}", f"Delete “{record.title}”? Edit → Undo brings it back.", f"Delete {self.kind}"
        )
        return asked(box, act)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is not None and not isinstance(record, Project) and self.confirm_delete(record):
            self.ctx.run(DeleteRecordCommand(self.ctx, self.kind, record.id, record.title))
