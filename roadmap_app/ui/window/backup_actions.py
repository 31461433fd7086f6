"""The window's backups: File → Back up now, File → Restore from backup…, and the backup on close."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from roadmap_app.services import UserError
from roadmap_app.services.backups import BackupInfo
from roadmap_app.ui.dialogs.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from roadmap_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


class BackupActions:
    """Backup and restore for one window; typed text is saved before each."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.restore_dialog: RestoreDialog | None = None

    def back_up_now(self) -> BackupInfo | None:
        window = self.window
        window.flush()
        try:
            info = window.services.backups.create()
        except UserError as exc:
            window.show_error(str(exc))
            return None
        window.show_message(f"Backed up to {info.path}")
        return info

    def open_restore_dialog(self) -> RestoreDialog:
        """The list of backups; accepting it restores the chosen one."""
        self.window.flush()
        dialog = RestoreDialog(self.window.services.backups.all(), self.window)
        dialog.accepted.connect(lambda: self.restore_backup(dialog.chosen_name()))
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def restore_backup(self, name: str | None) -> bool:
        """Replace the data with a backup (the current data is backed up first), then show it."""
        if name is None:
            return False
        window = self.window
        window.flush()
        try:
            info = window.services.backups.restore(name)
        except UserError as exc:
            window.show_error(str(exc))
            window.ctx.reload_all()
            return False
        window.ctx.reload_all()
        window.show_message(f"Restored the backup {info.path.name}; your data before it was backed up first")
        return True

    def back_up_on_close(self) -> None:
        try:
            made = self.window.services.backups.on_close()
        except Exception as exc:  # a failed backup never keeps the learner from closing
            log.warning("no backup on closing: %s", exc)
            self.window.show_error(str(exc))
            return
        if made is not None:
            log.info("backed up to %s", made.path)
