"""An item's learning resources, under its note on the Skills and Roadmap pages: the
learner's own (added, edited, removed, stepped through and marked done through the undo
stack), then the roadmap's official ones apart, read-only. A link opens in the system
browser only when its button is clicked, and only an http(s) address."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton, QSpinBox, QWidget

from roadmap_app.domain.resources import MAX_PARTS, Resource, RoadmapResource
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.dialogs.resource_dialog import ResourceDialog
from roadmap_app.ui.widgets.common import Card, muted_label
from roadmap_app.ui.widgets.markdown import is_openable, open_link
from roadmap_app.ui.widgets.models import OBJECT_ROLE
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.undo_resources import (
    AddResourceCommand,
    DeleteResourceCommand,
    SetResourceDoneCommand,
    UpdateResourceCommand,
)

Index = QModelIndex | QPersistentModelIndex
ROADMAP_HEADER = "From the roadmap (official, read-only)"
Row = Resource | RoadmapResource | str  # a str is the header above the roadmap's


def resource_text(row: Resource | RoadmapResource) -> str:
    """Two lines: the title; the kind with the progress (the learner's) or whose it is."""
    if isinstance(row, RoadmapResource):
        return f"{row.title}\n{row.kind.label} · the roadmap's"
    if row.done:
        state = "✓ Done"
    elif row.of is not None:
        state = f"{row.progress} of {row.of}"
    else:
        state = f"{row.progress} done" if row.progress else "Not started"
    return f"{row.title}\n{row.kind.label} · {state}"


class ResourcesModel(QAbstractListModel):
    """The learner's resources, then a header and the roadmap's (not selectable, the header)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_resources(self, own: Sequence[Resource], official: Sequence[RoadmapResource]) -> None:
        self.beginResetModel()
        rows: list[Row] = list(own)
        if official:
            rows += [ROADMAP_HEADER, *official]
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, resource_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if isinstance(r, Resource) and r.id == resource_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        if isinstance(row, str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row if isinstance(row, str) else resource_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and not isinstance(row, str):
            return row.url or "No link"
        if role == Qt.ItemDataRole.FontRole and isinstance(row, str):
            font = QFont()
            font.setBold(True)
            return font
        if role == OBJECT_ROLE:
            return None if isinstance(row, str) else row
        return None


class ResourcesCard(Card):
    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__("Resources", parent)
        self.ctx = ctx
        self.item_id = ""
        #: The profile and item the card last read, so that showing them again reads nothing.
        self._shown_for: tuple[int, str] | None = None
        self.setObjectName("resourcesCard")
        self.setAccessibleName("Learning resources")
        self.empty = muted_label("No resources yet. Add the course, book, video or docs you learn this from.")
        self.empty.setWordWrap(True)
        self.body.addWidget(self.empty)
        self.model = ResourcesModel(self)
        self.view = QListView()
        self.view.setObjectName("resourcesView")
        self.view.setAccessibleName("Learning resources on this item")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSpacing(2)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.activated.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        for key, slot in (
            (Qt.Key.Key_Delete, self.remove_selected),
            (Qt.Key.Key_Space, self.toggle_done),
            # Ctrl+N is File → New project everywhere; Insert adds here.
            (Qt.Key.Key_Insert, self.add),
        ):
            shortcut = QShortcut(QKeySequence(key), self.view, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.body.addWidget(self.view)
        progress_row = QHBoxLayout()
        self.progress_label = QLabel("&Progress")
        self.progress_box = QSpinBox()
        self.progress_box.setObjectName("resourceProgressBox")
        self.progress_box.setAccessibleName("Parts done of the selected resource")
        self.progress_box.setKeyboardTracking(False)
        self.progress_box.setRange(0, MAX_PARTS)
        self.progress_box.valueChanged.connect(self._set_progress)
        self.progress_label.setBuddy(self.progress_box)
        self.of_label = muted_label()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_box)
        progress_row.addWidget(self.of_label)
        progress_row.addStretch(1)
        self.body.addLayout(progress_row)
        # Why a roadmap's resource has no progress, on its own line so the card stays narrow.
        self.read_only_hint = muted_label("The roadmap's resources are read-only; add your own copy to track one.")
        self.read_only_hint.setWordWrap(True)
        self.body.addWidget(self.read_only_hint)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.done_button = QPushButton("Mark done")
        self.open_button = QPushButton("Open link")
        self.remove_button = QPushButton("Remove")
        for button, name, slot in (
            (self.add_button, "Add a learning resource", self.add),
            (self.edit_button, "Edit the selected resource", self.edit_selected),
            (self.done_button, "Mark the selected resource done or not done", self.toggle_done),
            (self.open_button, "Open the selected resource's link in the browser", self.open_selected),
            (self.remove_button, "Remove the selected resource", self.remove_selected),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(slot)
        # Two short rows, so that the card fits beside the checklist on a small screen.
        for button in (self.done_button, self.open_button):
            progress_row.addWidget(button)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        chain: list[QWidget] = [self.view, self.progress_box, self.done_button, self.open_button]
        chain += [self.add_button, self.edit_button, self.remove_button]
        for first, then in itertools.pairwise(chain):
            QWidget.setTabOrder(first, then)
        ctx.changed.connect(self._on_changed)
        self._enable()

    # --- what is shown ---------------------------------------------------------------------

    def show_item(self, item_id: str) -> None:
        """The resources of a task or skill ('' shows none)."""
        if item_id != self.item_id:
            self.item_id = item_id
            self.view.setCurrentIndex(QModelIndex())
        elif self._shown_for == (self.ctx.profile_id, item_id):
            return  # as read: a change to resources refreshes the card itself (_on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change & Change.RESOURCES and self.item_id:
            self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        resources = self.ctx.services.resources
        own = resources.list(self.ctx.profile_id, self.item_id) if self.item_id else []
        official = resources.of_roadmap(self.item_id) if self.item_id else ()
        self.model.set_resources(own, official)
        if isinstance(chosen, Resource) and self.model.row_of_id(chosen.id) >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.row_of_id(chosen.id)))
        elif isinstance(chosen, RoadmapResource) and chosen in official:
            self.view.setCurrentIndex(self.model.index(len(own) + 1 + official.index(chosen)))
        self.empty.setVisible(not own and not official)
        self.view.setVisible(bool(own or official))
        rows = sum(self.view.sizeHintForRow(r) + 2 * self.view.spacing() for r in range(self.model.rowCount()))
        self.view.setFixedHeight(min(rows, 260) + 2 * self.view.frameWidth() + 4)
        self._enable()
        self._shown_for = (self.ctx.profile_id, self.item_id)

    def selected(self) -> Resource | RoadmapResource | None:
        row = self.model.row_at(self.view.currentIndex().row()) if self.view.currentIndex().isValid() else None
        return None if isinstance(row, str) else row

    def _own_selected(self) -> Resource | None:
        chosen = self.selected()
        return chosen if isinstance(chosen, Resource) else None

    def _enable(self) -> None:
        chosen = self.selected()
        own = self._own_selected()
        self.add_button.setEnabled(bool(self.item_id))
        for button in (self.edit_button, self.done_button, self.remove_button):
            button.setEnabled(own is not None)
        self.done_button.setText("Mark not done" if own and own.done else "Mark done")
        self.open_button.setEnabled(chosen is not None and is_openable(chosen.url))
        self.progress_box.blockSignals(True)
        self.progress_box.setEnabled(own is not None)
        self.progress_box.setMaximum(own.of if own and own.of is not None else MAX_PARTS)
        self.progress_box.setValue(own.progress if own else 0)
        self.progress_box.blockSignals(False)
        self.of_label.setText(f"of {own.of}" if own and own.of is not None else "")
        self.read_only_hint.setVisible(isinstance(chosen, RoadmapResource))

    # --- changes, each one step on the undo stack -------------------------------------------

    def _item_title(self) -> str:
        return self.ctx.services.roadmap.title_of(self.item_id)

    def dialog(self, resource: Resource | None) -> ResourceDialog:
        return ResourceDialog(self._item_title(), resource, self)

    def add(self) -> None:
        if not self.item_id:
            return
        dialog = self.dialog(None)
        if dialog.exec():
            values = dict(dialog.values)
            title = values.pop("title")
            self.ctx.run(AddResourceCommand(self.ctx, self.item_id, title, **values))
        dialog.deleteLater()

    def edit_selected(self) -> None:
        own = self._own_selected()
        if own is None:
            return
        dialog = self.dialog(own)
        if dialog.exec():
            self.ctx.run(UpdateResourceCommand(self.ctx, own, f"Edit resource “{own.title}”", **dialog.values))
        dialog.deleteLater()

    def _set_progress(self, value: int) -> None:
        own = self._own_selected()
        if own is not None and value != own.progress:
            self.ctx.run(UpdateResourceCommand(self.ctx, own, f"Progress on “{own.title}”", progress=value))

    def toggle_done(self) -> None:
        own = self._own_selected()
        if own is not None:
            self.ctx.run(SetResourceDoneCommand(self.ctx, own, not own.done))

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and is_openable(chosen.url):
            open_link(chosen.url)

    def confirm_remove(self, resource: Resource) -> bool:
        box, act = verb_question(
            self, "Remove resource", f"Remove “{resource.title}”? Edit → Undo brings it back.", "Remove resource"
        )
        return asked(box, act)

    def remove_selected(self) -> None:
        own = self._own_selected()
        if own is not None and self.confirm_remove(own):
            self.ctx.run(DeleteResourceCommand(self.ctx, own))
