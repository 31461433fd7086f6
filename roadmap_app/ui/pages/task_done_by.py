"""Done by… on the Roadmap page: a task of step 1, 3 or 4 is marked done by the credential,
project or experience that did it (B, the tasks' context menu, or the button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListView, QPushButton, QWidget

from roadmap_app.domain.evidence import Proof
from roadmap_app.domain.task_links import record_kind_for
from roadmap_app.services import FAILURES
from roadmap_app.ui.dialogs.record_picker import RecordPicker
from roadmap_app.ui.window.undo_links import LinkTaskCommand, UnlinkTaskCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext


class TaskDoneBy(QObject):
    """The action and the button that link the shown task to a record, through the undo stack."""

    def __init__(self, ctx: LearnerContext, tasks_view: QListView, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id = ""
        self._parent = parent
        self.action = QAction("Done &by…", tasks_view)
        self.action.setObjectName("doneByAction")
        self.action.setShortcut(QKeySequence(Qt.Key.Key_B))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.setToolTip("Mark the task done by the credential, project or experience that did it (B)")
        self.action.triggered.connect(self.pick)
        tasks_view.addAction(self.action)
        tasks_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.button = QPushButton("Done by…")
        self.button.setObjectName("doneByButton")
        self.button.setAccessibleName("Mark this task done by one of your records")
        self.button.setToolTip(self.action.toolTip())
        self.button.clicked.connect(self.pick)

    def show_task(self, task_id: str) -> None:
        """The task the action works on; it is offered only on the steps whose tasks records do."""
        self.task_id = task_id
        linkable = record_kind_for(self.ctx.services.roadmap, task_id) is not None
        self.action.setEnabled(linkable)
        self.action.setVisible(linkable)
        self.button.setVisible(linkable)

    def picker(self, task_id: str) -> RecordPicker | None:
        """The dialog for a task, or None (and a message) when its records cannot be read."""
        services = self.ctx.services
        kind = record_kind_for(services.roadmap, task_id)
        task = services.roadmap.task(task_id)
        if kind is None or task is None:
            return None
        try:
            records = services.task_links.candidates(self.ctx.profile_id, task_id)
            linked = services.task_links.links(self.ctx.profile_id, task_id)
        except FAILURES as exc:
            self.ctx.report(exc)
            return None
        return RecordPicker(task.title, kind, records, linked, self._parent)

    def pick(self) -> None:
        dialog = self.picker(self.task_id)
        if dialog is None:
            return
        chosen: Proof | None = dialog.chosen() if dialog.exec() else None
        unlinking = dialog.unlinking
        dialog.deleteLater()
        if chosen is not None:
            command = UnlinkTaskCommand if unlinking else LinkTaskCommand
            self.ctx.run(command(self.ctx, self.task_id, chosen))
