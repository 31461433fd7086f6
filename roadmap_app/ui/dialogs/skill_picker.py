"""Choosing the skills a project shows, from the checklist's skills, listed under their categories."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import Roadmap, Skill, SkillCategory, SkillGroup
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.window.theme import muted_colour

Index = QModelIndex | QPersistentModelIndex
#: The title of a skill's category.
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 30
#: True for the first skill listed of its category: the category's title goes above it.
FIRST_IN_CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 31


def _ordered_categories(roadmap: Roadmap) -> list[SkillCategory]:
    """The categories as the Skills page lists them: technical groups first."""
    return sorted(roadmap.categories, key=lambda c: c.group is not SkillGroup.TECHNICAL)


class SkillPickModel(QAbstractListModel):
    """Every skill with a check box; the checked ones are the project's."""

    def __init__(self, roadmap: Roadmap, checked: tuple[str, ...] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roadmap = roadmap
        self._skills: list[Skill] = list(roadmap.skills)
        self._checked = set(checked)
        # Skills from an earlier roadmap version: not listed, and kept on the project.
        self._kept = [s for s in checked if roadmap.skill(s) is None]

    @property
    def roadmap(self) -> Roadmap:
        return self._roadmap

    def checked(self) -> list[str]:
        """The ticked skills in roadmap order, then those the roadmap no longer has."""
        return [s.id for s in self._roadmap.skills if s.id in self._checked] + self._kept

    def kept(self) -> list[str]:
        """The project's skills the roadmap no longer lists: kept, never shown to tick."""
        return list(self._kept)

    def is_checked(self, skill_id: str) -> bool:
        return skill_id in self._checked

    def skill(self, row: int) -> Skill:
        return self._skills[row]

    def row_of(self, skill_id: str) -> int:
        return next((i for i, s in enumerate(self._skills) if s.id == skill_id), -1)

    def filter(self, needle: str) -> None:
        """Keep the skills whose name holds ``needle``; a category's name, when none of its skills does, keeps them all."""
        needle = needle.strip().casefold()
        shown: list[Skill] = []
        for category in _ordered_categories(self._roadmap):
            skills = [s for s in self._roadmap.skills if s.category_id == category.id]
            matching = [s for s in skills if needle in s.title.casefold()]
            shown += matching or (skills if needle in category.title.casefold() else [])
        listed = {c.id for c in self._roadmap.categories}
        # A skill whose category is missing is still listed, unfiltered by category.
        shown += [s for s in self._roadmap.skills if s.category_id not in listed and needle in s.title.casefold()]
        self.beginResetModel()
        self._skills = shown
        self.endResetModel()

    def _category_title(self, skill: Skill) -> str:
        category = self._roadmap.category(skill.category_id)
        return category.title if category else skill.category_id

    def categories(self) -> list[str]:
        """The titles of the categories listed, in order."""
        titles: list[str] = []
        for skill in self._skills:
            title = self._category_title(skill)
            if not titles or titles[-1] != title:
                titles.append(title)
        return titles

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
        if role == Qt.ItemDataRole.DisplayRole:
            return skill.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{skill.title} ({self._category_title(skill)})"
        if role == CATEGORY_ROLE:
            return self._category_title(skill)
        if role == FIRST_IN_CATEGORY_ROLE:
            row = index.row()
            return row == 0 or self._skills[row - 1].category_id != skill.category_id
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


class SkillPickDelegate(QStyledItemDelegate):
    """A skill's check box and name; the first skill of a category has the category's title above it."""

    GAP = 6
    PADDING = 4  # more room than a bare list: the rows are easier to hit and to read
    INDENT = 10  # the skills sit under their category's title

    def _header_height(self, option: QStyleOptionViewItem, index: Index) -> int:
        if not index.data(FIRST_IN_CATEGORY_ROLE):
            return 0
        return QFontMetrics(self._header_font(option.font)).height() + (self.GAP * 2 if index.row() else self.GAP)

    @staticmethod
    def _header_font(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING + self._header_height(option, index))

    def item_option(self, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        """The part of a row the check box and name are drawn in: below the category's title, indented."""
        item = QStyleOptionViewItem(option)
        item.rect = option.rect.adjusted(self.INDENT, self._header_height(option, index), 0, 0)
        return item

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        header = self._header_height(option, index)
        if header:
            painter.save()
            painter.setFont(self._header_font(option.font))
            painter.setPen(muted_colour(option.palette))
            top = option.rect.adjusted(4, header - QFontMetrics(painter.font()).height() - 2, -4, 0)
            title = QFontMetrics(painter.font()).elidedText(
                str(index.data(CATEGORY_ROLE)), Qt.TextElideMode.ElideRight, top.width()
            )
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), title)
            painter.restore()
        super().paint(painter, self.item_option(option, index), index)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index) -> bool:
        # The check box sits below the category's title: clicks are measured from there.
        return super().editorEvent(event, model, self.item_option(option, index), index)


class SkillPickerDialog(QDialog):
    """Tick the skills a project shows, listed under their categories; Space ticks the current one."""

    def __init__(self, roadmap: Roadmap, checked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skillPickerDialog")
        self.setWindowTitle("Skills this project shows")
        self.setAccessibleName("Skills this project shows")
        self.model = SkillPickModel(roadmap, checked, self)
        self.model.filter("")  # grouped by category, as the Skills page lists them
        layout = QVBoxLayout(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("skillPickerFilter")
        self.filter_edit.setPlaceholderText("Filter skills")
        self.filter_edit.setAccessibleName("Filter skills")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.installEventFilter(self)
        layout.addWidget(self.filter_edit)
        self.view = QListView()
        self.view.setObjectName("skillPicker")
        self.view.setAccessibleName("Skills")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SkillPickDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Long names are elided, with the description in the tooltip: no sideways scrolling.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.view, 1)
        self.no_match = muted_label("No skill matches the filter.")
        self.no_match.hide()
        layout.addWidget(self.no_match)
        kept = self.model.kept()
        self.kept_label = muted_label(
            "Also kept on this project, though the roadmap no longer lists them: " + ", ".join(kept) if kept else ""
        )
        self.kept_label.setWordWrap(True)
        self.kept_label.setVisible(bool(kept))
        layout.addWidget(self.kept_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 560)
        self.view.setFocus()
        self._select_first()

    def _filter(self, text: str) -> None:
        self.model.filter(text)
        self.no_match.setVisible(self.model.rowCount() == 0)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter or Down in the filter goes to the list (Enter there accepts), not straight to OK.
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)
        ):
            self._focus_list()
            return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self._select_first()
        self.view.setFocus()

    def shown_skills(self) -> dict[str, list[str]]:
        """What the list shows: each category's title and its skills' names, in order."""
        shown: dict[str, list[str]] = {}
        for row in range(self.model.rowCount()):
            index = self.model.index(row)
            shown.setdefault(str(index.data(CATEGORY_ROLE)), []).append(str(index.data()))
        return shown

    def check(self, skill_id: str, checked: bool = True) -> None:
        row = self.model.row_of(skill_id)
        if row >= 0:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            self.model.setData(self.model.index(row), state, Qt.ItemDataRole.CheckStateRole)
