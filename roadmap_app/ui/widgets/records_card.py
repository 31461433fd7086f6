"""A step's records on its page: credentials on step 1, experience on step 4, each with
what it is, when and the skills it proves; add, edit and delete go through the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from roadmap_app.domain.records import Credential, Experience
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.dialogs.record_dialog import RecordDialog
from roadmap_app.ui.widgets.common import Card, muted_label
from roadmap_app.ui.window.undo_records import AddRecordCommand, DeleteRecordCommand, UpdateRecordCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

#: The step whose page lists each kind of record.
RECORD_STEPS = {"step.credential": "credential", "step.experience": "experience"}
_EMPTY = {
    "credential": "No credentials yet. Add your degree, certificates and courses, with the skills each covers.",
    "experience": "No experience yet. Add internships, jobs, competitions or open source work, with the skills used.",
}


def describe_record(record: Credential | Experience, title_of: Callable[[str], str]) -> str:
    """Two lines: the title with kind and dates; where, status and skills."""
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
    second = " · ".join(part for part in (where, status, f"Skills: {skills}" if skills else "No skills yet") if part)
    return f"{first}\n{second}"


class RecordsCard(Card):
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
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.body.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for button, name in (
            (self.add_button, "Add a record"),
            (self.edit_button, "Edit the selected record"),
            (self.delete_button, "Delete the selected record"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.records: list[Credential | Experience] = []

    def show_kind(self, kind: str) -> None:
        self.kind = kind
        self.title_label.setText("Your credentials" if kind == "credential" else "Your experience")
        self.add_button.setText(f"Add {kind}…")
        self.add_button.setAccessibleName(f"Add {'a' if kind == 'credential' else 'an'} {kind}")
        self.refresh()

    def _service_list(self) -> list[Credential | Experience]:
        services = self.ctx.services
        if self.kind == "credential":
            return list(services.credentials.list(self.ctx.profile_id))
        return list(services.experience.list(self.ctx.profile_id))

    def refresh(self) -> None:
        selected = self.selected()
        self.records = self._service_list()
        self.list.clear()
        title_of = self.ctx.services.roadmap.title_of
        for record in self.records:
            item = QListWidgetItem(describe_record(record, title_of))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
            if selected is not None and record.id == selected.id:
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

    def selected(self) -> Credential | Experience | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

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
        if record is None:
            return
        dialog = self.dialog(record)
        if dialog.exec():
            self.ctx.run(UpdateRecordCommand(self.ctx, self.kind, record.id, record.title, **dialog.values))
        dialog.deleteLater()

    def confirm_delete(self, record: Credential | Experience) -> bool:
        box, act = verb_question(
            self, f"Delete {self.kind}", f"Delete “{record.title}”? Edit → Undo brings it back.", f"Delete {self.kind}"
        )
        return asked(box, act)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is not None and self.confirm_delete(record):
            self.ctx.run(DeleteRecordCommand(self.ctx, self.kind, record.id, record.title))
