"""The window: Add task… on the Roadmap page and Add skill… on the Skills page, in a small form;
own items edited and removed from the context menu; each change undone and redone; removed
ones with progress asked about first and shown under Archived; each profile its own."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.ui.dialogs.own_item_dialog import NEW_CATEGORY, OwnItemDialog
from roadmap_app.ui.pages.registry import ROADMAP, SKILLS
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import ThemeMode
from tests.ui_helpers import WindowOpener

SHOTS = Path(os.environ.get("ROADMAP_SHOTS", "")) if os.environ.get("ROADMAP_SHOTS") else None


@pytest.fixture
def window(data_dir: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener()


def filling(monkeypatch: pytest.MonkeyPatch, fill: Callable[[OwnItemDialog], None]) -> list[OwnItemDialog]:
    """Make the form's exec fill it in and press Save, as the learner would."""
    shown: list[OwnItemDialog] = []

    def exec_(dialog: OwnItemDialog) -> int:
        shown.append(dialog)
        fill(dialog)
        dialog._check_and_accept()
        return int(dialog.result())

    monkeypatch.setattr(OwnItemDialog, "exec", exec_)
    return shown


def new_skill(title: str, category: str = "MLOps") -> Callable[[OwnItemDialog], None]:
    def fill(dialog: OwnItemDialog) -> None:
        dialog.title_edit.setText(title)
        dialog.place_box.setCurrentIndex(dialog.place_box.findData(NEW_CATEGORY))
        dialog.new_category.setText(category)

    return fill


def test_add_task_puts_a_task_on_the_step_shown_with_undo_and_redo(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_page(ROADMAP.name)
    page = window.roadmap
    page.select_step("step.portfolio")
    filling(monkeypatch, lambda d: d.title_edit.setText("Containerise the API"))
    page.add_task_button.click()
    assert page.tasks_model.row_of("own.task.1") >= 0
    assert page.tasks_model.row_at(page.tasks_model.row_of("own.task.1")).title == "Containerise the API"
    page._set_state("own.task.1", ItemState.DONE)
    assert window.services.progress.get(window.ctx.profile_id, "own.task.1").state is ItemState.DONE
    window.ctx.undo_stack.undo()  # the state
    window.ctx.undo_stack.undo()  # the task
    assert page.tasks_model.row_of("own.task.1") < 0
    window.ctx.undo_stack.redo()
    assert page.tasks_model.row_of("own.task.1") >= 0


def test_the_form_says_what_is_wrong_and_stays_open(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_page(SKILLS.name)
    shown = filling(monkeypatch, lambda d: d.title_edit.setText("Python"))
    assert not window.skills.own_items.add("category.programming")
    dialog = shown[0]
    assert not dialog.error.isHidden() and "is taken by the skill 'Python'" in dialog.error.text()
    assert window.services.own_items.list(window.ctx.profile_id) == []


def test_add_skill_to_a_new_category_then_edit_and_remove_it_from_the_context_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_page(SKILLS.name)
    page = window.skills
    filling(monkeypatch, new_skill("Docker"))
    window.add_skill_action.trigger()
    assert page.model.row_of("own.skill.docker") >= 0
    assert window.services.roadmap.category("own.category.mlops") is not None
    page.select_skill("own.skill.docker")
    menu = page.own_items.menu_for("own.skill.docker", "own.category.mlops")
    assert [a.text() for a in menu.actions() if a.text()] == ["Add skill…", "Edit…", "Remove skill…"]
    assert [a.text() for a in page.own_items.menu_for("skill.python", "").actions()] == ["Add skill…"]

    filling(monkeypatch, lambda d: d.title_edit.setText("Docker and Compose"))
    assert page.own_items.edit("own.skill.docker")
    assert window.services.roadmap.title_of("own.skill.docker") == "Docker and Compose"
    window.ctx.undo_stack.undo()
    assert window.services.roadmap.title_of("own.skill.docker") == "Docker"

    page._set_state("own.skill.docker", ItemState.IN_PROGRESS)
    asked: list[str] = []
    page.own_items.confirm = lambda title: asked.append(title) or False  # type: ignore[func-returns-value]
    assert not page.own_items.remove("own.skill.docker")
    assert asked == ["Docker"] and page.model.row_of("own.skill.docker") >= 0
    page.own_items.confirm = lambda _title: True
    assert page.own_items.remove("own.skill.docker")
    assert page.model.row_of("own.skill.docker") < 0
    assert page.archived_box.isVisibleTo(window)
    assert page.archived_box.model.data(page.archived_box.model.index(0, 0)) == "Docker"
    assert page.archived_rows() == [("own.skill.docker", ItemState.IN_PROGRESS.label, "")]
    window.ctx.undo_stack.undo()
    assert page.model.row_of("own.skill.docker") >= 0 and page.archived_box.isHidden()


def test_removed_own_tasks_show_under_archived_on_the_roadmap_page(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_page(ROADMAP.name)
    page = window.roadmap
    page.select_step("step.skills")
    filling(monkeypatch, lambda d: d.title_edit.setText("Read Fluent Python"))
    page.add_task_button.click()
    page._set_state("own.task.1", ItemState.DONE)
    page.own_items.confirm = lambda _title: True
    assert page.own_items.remove("own.task.1")
    assert page.archived_box.isVisibleTo(window)
    assert page.archived_box.model.data(page.archived_box.model.index(0, 0)) == "Read Fluent Python"
    summary = window.services.progress.summary(window.ctx.profile_id)
    assert summary.overall.done == 0, "an archived task is not counted"


def test_each_profile_sees_its_own_items(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_page(SKILLS.name)
    filling(monkeypatch, new_skill("Docker"))
    window.add_skill_action.trigger()
    sam = window.services.profiles.create("Sam")
    assert window.ctx.switch_profile(sam.id)
    assert window.skills.model.row_of("own.skill.docker") < 0
    ada = window.services.profiles.find("Ada")
    assert window.ctx.switch_profile(ada.id)
    assert window.skills.model.row_of("own.skill.docker") >= 0


def test_a_change_from_another_process_shows_up(window: MainWindow, data_dir: Path) -> None:
    _paths, other = open_services(data_dir)
    try:
        ada = other.profiles.find("Ada").id
        other.use_profile(ada)
        other.own_items.add(ada, "skill", "Terraform", new_category="Infra")
    finally:
        other.close()
    assert window.ctx.poll()
    window.show_page(SKILLS.name)
    assert window.skills.model.row_of("own.skill.terraform") >= 0


@pytest.mark.skipif(SHOTS is None, reason="screenshots only when ROADMAP_SHOTS names a folder")
@pytest.mark.parametrize("theme", [ThemeMode.LIGHT, ThemeMode.DARK])
def test_screenshots(window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, theme: ThemeMode) -> None:
    assert SHOTS is not None
    window.set_theme(theme)
    window.resize(1280, 860)
    window.show_page(SKILLS.name)
    filling(monkeypatch, new_skill("Docker"))
    window.add_skill_action.trigger()
    window.skills.select_skill("own.skill.docker")
    window.skills._set_state("own.skill.docker", ItemState.IN_PROGRESS)
    filling(monkeypatch, new_skill("Airflow"))
    window.add_skill_action.trigger()
    window.skills._set_state("own.skill.airflow", ItemState.DONE)
    window.skills.own_items.confirm = lambda _title: True
    window.skills.own_items.remove("own.skill.airflow")
    window.skills.select_skill("own.skill.docker")
    qtbot.wait(50)
    window.grab().save(str(SHOTS / f"own-skills-{theme.value}.png"))
    dialog = OwnItemDialog(window.ctx, window.skills.own_items.kind, place="category.programming", parent=window)
    dialog.title_edit.setText("Python")
    dialog._check_and_accept()
    dialog.show()
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / f"own-dialog-{theme.value}.png"))
    dialog.close()


def test_search_finds_an_own_task_and_opens_it_on_its_step(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_page(ROADMAP.name)
    window.roadmap.select_step("step.apply")

    def fill(dialog: OwnItemDialog) -> None:
        dialog.title_edit.setText("Practise system design interviews")
        dialog.description_edit.setPlainText("two mock interviews a week")

    filling(monkeypatch, fill)
    window.roadmap.add_task_button.click()
    window.show_page(SKILLS.name)
    (hit,) = window.search_bar.search("mock interviews", 10)
    assert hit.item_id == "own.task.1"
    window.search_bar.open_hit(hit)
    assert window.roadmap.current_task_id() == "own.task.1"
    assert "Your own task" in window.roadmap.task_detail.text()
