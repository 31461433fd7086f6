"""Crash safety of task links: a linking process killed (SIGKILL) at random moments leaves every
committed link with its activity entry and its task done, and no link without them."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from roadmap_app.bootstrap import open_services
from tests.test_crash import RUNS, in_child, integrity, kill_after, pytestmark

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
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    db = data_dir / "roadmap.sqlite3"
    rng = random.Random(int(os.environ.get("ROADMAP_CRASH_SEED", "0")) or None)
    reported: set[int] = set()
    first = 0
    for _run in range(max(6, RUNS // 3)):
        pid, read_fd = in_child(linker(data_dir, first))
        lines = kill_after(pid, read_fd, rng.uniform(0.0, 0.03), lines_first=rng.randint(1, 6))
        numbers = [int(line) for line in lines if line.isdigit()]
        reported.update(numbers)
        # The one after the last reported may have been committed unreported: never written again.
        first = (max(numbers) if numbers else first - 1) + 2
        assert integrity(db) == "ok"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            linked = dict(
                conn.execute(
                    "SELECT c.title, l.task_id FROM task_links l JOIN credentials c "
                    "ON c.id = l.record_id AND c.uuid = l.record_uuid"
                )
            )
            logged = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'item.link'")]
            states = dict(conn.execute("SELECT item_id, state FROM item_progress"))
        finally:
            conn.close()
        assert sorted(logged) == sorted(linked), "a link without its activity entry, or the reverse"
        assert all(states.get(task) == "done" for task in linked.values()), "a linked task that is not done"
        for i in reported:
            assert linked.get(f"l{i}") == TASKS[i % len(TASKS)], f"committed link {i} was lost"
    assert reported, "the linkers never got to write; the kill delays are too short"
