"""The Help menu's dialogs: keyboard shortcuts and about."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from roadmap_app import __version__
from roadmap_app.domain.model import Roadmap
from roadmap_app.paths import AppPaths

LICENCE = "MIT"

SHORTCUTS = [
    (
        "Ctrl+1 … Ctrl+7",
        "Go to Dashboard, Roadmap, Skills, Portfolio, Time, Career, Job search, with the keyboard on that page",
    ),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last change"),
    ("D, L, S, R", "Mark the selected task or skill done, in progress, skipped, or to do"),
    ("Space", "The next state of the selected task or skill: to do → in progress → done"),
    ("Enter, Up, Down", "On a next-action card: do it, or go to the card above or below"),
    ("Right, Left", "On a next-action card: unfold or fold the advice it stands for"),
    ("Ctrl+F", "Filter the skills (Skills page) or the projects (Portfolio page)"),
    ("Ctrl+K", "Find: search your projects, notes, tasks and skills"),
    ("Ctrl+N", "New project, from any page; on the Job search page, a new application"),
    ("Menu key / Shift+F10", "On a task or a skill: add one of your own, or edit or remove one of yours"),
    ("Ctrl+Q", "Quit"),
]


def show_shortcuts(parent: QWidget) -> None:
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{rows}</table>")


def roadmap_sources(roadmap: Roadmap) -> list[str]:
    """Where the roadmap's figures come from, each source once, in the order met."""
    found = [c.salary.source for c in roadmap.career_steps] + [f.source for f in roadmap.figures]
    return list(dict.fromkeys(s for s in found if s))


def about_html(roadmap: Roadmap, paths: AppPaths) -> str:
    folder = QUrl.fromLocalFile(str(paths.data_dir)).toString()
    sources = "".join(f"<li>{escape(s)}</li>" for s in roadmap_sources(roadmap))
    return (
        f"<b>Roadmap {escape(__version__)}</b><p>{escape(roadmap.summary)}</p>"
        f'<p>Your data: <a href="{escape(folder)}">{escape(str(paths.data_dir))}</a></p>'
        f"<p>Roadmap file: {escape(roadmap.title)}, version {roadmap.version}. "
        f"Its pay and market figures come from:</p><ul>{sources}</ul>"
        f"<p>Licence: {LICENCE}. Roadmap never opens a network connection.</p>"
    )


def show_about(parent: QWidget, roadmap: Roadmap, paths: AppPaths) -> QMessageBox:
    """About Roadmap; a click on the data folder opens it in the file manager."""
    box = QMessageBox(parent)
    box.setWindowTitle("About Roadmap")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setText(about_html(roadmap, paths))
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is not None:
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    box.finished.connect(box.deleteLater)
    box.open()
    return box
