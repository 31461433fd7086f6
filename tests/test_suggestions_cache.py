"""The next actions are kept between calls and read again in part after a change: after every
kind of change, what the service answers equals what a service opened afresh on the same file
computes from scratch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services
from roadmap_app.services.suggestions import SuggestionService

START = datetime(2026, 11, 2, 9, 0)
AD = "We use Python, SQL and PyTorch every day; Docker and Git are a plus."


class Clock:
    """A clock the test moves; each reading is a second later, so changes keep their order."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(data_dir: Path, clock: Clock) -> Iterator[Services]:
    _paths, built = open_services(data_dir, clock=clock)
    yield built
    built.close()


@pytest.fixture
def ada(services: Services, clock: Clock) -> int:
    """A learner a month into the road: skills done and stalled, projects, time, applications."""
    profile = services.profiles.create("Ada").id
    services.use_profile(profile)
    skills = [s.id for s in services.roadmap.skills]
    tasks = [t.id for t in services.roadmap.tasks]
    for skill in skills[:6]:
        services.progress.set_state(profile, skill, "done")
    for item in (*skills[6:9], *tasks[:3]):
        services.progress.set_state(profile, item, "in_progress")
    services.portfolio.add(profile, "Churn model", status="building", skill_ids=skills[:2])
    services.portfolio.add(profile, "Fraud detector", status="building", skill_ids=skills[2:3])
    services.portfolio.add(profile, "Image classifier", status="done", skill_ids=skills[3:4])
    services.portfolio.add(profile, "Search ranker", status="done", repo_url="https://example.org/r")
    services.portfolio.add(profile, "Forecasts", status="idea", skill_ids=skills[4:5])
    services.profiles.set_goal(profile, weekly_goal_minutes=300, ready_by=date(2027, 3, 1))
    for days in range(3, 0, -1):
        services.study.log(profile, 30, skills[6], day=START.date() - timedelta(days=days))
    clock.now += timedelta(days=20)  # what was started now has stalled
    today = clock.now.date()
    services.jobs.add(profile, "Acme", "ML engineer", stage="applied", on=today - timedelta(days=9), ad_text=AD)
    services.jobs.add(profile, "Globex", "ML engineer", stage="applied", on=today - timedelta(days=25), ad_text=AD)
    initech = services.jobs.add(profile, "Initech", "Data scientist", stage="screening", on=today, ad_text=AD)
    services.jobs.add_interview(profile, initech.id, today + timedelta(days=2))
    services.jobs.add(profile, "Umbrella", "ML engineer", ad_text=AD)
    for day in range(1, 4):
        services.study.log(profile, 20, skills[7], day=today - timedelta(days=day))
    return profile


def check_same_as_fresh(services: Services, data_dir: Path, clock: Clock, profile_id: int) -> list[str]:
    """The kept service's next actions and snapshot equal those of a service built afresh on
    the same file, which reads everything; returns their keys.

    The fresh one shares the open database: a second open of the file in one process would
    read its header with a plain open and close, which drops this process's locks on it.
    """
    kept = services.suggestions.next_actions(profile_id)
    kept_snapshot = services.suggestions.snapshot(profile_id)
    fresh = SuggestionService(services._db, services.roadmaps, services.gap, lambda: clock.now)
    try:
        made_now = fresh.next_actions(profile_id)
        assert [(s.key, s.title, s.reason) for s in kept] == [(s.key, s.title, s.reason) for s in made_now]
        assert kept == made_now
        made = fresh.snapshot(profile_id)
        for name in (
            "today", "states", "projects", "last_note_at", "last_activity", "feedback", "current_step_id",
            "target_career_id", "time", "record_skills", "applications", "ad_skills",
        ):  # fmt: skip
            assert getattr(kept_snapshot, name) == getattr(made, name), name
        assert kept_snapshot.roadmap == made.roadmap
    finally:
        fresh.close()
    return [s.key for s in kept]


def test_a_repeated_call_with_nothing_changed_reads_no_rows(services: Services, ada: int) -> None:
    first = services.suggestions.next_actions(ada)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = services._db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        again = services.suggestions.next_actions(ada)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert again == first
    assert not [s for s in statements if s.lstrip().upper().startswith("SELECT")], statements


def test_every_change_through_the_services_is_seen(services: Services, data_dir: Path, clock: Clock, ada: int) -> None:
    skills = [s.id for s in services.roadmap.skills]
    tasks = [t.id for t in services.roadmap.tasks]
    before = check_same_as_fresh(services, data_dir, clock, ada)
    projects = {p.title: p.id for p in services.portfolio.projects(ada, limit=50)}
    apps = {a.company: a for a in services.jobs.list(ada)}
    changes = [
        lambda: services.progress.set_state(ada, tasks[0], "done"),
        lambda: services.progress.set_state(ada, skills[10], "done"),
        lambda: services.progress.set_note(ada, skills[10], "Learnt from the course."),
        lambda: services.study.log(ada, 25, skills[6]),
        lambda: services.portfolio.add_note(ada, projects["Churn model"], "Where it stands."),
        lambda: services.portfolio.update(ada, projects["Image classifier"], repo_url="https://example.org/i"),
        lambda: services.portfolio.update(ada, projects["Fraud detector"], status="done"),
        lambda: services.portfolio.set_skills(ada, projects["Forecasts"], skills[5:8]),
        lambda: services.portfolio.add(ada, "Recommender", status="building", skill_ids=skills[8:9]),
        lambda: services.portfolio.delete(ada, projects["Search ranker"]),
        lambda: services.jobs.set_stage(ada, apps["Acme"].id, "interview"),
        lambda: services.jobs.add_interview(ada, apps["Globex"].id, clock.now.date() + timedelta(days=1)),
        lambda: services.jobs.add_contact(ada, apps["Globex"].id, "Grace Hopper", role="Lead"),
        lambda: services.jobs.update(ada, apps["Umbrella"].id, ad_text="Docker and Kubernetes daily."),
        lambda: services.jobs.set_stage(ada, apps["Initech"].id, "rejected"),
        lambda: services.jobs.delete(ada, apps["Umbrella"].id),
        lambda: services.profiles.set_goal(ada, weekly_goal_minutes=600, target_career_id=""),
        lambda: services.credentials.add(ada, "ML course", status="done", skill_ids=skills[10:12]),
    ]
    seen = [before]
    for change in changes:
        change()
        seen.append(check_same_as_fresh(services, data_dir, clock, ada))
    assert len({tuple(keys) for keys in seen}) > 5  # the changes changed the advice


def test_undo_of_each_change_is_seen(services: Services, data_dir: Path, clock: Clock, ada: int) -> None:
    skills = [s.id for s in services.roadmap.skills]
    check_same_as_fresh(services, data_dir, clock, ada)
    change = services.progress.set_state(ada, skills[0], "todo")
    check_same_as_fresh(services, data_dir, clock, ada)
    services.progress.restore(ada, change.before)
    check_same_as_fresh(services, data_dir, clock, ada)
    logged = services.study.log(ada, 15, skills[6])
    check_same_as_fresh(services, data_dir, clock, ada)
    gone = services.study.delete(ada, logged.id)
    check_same_as_fresh(services, data_dir, clock, ada)
    services.study.restore(ada, gone)
    check_same_as_fresh(services, data_dir, clock, ada)
    project = services.portfolio.projects(ada, limit=1)[0]
    removed = services.portfolio.delete(ada, project.id)
    check_same_as_fresh(services, data_dir, clock, ada)
    services.portfolio.restore(ada, removed)
    check_same_as_fresh(services, data_dir, clock, ada)
    app = services.jobs.list(ada)[0]
    step = services.jobs.set_stage(ada, app.id, "offer")
    check_same_as_fresh(services, data_dir, clock, ada)
    services.jobs.delete_stage_change(ada, step.id)
    check_same_as_fresh(services, data_dir, clock, ada)


def test_snoozed_dismissed_and_restored_advice_is_seen(
    services: Services, data_dir: Path, clock: Clock, ada: int
) -> None:
    first, second = services.suggestions.next_actions(ada)[:2]
    services.suggestions.snooze(ada, first.key, 3)
    assert first.key not in check_same_as_fresh(services, data_dir, clock, ada)
    services.suggestions.dismiss(ada, second.key)
    assert second.key not in check_same_as_fresh(services, data_dir, clock, ada)
    services.suggestions.clear_feedback(ada, first.key)
    assert first.key in check_same_as_fresh(services, data_dir, clock, ada)
    clock.now += timedelta(days=4)  # the snooze has run out, on the next day
    check_same_as_fresh(services, data_dir, clock, ada)


def test_the_day_changing_is_seen_without_any_write(services: Services, data_dir: Path, clock: Clock, ada: int) -> None:
    seen = {tuple(check_same_as_fresh(services, data_dir, clock, ada))}
    for _day in range(8):
        clock.now += timedelta(days=1)
        assert services.suggestions.snapshot(ada).today == clock.now.date()
        seen.add(tuple(check_same_as_fresh(services, data_dir, clock, ada)))
    clock.now -= timedelta(days=30)  # the clock set back
    seen.add(tuple(check_same_as_fresh(services, data_dir, clock, ada)))
    assert len(seen) > 1


def test_own_items_are_seen(services: Services, data_dir: Path, clock: Clock, ada: int) -> None:
    check_same_as_fresh(services, data_dir, clock, ada)
    own = services.own_items.add(ada, "skill", "Kubernetes", category_id=services.roadmap.skills[0].category_id)
    keys = check_same_as_fresh(services, data_dir, clock, ada)
    services.progress.set_state(ada, own.id, "done")
    assert keys != check_same_as_fresh(services, data_dir, clock, ada)
    services.own_items.remove(ada, own.id, confirmed=True)
    check_same_as_fresh(services, data_dir, clock, ada)


def test_writes_by_another_connection_or_process_are_seen(
    services: Services, data_dir: Path, clock: Clock, ada: int, cli: object
) -> None:
    database = services._db.path
    skills = [s.id for s in services.roadmap.skills]
    check_same_as_fresh(services, data_dir, clock, ada)
    # Another connection (as another process would): no statement of this process's engine.
    other = sqlite3.connect(database)
    with other:
        other.execute("UPDATE item_progress SET state = 'todo' WHERE profile_id = ? AND item_id = ?", (ada, skills[0]))
    other.close()
    check_same_as_fresh(services, data_dir, clock, ada)
    # Another process: the command line.
    done = cli("--profile", "Ada", "set", skills[1], "todo")  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    check_same_as_fresh(services, data_dir, clock, ada)
    done = cli("--profile", "Ada", "job", "add", "Hooli", "ML engineer", "--stage", "applied")  # type: ignore[operator]
    check_same_as_fresh(services, data_dir, clock, ada)


def test_a_write_through_the_driver_on_the_same_connection_is_seen(
    services: Services, data_dir: Path, clock: Clock, ada: int
) -> None:
    skills = [s.id for s in services.roadmap.skills]
    check_same_as_fresh(services, data_dir, clock, ada)
    # The pooled connection the service reads through, written to past the engine's events:
    # its data version does not move, its change count does.
    with services._db.engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        assert driver is not None
        driver.execute("BEGIN")
        driver.execute("DELETE FROM item_progress WHERE profile_id = ? AND item_id = ?", (ada, skills[0]))
        driver.execute("COMMIT")
    check_same_as_fresh(services, data_dir, clock, ada)


def test_an_import_a_restore_and_another_profile_are_seen(
    services: Services, data_dir: Path, clock: Clock, ada: int, tmp_path: Path
) -> None:
    check_same_as_fresh(services, data_dir, clock, ada)
    document = services.transfer.export_profile(ada)
    copy = services.transfer.import_profile(document, "Ada again")
    check_same_as_fresh(services, data_dir, clock, copy.id)
    check_same_as_fresh(services, data_dir, clock, ada)
    backup = services.backups.create()
    services.progress.set_state(ada, services.roadmap.skills[0].id, "todo")
    check_same_as_fresh(services, data_dir, clock, ada)
    services.backups.restore(backup.path.name)
    services.roadmaps.changed()
    check_same_as_fresh(services, data_dir, clock, ada)
    services.profiles.delete(copy.id)
    check_same_as_fresh(services, data_dir, clock, ada)


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        ("INSERT INTO activity (profile_id) VALUES (?)", ("activity", "write")),
        ('UPDATE "projects" SET updated_at=? WHERE projects.id = ?', ("projects", "write")),
        ("DELETE FROM projects WHERE projects.id = ?", ("projects", "delete")),
        ("INSERT OR REPLACE INTO item_progress VALUES (?)", ("item_progress", "delete")),
        ("REPLACE INTO settings VALUES (?, ?)", ("settings", "delete")),
        ("  select * from projects", ("", "read")),
        ("PRAGMA data_version", ("", "read")),
        ("PRAGMA user_version = 3", None),
        ("CREATE TABLE t (x)", None),
        ("WITH gone AS (SELECT 1) DELETE FROM projects", None),
        ("WITH recent AS (SELECT 1) SELECT * FROM recent", ("", "read")),
    ],
)
def test_statements_are_told_apart(statement: str, found: tuple[str, str] | None) -> None:
    from roadmap_app.services.write_watch import written_tables

    assert written_tables(statement) == found


def test_the_snapshot_holds_what_the_services_own_reads_give(services: Services, ada: int) -> None:
    """Read through the driver with only the columns the rules use, the snapshot agrees with
    the typed reads of the portfolio, the job search and the study time."""
    from dataclasses import replace

    from roadmap_app.services.study_values import time_facts
    from roadmap_app.storage.tables import ProfileRow

    project = services.portfolio.projects(ada, limit=1)[0]
    services.portfolio.add_note(ada, project.id, "A first note.")
    snapshot = services.suggestions.snapshot(ada)
    fields = ("id", "title", "status", "repo_url", "idea_id", "started_on", "finished_on", "created_at", "updated_at")
    fields += ("skill_ids", "uuid")
    listed = sorted(services.portfolio.projects(ada, limit=100), key=lambda p: p.id)
    assert [[getattr(p, f) for f in fields] for p in snapshot.projects] == [
        [getattr(p, f) for f in fields] for p in listed
    ]
    notes = {p.id: max(n.updated_at for n in p.notes) for p in (services.portfolio.get(ada, q.id) for q in listed)
             if p.notes}  # fmt: skip
    assert dict(snapshot.last_note_at) == notes
    apps = sorted((replace(a, notes=()) for a in services.jobs.list(ada)), key=lambda a: a.id)
    assert list(snapshot.applications) == apps
    with services._db.read() as session:
        profile = session.get(ProfileRow, ada)
        assert profile is not None
        states = services.progress.states(ada)
        linked = sum(1 for p in listed if p.status.value == "done" and p.repo_url)
        assert snapshot.time == time_facts(session, services.roadmap, profile, states, linked, snapshot.today)
