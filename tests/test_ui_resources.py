"""The window: a skill's and a task's learning resources under their note, added, edited,
stepped through, marked done and removed through the undo stack; the roadmap's apart and
read-only; a link opened only by its button, and only an http(s) one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.resources import RoadmapResource
from roadmap_app.ui.pages.registry import ROADMAP, SKILLS
from roadmap_app.ui.pages.roadmap import RoadmapPage
from roadmap_app.ui.pages.skills import SkillsPage
from roadmap_app.ui.widgets import resources_card
from roadmap_app.ui.widgets.resources_card import ROADMAP_HEADER, ResourcesCard
from roadmap_app.ui.window.main_window import MainWindow
from tests.ui_helpers import WindowOpener

PYTHON = "skill.python"


@pytest.fixture
def window(data_dir: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    _paths, services = open_services(data_dir)
    ada = services.profiles.create("Ada").id
    services.resources.add(ada, PYTHON, "Fluent Python", kind="book", of=25, progress=3, url="https://x.org/fluent")
    services.close()
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener()


def skill_card(window: MainWindow, skill_id: str = PYTHON) -> ResourcesCard:
    page: SkillsPage = window.page(SKILLS)
    window.show_page(SKILLS.name)
    assert page.select_skill(skill_id)
    return page.resources_card


def rows(card: ResourcesCard) -> list[str]:
    return [card.model.index(r).data() for r in range(card.model.rowCount())]


def test_the_selected_skill_shows_its_resources_then_the_roadmap_s_apart(window: MainWindow) -> None:
    card = skill_card(window)
    assert card.isVisibleTo(window)
    shown = rows(card)
    assert shown[0] == "Fluent Python\nBook · 3 of 25"
    assert shown[1] == ROADMAP_HEADER
    assert shown[2] == "The Python Tutorial\nDocumentation · the roadmap's"
    # The header cannot be chosen; a roadmap's resource can be opened but not changed.
    assert not card.model.flags(card.model.index(1)) & Qt.ItemFlag.ItemIsSelectable
    card.view.setCurrentIndex(card.model.index(2))
    assert isinstance(card.selected(), RoadmapResource)
    assert card.open_button.isEnabled()
    assert not any(b.isEnabled() for b in (card.edit_button, card.done_button, card.remove_button))
    assert not card.progress_box.isEnabled()
    card.view.setCurrentIndex(card.model.index(0))
    assert all(b.isEnabled() for b in (card.edit_button, card.done_button, card.remove_button))
    assert (card.progress_box.value(), card.progress_box.maximum(), card.of_label.text()) == (3, 25, "of 25")


def test_the_resources_model_passes_the_model_tester(window: MainWindow, qtmodeltester: ModelTester) -> None:
    card = skill_card(window)
    qtmodeltester.check(card.model)


def test_add_edit_progress_done_and_remove_are_each_undone_and_redone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = skill_card(window)
    services, ada = window.ctx.services, window.ctx.profile_id
    stack = window.ctx.undo_stack

    def titles() -> list[str]:
        return [r.title for r in services.resources.list(ada, PYTHON)]

    dialog = card.dialog(None)
    dialog.title_edit.setText("Python crash course")
    dialog.url_edit.setText("javascript:alert(1)")
    dialog._check_and_accept()
    assert "must be an address starting with https://" in dialog.error.text() and not dialog.result()
    dialog.url_edit.setText("https://example.org/crash")
    dialog.parts_box.setValue(4)
    dialog.progress_box.setValue(6)
    dialog._check_and_accept()
    assert "above the resource's 4 parts" in dialog.error.text() and not dialog.result()
    dialog.progress_box.setValue(1)
    dialog._check_and_accept()
    assert dialog.result()
    monkeypatch.setattr(card, "dialog", lambda _resource: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: 1)
    card.add()
    assert titles() == ["Fluent Python", "Python crash course"]
    assert rows(card)[1] == "Python crash course\nCourse · 1 of 4"
    stack.undo()
    assert titles() == ["Fluent Python"]
    stack.redo()
    assert titles() == ["Fluent Python", "Python crash course"]

    card.view.setCurrentIndex(card.model.index(1))
    card.progress_box.setValue(3)
    assert services.resources.list(ada, PYTHON)[1].progress == 3
    stack.undo()
    assert services.resources.list(ada, PYTHON)[1].progress == 1 and card.progress_box.value() == 1

    card.toggle_done()
    crash = services.resources.list(ada, PYTHON)[1]
    assert (crash.done, crash.progress) == (True, 4)
    assert card.done_button.text() == "Mark not done" and rows(card)[1] == "Python crash course\nCourse · ✓ Done"
    stack.undo()
    assert not services.resources.list(ada, PYTHON)[1].done

    edit = card.dialog(card.selected())  # type: ignore[arg-type]
    edit.title_edit.setText("Python crash course, 3rd ed.")
    edit.kind_box.setCurrentIndex(edit.kind_box.findData("book"))
    edit._check_and_accept()
    monkeypatch.setattr(card, "dialog", lambda _resource: edit)
    monkeypatch.setattr(edit, "exec", lambda: 1)
    card.edit_selected()
    assert titles()[1] == "Python crash course, 3rd ed."
    stack.undo()
    assert titles()[1] == "Python crash course"

    monkeypatch.setattr(card, "confirm_remove", lambda _resource: True)
    card.view.setCurrentIndex(card.model.index(1))
    card.remove_selected()
    assert titles() == ["Fluent Python"]
    stack.undo()
    assert titles() == ["Fluent Python", "Python crash course"]
    assert services.resources.list(ada, PYTHON)[1].id == crash.id


def test_a_link_opens_only_on_its_button_and_only_when_it_is_a_web_address(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(resources_card, "open_link", lambda url: opened.append(str(url)) or True)
    card = skill_card(window)
    card.view.setCurrentIndex(card.model.index(0))
    assert opened == [], "choosing a resource opens nothing"
    card.open_button.click()
    assert opened == ["https://x.org/fluent"]
    services, ada = window.ctx.services, window.ctx.profile_id
    services.resources.add(ada, PYTHON, "No link")
    card.refresh()
    card.view.setCurrentIndex(card.model.index(1))
    assert not card.open_button.isEnabled()
    card.open_selected()
    assert opened == ["https://x.org/fluent"]


def test_the_keyboard_reaches_the_list_and_space_marks_done(window: MainWindow, qtbot: QtBot) -> None:
    card = skill_card(window)
    card.view.setFocus()
    card.view.setCurrentIndex(card.model.index(0))
    qtbot.keyClick(card.view, Qt.Key.Key_Space)
    services, ada = window.ctx.services, window.ctx.profile_id
    assert services.resources.list(ada, PYTHON)[0].done
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in (card.add_button, card.open_button))


def test_a_task_shows_its_resources_on_the_roadmap_page(window: MainWindow) -> None:
    services, ada = window.ctx.services, window.ctx.profile_id
    page: RoadmapPage = window.page(ROADMAP)
    window.show_page(ROADMAP.name)
    page.select_step("step.skills")
    assert page.select_task("task.skills.python-basics")
    card = page.task_resources
    assert card.isVisibleTo(window) and card.empty.isVisibleTo(window)
    services.resources.add(ada, "task.skills.python-basics", "Exercism Python track", kind="course", of=100)
    window.ctx.notify(resources_card.Change.RESOURCES)
    assert rows(card) == ["Exercism Python track\nCourse · 0 of 100"]
    assert not card.empty.isVisibleTo(window)
