"""The Time page, the plan on the Roadmap page and the study card of the dashboard, in the real window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages import registry
from roadmap_app.ui.pages.time import TimePage
from roadmap_app.ui.window.main_window import MainWindow


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def time_page(window: MainWindow) -> TimePage:
    window.show_page(PageName.TIME)
    return window.page(registry.TIME)


def test_logging_time_on_the_page_is_saved_and_undone(open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window()
    page = time_page(window)
    page.minutes.setValue(40)
    page.select_subject("skill.python")
    page.note.setText("chapter 3")
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    profile_id = window.ctx.profile_id
    sessions = window.services.study.sessions(profile_id)
    assert [(s.minutes, str(s.subject), s.note) for s in sessions] == [(40, "skill.python", "chapter 3")]
    assert page.day_model.rowCount() == 1
    assert "40 min" in page.week_text.text()
    window.ctx.undo_stack.undo()
    assert window.services.study.sessions(profile_id) == []
    assert page.day_model.rowCount() == 0
    window.ctx.undo_stack.redo()
    again = window.services.study.sessions(profile_id)
    assert [(s.id, s.uuid) for s in again] == [(sessions[0].id, sessions[0].uuid)]


def test_the_first_columns_fit_their_rows_as_time_is_logged(open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window()
    page = time_page(window)
    # "ML frameworks and libraries" is wider than a column's default width.
    for subject in ("skill.python", "skill.pytorch", ""):
        page.select_subject(subject)
        qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
        # No event processed since the click: the columns already fit the new rows.
        for view in (page.groups_view, page.day_view):
            model, metrics = view.model(), view.fontMetrics()
            texts = [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
            assert texts and view.columnWidth(0) >= max(metrics.horizontalAdvance(t) for t in texts)
    assert page.groups_view.columnWidth(0) > page.groups_view.horizontalHeader().defaultSectionSize()


def test_a_refused_log_says_why_and_changes_nothing(open_window: WindowOpener) -> None:
    window = open_window()
    page = time_page(window)
    window.services.study.log(window.ctx.profile_id, 1430)
    page.refresh()
    page.minutes.setValue(30)
    page.log_button.click()
    assert "room for 10 more minutes" in window.last_error
    assert sum(s.minutes for s in window.services.study.sessions(window.ctx.profile_id)) == 1430


def test_the_timer_keeps_running_across_windows_and_logs_on_stop(open_window: WindowOpener) -> None:
    window = open_window()
    page = time_page(window)
    page.select_subject("skill.sql")
    page.start_button.click()
    assert page.start_button.text() == "Pause"
    assert "running" in page.timer_label.text()
    open_window.close(window)

    window = open_window()
    page = time_page(window)
    timer = window.services.study.timer(window.ctx.profile_id)
    assert timer is not None and timer.running and str(timer.subject) == "skill.sql"
    assert "running" in page.timer_label.text()
    page.stop_button.click()  # a few seconds: under half a minute, nothing is logged
    assert window.services.study.timer(window.ctx.profile_id) is None
    assert window.services.study.sessions(window.ctx.profile_id) == []
    assert page.timer_label.text() == "Timer: not running"


def test_saving_the_goal_shows_the_week_against_it_and_undo_puts_it_back(open_window: WindowOpener) -> None:
    window = open_window()
    page = time_page(window)
    window.services.study.log(window.ctx.profile_id, 90)
    page.hours.setValue(6)
    page.min_minutes.setValue(20)
    page.save_goal.click()
    profile = window.services.profiles.get(window.ctx.profile_id)
    assert (profile.weekly_goal_minutes, profile.min_minutes_per_day) == (360, 20)
    assert page.week_text.text() == "1 h 30 min of your 6 h this week."
    window.ctx.undo_stack.undo()
    profile = window.services.profiles.get(window.ctx.profile_id)
    assert (profile.weekly_goal_minutes, profile.min_minutes_per_day) == (0, 10)


def test_clicking_a_day_of_the_heatmap_lists_that_day(open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window()
    today = window.services.study.now().date()
    earlier = today - timedelta(days=9)
    window.services.study.log(window.ctx.profile_id, 25, "skill.sql", day=earlier, note="joins")
    page = time_page(window)
    page.refresh()
    heatmap = page.heatmap
    point = heatmap.cell_rect(earlier).center()
    assert heatmap.rect().contains(point)
    assert heatmap.day_at(point) == earlier
    qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=point)
    assert heatmap.selected == earlier
    assert page.day_model.rowCount() == 1
    assert page.day_model.record(0).note == "joins"
    assert "25 min" in page.day_label.text()
    heatmap.setFocus()
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)  # a week later
    assert heatmap.selected == earlier + timedelta(days=7)
    assert page.day_model.rowCount() == 0


def test_the_heatmap_saves_as_a_png(open_window: WindowOpener, tmp_path: Path) -> None:
    window = open_window()
    window.services.study.log(window.ctx.profile_id, 60)
    page = time_page(window)
    page.refresh()
    target = tmp_path / "history.png"
    assert page.heatmap.save_png(target)
    image = QImage(str(target))
    assert image.width() == page.heatmap.width() and image.height() == page.heatmap.height()


def test_deleting_a_session_from_the_day_list_is_undoable(open_window: WindowOpener) -> None:
    window = open_window()
    logged = window.services.study.log(window.ctx.profile_id, 30, "skill.python")
    page = time_page(window)
    page.refresh()
    page.day_view.selectRow(0)
    assert page.delete_session.isEnabled()
    page.delete_session.click()
    assert window.services.study.sessions(window.ctx.profile_id) == []
    window.ctx.undo_stack.undo()
    assert [s.id for s in window.services.study.sessions(window.ctx.profile_id)] == [logged.id]


def test_the_roadmap_page_shows_the_plan_once_a_goal_is_set(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    roadmap = window.roadmap
    assert "Set a weekly study goal" in roadmap.plan_summary.text()
    assert not roadmap.plan_timeline.isVisible()
    window.services.profiles.set_goal(window.ctx.profile_id, weekly_goal_minutes=600)
    window.ctx.reload_all()
    plan = window.services.study.plan(window.ctx.profile_id)
    assert plan.job_ready_on is not None
    assert f"{plan.job_ready_on:%d %B %Y}" in roadmap.plan_summary.text()
    assert roadmap.plan_timeline.isVisible()


def test_log_time_on_a_task_opens_the_time_page_for_it(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_item("task.skills.sql")
    window.roadmap.log_task_time.click()
    page = window.page(registry.TIME)
    assert window.current_page() is page
    assert page.subject.currentData() == "task.skills.sql"


def test_the_dashboard_shows_the_streak_and_the_week(open_window: WindowOpener) -> None:
    window = open_window()
    profile_id = window.ctx.profile_id
    today: date = window.services.study.now().date()
    for back in range(3):
        window.services.study.log(profile_id, 15, day=today - timedelta(days=back))
    window.services.profiles.set_goal(profile_id, weekly_goal_minutes=120)
    window.ctx.reload_all()
    window.show_page(PageName.DASHBOARD)
    dashboard = window.dashboard
    assert dashboard.streak_label.text().startswith("Streak: 3 days")
    assert "of 2 h" in dashboard.week_label.text()
    assert dashboard.ready_label.text().startswith("Job-ready:")


def test_the_ready_by_day_is_chosen_and_cleared_on_the_date_box(open_window: WindowOpener) -> None:
    window = open_window()
    page = time_page(window)
    assert page.ready_by.text() == "Not set"
    page.ready_by.setDate(page.ready_by.minimumDate().addDays(30))
    page.save_goal.click()
    today = window.services.study.now().date()
    assert window.services.profiles.get(window.ctx.profile_id).ready_by == today + timedelta(days=30)
    page.ready_by.setDate(page.ready_by.minimumDate())
    page.save_goal.click()
    assert window.services.profiles.get(window.ctx.profile_id).ready_by is None
    window.ctx.undo_stack.undo()
    assert window.services.profiles.get(window.ctx.profile_id).ready_by == today + timedelta(days=30)
