"""How long suggested next actions take for a learner with a long history.

Builds a profile with many projects and activity entries in a temporary data folder
(bulk inserts, so building stays quick), then times reading the whole snapshot (a service
built afresh), running the rules on it, asking again with nothing changed (the kept
snapshot), and asking right after a task's state changed, and prints median and 95th
percentile.

    .venv/bin/python benchmarks/bench_suggestions.py           # 500 projects, 20,000 entries
    .venv/bin/python benchmarks/bench_suggestions.py --quick   # small sizes, for CI

With ``--data-dir DIR`` (a copy of a profile made by ``generate.py``, such as the large one)
it times ``next_actions`` as the window asks for it: called again with nothing changed,
right after each of four typical changes made through the services (a task's state, study
time logged, a project note added, an application moved to a stage), and by a service
built afresh on the same file (everything read). The folder is copied first, so the
changes never reach it.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import fill_uuids

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.suggestions import suggest_next_actions
from roadmap_app.services import Services

NOW = datetime(2026, 3, 2, 9, 0)


def fill(services: Services, database: Path, projects: int, entries: int, seed: int = 7) -> int:
    """A profile with ``projects`` projects (two notes each) and ``entries`` activity entries."""
    rng = random.Random(seed)
    roadmap = services.roadmap
    profile = services.profiles.create("Benchmark").id
    skills = [s.id for s in roadmap.skills]
    tasks = [t.id for t in roadmap.tasks]
    subjects = [*(("item", i) for i in (*skills, *tasks)), *(("project", str(i)) for i in range(1, projects + 1))]

    def when() -> str:
        return (NOW - timedelta(minutes=rng.randrange(365 * 24 * 60))).isoformat(sep=" ")

    conn = sqlite3.connect(database)
    with conn:
        conn.executemany(
            "INSERT INTO item_progress (profile_id, item_id, state, note, updated_at) VALUES (?, ?, ?, '', ?)",
            [
                (profile, i, rng.choice(["done", "done", "in_progress", "todo", "skipped"]), when())
                for i in skills + tasks
            ],
        )
        project_rows = []
        skill_rows = []
        note_rows = []
        for pid in range(1, projects + 1):
            status = rng.choice(["idea", "building", "done"])
            repo = f"https://example.org/p{pid}" if status == "done" and rng.random() < 0.7 else ""
            created = when()
            project_rows.append((pid, profile, f"Project {pid}", status, repo, created[:10], created, created))
            skill_rows.extend((pid, s) for s in rng.sample(skills, rng.randint(2, 6)))
            note_rows.extend((pid, t, t, "A note.") for t in (when(), when()))
        conn.executemany(
            "INSERT INTO projects (id, profile_id, title, summary, status, repo_url, demo_url, idea_id,"
            " started_on, finished_on, created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, '', '', ?, NULL, ?, ?)",
            project_rows,
        )
        conn.executemany("INSERT INTO project_skills (project_id, skill_id) VALUES (?, ?)", skill_rows)
        conn.executemany(
            "INSERT INTO project_notes (project_id, created_at, updated_at, text) VALUES (?, ?, ?, ?)", note_rows
        )
        conn.executemany(
            "INSERT INTO activity (profile_id, at, action, subject_kind, subject_id) VALUES (?, ?, 'item.state', ?, ?)",
            [(profile, when(), *rng.choice(subjects)) for _ in range(entries)],
        )
        fill_uuids(conn)
    conn.close()
    return profile


def timings(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds, after one warm-up run."""
    run()
    found = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        found.append((time.perf_counter() - started) * 1000)
    found.sort()
    return statistics.median(found), found[min(len(found) - 1, round(0.95 * (len(found) - 1)))]


def percentiles(found: list[float]) -> tuple[float, float]:
    found = sorted(found)
    return statistics.median(found), found[min(len(found) - 1, round(0.95 * (len(found) - 1)))]


def after_changes(data_dir: Path, repeat: int) -> int:
    """p50 / p95 of next_actions unchanged, after each typical change, and from a fresh service."""
    from roadmap_app.services.suggestions import SuggestionService

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "data"
        shutil.copytree(data_dir, work)
        _paths, services = open_services(work)
        try:
            profile = services.profiles.current().id
            tasks = [t.id for t in services.roadmap.tasks]
            states = ("done", "in_progress", "todo")
            now = {i: p.state.value for i, p in services.progress.states(profile).items()}

            def set_state(n: int) -> object:
                # Always a real change: the next state after the task's current one.
                task = tasks[n % len(tasks)]
                before = now.get(task, "todo")
                now[task] = states[(states.index(before) + 1) % 3 if before in states else 0]
                return services.progress.set_state(profile, task, now[task])

            projects = [p.id for p in services.portfolio.projects(profile, limit=repeat + 1)]
            apps = [a.id for a in services.jobs.list(profile)][: repeat + 1]
            stages = ("screening", "interview", "applied")
            changes: dict[str, Callable[[int], object]] = {
                "set a task's state": set_state,
                "log study time": lambda n: services.study.log(profile, 1, "skill.python"),
                "add a project note": lambda n: services.portfolio.add_note(
                    profile, projects[n % len(projects)], "Where it stands."
                ),
                "move an application to a stage": lambda n: services.jobs.set_stage(
                    profile, apps[n % len(apps)], stages[n % 3]
                ),
            }
            rows: list[tuple[str, tuple[float, float]]] = []
            suggestions = services.suggestions
            suggestions.next_actions(profile)
            rows.append(("nothing changed", timings(lambda: suggestions.next_actions(profile), repeat)))
            for name, change in changes.items():
                found = []
                for n in range(repeat + 1):
                    change(n)
                    began = time.perf_counter()
                    suggestions.next_actions(profile)
                    if n:
                        found.append((time.perf_counter() - began) * 1000)
                rows.append((f"right after: {name}", percentiles(found)))

            def fresh() -> object:
                service = SuggestionService(services._db, services.roadmaps, services.gap)
                try:
                    return service.next_actions(profile)
                finally:
                    getattr(service, "close", lambda: None)()  # stop watching the engine

            rows.append(("a service built afresh (reads all)", timings(fresh, max(10, repeat // 2))))
        finally:
            services.close()
    print(f"next_actions() on {data_dir}, {repeat} calls each")
    print(f"{'measure':<48} {'p50 ms':>8} {'p95 ms':>8}")
    for name, (p50, p95) in rows:
        print(f"{name:<48} {p50:>8.2f} {p95:>8.2f}")
    return 0


def main() -> int:
    from roadmap_app.services.suggestions import SuggestionService

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few runs, for CI")
    parser.add_argument("--data-dir", type=Path, help="a profile made by generate.py: time the calls after changes")
    parser.add_argument("--repeat", type=int, default=40, help="calls per measure with --data-dir")
    args = parser.parse_args()
    if args.data_dir is not None:
        return after_changes(args.data_dir, args.repeat)
    projects, entries, repeat = (50, 2_000, 10) if args.quick else (500, 20_000, 50)

    with tempfile.TemporaryDirectory() as folder:
        paths, services = open_services(Path(folder), clock=lambda: NOW)
        try:
            profile = fill(services, paths.database, projects, entries)
            roadmap_task = services.roadmap.tasks[0].id
            flip = itertools.cycle(("done", "todo"))
            snapshot = services.suggestions.snapshot(profile)
            found = suggest_next_actions(snapshot)

            def fresh_snapshot() -> object:
                service = SuggestionService(services._db, services.roadmaps, services.gap, lambda: NOW)
                try:
                    return service.snapshot(profile)
                finally:
                    getattr(service, "close", lambda: None)()

            read = timings(fresh_snapshot, max(10, repeat // 5))
            rules = timings(lambda: suggest_next_actions(snapshot), repeat)
            both = timings(lambda: services.suggestions.next_actions(profile), max(10, repeat // 5))
            services.progress.set_state(profile, roadmap_task, "in_progress")
            changed = timings(
                lambda: (services.progress.set_state(profile, roadmap_task, next(flip)),
                         services.suggestions.next_actions(profile)),
                max(10, repeat // 5),
            )  # fmt: skip
        finally:
            services.close()

    print(f"Profile: {projects} projects, {2 * projects} notes, {entries:,} activity entries; {len(found)} suggestions")
    print(f"{'measure':<42} {'median ms':>10} {'p95 ms':>8}")
    for name, (median, p95) in (
        ("snapshot() by a new service (reads all)", read),
        ("suggest_next_actions(snapshot)", rules),
        ("next_actions(), nothing changed (kept)", both),
        ("set a task's state, then next_actions()", changed),
    ):
        print(f"{name:<42} {median:>10.2f} {p95:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
