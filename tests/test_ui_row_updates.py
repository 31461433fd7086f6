"""A change to one task or skill repaints its row and shows the new value, after undo and redo too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages import registry
from roadmap_app.ui.widgets.models import DETAIL_ROLE, STATE_ROLE, TALLY_ROLE, StepsModel
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.undo import SetGoalCommand, SetProjectSkillsCommand
from roadmap_app.ui.window.undo_resources import AddResourceCommand


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


class PaintedRegion(QObject):
    """The region a widget was asked to repaint, summed over its paint events."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and isinstance(event, QPaintEvent):
            self.region = self.region.united(event.region())
        return False


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def shown_skill_state(window: MainWindow) -> str:
    page = window.skills
    return str(page.model.data(page.view.currentIndex(), STATE_ROLE))


def test_key_d_on_a_skill_repaints_its_row_and_its_group_only(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.view.setFocus()
    settle()
    index = page.view.currentIndex()
    skill = page.view.current_item_id()
    header = page.model.index(next(r for r in range(index.row(), -1, -1) if page.model.row_at(r).header))
    before = str(header.data(DETAIL_ROLE))
    painted = PaintedRegion(page.view.viewport())
    qtbot.keyClick(page.view, Qt.Key.Key_D)
    settle()
    assert window.services.progress.get(window.ctx.profile_id, skill).state is ItemState.DONE
    assert shown_skill_state(window) == ItemState.DONE.value
    assert str(header.data(DETAIL_ROLE)) != before  # the group's count says one more done
    rows = QRegion(page.view.visualRect(index)).united(QRegion(page.view.visualRect(header)))
    assert not painted.region.isEmpty()
    assert painted.region.subtracted(rows).isEmpty(), "only the skill's row and its group's row are repainted"
    window.ctx.undo_stack.undo()
    settle()
    assert shown_skill_state(window) == ItemState.TODO.value
    assert str(header.data(DETAIL_ROLE)) == before
    assert page.state_controls.state is ItemState.TODO
    window.ctx.undo_stack.redo()
    settle()
    assert shown_skill_state(window) == ItemState.DONE.value
    assert page.state_controls.state is ItemState.DONE


def test_a_done_skill_reads_unproven_until_a_project_shows_it(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.view.setFocus()
    skill = page.view.current_item_id()
    assert not page.unproven.isVisibleTo(page)
    qtbot.keyClick(page.view, Qt.Key.Key_D)
    assert page.unproven.isVisibleTo(page)
    # The projects the page read for this skill are read again once the portfolio changes.
    project = window.services.portfolio.add(window.ctx.profile_id, "Churn model", status=ProjectStatus.DONE)
    window.ctx.run(SetProjectSkillsCommand(window.ctx, project.id, [skill]))
    assert not page.unproven.isVisibleTo(page)
    assert page.projects_model.rowCount() == 1
    window.ctx.undo_stack.undo()
    assert page.unproven.isVisibleTo(page)
    assert page.projects_model.rowCount() == 0
    window.ctx.undo_stack.undo()  # the state
    assert not page.unproven.isVisibleTo(page)
    window.ctx.undo_stack.redo()
    window.ctx.undo_stack.redo()
    assert not page.unproven.isVisibleTo(page)
    assert page.projects_model.rowCount() == 1


def test_key_d_on_a_task_updates_its_step_row(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    page = window.roadmap
    page.tasks_view.setFocus()
    settle()
    step_index = page.steps_view.currentIndex()
    before = step_index.data(TALLY_ROLE).done
    painted = PaintedRegion(page.steps_view.viewport())
    qtbot.keyClick(page.tasks_view, Qt.Key.Key_D)
    settle()
    assert step_index.data(TALLY_ROLE).done == before + 1
    assert page.task_states.state is ItemState.DONE
    assert painted.region.subtracted(QRegion(page.steps_view.visualRect(step_index))).isEmpty()
    window.ctx.undo_stack.undo()
    assert step_index.data(TALLY_ROLE).done == before
    assert page.task_states.state is ItemState.TODO
    window.ctx.undo_stack.redo()
    assert step_index.data(TALLY_ROLE).done == before + 1


def test_the_steps_model_tells_only_the_rows_that_changed(open_window: WindowOpener) -> None:
    window = open_window()
    services, profile_id = window.services, window.ctx.profile_id
    model = StepsModel()
    summary = services.progress.summary(profile_id)
    model.set_steps(summary.steps, summary.current_step_id)
    told: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, *_: told.append((top.row(), bottom.row())))
    model.set_steps(summary.steps, summary.current_step_id)
    assert told == []
    last_step = summary.steps[-1][0]
    services.progress.set_state(profile_id, last_step.tasks[0].id, ItemState.DONE)
    summary = services.progress.summary(profile_id)
    model.set_steps(summary.steps, summary.current_step_id)
    last = len(summary.steps) - 1
    assert told == [(last, last)]
    assert model.data(model.index(last), TALLY_ROLE).done == 1


def test_the_filter_shows_the_states_as_changed_here_and_elsewhere(
    qtbot: QtBot, open_window: WindowOpener, data_dir: Path
) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.view.setFocus()
    skill = page.view.current_item_id()
    title = window.services.roadmap.title_of(skill)
    qtbot.keyClick(page.view, Qt.Key.Key_D)
    page.filter_edit.setText(title[:4])
    assert page.view.current_item_id() == skill
    assert shown_skill_state(window) == ItemState.DONE.value
    window.ctx.undo_stack.undo()
    page.filter_edit.setText(title[:5])
    assert shown_skill_state(window) == ItemState.TODO.value
    assert page.state_controls.state is ItemState.TODO
    # Another process sets the state: once the window has noticed, the filter shows it.
    from roadmap_app.bootstrap import open_services

    _paths, other = open_services(data_dir)
    try:
        other.progress.set_state(other.profiles.current().id, skill, ItemState.SKIPPED)
    finally:
        other.close()
    assert window.ctx.poll()
    page.filter_edit.setText(title[:6])
    assert shown_skill_state(window) == ItemState.SKIPPED.value
    assert page.state_controls.state is ItemState.SKIPPED


def test_filtering_to_another_skill_shows_that_skill(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    first = page.view.current_item_id()
    shown_first = window.services.roadmap.skill(first)
    assert shown_first is not None
    words = f"{shown_first.title} {shown_first.description} {shown_first.id}".casefold()
    other = next(s for s in window.services.roadmap.skills if s.title.casefold() not in words)
    page.filter_edit.setText(other.title)
    assert page.view.current_item_id() != first
    shown = window.services.roadmap.title_of(page.view.current_item_id())
    assert page.skill_title.text() == shown
    page.filter_edit.clear()
    assert page.skill_title.text() == shown  # the selected skill stays when the filter goes


def test_logged_time_shows_at_once_and_the_subjects_follow_the_portfolio(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.show_page(PageName.TIME)
    page = window.page(registry.TIME)
    page.select_subject("skill.python")
    page.minutes.setValue(45)
    subjects = page.subject.count()
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    assert page.subject.currentData() == "skill.python"
    assert page.subject.count() == subjects
    assert page.day_model.rowCount() == 1
    assert "45 min" in page.day_label.text()
    window.ctx.undo_stack.undo()
    assert page.day_model.rowCount() == 0
    assert "no study logged" in page.day_label.text()
    window.ctx.undo_stack.redo()
    assert page.day_model.rowCount() == 1
    # A new project is something time can be logged on, at once.
    project = window.services.portfolio.add(window.ctx.profile_id, "Churn model")
    window.ctx.run(SetProjectSkillsCommand(window.ctx, project.id, ["skill.python"]))
    assert page.subject.findData(f"project:{project.id}") >= 0
    assert page.subject.currentData() == "skill.python"


def test_a_skills_resources_are_read_again_after_a_change_or_a_profile_switch(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.view.setFocus()
    skill = page.view.current_item_id()
    card = page.resources_card
    before = card.model.rowCount()
    window.ctx.run(AddResourceCommand(window.ctx, skill, "Course notes"))
    assert card.model.rowCount() > before
    qtbot.keyClick(page.view, Qt.Key.Key_D)  # the page shows the same skill again
    assert card.model.rowCount() > before
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.undo()
    assert card.model.rowCount() == before
    window.ctx.undo_stack.redo()
    assert card.model.rowCount() > before
    # Another profile has no resources of its own on that skill.
    other = window.services.profiles.create("Sam")
    assert window.ctx.switch_profile(other.id)
    assert window.skills.select_skill(skill)
    assert card.model.rowCount() == before


def test_the_goal_boxes_show_the_saved_goal_after_undo_and_redo(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.TIME)
    page = window.page(registry.TIME)
    window.ctx.run(SetGoalCommand(window.ctx, weekly_goal_minutes=450, min_minutes_per_day=20))
    assert (page.hours.value(), page.min_minutes.value()) == (7.5, 20)
    page.hours.setValue(3.0)  # typed, not saved: a logged session puts the saved goal back
    page.log_button.click()
    assert page.hours.value() == 7.5
    window.ctx.undo_stack.undo()  # the session
    window.ctx.undo_stack.undo()  # the goal
    assert page.hours.value() == 0.0
    assert page.min_minutes.value() == window.services.profiles.get(window.ctx.profile_id).min_minutes_per_day
    window.ctx.undo_stack.redo()
    assert (page.hours.value(), page.min_minutes.value()) == (7.5, 20)
