"""With no project chosen the editor says what to do, and per-project actions wait."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from roadmap_app.domain.pages import PageName
from tests.ui_helpers import WindowOpener


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def test_after_undoing_a_new_project_nothing_is_selected_and_delete_waits(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.PORTFOLIO)
    page = window.portfolio
    editor = page.editor
    assert not page.delete_button.isEnabled()
    assert editor.shown_page() is editor.empty_state
    assert editor.empty_title.text() == "No projects yet" and "Ctrl+N" in editor.empty_text.text()
    assert page.new_project("Undone soon") is not None
    assert page.delete_button.isEnabled()
    assert editor.shown_page() is editor.form_page
    window.ctx.undo_stack.undo()
    assert page.model.rowCount() == 0
    assert page.selected_id() is None and editor.project is None
    assert not page.delete_button.isEnabled()
    assert editor.shown_page() is editor.empty_state
    assert not page.delete_selected(confirm=False)
    window.ctx.undo_stack.redo()  # the project is back
    assert page.model.rowCount() == 1


def test_with_projects_but_none_chosen_the_editor_says_what_to_do(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.PORTFOLIO)
    page = window.portfolio
    assert page.new_project("One") is not None
    page.view.setCurrentIndex(QModelIndex())
    assert page.selected_id() is None
    assert not page.delete_button.isEnabled()
    assert page.editor.shown_page() is page.editor.empty_state
    assert page.editor.empty_text.text() == "Choose a project from the list, or add one with Ctrl+N."
