"""The Help menu's dialogs: keyboard shortcuts and about."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from roadmap_app import __version__
from roadmap_app.paths import AppPaths

SHORTCUTS = [
    ("Ctrl+1 … Ctrl+5", "Go to Dashboard, Roadmap, Skills, Portfolio, Career, with the keyboard on that page"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last change"),
    ("D, L, S, R", "Mark the selected task or skill done, in progress (learning), skipped, or reset it"),
    ("Space", "Cycle the selected task or skill: to do → in progress → done"),
    ("Ctrl+F", "Filter the skills"),
    ("Ctrl+K", "Find: search your projects, notes, tasks and skills"),
    ("Ctrl+N", "New project, from any page"),
    ("Ctrl+Q", "Quit"),
]


def show_shortcuts(parent: QWidget) -> None:
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{rows}</table>")


def show_about(parent: QWidget, summary: str, paths: AppPaths) -> None:
    QMessageBox.about(
        parent,
        "About Roadmap",
        f"<b>Roadmap {__version__}</b><p>{summary}</p><p>Your data: {paths.data_dir}</p>",
    )
