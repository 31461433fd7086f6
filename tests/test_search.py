"""Full-text search of projects, project notes and the learner's notes on tasks and skills."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.search import HitKind, match_expression
from roadmap_app.services import Services
from roadmap_app.storage.migrate import upgrade
from roadmap_app.storage.schema import HEAD_REVISION
from tests.conftest import CliRunner


def kinds_and_ids(hits: list) -> set[tuple[str, object]]:
    return {(h.kind.value, h.note_id or h.project_id or h.item_id) for h in hits}


@pytest.fixture
def profile_id(services: Services) -> int:
    return services.profiles.current().id


def test_finds_words_in_project_titles_summaries_and_notes(services: Services, profile_id: int) -> None:
    project = services.portfolio.add(profile_id, "Fraud detection", summary="Gradient boosting on card payments")
    note = services.portfolio.add_note(profile_id, project.id, "Tried a **calibrated** classifier today")
    services.progress.set_note(profile_id, "skill.python", "Learnt list comprehensions")

    [title_hit] = services.search.search(profile_id, "fraud")
    assert (title_hit.kind, title_hit.project_id, title_hit.title) == (HitKind.PROJECT, project.id, "Fraud detection")
    assert "«Fraud»" in title_hit.snippet

    assert kinds_and_ids(services.search.search(profile_id, "boosting")) == {("project", project.id)}

    [note_hit] = services.search.search(profile_id, "calibrated")
    assert (note_hit.kind, note_hit.note_id, note_hit.project_id) == (HitKind.NOTE, note.id, project.id)
    assert note_hit.title == "Fraud detection"

    [item_hit] = services.search.search(profile_id, "comprehensions")
    assert (item_hit.kind, item_hit.item_id) == (HitKind.ITEM, "skill.python")
    assert item_hit.title == services.roadmap.item("skill.python").title  # type: ignore[union-attr]


def test_every_word_must_match_and_the_last_may_be_unfinished(services: Services, profile_id: int) -> None:
    a = services.portfolio.add(profile_id, "Sentiment of tweets")
    b = services.portfolio.add(profile_id, "Sentiment of reviews")
    assert kinds_and_ids(services.search.search(profile_id, "sentiment")) == {("project", a.id), ("project", b.id)}
    assert kinds_and_ids(services.search.search(profile_id, "sentiment twe")) == {("project", a.id)}
    assert kinds_and_ids(services.search.search(profile_id, "SENTIMENT rev")) == {("project", b.id)}
    assert services.search.search(profile_id, "twe sentiment") == []


def test_accents_and_case_are_ignored(services: Services, profile_id: int) -> None:
    project = services.portfolio.add(profile_id, "Café recommender")
    assert kinds_and_ids(services.search.search(profile_id, "cafe")) == {("project", project.id)}
    assert kinds_and_ids(services.search.search(profile_id, "CAFÉ")) == {("project", project.id)}


def test_search_follows_edits_and_deletes(services: Services, profile_id: int) -> None:
    search = services.search.search
    project = services.portfolio.add(profile_id, "Churn model")
    note = services.portfolio.add_note(profile_id, project.id, "baseline with logistic regression")

    services.portfolio.update(profile_id, project.id, title="Retention model")
    assert search(profile_id, "churn") == []
    assert kinds_and_ids(search(profile_id, "retention")) == {("project", project.id)}

    services.portfolio.update_note(profile_id, note.id, "switched to xgboost")
    assert search(profile_id, "logistic") == []
    assert kinds_and_ids(search(profile_id, "xgboost")) == {("note", note.id)}

    gone_note = services.portfolio.delete_note(profile_id, note.id)
    assert search(profile_id, "xgboost") == []
    restored = services.portfolio.restore_note(profile_id, gone_note)
    assert kinds_and_ids(search(profile_id, "xgboost")) == {("note", restored.id)}

    services.progress.set_note(profile_id, "skill.python", "decorators")
    services.progress.set_note(profile_id, "skill.python", "generators")
    assert search(profile_id, "decorators") == []
    assert kinds_and_ids(search(profile_id, "generators")) == {("item", "skill.python")}
    services.progress.set_note(profile_id, "skill.python", "")
    assert search(profile_id, "generators") == []

    gone = services.portfolio.delete(profile_id, project.id)
    assert search(profile_id, "retention") == [] and search(profile_id, "xgboost") == []
    services.portfolio.restore(profile_id, gone)
    assert kinds_and_ids(search(profile_id, "retention")) == {("project", project.id)}


def test_each_profile_finds_only_its_own_data(services: Services, profile_id: int, data_dir: Path) -> None:
    other = services.profiles.create("Other learner")
    services.portfolio.add(other.id, "Speech recognition")
    services.progress.set_note(other.id, "skill.python", "speech features")
    assert services.search.search(profile_id, "speech") == []
    assert len(services.search.search(other.id, "speech")) == 2

    services.profiles.delete(other.id)
    db = sqlite3.connect(data_dir / "roadmap.sqlite3")
    try:
        assert db.execute("SELECT count(*) FROM item_notes_fts").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM projects_fts WHERE projects_fts MATCH 'speech'").fetchone() == (0,)
    finally:
        db.close()


def test_imported_profiles_are_searchable(services: Services, profile_id: int) -> None:
    project = services.portfolio.add(profile_id, "Image captioning")
    services.portfolio.add_note(profile_id, project.id, "attention heads")
    copy = services.transfer.import_profile(services.transfer.export_profile(profile_id), "Copy")
    assert {h.kind for h in services.search.search(copy.id, "attention")} == {HitKind.NOTE}
    assert {h.kind for h in services.search.search(copy.id, "captioning")} == {HitKind.PROJECT}


ODD_INPUTS = [
    '"',
    '""',
    "'",
    "AND",
    "OR NOT",
    "a AND b OR c NOT d",
    "NEAR(a b, 2)",
    "NEAR",
    "*",
    "**",
    "a*",
    "^start",
    "title:fraud",
    "{title summary}: x",
    "(",
    ")",
    "-",
    "+",
    "a - b",
    "\\",
    "%_",
    "'; DROP TABLE projects; --",
    "\x00",
    "日本語のノート",
    "Ünïcödé naïve café",
    "🙂 emoji",
    "\u200b",
    "   ",
    "",
    "x" * 5000,
    " ".join(["word"] * 200),
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_errors(services: Services, profile_id: int, text: str) -> None:
    services.portfolio.add(profile_id, 'AND NEAR title with * stars and "quotes" and 日本語')
    assert isinstance(services.search.search(profile_id, text), list)


def test_operators_typed_as_words_are_found_as_words(services: Services, profile_id: int) -> None:
    project = services.portfolio.add(profile_id, "Search AND rescue drones")
    assert kinds_and_ids(services.search.search(profile_id, "and rescue")) == {("project", project.id)}
    assert kinds_and_ids(services.search.search(profile_id, '"drones"')) == {("project", project.id)}
    assert kinds_and_ids(services.search.search(profile_id, "日本")) == set()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_is_a_safe_query(services: Services, profile_id: int, text: str) -> None:
    services.search.search(profile_id, text)


def test_query_terms_are_quoted_and_the_last_is_a_prefix() -> None:
    assert match_expression('fraud NEAR "x') == '"fraud" "NEAR" """x"*'
    assert match_expression("* - ()") is None
    assert match_expression("") is None


def test_upgrading_a_first_release_database_fills_the_index(tmp_path: Path) -> None:
    database = tmp_path / "roadmap.sqlite3"
    upgrade(database, "0001")
    now = datetime(2026, 1, 5, 10, 0).isoformat(sep=" ")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute(
            "INSERT INTO profiles (id, name, created_at, current_step_id, target_career_id) VALUES (1, 'Ada', ?, '', '')",
            (now,),
        )
        conn.execute(
            "INSERT INTO projects (id, profile_id, title, summary, status, repo_url, demo_url, idea_id, created_at, updated_at)"
            " VALUES (7, 1, 'Weather forecasting', 'temporal convolution', 'idea', '', '', '', ?, ?)",
            (now, now),
        )
        conn.execute(
            "INSERT INTO project_notes (id, project_id, created_at, updated_at, text) VALUES (3, 7, ?, ?, 'radar nowcasting')",
            (now, now),
        )
        conn.execute(
            "INSERT INTO item_progress (profile_id, item_id, state, note, updated_at)"
            " VALUES (1, 'skill.python', 'done', 'type hints everywhere', ?)",
            (now,),
        )
        conn.execute(
            "INSERT INTO item_progress (profile_id, item_id, state, note, updated_at) VALUES (1, 'skill.sql', 'done', '', ?)",
            (now,),
        )
    conn.close()

    _paths, services = open_services(tmp_path)
    try:
        assert services.backups.check().ok
        search = services.search.search
        assert kinds_and_ids(search(1, "forecasting")) == {("project", 7)}
        assert kinds_and_ids(search(1, "temporal")) == {("project", 7)}
        assert kinds_and_ids(search(1, "nowcast")) == {("note", 3)}
        assert kinds_and_ids(search(1, "hints")) == {("item", "skill.python")}
        services.portfolio.add_note(1, 7, "more radar data")
        assert kinds_and_ids(search(1, "radar")) == {("note", 3), ("note", 4)}
    finally:
        services.close()
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    finally:
        conn.close()


def test_search_command_prints_hits_and_json(cli: CliRunner) -> None:
    project_id = cli("project", "add", "Fraud detection").stdout.strip()
    cli("project", "note", project_id, "isolation forest works")
    plain = cli("search", "isolation")
    assert plain.returncode == 0
    assert "Fraud detection" in plain.stdout and "«isolation»" in plain.stdout
    found = json.loads(cli("search", "fraud", "--json").stdout)
    assert [(h["kind"], h["project_id"]) for h in found] == [("project", int(project_id))]
    nothing = cli("search", 'NEAR( "')
    assert nothing.returncode == 0 and "Nothing found" in nothing.stdout
    assert cli("search", "x", "--limit", "0").returncode == 1
