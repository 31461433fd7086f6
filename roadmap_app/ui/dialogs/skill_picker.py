"""Choosing the skills a project shows, from the checklist's skills."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListView, QVBoxLayout, QWidget

from roadmap_app.domain.model import Roadmap, Skill

Index = QModelIndex | QPersistentModelIndex


class SkillPickModel(QAbstractListModel):
    """Every skill with a check box; the checked ones are the project's."""

    def __init__(self, roadmap: Roadmap, checked: tuple[str, ...] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._roadmap = roadmap
        self._skills: list[Skill] = list(roadmap.skills)
        self._checked = set(checked)
        # Skills from an earlier roadmap version: not listed, and kept on the project.
        self._kept = [s for s in checked if roadmap.skill(s) is None]

    def checked(self) -> list[str]:
        """The ticked skills in roadmap order, then those the roadmap no longer has."""
        return [s.id for s in self._roadmap.skills if s.id in self._checked] + self._kept

    def skill(self, row: int) -> Skill:
        return self._skills[row]

    def row_of(self, skill_id: str) -> int:
        return next((i for i, s in enumerate(self._skills) if s.id == skill_id), -1)

    def filter(self, needle: str) -> None:
        needle = needle.strip().casefold()
        self.beginResetModel()
        self._skills = [s for s in self._roadmap.skills if not needle or needle in s.title.casefold()]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._skills)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._skills):
            return None
        skill = self._skills[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            category = self._roadmap.category(skill.category_id)
            return f"{skill.title}  ·  {category.title if category else skill.category_id}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if skill.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return skill.description or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        skill = self._skills[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked:
            self._checked.add(skill.id)
        else:
            self._checked.discard(skill.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class SkillPickerDialog(QDialog):
    """Tick the skills a project shows; Space ticks the current one."""

    def __init__(self, roadmap: Roadmap, checked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skills this project shows")
        self.setAccessibleName("Skills this project shows")
        self.model = SkillPickModel(roadmap, checked, self)
        layout = QVBoxLayout(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter skills")
        self.filter_edit.setAccessibleName("Filter skills")
        self.filter_edit.textChanged.connect(self.model.filter)
        layout.addWidget(self.filter_edit)
        self.view = QListView()
        self.view.setObjectName("skillPicker")
        self.view.setAccessibleName("Skills")
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(440, 520)
        self.view.setFocus()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def check(self, skill_id: str, checked: bool = True) -> None:
        row = self.model.row_of(skill_id)
        if row >= 0:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            self.model.setData(self.model.index(row), state, Qt.ItemDataRole.CheckStateRole)
