"""The Profile menu: switch, create, rename and delete learner profiles."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from roadmap_app.services import FAILURES
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QPushButton

# The dialogs and the undo commands are imported when first asked for: the window
# opens before any of them is needed.


class ProfilesMenu(QMenu):
    """Lists the profiles (the current one checked) and the actions on them."""

    def __init__(self, ctx: LearnerContext, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("&Profile", parent)
        self.ctx = ctx
        self.navigator = navigator
        self.setAccessibleName("Profile")
        self.aboutToShow.connect(self.rebuild)
        # The profiles are listed each time the menu opens; until then it holds its actions.
        self._add_actions()

    def rebuild(self) -> None:
        self.clear()
        group = QActionGroup(self)
        for profile in self.ctx.services.profiles.all():
            action = self.addAction(profile.name)
            action.setCheckable(True)
            action.setChecked(profile.id == self.ctx.profile_id)
            action.setObjectName(f"profile-{profile.id}")
            action.triggered.connect(lambda _=False, pid=profile.id: self.switch_to(pid))
            group.addAction(action)
        self.addSeparator()
        self._add_actions()

    def _add_actions(self) -> None:
        self.addAction("&New profile…", lambda: self.create_profile())
        self.addAction("&Rename this profile…", lambda: self.rename_profile())
        self.addAction("&Delete this profile…", lambda: self.delete_profile())

    def switch_to(self, profile_id: int) -> None:
        if profile_id == self.ctx.profile_id:
            return
        self.navigator.flush()
        self.ctx.switch_profile(profile_id)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(self.parentWidget(), title, label, text=text)
        return value if ok else None

    def _warn(self, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parentWidget(), "Roadmap", str(error))

    def create_profile(self, name: str | None = None) -> bool:
        """Create a profile and switch to it (asks for the name when not given)."""
        name = self._ask("New profile", "Name of the new learner:") if name is None else name
        if name is None:
            return False
        try:
            profile = self.ctx.services.profiles.create(name)
        except FAILURES as exc:
            self._warn(exc)
            return False
        self.navigator.flush()
        self.ctx.switch_profile(profile.id)
        return True

    def rename_profile(self, name: str | None = None) -> bool:
        if name is None:
            name = self._ask("Rename profile", "New name:", self.ctx.profile.name)
        if name is None:
            return False
        from roadmap_app.ui.window.undo import RenameProfileCommand

        # A refused name is reported in the status bar by the window.
        return self.ctx.run(RenameProfileCommand(self.ctx, name))

    def delete_confirmation(self, name: str) -> tuple[QMessageBox, QPushButton]:
        """The question before deleting a profile, and its button that deletes."""
        from PySide6.QtWidgets import QMessageBox

        from roadmap_app.ui.dialogs.confirm import verb_question

        box, delete = verb_question(
            self.parentWidget(),
            "Delete profile",
            f"Delete the profile “{name}” with all its progress, notes and projects?\n\n"
            "This cannot be undone from the window; a backup can bring it back.",
            "&Delete profile",
            icon=QMessageBox.Icon.Warning,
        )
        box.setObjectName("deleteProfileQuestion")
        return box, delete

    def delete_profile(self, *, confirm: bool = True) -> bool:
        """Delete the current profile after asking; opens another one (a new one if it was the last)."""
        from roadmap_app.ui.dialogs.confirm import asked

        profile = self.ctx.profile
        if confirm and not asked(*self.delete_confirmation(profile.name)):
            return False
        self.navigator.flush()
        with contextlib.suppress(Exception):  # a failed backup must not block the learner's choice
            self.ctx.services.backups.create("before-profile-delete")
        try:
            self.ctx.services.profiles.delete(profile.id)
            after = self.ctx.services.profiles.current().id
        except FAILURES as exc:
            self._warn(exc)
            return False
        self.ctx.switch_profile(after)
        return True
