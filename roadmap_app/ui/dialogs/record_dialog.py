"""Add or edit a credential or an experience: one form; a bad value is said under the form
and the dialog stays open, so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import Roadmap
from roadmap_app.domain.records import Credential, CredentialKind, CredentialStatus, Experience, ExperienceKind
from roadmap_app.services import UserError
from roadmap_app.services.record_values import check_dates, clean_record_title, clean_url, parse_day
from roadmap_app.ui.dialogs.form_error import form_error_label
from roadmap_app.ui.dialogs.skill_picker import SkillPickerDialog
from roadmap_app.ui.widgets.common import muted_label


class RecordDialog(QDialog):
    """The fields of a credential (``kind`` "credential") or an experience ("experience")."""

    def __init__(
        self, roadmap: Roadmap, kind: str, record: Credential | Experience | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.roadmap = roadmap
        self.setObjectName(f"{kind}Dialog")
        self.setWindowTitle(f"{'Edit' if record else 'Add'} {kind}")
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.title_edit = QLineEdit(record.title if record else "")
        self.title_edit.setPlaceholderText("BSc Computer Science" if kind == "credential" else "Data science intern")
        form.addRow("&Title", self.title_edit)
        self.kind_box = QComboBox()
        kinds = list(CredentialKind) if kind == "credential" else list(ExperienceKind)
        for k in kinds:
            self.kind_box.addItem(k.label, k.value)
        if record is not None:
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(record.kind.value)))
        form.addRow("&Kind", self.kind_box)
        self.where_edit = QLineEdit()
        self.status_box = QComboBox()
        if isinstance(record, Credential) or (record is None and kind == "credential"):
            self.where_edit.setText(record.provider if isinstance(record, Credential) else "")
            form.addRow("&Provider", self.where_edit)
            for s in CredentialStatus:
                self.status_box.addItem(s.label, s.value)
            if isinstance(record, Credential):
                self.status_box.setCurrentIndex(max(0, self.status_box.findData(record.status.value)))
            form.addRow("&Status", self.status_box)
        else:
            self.where_edit.setText(record.organisation if isinstance(record, Experience) else "")
            form.addRow("&Organisation", self.where_edit)
        dates = QHBoxLayout()
        self.started_edit = QLineEdit(record.started_on.isoformat() if record and record.started_on else "")
        self.finished_edit = QLineEdit(record.finished_on.isoformat() if record and record.finished_on else "")
        for edit, name in ((self.started_edit, "Start date"), (self.finished_edit, "Finish date")):
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setAccessibleName(name)
        dates.addWidget(self.started_edit)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.finished_edit)
        form.addRow("Dates", dates)
        self.url_edit = QLineEdit(record.url if record else "")
        self.url_edit.setPlaceholderText("https://…")
        form.addRow("&Link", self.url_edit)
        self.skill_ids: list[str] = list(record.skill_ids) if record else []
        skills = QHBoxLayout()
        self.skills_label = muted_label()
        self.skills_label.setWordWrap(True)
        choose = QPushButton("&Skills…")
        choose.clicked.connect(self._choose_skills)
        skills.addWidget(self.skills_label, 1)
        skills.addWidget(choose)
        form.addRow("Skills", skills)
        self.text_edit = QPlainTextEdit()
        if isinstance(record, Credential):
            self.text_edit.setPlainText(record.note)
        elif isinstance(record, Experience):
            self.text_edit.setPlainText(record.summary)
        self.text_edit.setPlaceholderText("Markdown")
        self.text_edit.setMinimumHeight(90)
        form.addRow("&Note" if kind == "credential" else "S&ummary", self.text_edit)
        if kind == "experience":
            form.addRow("", muted_label("Leave the finish date empty while it goes on."))
        self.error = form_error_label("recordError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_skills()
        self.values: dict[str, Any] = {}

    def _show_skills(self) -> None:
        names = [self.roadmap.title_of(s) for s in self.skill_ids]
        self.skills_label.setText(", ".join(names) if names else "None yet")

    def _choose_skills(self) -> None:
        dialog = SkillPickerDialog(self.roadmap, tuple(self.skill_ids), self)
        if dialog.exec():
            self.skill_ids = dialog.model.checked()
            self._show_skills()
        dialog.deleteLater()

    def _check_and_accept(self) -> None:
        try:
            self.values = self.read_values()
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def read_values(self) -> dict[str, Any]:
        """The form as service fields (title included), checked; UserError for a bad one."""
        started = parse_day(self.started_edit.text(), "start")
        finished = parse_day(self.finished_edit.text(), "finish")
        check_dates(started, finished)
        example = "BSc Computer Science" if self.kind == "credential" else "Data science intern"
        values: dict[str, Any] = {
            "title": clean_record_title(self.title_edit.text(), self.kind, example),
            "kind": self.kind_box.currentData(),
            "started_on": started,
            "finished_on": finished,
            "url": clean_url(self.url_edit.text()),
            "skill_ids": list(self.skill_ids),
        }
        if self.kind == "credential":
            values |= {
                "provider": self.where_edit.text(),
                "status": self.status_box.currentData(),
                "note": self.text_edit.toPlainText(),
            }
        else:
            values |= {"organisation": self.where_edit.text(), "summary": self.text_edit.toPlainText()}
        return values
