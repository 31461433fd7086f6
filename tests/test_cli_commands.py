"""The commands that do what the window does: edit and delete projects and notes, goal, show, items."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from roadmap_app.content import default_roadmap_path
from tests.conftest import CliResult, InProcessCli


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_error_line(result: CliResult) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def as_json(result: CliResult) -> Any:
    return json.loads(ok(result))


def database_rows(data_dir: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    conn = sqlite3.connect(data_dir / "roadmap.sqlite3")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in tables]
    finally:
        conn.close()


# --- project edit and delete ------------------------------------------------------------------


def test_project_edit_changes_fields_and_skills_together(run_cli: InProcessCli) -> None:
    pid = ok(run_cli("project", "add", "Tweets", "--skill", "skill.python", "--skill", "skill.nlp")).strip()
    out = ok(
        run_cli(
            "project",
            "edit",
            pid,
            "--title",
            "Tweet sentiment",
            "--summary",
            "NLP on posts",
            "--status",
            "done",
            "--repo",
            "https://example.org/me/tweets",
            "--demo",
            "https://example.org/demo",
            "--add-skill",
            "skill.sql",
            "--remove-skill",
            "skill.python",
        )
    )
    assert out.strip() == f"project {pid}: changed title, summary, status, repository, demo, skills"
    shown = as_json(run_cli("project", "show", pid, "--json"))
    assert shown["title"] == "Tweet sentiment" and shown["summary"] == "NLP on posts"
    assert shown["status"] == "done" and shown["finished_on"] is not None
    assert (shown["repo_url"], shown["demo_url"]) == ("https://example.org/me/tweets", "https://example.org/demo")
    assert sorted(shown["skills"]) == ["skill.nlp", "skill.sql"]
    assert ok(run_cli("project", "edit", pid, "--repo", "")).strip() == f"project {pid}: changed repository"
    assert ok(run_cli("project", "edit", pid, "--status", "done")).strip() == f"project {pid}: no change"


def test_a_bad_value_in_project_edit_changes_nothing(run_cli: InProcessCli, data_dir: Path) -> None:
    pid = ok(run_cli("project", "add", "Tweets", "--skill", "skill.python")).strip()
    before = database_rows(data_dir)
    for bad in (
        ("--title", "New", "--repo", "ftp://example.org"),
        ("--title", "New", "--status", "finished"),
        ("--title", "   "),
        ("--summary", "x", "--add-skill", "skill.cobol"),
        ("--title", "New", "--remove-skill", "skill.sql"),
        ("--add-skill", "skill.sql", "--remove-skill", "skill.sql"),
        (),
    ):
        one_error_line(run_cli("project", "edit", pid, *bad))
    one_error_line(run_cli("project", "edit", "99", "--title", "New"))
    one_error_line(run_cli("project", "edit", "abc", "--title", "New"))
    assert database_rows(data_dir) == before


def test_project_delete_needs_yes(run_cli: InProcessCli) -> None:
    pid = ok(run_cli("project", "add", "Tweets")).strip()
    ok(run_cli("project", "note", pid, "a note"))
    message = one_error_line(run_cli("project", "delete", pid))
    assert "--yes" in message
    assert len(as_json(run_cli("project", "list", "--json"))) == 1
    assert "with 1 note(s)" in ok(run_cli("project", "delete", pid, "--yes"))
    assert as_json(run_cli("project", "list", "--json")) == []
    one_error_line(run_cli("project", "delete", pid, "--yes"))


def test_project_notes_can_be_edited_and_deleted(run_cli: InProcessCli) -> None:
    pid = ok(run_cli("project", "add", "Tweets")).strip()
    note = ok(run_cli("project", "note", pid, "first draft")).strip()
    ok(run_cli("project", "note-edit", note, "-", stdin="## Day 1\nbaseline F1 0.71\n"))
    assert [n["text"] for n in as_json(run_cli("project", "show", pid, "--json"))["notes"]] == [
        "## Day 1\nbaseline F1 0.71\n"
    ]
    assert "--yes" in one_error_line(run_cli("project", "note-delete", note))
    assert "no project note" in one_error_line(run_cli("project", "note-delete", "77"))
    ok(run_cli("project", "note-delete", note, "--yes"))
    assert as_json(run_cli("project", "show", pid, "--json"))["notes"] == []
    one_error_line(run_cli("project", "note-edit", note, "again"))


def test_project_add_from_an_idea_takes_its_title_summary_and_skills(run_cli: InProcessCli) -> None:
    idea = as_json(run_cli("show", "idea.spam-detection", "--json"))
    pid = ok(run_cli("project", "add", "--idea", "idea.spam-detection")).strip()
    shown = as_json(run_cli("project", "show", pid, "--json"))
    assert (shown["title"], shown["summary"], shown["idea"]) == (idea["title"], idea["summary"], idea["id"])
    assert sorted(shown["skills"]) == sorted(idea["skills"])
    one_error_line(run_cli("project", "add"))
    one_error_line(run_cli("project", "add", "--idea", "idea.nope"))


# --- goal -----------------------------------------------------------------------------------------


def test_goal_prints_sets_and_clears_the_step_and_target(run_cli: InProcessCli) -> None:
    assert as_json(run_cli("goal", "--json"))["step"] is None
    ok(run_cli("goal", "--step", "step.portfolio", "--target", "career.ml-specialist"))
    goal = as_json(run_cli("goal", "--json"))
    assert goal["step"] == {"id": "step.portfolio", "title": "Build a portfolio", "archived": False}
    assert goal["target"]["id"] == "career.ml-specialist" and goal["target"]["archived"] is False
    assert as_json(run_cli("status", "--json"))["current_step"] == "step.portfolio"
    text = ok(run_cli("goal"))
    assert "Step: Build a portfolio  [step.portfolio]" in text
    ok(run_cli("goal", "--target", ""))
    goal = as_json(run_cli("goal", "--json"))
    assert goal["target"] is None and goal["step"]["id"] == "step.portfolio"
    ok(run_cli("goal", "--step", ""))
    assert as_json(run_cli("goal", "--json"))["step"] is None


def test_a_bad_goal_changes_nothing(run_cli: InProcessCli) -> None:
    ok(run_cli("goal", "--step", "step.skills"))
    one_error_line(run_cli("goal", "--step", "step.nope", "--target", "career.ml-specialist"))
    one_error_line(run_cli("goal", "--target", "skill.python"))
    goal = as_json(run_cli("goal", "--json"))
    # A new profile's target (the job the roadmap leads to) is left as it was.
    assert goal["step"]["id"] == "step.skills" and goal["target"]["id"] == "career.ml-engineer"


# --- show and items ---------------------------------------------------------------------------


def test_show_a_skill_gives_the_roadmaps_facts_and_the_learners_state(run_cli: InProcessCli) -> None:
    ok(run_cli("set", "skill.scikit-learn", "in_progress"))
    ok(run_cli("note", "skill.scikit-learn", "pipelines next"))
    pid = int(ok(run_cli("project", "add", "Churn", "--skill", "skill.scikit-learn")))
    shown = as_json(run_cli("show", "skill.scikit-learn", "--json"))
    assert shown["kind"] == "skill" and shown["title"] == "scikit-learn"
    assert shown["category"].startswith("category.") and shown["group"] == "technical"
    assert "skill.python" in shown["requires"]
    assert shown["trained_by_ideas"] and all(i.startswith("idea.") for i in shown["trained_by_ideas"])
    assert (shown["state"], shown["note"], shown["archived"]) == ("in_progress", "pipelines next", False)
    assert shown["projects"] == [pid]
    python = as_json(run_cli("show", "skill.python", "--json"))
    assert "skill.scikit-learn" in python["unlocks"]
    text = ok(run_cli("show", "skill.scikit-learn"))
    assert "Requires: " in text and "Python" in text
    assert "Your state: In progress" in text and "pipelines next" in text


def test_show_a_career_step_gives_pay_with_source_and_date(run_cli: InProcessCli) -> None:
    shown = as_json(run_cli("show", "career.ml-specialist", "--json"))
    assert set(shown["salary"]) == {"value", "source", "date"}
    assert all(shown["salary"].values())
    assert shown["level"].startswith("level.") and "state" not in shown
    assert "source: " in ok(run_cli("show", "career.ml-specialist"))


def test_show_an_unknown_item_is_one_error_line(run_cli: InProcessCli) -> None:
    assert "roadmap-app items" in one_error_line(run_cli("show", "skill.cobol"))


def test_items_json_has_the_same_shape_as_show(run_cli: InProcessCli) -> None:
    ok(run_cli("set", "task.credential.enrol", "done"))
    rows = as_json(run_cli("items", "--json"))
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows[:: max(1, len(rows) // 25)] + [r for r in rows if r["id"] == "task.credential.enrol"]:
        assert as_json(run_cli("show", row["id"], "--json")) == row
    task = next(r for r in rows if r["id"] == "task.credential.enrol")
    assert task["step"] == "step.credential" and task["state"] == "done"
    assert as_json(run_cli("items", "--kind", "figure", "--json"))[0]["source"]


# The keys docs/cli.md gives for each kind, after id, kind and title and before the learner's part.
DOCUMENTED_KEYS = {
    "step": ["number", "description", "example", "tasks"],
    "task": ["step", "detail", "hours", "hours_basis", "skills", "records"],
    "skill": [
        "category", "category_title", "group", "description", "hours", "hours_basis",
        "requires", "unlocks", "trained_by_ideas", "tasks", "duties", "self_checks", "projects",
    ],
    "duty": ["description", "industry", "example", "skills", "levels"],
    "level": ["description", "years", "duties", "career_steps"],
    "career_step": ["number", "description", "level", "salary"],
    "project_idea": ["summary", "industry", "skills"],
    "figure": ["value", "source", "date", "note"],
    "self_check": ["skills"],
    "use_case": ["description"],
}  # fmt: skip


def test_items_json_keys_are_the_documented_ones_for_every_kind(run_cli: InProcessCli) -> None:
    rows = as_json(run_cli("items", "--json"))
    assert {r["kind"] for r in rows} == set(DOCUMENTED_KEYS)
    for row in rows:
        learner = ["state", "note", "updated_at", "archived"] if row["kind"] in ("task", "skill") else ["archived"]
        assert list(row) == ["id", "kind", "title", *DOCUMENTED_KEYS[row["kind"]], *learner], row["id"]


def test_items_archived_is_empty_with_the_roadmap_in_use(run_cli: InProcessCli) -> None:
    ok(run_cli("set", "skill.python", "done"))
    assert as_json(run_cli("items", "--archived", "--json")) == []
    assert "No archived progress" in ok(run_cli("items", "--archived"))
    one_error_line(run_cli("items", "--archived", "--kind", "skill"))


# --- another roadmap file ---------------------------------------------------------------------


def write_roadmap(tmp_path: Path, old: str, new: str, name: str = "mine.toml") -> Path:
    text = default_roadmap_path().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_roadmap_option_uses_another_file(run_cli: InProcessCli, tmp_path: Path) -> None:
    path = write_roadmap(tmp_path, 'title = "Python"\n', 'title = "Python 3"\n')
    assert as_json(run_cli("--roadmap", str(path), "show", "skill.python", "--json"))["title"] == "Python 3"
    assert as_json(run_cli("show", "skill.python", "--json"))["title"] == "Python"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('id = "skill.r"\n', 'id = "skill.python"\n', "skills[1].id"),
        ('title = "Gain experience"\n', "", "steps[3].title"),
        ("\nversion = 1\n", "\nversion = 0\n", "roadmap.version"),
        ('skills = ["skill.sql"]\n', 'skills = ["skill.cobol"]\n', "steps[1].tasks[2]"),
    ],
)
def test_a_bad_roadmap_file_is_refused_in_one_line_and_changes_nothing(
    run_cli: InProcessCli, tmp_path: Path, data_dir: Path, old: str, new: str, key: str
) -> None:
    ok(run_cli("set", "skill.python", "done"))
    before = database_rows(data_dir)
    path = write_roadmap(tmp_path, old, new, name="broken.toml")
    for command in (("status",), ("set", "skill.sql", "done"), ("project", "add", "X")):
        message = one_error_line(run_cli("--roadmap", str(path), *command))
        assert message.startswith(f"error: broken.toml: {key}"), message
    assert database_rows(data_dir) == before


def test_a_missing_roadmap_file_is_one_error_line_and_makes_no_data_folder(
    run_cli: InProcessCli, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    message = one_error_line(run_cli("--roadmap", str(tmp_path / "absent.toml"), "status", data=fresh))
    assert "absent.toml" in message
    assert not fresh.exists()
