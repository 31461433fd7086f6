"""Crash safety of task links: a linking process killed (SIGKILL) at random moments leaves every
committed link with its activity entry and its task done, and no link without them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from roadmap_app.bootstrap import open_services
from tests.test_crash import kill_writers_at_random, numbers_in, pytestmark

__all__ = ["pytestmark"]

TASKS = (
    "task.credential.choose-path",
    "task.credential.check-job-ads",
    "task.credential.enrol",
    "task.credential.complete",
)


def linker(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """A credential added, then linked to a task of step 1; reported after the link returns."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        for i in range(first, first + 100_000):
            credential = services.credentials.add(ada.id, f"l{i}")
            services.task_links.link(ada.id, TASKS[i % len(TASKS)], "credential", credential.id)
            report(str(i))

    return job


def test_killed_linkers_leave_each_link_with_its_log_entry_and_its_task_done(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        linked = dict(
            conn.execute(
                "SELECT c.title, l.task_id FROM task_links l JOIN credentials c "
                "ON c.id = l.record_id AND c.uuid = l.record_uuid"
            )
        )
        logged = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'item.link'")]
        states = dict(conn.execute("SELECT item_id, state FROM item_progress"))
        assert sorted(logged) == sorted(linked), "a link without its activity entry, or the reverse"
        assert all(states.get(task) == "done" for task in linked.values()), "a linked task that is not done"
        for i in numbers_in(reported):
            assert linked.get(f"l{i}") == TASKS[i % len(TASKS)], f"committed link {i} was lost"

    kill_writers_at_random(data_dir, linker, check)
