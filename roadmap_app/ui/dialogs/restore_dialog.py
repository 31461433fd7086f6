"""Choosing a backup to restore: every backup, newest first, with what it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.services.backups import BackupInfo

COLUMNS = ("Made", "Kind", "Size", "Holds")


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB"):
        if value < 1024 or unit == "MB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"  # pragma: no cover


class RestoreDialog(QDialog):
    """Lists the backups; ``chosen_name()`` is the one to restore once the dialog is accepted."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.resize(720, 420)
        self.backups = backups
        self.problems: dict[str, str] = {}

        intro = QLabel(
            "Choose a backup to bring back. Everything in the window is replaced by what the "
            "backup holds; your data as it is now is backed up first, so this can be undone "
            "by restoring that backup."
        )
        intro.setWordWrap(True)
        self.view = QTreeWidget()
        self.view.setObjectName("backupsView")
        self.view.setAccessibleName("Backups")
        self.view.setHeaderLabels(list(COLUMNS))
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.rows = [self._row(info) for info in backups]
        self.view.addTopLevelItems(self.rows)
        for column in range(len(COLUMNS) - 1):
            self.view.resizeColumnToContents(column)
        self.empty_label = QLabel("There are no backups yet. Use File → Back up now to make one.")
        self.empty_label.setVisible(not backups)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setAccessibleName("Restore the chosen backup")
        self.restore_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        self.view.currentItemChanged.connect(self._update_button)
        self.view.itemDoubleClicked.connect(lambda *_: self.accept())
        first_good = next((i for i, b in enumerate(backups) if b.path.name not in self.problems), None)
        if first_good is not None:
            self.view.setCurrentItem(self.rows[first_good])
        self._update_button()

    def _row(self, info: BackupInfo) -> QTreeWidgetItem:
        problem = info.problem()
        try:
            holds = info.summary().describe() if problem is None else f"⚠ cannot be restored: {problem}"
        except Exception as exc:  # an unreadable file is listed, not fatal
            problem = problem or f"it cannot be read ({exc})"
            holds = f"⚠ cannot be restored: {problem}"
        if problem is not None:
            self.problems[info.path.name] = problem
        row = QTreeWidgetItem([info.created_at.strftime("%Y-%m-%d %H:%M:%S"), info.label, human_size(info.size), holds])
        row.setData(0, Qt.ItemDataRole.UserRole, info.path.name)
        row.setToolTip(3, holds)
        row.setToolTip(0, str(info.path))
        return row

    def _update_button(self, *_args: object) -> None:
        name = self.selected_name()
        self.restore_button.setEnabled(name is not None and name not in self.problems)

    def selected_name(self) -> str | None:
        item = self.view.currentItem()
        return None if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> bool:
        """Select the backup with this file name; False if it is not listed."""
        for item in self.rows:
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                self.view.setCurrentItem(item)
                return True
        return False

    def chosen_name(self) -> str | None:
        """The backup to restore: selected and restorable."""
        name = self.selected_name()
        return name if name is not None and name not in self.problems else None

    def accept(self) -> None:
        if self.chosen_name() is None:
            return
        super().accept()
