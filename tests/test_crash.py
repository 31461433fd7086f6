"""Crash safety: a writing process killed (SIGKILL) at random moments loses no committed write,
leaves no half transaction, and never damages the file.

The normal run kills 30 writers and 6 imports. The full setting, run before a release:

    ROADMAP_CRASH_RUNS=200 python -m pytest tests/test_crash.py

(imports are killed ROADMAP_CRASH_RUNS / 5 times).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL")

RUNS = int(os.environ.get("ROADMAP_CRASH_RUNS", "30"))
IMPORT_RUNS = max(6, RUNS // 5)
SKILLS = ("skill.python", "skill.sql", "skill.pytorch")
ITEMS = ("skill.python", "skill.sql", "skill.descriptive-statistics", "task.skills.maths", "task.skills.sql")


def in_child(job: Callable[[Callable[[str], None]], None]) -> tuple[int, int]:
    """Fork a process that runs ``job(report)``; returns its pid and the read end of its report pipe."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        code = 1
        try:
            os.close(read_fd)

            def report(line: str) -> None:
                os.write(write_fd, f"{line}\n".encode())

            job(report)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def kill_after(pid: int, read_fd: int, delay: float, *, lines_first: int = 1) -> list[str]:
    """SIGKILL the child ``delay`` seconds after it reported ``lines_first`` lines ("ready" and
    that many writes minus one); returns every line it reported. A child that ends by itself is
    not killed."""
    received = b""
    limit = time.monotonic() + 60
    while received.count(b"\n") < lines_first and time.monotonic() < limit:
        readable, _w, _x = select.select([read_fd], [], [], 0.05)
        if readable:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            received += chunk
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.0005)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    chunks = [received]
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return b"".join(chunks).decode().splitlines()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)  # read-write: replays the write-ahead log as the app would
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


Writer = Callable[[Path, int], Callable[[Callable[[str], None]], None]]


def kill_writers_at_random(
    data_dir: Path, writer: Writer, check: Callable[[sqlite3.Connection, set[str]], None]
) -> None:
    """Ada's profile written by ``writer(data_dir, first)`` in a child killed at a random
    moment, again and again. After each kill the file is whole and ``check`` holds, given a
    read-only connection and every line the writers reported so far (a number once a change
    has returned, so it was committed)."""
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    db = data_dir / "roadmap.sqlite3"
    rng = random.Random(int(os.environ.get("ROADMAP_CRASH_SEED", "0")) or None)
    reported: set[str] = set()
    first = 0
    for _run in range(max(6, RUNS // 3)):
        pid, read_fd = in_child(writer(data_dir, first))
        lines = kill_after(pid, read_fd, rng.uniform(0.0, 0.03), lines_first=rng.randint(1, 6))
        reported.update(line for line in lines if line != "ready")
        numbers = [int(line) for line in lines if line.isdigit()]
        # The one after the last reported may have been committed unreported: never written again.
        first = (max(numbers) if numbers else first - 1) + 2
        assert integrity(db) == "ok"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            check(conn, reported)
        finally:
            conn.close()
    assert any(line.isdigit() for line in reported), "the writers never got to write; the kill delays are too short"


def numbers_in(reported: set[str]) -> list[int]:
    """The changes the writers reported as committed, by their number."""
    return sorted(int(line) for line in reported if line.isdigit())


def writer(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Transactions that each write two tables: a project with its skills and its activity
    row, or a note with its activity row. Reports each one after the call returns."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        for i in range(first, first + 100_000):
            if i % 2 == 0:
                services.portfolio.add(ada.id, f"w{i}", skill_ids=SKILLS)
            else:
                services.progress.set_note(ada.id, ITEMS[i % len(ITEMS)], "x" * i)
            report(str(i))

    return job


def check_writes(db: Path, reported: set[int]) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        projects = dict(conn.execute("SELECT title, id FROM projects"))
        skills: dict[int, int] = dict(
            conn.execute("SELECT project_id, count(*) FROM project_skills GROUP BY project_id").fetchall()
        )
        added = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'project.add'")]
        notes = [int(r[0]) for r in conn.execute("SELECT after FROM activity WHERE action = 'item.note'")]
        saved = dict(conn.execute("SELECT item_id, length(note) FROM item_progress"))
    finally:
        conn.close()
    # Every write reported as committed is there.
    for i in reported:
        if i % 2 == 0:
            assert f"w{i}" in projects, f"committed project w{i} was lost"
        else:
            assert i in notes, f"committed note {i} was lost"
    # No transaction is partial: each project has its 3 skills and one activity row, and back.
    assert sorted(added) == sorted(projects), "a project without its activity row, or the reverse"
    for title, project_id in projects.items():
        assert skills.get(project_id) == len(SKILLS), f"project {title} has a partial set of skills"
    # Each note has its activity row: the saved note is the newest one logged for its item.
    for item in ITEMS:
        logged = [n for n in notes if ITEMS[n % len(ITEMS)] == item]
        assert saved.get(item, 0) == max(logged, default=0), f"note on {item} and its activity row disagree"


def test_killed_writers_lose_no_committed_write_and_leave_no_partial_transaction(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    db = data_dir / "roadmap.sqlite3"
    rng = random.Random(int(os.environ.get("ROADMAP_CRASH_SEED", "0")) or None)
    reported: set[int] = set()
    first = 0
    killed = 0
    for _run in range(RUNS):
        pid, read_fd = in_child(writer(data_dir, first))
        # Mostly at a random point of a random write; one run in ten while the writer opens
        # and checks the file.
        if rng.random() < 0.1:
            lines = kill_after(pid, read_fd, rng.uniform(0.0, 0.3), lines_first=0)
        else:
            lines = kill_after(pid, read_fd, rng.uniform(0.0, 0.03), lines_first=rng.randint(1, 6))
        killed += 1
        numbers = [int(line) for line in lines if line.isdigit()]
        reported.update(numbers)
        # The write in flight may have committed unreported: the next run starts after it.
        first = (max(numbers) if numbers else first - 1) + 2
        assert integrity(db) == "ok"
        check_writes(db, reported)
    assert killed == RUNS
    assert reported, "the writers never got to write; the kill delays are too short"
    print(f"\n{killed} writers killed, {len(reported)} committed writes checked")


def big_export() -> dict[str, object]:
    start = datetime(2025, 1, 1, 8, 0)
    stamp = start.isoformat()
    return {
        "format": "roadmap-app-profile",
        "version": 1,
        "profile": {"name": "Imported", "created_at": stamp, "current_step": "", "target_career": ""},
        "progress": [
            {"item": f"skill.gone-{i}", "state": "done", "note": f"note {i}", "updated_at": stamp} for i in range(300)
        ],
        "projects": [
            {
                "title": f"Project {p}",
                "summary": "s" * 500,
                "status": "building",
                "repo_url": "",
                "demo_url": "",
                "idea": "",
                "started_on": None,
                "finished_on": None,
                "created_at": stamp,
                "updated_at": stamp,
                "skills": list(SKILLS),
                "notes": [{"created_at": stamp, "updated_at": stamp, "text": f"n{p}.{n}" * 50} for n in range(8)],
            }
            for p in range(20)
        ],
        "activity": [
            {"at": (start + timedelta(minutes=i)).isoformat(), "action": "state", "subject": "x", "detail": "d"}
            for i in range(600)
        ],
        "feedback": [],
    }


def test_an_import_killed_half_way_leaves_the_whole_profile_or_nothing(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    db = data_dir / "roadmap.sqlite3"
    document = big_export()
    rng = random.Random()
    outcomes = {"whole": 0, "nothing": 0}
    took = 1.0
    for run in range(IMPORT_RUNS):
        name = f"Imported {run}"

        def job(report: Callable[[str], None], name: str = name) -> None:
            _paths, services = open_services(data_dir)
            report("ready")
            started = time.monotonic()
            services.transfer.import_profile(document, name)
            report(f"imported in {time.monotonic() - started}")

        pid, read_fd = in_child(job)
        # The first import runs to the end, to learn how long one takes.
        lines = kill_after(pid, read_fd, 120.0 if run == 0 else rng.uniform(0.0, took * 1.5))
        finished = [line for line in lines if line.startswith("imported")]
        if run == 0:
            assert finished, lines
            took = float(finished[0].split()[-1])
        assert integrity(db) == "ok"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
            if row is None:
                assert not finished, "a reported import is missing"
                outcomes["nothing"] += 1
                continue
            counts = [
                conn.execute(sql, row).fetchone()[0]
                for sql in (
                    "SELECT count(*) FROM item_progress WHERE profile_id = ?",
                    "SELECT count(*) FROM projects WHERE profile_id = ?",
                    "SELECT count(*) FROM project_notes JOIN projects ON projects.id = project_id WHERE profile_id = ?",
                    "SELECT count(*) FROM activity WHERE profile_id = ?",
                )
            ]
            assert counts == [300, 20, 160, 600], f"a partial import: {counts}"
            outcomes["whole"] += 1
        finally:
            conn.close()
    assert sum(outcomes.values()) == IMPORT_RUNS
    print(f"\nimports killed: {outcomes}")


def test_two_processes_writing_at_once_both_succeed(data_dir: Path) -> None:
    # The window (this process) has the database open while two command-line writers run.
    _paths, window = open_services(data_dir)
    ada = window.profiles.create("Ada")
    children = []
    for writer_id in (1, 2):

        def job(report: Callable[[str], None], writer_id: int = writer_id) -> None:
            _paths, services = open_services(data_dir)
            report("ready")
            for i in range(10):
                services.portfolio.add(ada.id, f"p{writer_id}-{i}", skill_ids=SKILLS)
                services.progress.set_note(ada.id, ITEMS[i % len(ITEMS)], f"{writer_id}-{i}")
            services.close()
            report("done")

        children.append(in_child(job))
    for i in range(10):
        window.progress.set_state(ada.id, "skill.python", "done" if i % 2 else "in_progress")
    reports = [kill_after(pid, fd, 120.0) for pid, fd in children]
    assert all("done" in lines for lines in reports), reports
    titles = {p.title for p in window.portfolio.projects(ada.id)}
    assert {f"p{w}-{i}" for w in (1, 2) for i in range(10)} <= titles
    window.close()
    assert integrity(data_dir / "roadmap.sqlite3") == "ok"


def record_writer(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Transactions on credentials and experience: each with its skills and activity row."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        for i in range(first, first + 100_000):
            if i % 2 == 0:
                services.credentials.add(ada.id, f"c{i}", skill_ids=SKILLS)
            else:
                services.experience.add(ada.id, f"e{i}", skill_ids=SKILLS)
            report(str(i))

    return job


def test_killed_record_writers_leave_each_record_whole(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        for table, link, owner, action in (
            ("credentials", "credential_skills", "credential_id", "credential.add"),
            ("experiences", "experience_skills", "experience_id", "experience.add"),
        ):
            rows = dict(conn.execute(f"SELECT title, id FROM {table}"))
            counts = dict(conn.execute(f"SELECT {owner}, count(*) FROM {link} GROUP BY {owner}").fetchall())
            logged = [r[0] for r in conn.execute("SELECT after FROM activity WHERE action = ?", (action,))]
            assert sorted(logged) == sorted(rows), f"a {table} row without its activity row, or the reverse"
            assert all(counts.get(i) == len(SKILLS) for i in rows.values()), f"{table}: a partial set of skills"
        titles = {r[0] for r in conn.execute("SELECT title FROM credentials UNION SELECT title FROM experiences")}
        for i in numbers_in(reported):
            assert f"{'c' if i % 2 == 0 else 'e'}{i}" in titles, f"committed record {i} was lost"

    kill_writers_at_random(data_dir, record_writer, check)


def study_logger(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Study sessions logged one after another, each with its activity row; the note names it."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        today = services.study.now().date()
        for i in range(first, first + 100_000):
            # A day per session, so no day fills up however long the writer runs.
            services.study.log(ada.id, 1 + i % 60, ITEMS[i % len(ITEMS)], day=today - timedelta(days=i), note=f"s{i}")
            report(str(i))

    return job


def test_a_killed_study_logger_loses_no_committed_session_and_none_without_its_log_entry(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        notes = {r[0]: r[1] for r in conn.execute("SELECT note, id FROM study_sessions")}
        logged = {int(r[0]) for r in conn.execute("SELECT subject_id FROM activity WHERE action = 'study.log'")}
        for i in numbers_in(reported):
            assert f"s{i}" in notes, f"committed session s{i} was lost"
        assert logged == set(notes.values()), "a session without its activity row, or the reverse"

    kill_writers_at_random(data_dir, study_logger, check)


def application_writer(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Job applications added with their first stage, moved on, and some deleted: each change
    one transaction with its activity row."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        report("ready")
        for i in range(first, first + 100_000):
            app = services.jobs.add(ada.id, f"a{i}", "ML engineer", stage="applied", ad_text="Python " * 50)
            services.jobs.set_stage(ada.id, app.id, "screening", note=f"s{i}")
            if i % 3 == 0:
                services.jobs.delete(ada.id, app.id)
            report(str(i))

    return job


def test_killed_application_writers_leave_each_application_whole(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        companies = dict(conn.execute("SELECT company, id FROM applications"))
        stages = dict(conn.execute("SELECT application_id, count(*) FROM application_stages GROUP BY 1").fetchall())
        added = {r[0] for r in conn.execute("SELECT after FROM activity WHERE action = 'application.add'")}
        deleted = {r[0] for r in conn.execute("SELECT before FROM activity WHERE action = 'application.delete'")}
        buried = conn.execute("SELECT count(*) FROM tombstones WHERE kind = 'application'").fetchone()[0]
        assert all(stages.get(i, 0) >= 1 for i in companies.values()), "an application without its first stage"
        assert {f"ML engineer at {c}" for c in companies} == added - deleted, "an application without its log entry"
        assert buried == len(deleted), "a deletion without its tombstone"
        for i in numbers_in(reported):
            assert (f"a{i}" in companies) == (i % 3 != 0), f"committed application {i} was lost or not deleted"

    kill_writers_at_random(data_dir, application_writer, check)


def own_item_writer(data_dir: Path, first: int) -> Callable[[Callable[[str], None]], None]:
    """Own skills added and removed: each change with its activity row, in one transaction."""

    def job(report: Callable[[str], None]) -> None:
        _paths, services = open_services(data_dir)
        ada = services.profiles.find("Ada")
        services.use_profile(ada.id)
        report("ready")
        for i in range(first, first + 100_000):
            item = services.own_items.add(ada.id, "skill", f"Own skill {i}", new_category="Mine")
            if i % 3 == 0:
                services.own_items.remove(ada.id, item.id)
            report(str(i))

    return job


def test_killed_own_item_writers_leave_each_item_with_its_log_entry(data_dir: Path) -> None:
    def check(conn: sqlite3.Connection, reported: set[str]) -> None:
        items = dict(conn.execute("SELECT item_id, removed_at IS NOT NULL FROM own_items"))
        added = sorted(r[0] for r in conn.execute("SELECT subject_id FROM activity WHERE action = 'item.add'"))
        removed = sorted(r[0] for r in conn.execute("SELECT subject_id FROM activity WHERE action = 'item.remove'"))
        titles = {r[0] for r in conn.execute("SELECT title FROM own_items")}
        assert added == sorted(items), "an own item without its activity row, or the reverse"
        assert removed == sorted(i for i, gone in items.items() if gone), "a removal without its activity row"
        for i in numbers_in(reported):
            assert f"Own skill {i}" in titles, f"committed own item {i} was lost"

    kill_writers_at_random(data_dir, own_item_writer, check)
