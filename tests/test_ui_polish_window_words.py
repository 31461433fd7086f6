"""One vocabulary: the title names the learner once, and questions are answered with their verbs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.ui.app.run import damage_question
from roadmap_app.ui.dialogs.restore_dialog import RestoreDialog


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def texts(box: QMessageBox) -> list[str]:
    return sorted(b.text().replace("&", "") for b in box.buttons())


def test_the_title_names_the_learner_then_the_app_once(open_window: WindowOpener) -> None:
    window = open_window()
    window.profiles_menu.rename_profile("Sam")
    assert window.windowTitle() == "Sam — Roadmap"


def answer_with(text: str) -> None:
    """Click the button labelled ``text`` of the question that opens next."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
        assert isinstance(button, QPushButton)
        button.click()

    QTimer.singleShot(0, click)


def test_deleting_a_profile_asks_with_delete_profile_or_cancel(open_window: WindowOpener) -> None:
    window = open_window()
    menu = window.profiles_menu
    box, delete = menu.delete_confirmation(window.ctx.profile.name)
    assert texts(box) == ["Cancel", "Delete profile"]
    assert delete.text().replace("&", "") == "Delete profile"
    assert box.defaultButton() is not delete  # Enter does not delete
    box.deleteLater()

    menu.create_profile("Ana")
    answer_with("Cancel")
    assert not menu.delete_profile()
    assert [p.name for p in window.services.profiles.all()].count("Ana") == 1
    answer_with("Delete profile")
    assert menu.delete_profile()
    assert "Ana" not in [p.name for p in window.services.profiles.all()]


def test_deleting_a_project_asks_with_delete_project_or_cancel(open_window: WindowOpener) -> None:
    window = open_window()
    project = window.services.portfolio.add(window.ctx.profile_id, "Churn model")
    window.ctx.reload_all()
    window.show_project(project.id)
    page = window.portfolio
    box, delete = page.delete_confirmation("Churn model")
    assert texts(box) == ["Cancel", "Delete project"]
    assert box.defaultButton() is not delete
    box.deleteLater()
    answer_with("Cancel")
    assert not page.delete_selected()
    answer_with("Delete project")
    assert page.delete_selected()
    assert window.services.portfolio.count(window.ctx.profile_id) == 0


def test_restoring_is_answered_with_restore_or_cancel(qtbot: QtBot) -> None:
    dialog = RestoreDialog([])
    qtbot.addWidget(dialog)
    assert sorted(b.text().replace("&", "") for b in dialog.findChildren(QPushButton)) == ["Cancel", "Restore"]

    box, restore = damage_question("The database could not be read.")
    assert texts(box) == ["Restore backup", "Start with empty data"]
    assert box.defaultButton() is restore
    box.deleteLater()
