"""Faults from below, in the window: a full disk keeps what the learner typed, a read-only
folder opens read-only and says so, a vanished folder is told once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import fill
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState


def test_a_note_typed_on_a_full_disk_is_kept_marked_unsaved_and_saved_when_there_is_room(
    qtbot: QtBot, small_disk: Path
) -> None:
    with WindowOpener(small_disk / "data", qtbot) as opener:
        window = opener()
        window.show_page("skills")
        skills = window.skills
        skills.select_skill("skill.sql")
        filler = fill(small_disk)
        skills.note.setPlainText("window functions, " * 300)
        skills.note.flush()
        # Kept in the editor, marked, and told once on the status bar; nothing written.
        assert skills.note.toPlainText().startswith("window functions")
        assert skills.note.property("unsaved") is True
        assert "is full" in window.last_error
        assert window.services.progress.get(window.ctx.profile_id, "skill.sql").note == ""
        # Another skill and back: the kept text comes back with it.
        skills.select_skill("skill.python")
        assert skills.note.toPlainText() == ""
        skills.select_skill("skill.sql")
        assert skills.note.toPlainText().startswith("window functions")

        filler.unlink()
        window.ctx.save_unsaved()
        assert window.services.progress.get(window.ctx.profile_id, "skill.sql").note.startswith("window functions")
        assert skills.note.property("unsaved") is False
        assert window.ctx.unsaved == {}


def test_a_read_only_folder_opens_read_only_and_refuses_changes_in_one_message(qtbot: QtBot, small_disk: Path) -> None:
    data = small_disk / "data"
    with WindowOpener(data, qtbot) as opener:
        window = opener()
        window.services.progress.set_state(window.ctx.profile_id, "skill.sql", "done")
        opener.close_all()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with WindowOpener(data, qtbot) as opener:
            window = opener()
            assert "(read-only)" in window.windowTitle()
            assert "read-only" in window.profile_label.toolTip()
            window.show_page("skills")
            window.skills.select_skill("skill.python")
            window.skills.state_controls.buttons[ItemState.DONE].click()
            assert "read-only" in window.last_error
            assert window.services.progress.get(window.ctx.profile_id, "skill.python").state is ItemState.TODO
            assert window.services.progress.get(window.ctx.profile_id, "skill.sql").state is ItemState.DONE
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


def test_a_data_folder_removed_under_the_window_is_told_once_and_takes_no_write(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with WindowOpener(data, qtbot) as opener:
        window = opener()
        messages: list[str] = []
        window.ctx.failed.connect(messages.append)
        moved = tmp_path / "elsewhere"
        shutil.move(str(data), str(moved))
        for _ in range(3):
            window.ctx.poll()
        assert len(messages) == 1 and "cannot be reached" in messages[0]
        window.show_page("skills")
        window.skills.select_skill("skill.python")
        window.skills.state_controls.buttons[ItemState.DONE].click()
        assert "cannot be reached" in window.last_error
        shutil.move(str(moved), str(data))
        window.skills.state_controls.buttons[ItemState.DONE].click()
        assert window.services.progress.get(window.ctx.profile_id, "skill.python").state is ItemState.DONE


@pytest.mark.parametrize("field", ["note", "summary"])
def test_a_project_note_or_summary_typed_on_a_full_disk_is_kept_too(qtbot: QtBot, small_disk: Path, field: str) -> None:
    with WindowOpener(small_disk / "data", qtbot) as opener:
        window = opener()
        me = window.ctx.profile_id
        portfolio = window.services.portfolio
        project = portfolio.add(me, "Churn model")
        note = portfolio.add_note(me, project.id, "first")

        def saved() -> str:
            return portfolio.note(me, note.id).text if field == "note" else portfolio.get(me, project.id).summary

        window.ctx.reload_all()
        window.show_project(project.id)
        editor = window.portfolio.editor
        text_edit = editor.note_editor if field == "note" else editor.summary_edit
        qtbot.waitUntil(text_edit.isEnabled)
        before = saved()
        filler = fill(small_disk)
        text_edit.setPlainText("Predict which customers leave. " * 100)
        text_edit.flush()
        assert text_edit.property("unsaved") is True
        assert saved() == before
        filler.unlink()
        window.ctx.save_unsaved()
        assert saved().startswith("Predict which")
        assert text_edit.property("unsaved") is False


def test_a_kept_note_is_saved_into_the_profile_it_was_typed_in(qtbot: QtBot, small_disk: Path) -> None:
    with WindowOpener(small_disk / "data", qtbot) as opener:
        window = opener()
        first = window.ctx.profile_id
        second = window.services.profiles.create("Second").id
        window.show_page("skills")
        window.skills.select_skill("skill.sql")
        filler = fill(small_disk)
        window.skills.note.setPlainText("typed in the first profile")
        window.skills.note.flush()
        filler.unlink()
        assert window.ctx.switch_profile(second)
        window.skills.select_skill("skill.sql")
        assert window.skills.note.toPlainText() == "", "the kept text is the first profile's"
        window.ctx.save_unsaved()
        assert window.services.progress.get(first, "skill.sql").note == "typed in the first profile"
        assert window.services.progress.get(second, "skill.sql").note == ""


def test_an_undo_the_disk_refuses_can_be_tried_again(qtbot: QtBot, small_disk: Path) -> None:
    with WindowOpener(small_disk / "data", qtbot) as opener:
        window = opener()
        me = window.ctx.profile_id
        window.show_page("skills")
        window.skills.select_skill("skill.python")
        window.skills.state_controls.buttons[ItemState.DONE].click()
        assert window.services.progress.get(me, "skill.python").state is ItemState.DONE
        filler = fill(small_disk)
        window.undo_action.trigger()
        assert "is full" in window.last_error
        qtbot.waitUntil(lambda: window.ctx.undo_stack.canUndo(), timeout=2000)
        filler.unlink()
        window.undo_action.trigger()
        assert window.services.progress.get(me, "skill.python").state is ItemState.TODO


def test_read_only_data_switches_profiles_in_the_window_and_refuses_a_snooze_in_one_message(
    qtbot: QtBot, small_disk: Path
) -> None:
    data = small_disk / "data"
    with WindowOpener(data, qtbot) as opener:
        window = opener()
        second = window.services.profiles.create("Second").id
        opener.close_all()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with WindowOpener(data, qtbot) as opener:
            window = opener()
            assert window.ctx.switch_profile(second)
            assert window.ctx.profile.name == "Second"
            suggestion = window.services.suggestions.next_actions(second, limit=1)[0]
            window.ctx.snooze(suggestion)
            assert "read-only" in window.last_error
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
