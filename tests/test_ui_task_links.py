"""The window: a task of step 1, 3 or 4 is marked done by a record (B, the context menu or
Done by…) in a small keyboard dialog; the task's row says what did it; Ctrl+Z takes it back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.ui.dialogs.record_picker import RecordPicker
from roadmap_app.ui.pages.registry import ROADMAP
from roadmap_app.ui.pages.roadmap import RoadmapPage
from roadmap_app.ui.widgets.models import DONE_BY_ROLE
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow
from tests.ui_helpers import WindowOpener

COMPLETE = "task.credential.complete"


def seeded(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    ada = services.profiles.create("Ada").id
    services.credentials.add(ada, "BSc Computer Science", kind="degree", status="done")
    services.credentials.add(ada, "Deep Learning Specialization", kind="certificate")
    job = services.experience.add(ada, "ML intern", kind="internship", started_on=date(2024, 6, 1))
    services.experience.add_note(ada, job.id, "Week 1")
    services.experience.add_note(ada, job.id, "Week 2")
    services.experience.add(ada, "Kaggle: house prices", kind="competition")
    services.progress.set_state(ada, COMPLETE, "in_progress")
    services.close()


@pytest.fixture
def window(data_dir: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    seeded(data_dir)
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener()


def on_task(window: MainWindow, task_id: str) -> RoadmapPage:
    page: RoadmapPage = window.page(ROADMAP)
    window.show_page(ROADMAP.name)
    assert page.select_task(task_id)
    return page


def row_text(page: RoadmapPage, task_id: str) -> str:
    return str(page.tasks_model.index(page.tasks_model.row_of(task_id)).data(DONE_BY_ROLE))


def test_done_by_marks_the_task_done_shows_the_record_and_is_undone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = on_task(window, COMPLETE)
    assert page.done_by.button.isVisibleTo(window) and page.done_by.action.isEnabled()
    assert "B = Done by your credential" in page.keys_hint.text()
    picked: list[RecordPicker] = []

    def choose_second(self: RecordPicker) -> int:
        picked.append(self)
        self.view.setCurrentIndex(self.model.index(1))
        return 1

    monkeypatch.setattr(RecordPicker, "exec", choose_second)
    page.done_by.action.trigger()
    assert [r.title for r in picked[0].model.items()] == ["Deep Learning Specialization", "BSc Computer Science"]
    services, ada = window.ctx.services, window.ctx.profile_id
    assert services.progress.get(ada, COMPLETE).state is ItemState.DONE
    assert row_text(page, COMPLETE) == "Done by credential “BSc Computer Science”"
    assert "Done by credential" in str(
        page.tasks_model.index(page.tasks_model.row_of(COMPLETE)).data(Qt.ItemDataRole.AccessibleTextRole)
    )
    stack = window.ctx.undo_stack
    assert "done by credential “BSc Computer Science”" in stack.undoText()
    stack.undo()
    assert services.progress.get(ada, COMPLETE).state is ItemState.IN_PROGRESS
    assert services.task_links.links(ada, COMPLETE) == () and row_text(page, COMPLETE) == ""
    stack.redo()
    assert [p.title for p in services.task_links.links(ada, COMPLETE)] == ["BSc Computer Science"]
    assert page.task_states.isEnabled()


def test_the_key_b_on_a_task_opens_the_picker_and_escape_changes_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = on_task(window, COMPLETE)
    opened: list[str] = []
    monkeypatch.setattr(RecordPicker, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    page.tasks_view.setFocus()
    qtbot.keyClick(page.tasks_view, Qt.Key.Key_B)
    assert opened == ["Done by"]
    assert window.ctx.services.task_links.links(window.ctx.profile_id, COMPLETE) == ()
    assert window.ctx.undo_stack.count() == 0


def test_steps_whose_tasks_no_record_does_offer_no_done_by(window: MainWindow) -> None:
    page = on_task(window, "task.skills.sql")
    assert not page.done_by.button.isVisibleTo(window) and not page.done_by.action.isEnabled()
    assert "B =" not in page.keys_hint.text()


def test_the_picker_narrows_as_you_type_and_enter_chooses(window: MainWindow, qtbot: QtBot) -> None:
    page = on_task(window, "task.experience.end-to-end")
    dialog = page.done_by.picker("task.experience.end-to-end")
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.filter, "kag")
    assert [r.title for r in dialog.model.items()] == ["Kaggle: house prices"]
    dialog.filter.clear()
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)
    chosen = dialog.chosen()
    assert chosen is not None and chosen.title == "ML intern"
    qtbot.keyClicks(dialog.filter, "nothing like it")
    assert not dialog.ok_button.isEnabled() and dialog.chosen() is None
    dialog.filter.clear()
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert dialog.result() == 1


def test_with_no_records_of_the_kind_the_picker_says_where_to_add_one(window: MainWindow, qtbot: QtBot) -> None:
    page = on_task(window, "task.portfolio.sentiment")
    dialog = page.done_by.picker("task.portfolio.sentiment")
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and "New project…" in dialog.empty.text()
    assert not dialog.ok_button.isEnabled()


def test_the_picker_and_task_models_pass_the_model_tester(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = on_task(window, COMPLETE)
    window.ctx.services.task_links.link(window.ctx.profile_id, COMPLETE, "credential", 1)
    window.ctx.notify(Change.PROGRESS)
    qtmodeltester.check(page.tasks_model)
    dialog = page.done_by.picker(COMPLETE)
    assert dialog is not None
    qtmodeltester.check(dialog.model)
    assert "already linked" in str(dialog.model.index(1).data())
    dialog.deleteLater()


def test_step_four_lists_each_experiences_note_count(window: MainWindow) -> None:
    page = on_task(window, "task.experience.end-to-end")
    card = page.records_card
    texts = [card.list.item(i).text() for i in range(card.list.count())]
    assert "2 notes" in texts[0].splitlines()[1] and texts[0].startswith("ML intern")
    assert "No notes yet" in texts[1]


def test_not_done_by_it_unlinks_a_linked_record_and_undo_brings_it_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, ada = window.ctx.services, window.ctx.profile_id
    services.task_links.link(ada, COMPLETE, "credential", 1)
    window.ctx.notify(Change.PROGRESS)
    page = on_task(window, COMPLETE)

    def unlink_the_linked(self: RecordPicker) -> int:
        self.view.setCurrentIndex(self.model.index(0))  # the newest credential: not linked
        assert not self.unlink_button.isEnabled()
        self.view.setCurrentIndex(self.model.index(1))
        assert self.unlink_button.isEnabled()
        self.unlink_button.click()
        return self.result()

    monkeypatch.setattr(RecordPicker, "exec", unlink_the_linked)
    page.done_by.pick()
    assert services.task_links.links(ada, COMPLETE) == () and row_text(page, COMPLETE) == ""
    assert services.progress.get(ada, COMPLETE).state is ItemState.DONE
    assert "Unlink credential “BSc Computer Science”" in window.ctx.undo_stack.undoText()
    window.ctx.undo_stack.undo()
    assert row_text(page, COMPLETE) == "Done by credential “BSc Computer Science”"
