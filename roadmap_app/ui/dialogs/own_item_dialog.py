"""Add or edit one of the learner's own tasks or skills: a small form, reached and left by
keyboard (Enter saves, Esc cancels). A bad value is said under the form, which stays open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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

from roadmap_app.domain.own_items import OwnItem, OwnKind
from roadmap_app.services import FAILURES
from roadmap_app.ui.dialogs.form_error import form_error_label
from roadmap_app.ui.dialogs.skill_picker import SkillPickerDialog
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.window.context import LearnerContext

NEW_CATEGORY = "__new__"


class OwnItemDialog(QDialog):
    """A new task (``kind`` task) or skill, placed on ``place`` (a step or category id), or ``item`` edited."""

    def __init__(
        self,
        ctx: LearnerContext,
        kind: OwnKind,
        *,
        item: OwnItem | None = None,
        place: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.item = item
        noun = kind.value
        self.setObjectName("ownItemDialog")
        self.setWindowTitle(f"Edit your {noun}" if item else f"Add a {noun} of your own")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(480)
        roadmap = ctx.services.roadmap
        form = QFormLayout()
        self.title_edit = QLineEdit(item.title if item else "")
        self.title_edit.setObjectName("ownItemTitle")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("Containerise a model with Docker" if kind is OwnKind.TASK else "Docker")
        form.addRow("&Title", self.title_edit)
        self.place_box = QComboBox()
        self.place_box.setObjectName("ownItemPlace")
        self.place_box.setAccessibleName("Step" if kind is OwnKind.TASK else "Category")
        self.new_category = QLineEdit()
        self.new_category.setObjectName("ownItemNewCategory")
        self.new_category.setAccessibleName("Name of the new category")
        self.new_category.setPlaceholderText("MLOps")
        if kind is OwnKind.TASK:
            for step in roadmap.steps:
                self.place_box.addItem(f"Step {step.number}: {step.title}", step.id)
        else:
            for category in roadmap.categories:
                self.place_box.addItem(category.title, category.id)
            self.place_box.addItem("New category…", NEW_CATEGORY)
        chosen = (item.step_id or item.category_id) if item else place
        self.place_box.setCurrentIndex(max(0, self.place_box.findData(chosen)))
        self.place_box.setEnabled(item is None)  # an item stays where it was added
        self.place_box.currentIndexChanged.connect(self._show_new_category)
        form.addRow("&Step" if kind is OwnKind.TASK else "&Category", self.place_box)
        self.new_category_label = QLabel("&Name")
        self.new_category_label.setBuddy(self.new_category)
        form.addRow(self.new_category_label, self.new_category)
        self.description_edit = QPlainTextEdit(item.description if item else "")
        self.description_edit.setObjectName("ownItemDescription")
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("What it is, and how you will know it is done")
        self.description_edit.setMaximumHeight(110)
        form.addRow("&Description", self.description_edit)
        self.prerequisites: list[str] = list(item.prerequisites) if item else []
        needs = QHBoxLayout()
        self.needs_label = muted_label()
        self.needs_label.setObjectName("ownItemPrerequisites")
        self.needs_label.setWordWrap(True)
        choose = QPushButton("&Prerequisites…" if kind is OwnKind.SKILL else "S&kills…")
        choose.setAccessibleName(
            "Choose the skills it needs" if kind is OwnKind.SKILL else "Choose the skills it trains"
        )
        choose.clicked.connect(self._choose_prerequisites)
        needs.addWidget(self.needs_label, 1)
        needs.addWidget(choose)
        form.addRow("Requires" if kind is OwnKind.SKILL else "Skills", needs)
        self.error = form_error_label("ownItemError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._check_and_accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_prerequisites()
        self._show_new_category()
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.values: dict[str, Any] = {}

    def _show_new_category(self) -> None:
        new = self.place_box.currentData() == NEW_CATEGORY
        self.new_category.setVisible(new)
        self.new_category_label.setVisible(new)

    def _show_prerequisites(self) -> None:
        titles = [self.ctx.services.roadmap.title_of(s) for s in self.prerequisites]
        self.needs_label.setText(", ".join(titles) if titles else "None")

    def _choose_prerequisites(self) -> None:
        dialog = SkillPickerDialog(self.ctx.services.roadmap, tuple(self.prerequisites), self)
        dialog.setWindowTitle("Skills it needs" if self.kind is OwnKind.SKILL else "Skills it trains")
        if dialog.exec():
            self.prerequisites = [s for s in dialog.model.checked() if not self.item or s != self.item.id]
            self._show_prerequisites()
        dialog.deleteLater()

    def read_values(self) -> dict[str, Any]:
        """The form as the fields of ``own_items.add`` (or ``edit``)."""
        values: dict[str, Any] = {
            "title": self.title_edit.text(),
            "description": self.description_edit.toPlainText(),
            "prerequisites": tuple(self.prerequisites),
        }
        if self.item is None:
            place = str(self.place_box.currentData() or "")
            if self.kind is OwnKind.TASK:
                values["step_id"] = place
            elif place == NEW_CATEGORY:
                values["new_category"] = self.new_category.text() or " "
            else:
                values["category_id"] = place
        return values

    def _check_and_accept(self) -> None:
        values = self.read_values()
        own = self.ctx.services.own_items
        try:
            if self.item is None:
                own.check_add(self.ctx.profile_id, self.kind, **values)
            else:
                own.check_edit(self.ctx.profile_id, self.item.id, **values)
        except FAILURES as exc:
            self.error.setText(str(exc).replace("--step ID", "a step").replace("--new-category NAME", "a new one"))
            self.error.show()
            return
        self.values = values
        self.accept()
