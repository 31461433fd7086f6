"""The window's backups: File → Back up now, File → Restore from backup…, and the backup on close."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from roadmap_app.services import FAILURES
from roadmap_app.services.backups import BackupInfo, BackupService
from roadmap_app.ui.window.navigator import Navigator

if TYPE_CHECKING:
    from roadmap_app.ui.dialogs.restore_dialog import RestoreDialog

log = logging.getLogger(__name__)


class BackupActions:
    """Backup and restore for one window; typed text is saved before each."""

    def __init__(self, backups: BackupService, navigator: Navigator, parent: QWidget) -> None:
        self.backups = backups
        self.navigator = navigator
        self.parent = parent
        self.restore_dialog: RestoreDialog | None = None

    def back_up_now(self) -> BackupInfo | None:
        self.navigator.flush()
        try:
            info = self.backups.create()
        except FAILURES as exc:
            self.navigator.show_error(str(exc))
            return None
        self.navigator.show_message(f"Backed up to {info.path}")
        return info

    def open_restore_dialog(self) -> RestoreDialog:
        """The list of backups; accepting it restores the chosen one."""
        from roadmap_app.ui.dialogs.restore_dialog import RestoreDialog

        self.navigator.flush()
        dialog = RestoreDialog(self.backups.all(), self.parent)
        dialog.accepted.connect(lambda: self.restore_backup(dialog.chosen_name()))
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def restore_backup(self, name: str | None) -> bool:
        """Replace the data with a backup (the current data is backed up first), then show it."""
        if name is None:
            return False
        navigator = self.navigator
        navigator.flush()
        try:
            info = self.backups.restore(name)
        except FAILURES as exc:
            navigator.show_error(str(exc))
            navigator.reload_all()
            return False
        navigator.reload_all()
        navigator.show_message(f"Restored the backup {info.path.name}; your data before it was backed up first")
        return True

    def back_up_on_close(self) -> None:
        try:
            made = self.backups.on_close()
        except Exception as exc:  # a failed backup never keeps the learner from closing
            log.warning("no backup on closing: %s", exc)
            self.navigator.show_error(str(exc))
            return
        if made is not None:
            log.info("backed up to %s", made.path)
