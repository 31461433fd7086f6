"""Crash safety of learning resources: a writer killed (SIGKILL) at random moments loses no
committed resource or progress step, leaves none without its activity entry, and leaves the
search index in step with the table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from roadmap_app.bootstrap import open_services
from tests.test_crash import kill_writers_at_random, numbers_in, pytestmark  # noqa: F401 (skips without fork)

ITEMS = ("skill.python", "skill.sql", "task.skills.maths")


def resource_writer(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Resources added one after another, each then stepped to 1 of 3; the title names it."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        for i in range(first, first + 100_000):
            added = services.resources.add(ada.id, ITEMS[i % len(ITEMS)], f"r{i}", kind="course", of=3)
            report(f"{i}")
            services.resources.set_progress(ada.id, added.id, 1)
            report(f"p{i}")

    return job


def test_a_killed_resource_writer_loses_no_committed_change(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        progress = dict(conn.execute("SELECT title, progress FROM resources"))
        logged = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'resource.add'")]
        steps = conn.execute("SELECT count(*) FROM activity WHERE action = 'resource.edit'").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM resources_fts WHERE resources_fts MATCH 'r*'").fetchone()[0]
        assert sorted(logged) == sorted(progress), "a resource without its activity row, or the reverse"
        assert steps == sum(progress.values()), "a progress step without its activity row, or the reverse"
        assert indexed == len(progress), "the search index is out of step with the resources"
        for i in numbers_in(reported):
            assert f"r{i}" in progress, f"committed resource r{i} was lost"
        for line in reported:
            if line.startswith("p"):
                assert progress[f"r{line[1:]}"] == 1, f"committed progress on r{line[1:]} was lost"

    kill_writers_at_random(data_dir, resource_writer, check)
