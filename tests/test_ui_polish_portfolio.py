"""The project editor with long and rich text, and controls that work only when they can."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ProjectStatus
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.window.main_window import MainWindow
from tests.test_ui_polish_portfolio_preview import TABLE_NOTE
from tests.ui_helpers import WindowOpener

LONG_TITLE = (
    "Multilingual transformer fine-tuning for low-resource named entity recognition across Swahili, "
    "Yoruba and Amharic news corpora with active learning and annotation budget analysis, plus the error analysis"
)[:200]
LONG_REPO = "https://github.com/someone-with-a-long-name/multilingual-transformer-fine-tuning-for-low-resource-ner"


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


@pytest.fixture
def long_project(data_dir: Path) -> int:
    _paths, services = open_services(data_dir)
    try:
        profile_id = services.profiles.current().id
        project = services.portfolio.add(
            profile_id, LONG_TITLE, status=ProjectStatus.BUILDING, repo_url=LONG_REPO, skill_ids=["skill.python"]
        )
        services.portfolio.add_note(profile_id, project.id, TABLE_NOTE)
        services.portfolio.add(profile_id, "A short one")
        return project.id
    finally:
        services.close()


def show_project(window: MainWindow, project_id: int, size: QSize) -> None:
    window.resize(size)
    window.show_page(PageName.PORTFOLIO)
    assert window.portfolio.select_project(project_id)
    QApplication.processEvents()


@pytest.mark.parametrize("size", [QSize(1366, 860), QSize(1024, 640)], ids=["1366", "1024"])
def test_a_200_character_title_takes_two_lines_at_most(
    open_window: WindowOpener, long_project: int, size: QSize
) -> None:
    assert len(LONG_TITLE) == 200
    window = open_window()
    show_project(window, long_project, size)
    heading = window.portfolio.editor.heading
    assert heading.full_text() == LONG_TITLE
    assert heading.height() <= 2 * heading.fontMetrics().lineSpacing() + 2
    assert heading.text().count("\n") <= 1
    assert heading.text().endswith("…")
    assert heading.toolTip() == LONG_TITLE
    assert heading.accessibleName() == LONG_TITLE
    # The notes keep a width to write in, beside the list of notes.
    assert window.portfolio.editor.tabs.width() >= 280


def test_a_short_title_is_shown_whole_without_a_tooltip(open_window: WindowOpener, long_project: int) -> None:
    window = open_window()
    show_project(window, long_project, QSize(1366, 860))
    page = window.portfolio
    short = next(p.id for p in window.services.portfolio.projects(window.ctx.profile_id) if p.title == "A short one")
    page.select_project(short)
    assert page.editor.heading.text() == "A short one"
    assert page.editor.heading.toolTip() == ""
    assert page.editor.heading.height() <= page.editor.heading.fontMetrics().lineSpacing() + 2


def test_long_title_and_link_fields_open_at_their_start(open_window: WindowOpener, long_project: int) -> None:
    window = open_window()
    show_project(window, long_project, QSize(1024, 640))
    editor = window.portfolio.editor
    assert editor.title_edit.text() == LONG_TITLE
    assert editor.title_edit.cursorPosition() == 0
    assert editor.link_edits["repo_url"].text() == LONG_REPO
    assert editor.link_edits["repo_url"].cursorPosition() == 0


def test_open_works_only_beside_an_address(qtbot: QtBot, open_window: WindowOpener, long_project: int) -> None:
    window = open_window()
    show_project(window, long_project, QSize(1366, 860))
    editor = window.portfolio.editor
    assert editor.open_buttons["repo_url"].isEnabled()
    demo, open_demo = editor.link_edits["demo_url"], editor.open_buttons["demo_url"]
    assert demo.text() == "" and not open_demo.isEnabled()
    demo.setFocus()
    qtbot.keyClicks(demo, "https://")
    assert not open_demo.isEnabled()
    qtbot.keyClicks(demo, "example.org/demo")
    assert open_demo.isEnabled()
    demo.clear()
    assert not open_demo.isEnabled()


def test_the_preview_opens_larger(qtbot: QtBot, open_window: WindowOpener, long_project: int) -> None:
    window = open_window()
    show_project(window, long_project, QSize(1024, 640))
    editor = window.portfolio.editor
    assert editor.larger_button.isEnabled()
    qtbot.mouseClick(editor.larger_button, Qt.MouseButton.LeftButton)
    dialog = editor.preview_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "Precision" in dialog.view.toPlainText() and "**" not in dialog.view.toPlainText()
    assert dialog.view.width() > editor.preview.width()
    dialog.reject()
    qtbot.waitUntil(lambda: editor.preview_dialog is None)
