"""Searching from the window's toolbar opens the project, note or skill that was found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def test_a_found_note_opens_its_project_with_the_note_selected(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    services, profile_id = window.services, window.ctx.profile_id
    project = services.portfolio.add(profile_id, "Churn model")
    services.portfolio.add_note(profile_id, project.id, "first try")
    note = services.portfolio.add_note(profile_id, project.id, "gradient boosting beats the baseline")
    services.portfolio.add(profile_id, "Another project")
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "boost")
    assert box.results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.portfolio
    assert window.portfolio.selected_id() == project.id
    editor = window.portfolio.editor
    current = editor.current_note()
    assert current is not None and current.id == note.id


def test_a_found_skill_note_opens_the_skill(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.services.progress.set_note(window.ctx.profile_id, "skill.python", "decorators and generators")
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "decorat")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.skills
    assert window.skills.view.current_item_id() == "skill.python"


def test_ctrl_k_puts_the_cursor_in_the_search_box(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)
