"""Crash safety of learning resources: a writer killed (SIGKILL) at random moments loses no
committed resource or progress step, leaves none without its activity entry, and leaves the
search index in step with the table."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from roadmap_app.bootstrap import open_services
from tests.test_crash import RUNS, in_child, integrity, kill_after, pytestmark  # noqa: F401 (skips without fork)

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
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    db = data_dir / "roadmap.sqlite3"
    rng = random.Random(int(os.environ.get("ROADMAP_CRASH_SEED", "0")) or None)
    added: set[int] = set()
    stepped: set[int] = set()
    first = 0
    for _run in range(max(6, RUNS // 3)):
        pid, read_fd = in_child(resource_writer(data_dir, first))
        lines = kill_after(pid, read_fd, rng.uniform(0.0, 0.03), lines_first=rng.randint(1, 6))
        numbers = [int(line) for line in lines if line.isdigit()]
        added.update(numbers)
        stepped.update(int(line[1:]) for line in lines if line.startswith("p"))
        first = (max(numbers) if numbers else first - 1) + 2
        assert integrity(db) == "ok"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            progress = dict(conn.execute("SELECT title, progress FROM resources"))
            logged = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'resource.add'")]
            steps = conn.execute("SELECT count(*) FROM activity WHERE action = 'resource.edit'").fetchone()[0]
            indexed = conn.execute("SELECT count(*) FROM resources_fts WHERE resources_fts MATCH 'r*'").fetchone()[0]
        finally:
            conn.close()
        assert sorted(logged) == sorted(progress), "a resource without its activity row, or the reverse"
        assert steps == sum(progress.values()), "a progress step without its activity row, or the reverse"
        assert indexed == len(progress), "the search index is out of step with the resources"
        for i in added:
            assert f"r{i}" in progress, f"committed resource r{i} was lost"
        for i in stepped:
            assert progress[f"r{i}"] == 1, f"committed progress on r{i} was lost"
    assert added, "the writers never got to write; the kill delays are too short"
