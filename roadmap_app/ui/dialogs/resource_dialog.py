"""Add or edit a learning resource: title, link, kind, parts and progress. A bad value is
said under the form and the dialog stays open, so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.resources import MAX_PARTS, Resource, ResourceKind
from roadmap_app.services import UserError
from roadmap_app.services.resources import TITLE_EXAMPLE, check_progress, clean_resource_fields
from roadmap_app.ui.dialogs.form_error import form_error_label


class ResourceDialog(QDialog):
    def __init__(self, item_title: str, resource: Resource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resourceDialog")
        self.setWindowTitle(f"{'Edit' if resource else 'Add'} a resource on “{item_title}”")
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.title_edit = QLineEdit(resource.title if resource else "")
        self.title_edit.setObjectName("resourceTitle")
        self.title_edit.setPlaceholderText(TITLE_EXAMPLE)
        form.addRow("&Title", self.title_edit)
        self.url_edit = QLineEdit(resource.url if resource else "")
        self.url_edit.setObjectName("resourceUrl")
        self.url_edit.setPlaceholderText("https://…")
        form.addRow("&Link", self.url_edit)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("resourceKind")
        for kind in ResourceKind:
            self.kind_box.addItem(kind.label, kind.value)
        chosen = resource.kind if resource else ResourceKind.COURSE
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(chosen.value)))
        form.addRow("&Kind", self.kind_box)
        self.parts_box = QSpinBox()
        self.parts_box.setObjectName("resourceParts")
        self.parts_box.setRange(0, MAX_PARTS)
        self.parts_box.setSpecialValueText("Not counted")
        self.parts_box.setValue(resource.of or 0 if resource else 0)
        self.parts_box.setAccessibleName("Number of parts: modules, chapters or videos")
        form.addRow("&Parts (modules, chapters)", self.parts_box)
        self.progress_box = QSpinBox()
        self.progress_box.setObjectName("resourceProgress")
        self.progress_box.setRange(0, MAX_PARTS)
        self.progress_box.setValue(resource.progress if resource else 0)
        self.progress_box.setAccessibleName("Parts done")
        form.addRow("Parts &done", self.progress_box)
        self.done_box = QCheckBox("&Finished")
        self.done_box.setObjectName("resourceDone")
        self.done_box.setChecked(bool(resource and resource.done))
        form.addRow("", self.done_box)
        self.error = form_error_label("resourceError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.values: dict[str, Any] = {}

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
        parts = self.parts_box.value() or None
        values = {
            "title": self.title_edit.text(),
            "url": self.url_edit.text(),
            "kind": self.kind_box.currentData(),
            "of": parts,
            "progress": self.progress_box.value(),
            "done": self.done_box.isChecked(),
        }
        cleaned = clean_resource_fields(values)
        check_progress(cleaned["progress"], cleaned["of"])
        return values
