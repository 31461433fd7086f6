"""Time through the services: logging and its undo, refusals that change nothing, the saved
timer, the goal fields, history and plan, and sessions in export and import."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.activity import ActivityAction
from roadmap_app.domain.limits import MAX_TEXT
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.study import StudySubject, StudySubjectKind
from roadmap_app.services import FAILURES, Services, UserError
from roadmap_app.services.export_format import ImportFormatError
from roadmap_app.services.study import CHANGES_PER_DAY_SQL
from roadmap_app.services.study_values import DAY_TOTALS_SQL

START = datetime(2026, 3, 4, 9, 0)  # a Wednesday


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def app(data_dir: Path, clock: Clock) -> Iterator[Services]:
    services = open_services(data_dir, clock=clock)[1]
    yield services
    services.close()


@pytest.fixture
def me(app: Services) -> int:
    return app.profiles.current().id


def tombstones(app: Services, profile_id: int) -> set[str]:
    return {t["uuid"] for t in app.transfer.export_profile(profile_id)["tombstones"]}


def test_log_delete_and_restore_bring_back_the_same_session(app: Services, me: int) -> None:
    logged = app.study.log(me, 45, "skill.python", note="  pandas groupby  ")
    assert (logged.minutes, logged.day, logged.note, logged.title) == (45, START.date(), "pandas groupby", "Python")
    assert app.study.sessions(me) == [logged]

    gone = app.study.delete(me, logged.id)
    assert gone == logged and app.study.sessions(me) == []
    assert logged.uuid in tombstones(app, me)

    back = app.study.restore(me, gone)
    assert (back.id, back.uuid) == (logged.id, logged.uuid)
    assert app.study.sessions(me) == [logged]
    assert logged.uuid not in tombstones(app, me)
    actions = [a.action for a in app.activity.recent(me)][:3]
    assert actions == [ActivityAction.STUDY_RESTORE, ActivityAction.STUDY_DELETE, ActivityAction.STUDY_LOG]
    with pytest.raises(UserError):
        app.study.restore(me, gone)  # already back


def test_sessions_are_listed_newest_day_first_with_ties_by_id(app: Services, me: int) -> None:
    older = app.study.log(me, 20, day=START.date() - timedelta(days=2))
    first = app.study.log(me, 10, "task.credential.choose-path")
    second = app.study.log(me, 15)
    assert [s.id for s in app.study.sessions(me)] == [second.id, first.id, older.id]
    two_days_ago = START.date() - timedelta(days=2)
    assert app.study.sessions(me, start=two_days_ago, end=two_days_ago + timedelta(days=1)) == [older]


def test_a_session_for_a_project_names_it_and_another_profiles_project_is_refused(app: Services, me: int) -> None:
    project = app.portfolio.add(me, "Churn model")
    logged = app.study.log(me, 30, f"project:{project.id}")
    assert logged.subject == StudySubject(StudySubjectKind.PROJECT, str(project.id))
    assert logged.title == "Churn model"
    other = app.profiles.create("Grace")
    with pytest.raises(FAILURES, match="no project with id"):
        app.study.log(other.id, 30, f"project:{project.id}")
    assert app.study.sessions(other.id) == []


@pytest.mark.parametrize(
    ("minutes", "item", "days_back", "note", "words"),
    [
        (0, "", 0, "", "from 1 to 1440"),
        (1441, "", 0, "", "from 1 to 1440"),
        (500, "", 0, "", "room for 440 more minutes"),  # the day already holds 1000
        (10, "", -1, "", "in the future"),
        (10, "skill.cobol", 0, "", "unknown task or skill"),
        (10, "project:99", 0, "", "no project with id '99'"),
        (10, "", 0, "x" * (MAX_TEXT + 1), "at most"),
    ],
)
def test_every_refused_log_says_why_in_one_line_and_changes_nothing(
    app: Services, me: int, minutes: int, item: str, days_back: int, note: str, words: str
) -> None:
    app.study.log(me, 1000)
    before = (app.study.sessions(me), app.activity.recent(me, 100))
    with pytest.raises(FAILURES) as refused:
        app.study.log(me, minutes, item, day=START.date() - timedelta(days=days_back), note=note)
    message = str(refused.value)
    assert words in message and "\n" not in message
    assert (app.study.sessions(me), app.activity.recent(me, 100)) == before


def test_a_day_can_be_filled_to_its_last_minute(app: Services, me: int) -> None:
    app.study.log(me, 1000)
    app.study.log(me, 440)
    assert app.study.history(me, 1).days[-1].minutes == 24 * 60


def test_the_timer_logs_its_minutes_on_the_day_it_started(app: Services, me: int, clock: Clock) -> None:
    clock.now = datetime(2026, 3, 4, 23, 40)
    started = app.study.start_timer(me, "skill.sql")
    assert started.running and app.study.timer(me) == started
    with pytest.raises(UserError, match="already running"):
        app.study.start_timer(me)
    clock.advance(minutes=10)
    assert app.study.pause_timer(me).banked_seconds == 600
    clock.advance(hours=3)  # paused time does not count
    app.study.resume_timer(me)
    clock.advance(minutes=15)
    logged = app.study.stop_timer(me, "joins")
    assert logged is not None and app.study.timer(me) is None
    assert (logged.day, logged.minutes, logged.subject.id, logged.note) == (date(2026, 3, 4), 25, "skill.sql", "joins")


def test_a_timer_stopped_within_half_a_minute_logs_nothing(app: Services, me: int, clock: Clock) -> None:
    app.study.start_timer(me)
    clock.advance(seconds=29)
    assert app.study.stop_timer(me) is None
    assert app.study.sessions(me) == [] and app.study.timer(me) is None


def test_a_refused_stop_keeps_the_timer(app: Services, me: int, clock: Clock) -> None:
    app.study.start_timer(me, "skill.python")
    clock.advance(minutes=20)
    with pytest.raises(FAILURES, match="at most"):
        app.study.stop_timer(me, "x" * (MAX_TEXT + 1))
    assert app.study.timer(me) is not None and app.study.sessions(me) == []
    with pytest.raises(FAILURES, match="unknown task or skill"):
        app.study.start_timer(app.profiles.create("Grace").id, "skill.cobol")


def test_a_running_timer_survives_reopening_the_database(data_dir: Path, clock: Clock) -> None:
    first = open_services(data_dir, clock=clock)[1]
    me = first.profiles.current().id
    first.study.start_timer(me, "skill.python")
    first.close()  # as the window closing, or the process ending

    clock.advance(minutes=40)
    second = open_services(data_dir, clock=clock)[1]
    try:
        running = second.study.timer(me)
        assert running is not None and running.started_at == START and running.running
        assert running.elapsed_seconds(clock()) == 40 * 60
        logged = second.study.stop_timer(me)
        assert logged is not None and logged.minutes == 40
    finally:
        second.close()


def test_the_goal_fields_are_set_and_restored(app: Services, me: int) -> None:
    ready = date(2026, 9, 1)
    before, after = app.profiles.set_goal(me, weekly_goal_minutes=360, min_minutes_per_day=20, ready_by=ready)
    assert (before.weekly_goal_minutes, before.min_minutes_per_day, before.ready_by) == (0, 10, None)
    assert (after.weekly_goal_minutes, after.min_minutes_per_day, after.ready_by) == (360, 20, ready)
    assert app.profiles.current() == after

    restored = app.profiles.restore_goal(me, before)
    assert (restored.weekly_goal_minutes, restored.min_minutes_per_day, restored.ready_by) == (0, 10, None)


@pytest.mark.parametrize(
    "change",
    [
        {"weekly_goal_minutes": -60},
        {"weekly_goal_minutes": 169 * 60},
        {"min_minutes_per_day": 0},
        {"ready_by": START.date()},
        {"weekly_goal_minutes": 300, "ready_by": date(2026, 1, 1)},  # refused whole
    ],
)
def test_a_refused_goal_changes_nothing(app: Services, me: int, change: dict[str, Any]) -> None:
    before = app.profiles.current()
    with pytest.raises(FAILURES):
        app.profiles.set_goal(me, **change)
    assert app.profiles.current() == before


def test_undoing_a_ready_by_change_after_the_old_day_passed(app: Services, me: int, clock: Clock) -> None:
    app.profiles.set_goal(me, ready_by=date(2026, 3, 10))
    clock.now = datetime(2026, 3, 12, 9, 0)
    before, _after = app.profiles.set_goal(me, ready_by=date(2026, 6, 1))
    assert app.profiles.restore_goal(me, before).ready_by == date(2026, 3, 10)


def test_history_through_the_service_reads_the_goal_the_minimum_and_changes(app: Services, me: int) -> None:
    app.profiles.set_goal(me, weekly_goal_minutes=300, min_minutes_per_day=15)
    for days_back, minutes in ((0, 20), (1, 14), (2, 30), (3, 30), (9, 50)):
        app.study.log(me, minutes, day=START.date() - timedelta(days=days_back))
    history = app.study.history(me, 2)
    assert len(history.days) == 14 and history.days[-1].day == START.date()
    assert sum(d.minutes for d in history.days) == 144
    assert (history.current_streak, history.longest_streak) == (1, 2)  # 14 minutes is below the 15
    assert (history.week_minutes, history.goal_minutes) == (20 + 14 + 30, 300)  # from Monday
    changes = history.days[-1].changes
    app.progress.set_state(me, "skill.python", ItemState.DONE)
    app.study.log(me, 5)  # logging time is not a change
    assert app.study.history(me, 1).days[-1].changes == changes + 1
    with pytest.raises(FAILURES, match="weeks"):
        app.study.history(me, 0)


def test_a_change_counts_on_the_day_it_was_made_up_to_its_last_moment(app: Services, me: int, clock: Clock) -> None:
    yesterday = START.date() - timedelta(days=1)
    before = {d.day: d.changes for d in app.study.history(me, 1).days}
    clock.now = datetime.combine(yesterday, datetime.max.time())  # 23:59:59.999999
    app.progress.set_state(me, "skill.python", ItemState.DONE)
    clock.now = datetime.combine(START.date(), datetime.min.time())
    app.progress.set_state(me, "skill.sql", ItemState.DONE)
    app.progress.set_state(me, "skill.r", ItemState.DONE)
    clock.now = START
    after = {d.day: d.changes for d in app.study.history(me, 1).days}
    assert after[yesterday] == before[yesterday] + 1
    assert after[START.date()] == before[START.date()] + 2


def test_the_history_reads_its_day_counts_from_indexes_alone(app: Services, data_dir: Path) -> None:
    """Years of activity and sessions are read at each refresh of the Time page and the
    dashboard: an index that holds every column read spares a table row per entry."""
    conn = sqlite3.connect(data_dir / "roadmap.sqlite3")
    try:
        actions = ", ".join("'x'" for _ in range(3))
        for query in (DAY_TOTALS_SQL, CHANGES_PER_DAY_SQL.replace(", ".join("?" * 3), actions)):
            plan = " ".join(
                row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {query}", (1, "2026-01-01")[: query.count("?")])
            )
            assert "COVERING INDEX" in plan, plan
    finally:
        conn.close()


def test_the_plan_through_the_service(app: Services, me: int) -> None:
    with pytest.raises(UserError, match="no weekly goal"):
        app.study.plan(me)
    app.profiles.set_goal(me, weekly_goal_minutes=8 * 60)
    at_goal = app.study.plan(me)
    assert at_goal.hours_per_week == 8
    assert [s.id for s in at_goal.steps] == [s.id for s in app.roadmap.steps]
    faster = app.study.plan(me, 16)
    assert faster.job_ready_on is not None and at_goal.job_ready_on is not None
    assert faster.job_ready_on < at_goal.job_ready_on

    task = app.roadmap.steps[0].tasks[0]
    assert task.effort is not None
    app.progress.set_state(me, task.id, ItemState.IN_PROGRESS)
    app.study.log(me, 60, task.id)
    shorter = app.study.plan(me)
    first = at_goal.steps[0].remaining_hours - shorter.steps[0].remaining_hours
    assert first == pytest.approx(min(1.0, task.effort.hours * 0.75))
    with pytest.raises(FAILURES, match="hours per week"):
        app.study.plan(me, 0)


# --- export and import -----------------------------------------------------------------------


def test_sessions_and_the_goal_round_trip_through_export_and_import(app: Services, me: int, tmp_path: Path) -> None:
    app.profiles.set_goal(me, weekly_goal_minutes=240, min_minutes_per_day=25, ready_by=date(2027, 1, 1))
    project = app.portfolio.add(me, "Churn model")
    on_item = app.study.log(me, 50, "skill.sql", day=date(2026, 3, 1), note="windows")
    on_project = app.study.log(me, 70, f"project:{project.id}")
    document = app.transfer.export_profile(me)

    other = open_services(tmp_path / "other")[1]
    try:
        other.portfolio.add(other.profiles.current().id, "Already here")  # so the row ids differ
        copy = other.transfer.import_profile(document, name="Copy")
        assert (copy.weekly_goal_minutes, copy.min_minutes_per_day, copy.ready_by) == (240, 25, date(2027, 1, 1))
        by_minutes = {s.minutes: s for s in other.study.sessions(copy.id)}
        imported = {p.title: p.id for p in other.portfolio.projects(copy.id)}
    finally:
        other.close()
    assert set(by_minutes) == {50, 70}
    item, moved = by_minutes[50], by_minutes[70]
    assert (item.day, item.subject, item.note, item.uuid) == (on_item.day, on_item.subject, "windows", on_item.uuid)
    assert moved.uuid == on_project.uuid
    # The session follows the imported project, not the row id it had in the other file.
    assert moved.subject.kind is StudySubjectKind.PROJECT and moved.title == "Churn model"
    assert moved.subject.id == str(imported["Churn model"]) != on_project.subject.id


def test_a_format_2_export_without_sessions_still_imports(app: Services, me: int) -> None:
    app.study.log(me, 30, "skill.python")
    document = app.transfer.export_profile(me)
    document["version"] = 2
    del document["study_sessions"]
    for field in ("weekly_goal_minutes", "min_minutes_per_day", "ready_by"):
        del document["profile"][field]
    old = app.transfer.import_profile(document, name="Old")
    assert app.study.sessions(old.id) == []
    assert (old.weekly_goal_minutes, old.min_minutes_per_day, old.ready_by) == (0, 10, None)


def test_an_import_whose_sessions_overfill_a_day_is_refused_whole(app: Services, me: int) -> None:
    app.study.log(me, 1000, day=date(2026, 3, 1))
    app.study.log(me, 400, day=date(2026, 3, 1))
    document = app.transfer.export_profile(me)
    extra = dict(document["study_sessions"][0], uuid="0f9b6c1e-8d7a-4c55-9d0e-3b2a1c0d9e8f", minutes=41)
    document["study_sessions"].append(extra)
    profiles = app.profiles.count()
    with pytest.raises(ImportFormatError, match="more minutes than a day has"):
        app.transfer.import_profile(document, name="Overfull")
    assert app.profiles.count() == profiles


def test_an_id_past_the_integer_range_is_refused_like_any_unknown_one(app: Services, me: int) -> None:
    with pytest.raises(FAILURES, match="no project with id"):
        app.study.log(me, 10, "project:99999999999999999999")
    with pytest.raises(FAILURES, match="no study session"):
        app.study.delete(me, 2**70)
    assert app.study.sessions(me) == []


def test_minutes_by_group_count_from_the_day_given_and_name_the_skills_categories(app: Services, me: int) -> None:
    today = START.date()
    since = today - timedelta(days=20)
    project = app.portfolio.add(me, "Churn model")
    app.study.log(me, 30, "skill.python", day=since)  # the first day counted
    app.study.log(me, 15, "skill.python", day=today)
    app.study.log(me, 50, "skill.python", day=since - timedelta(days=1))  # the day before: left out
    app.study.log(me, 40, f"project:{project.id}", day=today)
    app.study.log(me, 10, day=today)
    other = app.profiles.create("Bo").id
    app.study.log(other, 90, "skill.python", day=today)
    skill = app.roadmap.skill("skill.python")
    assert skill is not None
    category = app.roadmap.category(skill.category_id)
    assert category is not None
    assert app.study.minutes_by_group(me, since) == [(category.title, 45), ("Projects", 40), ("Other study", 10)]
    assert app.study.minutes_by_group(me) == [(category.title, 95), ("Projects", 40), ("Other study", 10)]
    assert app.study.logged_by_subject(me) == {"skill.python": 95, f"project:{project.id}": 40}
