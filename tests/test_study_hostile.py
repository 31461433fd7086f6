"""Hostile input to time: any text as minutes, item, day or note gets a clean result or one
`error:` line with nothing changed; any Unicode note round-trips exactly, through export too."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import InProcessCli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.bootstrap import open_services

EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=max(30, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck))


def rows(data: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{data / 'roadmap.sqlite3'}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT day, minutes, subject_kind, subject_id, note FROM study_sessions ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def ready(run_cli: InProcessCli, data_dir: Path) -> Path:
    assert run_cli("profile", "create", "Ada").returncode == 0
    assert run_cli("log", "30", "skill.python").returncode == 0
    return data_dir


@FUZZ
@given(
    minutes=st.one_of(st.text(max_size=12), st.integers(-10_000, 10_000).map(str)),
    item=st.one_of(
        st.just(""), st.text(max_size=40), st.sampled_from(["project:", "project:x", "project:99", ":", "skill."])
    ),
    day=st.one_of(st.text(max_size=12), st.dates().map(str)),
)
def test_any_log_command_is_done_or_refused_in_one_line(
    run_cli: InProcessCli, ready: Path, minutes: str, item: str, day: str
) -> None:
    before = rows(ready)
    args = ["log", "--on", day, "--", minutes] + ([item] if item else [])
    result = run_cli(*args)
    if result.returncode == 0:
        assert len(rows(ready)) == len(before) + 1
        return
    assert result.returncode in (1, 2)
    if result.returncode == 1:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert rows(ready) == before


@settings(max_examples=max(25, EXAMPLES // 8), deadline=None, suppress_health_check=list(HealthCheck))
@given(note=st.text(max_size=3000))
def test_any_unicode_note_round_trips_through_the_log_and_an_export(
    tmp_path_factory: pytest.TempPathFactory, note: str
) -> None:
    data = tmp_path_factory.mktemp("notes")
    _paths, services = open_services(data)
    try:
        ada = services.profiles.create("Ada")
        try:
            logged = services.study.log(ada.id, 10, "skill.sql", note=note)
        except services_errors() as exc:  # a lone surrogate is refused, with a message
            assert "surrogate" in str(exc)
            assert services.study.sessions(ada.id) == []
            return
        assert logged.note == note.strip()
        copy = services.transfer.import_profile(services.transfer.export_profile(ada.id), name="Copy")
        (again,) = services.study.sessions(copy.id)
        assert again.note == note.strip()
    finally:
        services.close()


def services_errors() -> tuple[type[Exception], ...]:
    from roadmap_app.services import FAILURES

    return FAILURES


def test_a_note_of_a_megabyte_and_more_is_refused_whole(run_cli: InProcessCli, ready: Path) -> None:
    before = rows(ready)
    result = run_cli("log", "20", "--note", "-", stdin="x" * 1_000_001)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: a note can have at most")
    assert rows(ready) == before
