"""Add, edit and remove the learner's own items from a page: the dialog, the question before
removing one with progress, the context menu, and each change through the undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from roadmap_app.domain.own_items import OwnKind, is_own
from roadmap_app.services import FAILURES
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.dialogs.own_item_dialog import OwnItemDialog
from roadmap_app.ui.widgets.delegates import ChecklistView
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.undo_own_items import AddOwnItemCommand, EditOwnItemCommand, RemoveOwnItemCommand


class OwnItemActions(QObject):
    """What a page offers on own items of one ``kind``; ``parent`` is the page the dialogs belong to."""

    def __init__(self, ctx: LearnerContext, kind: OwnKind, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.page = parent
        #: The last dialog opened (tests drive it); None when none is open.
        self.dialog: OwnItemDialog | None = None
        #: Answers the question before a removal; tests replace it.
        self.confirm = self._ask_before_removing
        #: The context menu shown last (tests read its actions).
        self.menu: QMenu | None = None

    def add(self, place: str = "") -> bool:
        """Open the form for a new item on ``place`` (a step or a category); True when one was added."""
        dialog = OwnItemDialog(self.ctx, self.kind, place=place, parent=self.page)
        self.dialog = dialog
        try:
            if not dialog.exec():
                return False
            values = dict(dialog.values)
            title = values.pop("title")
            return self.ctx.run(AddOwnItemCommand(self.ctx, self.kind.value, title, **values))
        finally:
            self.dialog = None
            dialog.deleteLater()

    def edit(self, item_id: str) -> bool:
        try:
            item = self.ctx.services.own_items.get(self.ctx.profile_id, item_id)
        except FAILURES as exc:
            self.ctx.report(exc)
            return False
        dialog = OwnItemDialog(self.ctx, item.kind, item=item, parent=self.page)
        self.dialog = dialog
        try:
            if not dialog.exec():
                return False
            return self.ctx.run(EditOwnItemCommand(self.ctx, item, **dialog.values))
        finally:
            self.dialog = None
            dialog.deleteLater()

    def remove(self, item_id: str) -> bool:
        """Remove an own item; one with progress only after the learner says so."""
        services = self.ctx.services
        try:
            item = services.own_items.get(self.ctx.profile_id, item_id)
        except FAILURES as exc:
            self.ctx.report(exc)
            return False
        if services.own_items.has_progress(self.ctx.profile_id, item_id) and not self.confirm(item.title):
            return False
        return self.ctx.run(RemoveOwnItemCommand(self.ctx, item))

    def _ask_before_removing(self, title: str) -> bool:
        box, act = verb_question(
            self.page,
            f"Remove “{title}”?",
            f"You have a state or a note on “{title}”. Removed, it is no longer counted in your progress; "
            "your state and note are kept and shown under Archived. Ctrl+Z brings it back.",
            f"Remove {self.kind.value}",
        )
        return asked(box, act)

    def menu_for(self, item_id: str, place: str) -> QMenu:
        """The context menu of an item: add one more here; edit or remove one's own."""
        menu = QMenu(self.page)
        menu.setObjectName("ownItemMenu")
        add = QAction(f"Add {self.kind.value}…", menu)
        add.triggered.connect(lambda: self.add(place))
        menu.addAction(add)
        if is_own(item_id):
            menu.addSeparator()
            edit = QAction("Edit…", menu)
            edit.triggered.connect(lambda: self.edit(item_id))
            remove = QAction(f"Remove {self.kind.value}…", menu)
            remove.triggered.connect(lambda: self.remove(item_id))
            menu.addAction(edit)
            menu.addAction(remove)
        return menu

    def attach_menu(self, view: ChecklistView, place_of: Callable[[str], str]) -> None:
        """Give a checklist the context menu (also by the Menu key or Shift+F10, on the current item)."""
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def show(pos: QPoint) -> None:
            index = view.indexAt(pos)
            if index.isValid():
                view.setCurrentIndex(index)
            item_id = view.current_item_id()
            self.menu = self.menu_for(item_id, place_of(item_id))
            self.menu.popup(view.viewport().mapToGlobal(pos))

        view.customContextMenuRequested.connect(show)
