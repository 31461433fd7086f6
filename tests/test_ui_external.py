"""Changes made from the command line, in another process, while the window is open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CliRunner
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def test_a_cli_change_shows_up_in_the_open_window(qtbot: QtBot, open_window: WindowOpener, cli: CliRunner) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    model = window.skills.model
    assert model.row_at(model.row_of("skill.spark")).state is ItemState.TODO

    result = cli("set", "skill.spark", "done")
    assert result.returncode == 0, result.stderr

    qtbot.waitUntil(lambda: model.row_at(model.row_of("skill.spark")).state is ItemState.DONE, timeout=5000)
    window.show_page(PageName.DASHBOARD)  # hidden pages refresh when shown
    qtbot.waitUntil(lambda: window.dashboard.overall.fraction > 0, timeout=2000)


def test_a_cli_note_does_not_overwrite_unsaved_typing(qtbot: QtBot, open_window: WindowOpener, cli: CliRunner) -> None:
    window = open_window()
    window.show_page(PageName.PORTFOLIO)
    project = window.portfolio.new_project("Shared")
    assert project is not None
    window.portfolio.editor.add_note()
    editor = window.portfolio.editor.note_editor
    editor.setFocus()
    # Stop the save timer from firing while the other process writes: typing is pending.
    editor._timer.setInterval(60_000)
    qtbot.keyClicks(editor, "still typing")
    assert editor.dirty

    result = cli("project", "note", str(project.id), "written from the terminal")
    assert result.returncode == 0, result.stderr
    notes = window.portfolio.editor.notes_model
    qtbot.waitUntil(lambda: notes.rowCount() == 2, timeout=5000)
    assert editor.toPlainText() == "still typing"

    window.close()
    texts = [n.text for n in window.services.portfolio.get(window.ctx.profile_id, project.id).notes]
    # Both kept (the order of two notes written in the same second is not the point here).
    assert sorted(texts) == ["still typing", "written from the terminal"]


def test_an_unedited_field_reloads_and_the_window_writes_only_its_own_change(
    qtbot: QtBot, open_window: WindowOpener, cli: CliRunner
) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    window.skills.select_skill("skill.python")
    result = cli("note", "skill.python", "from the terminal")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.skills.note.toPlainText() == "from the terminal", timeout=5000)

    qtbot.keyClick(window.skills.view, Qt.Key.Key_D)
    progress = window.services.progress.get(window.ctx.profile_id, "skill.python")
    assert (progress.state, progress.note) == (ItemState.DONE, "from the terminal")
