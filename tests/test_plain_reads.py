"""Reads on the driver alone (``Database.read_plain``): what the first paint and the reading
commands see is what the ORM sessions see, through every change of the file."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.cli.parser import build_parser
from roadmap_app.services import Services
from roadmap_app.services.portfolio import ProjectQuery
from roadmap_app.storage.db import Database, open_database
from roadmap_app.storage.faults import Fault


def test_a_read_inside_another_shares_its_snapshot(services: Services, data_dir: Path) -> None:
    profile = services.profiles.current()
    db = Database(data_dir / "roadmap.sqlite3")
    try:
        with db.read_plain() as outer:
            before = outer.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0]
            services.profiles.rename(profile.id, "Ada")  # another connection commits meanwhile
            with db.read_plain() as inner:
                assert inner is outer
                assert inner.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0] == before
            assert outer.in_transaction, "the inner read leaves the outer one open"
        with db.read_plain() as after:
            assert after.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0] == "Ada"
    finally:
        db.close()


def test_another_process_writes_are_seen_by_the_next_plain_read(services: Services, data_dir: Path) -> None:
    first = services.profiles.current()
    assert [p.name for p in services.profiles.all()] == [first.name]
    command = [sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), "profile", "create", "Grace"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert services.profiles.count() == 2  # read on the driver
    assert "Grace" in [p.name for p in services.profiles.all()]  # and through the ORM


def test_a_plain_read_after_a_restore_sees_the_restored_data(services: Services) -> None:
    profile = services.profiles.current()
    skill = services.roadmap.skills[0].id
    services.progress.set_state(profile.id, skill, "done")
    services.backups.create()
    services.progress.set_state(profile.id, skill, "in_progress")
    assert services.progress.states(profile.id)[skill].state.value == "in_progress"
    services.backups.restore()
    # The plain connection was closed with the engine's: it reads the restored file, not the old one.
    assert services.progress.states(profile.id)[skill].state.value == "done"
    assert services.progress.summary(profile.id).overall.done >= 1


def test_a_database_opened_read_only_is_read_on_the_driver(data_dir: Path) -> None:
    paths, services = open_services(data_dir)
    profile = services.profiles.current()
    services.progress.set_state(profile.id, services.roadmap.skills[0].id, "done")
    services.close()
    db = open_database(paths.database, read_only=Fault.READ_ONLY)
    try:
        with db.read_plain() as conn:
            assert conn.execute("SELECT count(*) FROM item_progress").fetchone()[0] == 1
            with pytest.raises(sqlite3.OperationalError):
                conn.execute("DELETE FROM item_progress")
        assert not db.engine_made, "reading needed no SQLAlchemy engine"
    finally:
        db.close()


def _plain_commands() -> set[str]:
    """Every command (``job list``, ...) the parser marks as reading through the driver alone."""
    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        if parser.get_default("plain"):
            found.add(" ".join(words))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*words, name))

    walk(build_parser(), ())
    return found


# Each command marked plain, with the arguments it is run with below.
PLAIN_COMMANDS = {
    "status": ["status", "--json"],
    "items": ["items", "--json"],
    "next": ["next", "--json"],
    "today": ["today", "--json"],
    "plan": ["plan", "--hours-per-week", "6", "--json"],
    "history": ["history", "--json"],
    "job list": ["job", "list", "--json"],
    "job show": ["job", "show", "{application}", "--json"],
    "project list": ["project", "list", "--json"],
}


def test_every_command_marked_plain_is_run_below() -> None:
    assert _plain_commands() == set(PLAIN_COMMANDS)


@pytest.mark.parametrize("command", list(PLAIN_COMMANDS))
def test_the_commands_that_only_read_do_not_load_sqlalchemy(services: Services, data_dir: Path, command: str) -> None:
    """A command marked plain reads through the driver alone: SQLAlchemy costs more than the
    rest of such a command, so loading it by mistake would make it three times as slow."""
    profile = services.profiles.current()
    skill = services.roadmap.skills[0].id
    services.progress.set_state(profile.id, skill, "done")
    services.study.log(profile.id, 45, skill)
    services.portfolio.add(
        profile.id, "Churn model", status="done", repo_url="https://example.org/churn", skill_ids=[skill]
    )
    services.credentials.add(profile.id, "Statistics course", status="in_progress", skill_ids=[skill])
    services.experience.add(profile.id, "Data intern", organisation="Acme")
    application = services.jobs.add(profile.id, "Acme", "ML engineer", ad_text="Python, SQL and Docker")
    first = services.suggestions.next_actions(profile.id)[0]
    services.suggestions.snooze(profile.id, first.key, 3)
    args = [a.format(application=application.id) for a in PLAIN_COMMANDS[command]]
    code = (
        "import sys\n"
        "from roadmap_app.__main__ import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, *{args!r}])\n"
        "print('sqlalchemy' in sys.modules, code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["False", "0"], done.stdout[-400:]


def test_next_actions_read_on_the_driver_are_those_read_through_the_engine(services: Services, data_dir: Path) -> None:
    profile = services.profiles.current()
    skill = services.roadmap.skills[0].id
    services.progress.set_state(profile.id, skill, "in_progress")
    services.portfolio.add(profile.id, "Churn model", status="building", skill_ids=[skill])
    services.jobs.add(profile.id, "Acme", "ML engineer", ad_text="Python, SQL and Docker")
    first = services.suggestions.next_actions(profile.id)[0]
    services.suggestions.snooze(profile.id, first.key, 3)
    through_engine = services.suggestions.next_actions(profile.id)

    _paths, fresh = open_services(data_dir)
    try:
        on_driver = fresh.suggestions.next_actions(profile.id)  # nothing has made the engine yet
        fresh.warm_up()  # the engine is made: the next read is watched, and reads everything again
        again = fresh.suggestions.next_actions(profile.id)
    finally:
        fresh.close()
    assert on_driver == through_engine == again
    assert first.key not in {s.key for s in on_driver}, "the snooze was read on the driver too"


def test_the_default_project_list_read_on_the_driver_is_the_one_the_query_builder_reads(services: Services) -> None:
    """Newest first with no filter reads SQL text on the driver; any other query is built with
    SQLAlchemy. A query that filters nothing (a blank text) takes the second way."""
    ada = services.profiles.create("Ada")
    skills = [s.id for s in services.roadmap.skills[:3]]
    made = [
        services.portfolio.add(ada.id, f"Project {n}", summary="x" * n, skill_ids=skills[: n % 4], status=status)
        for n, status in enumerate(("idea", "building", "done", "building", "done", "idea", "done"))
    ]
    services.portfolio.update(ada.id, made[2].id, title="Project 2, renamed")  # a newer update time
    services.portfolio.add(services.profiles.create("Bo").id, "Someone else's")
    through_the_builder = ProjectQuery(text=" ")
    assert through_the_builder != ProjectQuery()
    plain = services.portfolio.projects(ada.id)
    assert plain == services.portfolio.projects(ada.id, query=through_the_builder)
    assert plain[0].id == made[2].id and len(plain) == len(made)
    assert any(p.started_on is not None for p in plain) and any(p.finished_on is not None for p in plain)
    for offset, limit in ((0, 3), (2, 3), (5, 10), (9, 2), (0, 0)):
        page = services.portfolio.projects(ada.id, offset=offset, limit=limit)
        assert page == services.portfolio.projects(ada.id, offset=offset, limit=limit, query=through_the_builder)
        assert page == plain[offset : offset + limit]
