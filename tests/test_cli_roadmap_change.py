"""Data made with today's roadmap, read with a later one that dropped and renamed items.

The later roadmap drops the career step the learner aims for, a skill with a note that a
project lists, a task with progress, and the idea a project started from; it renames two
titles. Every command still answers, shows what was saved, and loses nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roadmap_app.content import default_roadmap_path, load_roadmap
from tests.conftest import CliResult, InProcessCli

DROPPED_CAREER = "career.ml-specialist"
DROPPED_SKILL = "skill.caffe"
DROPPED_TASK = "task.credential.enrol"
DROPPED_IDEA = "idea.fraud-detection"


def drop_block(text: str, item_id: str) -> str:
    """Remove the ``[[...]]`` table whose id is ``item_id``."""
    at = text.index(f'\nid = "{item_id}"\n')
    start = text.rindex("\n[[", 0, at)
    ends = [i for i in (text.find("\n[[", at), text.find("\n#", at)) if i != -1]
    return text[:start] + text[min(ends) :]


def drop_reference(text: str, item_id: str) -> str:
    return text.replace(f'"{item_id}", ', "").replace(f', "{item_id}"', "")


def rename(text: str, item_id: str, title: str) -> str:
    head = f'id = "{item_id}"\ntitle = "'
    at = text.index(head) + len(head)
    return text[:at] + title + text[text.index('"', at) :]


@pytest.fixture
def later_roadmap(tmp_path: Path) -> Path:
    text = default_roadmap_path().read_text(encoding="utf-8")
    for item_id in (DROPPED_CAREER, DROPPED_SKILL, DROPPED_TASK, DROPPED_IDEA):
        text = drop_block(text, item_id)
    text = drop_reference(text, DROPPED_SKILL)
    text = rename(text, "skill.python", "Python programming")
    text = rename(text, "step.skills", "Sharpen your skills")
    path = tmp_path / "ml-engineer-v2.toml"
    path.write_text(text, encoding="utf-8")
    later = load_roadmap(path)  # a valid roadmap: only the dropped ids are gone
    for item_id in (DROPPED_CAREER, DROPPED_SKILL, DROPPED_TASK, DROPPED_IDEA):
        assert later.item(item_id) is None
    return path


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def as_json(result: CliResult) -> Any:
    return json.loads(ok(result))


def one_error_line(result: CliResult) -> str:
    assert result.returncode == 1, result.stdout
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: "), result.stderr
    return result.stderr.strip()


@pytest.fixture
def learner(run_cli: InProcessCli) -> dict[str, str]:
    """A learner's data made with today's roadmap; returns the project ids."""
    ok(run_cli("set", DROPPED_SKILL, "done"))
    ok(run_cli("note", DROPPED_SKILL, "trained a small CNN"))
    ok(run_cli("set", DROPPED_TASK, "in_progress"))
    ok(run_cli("note", DROPPED_TASK, "starts in March"))
    ok(run_cli("set", "skill.python", "done"))
    ok(run_cli("goal", "--step", "step.skills", "--target", DROPPED_CAREER))
    from_idea = ok(run_cli("project", "add", "--idea", DROPPED_IDEA)).strip()
    vision = ok(run_cli("project", "add", "Vision", "--skill", DROPPED_SKILL, "--skill", "skill.python")).strip()
    ok(run_cli("project", "note", vision, "first results"))
    return {"from_idea": from_idea, "vision": vision}


def test_status_items_and_show_answer_and_keep_the_archived_data(
    run_cli: InProcessCli, later_roadmap: Path, learner: dict[str, str]
) -> None:
    def later(*args: str) -> CliResult:
        return run_cli("--roadmap", str(later_roadmap), *args)

    status = as_json(later("status", "--json"))
    assert status["current_step"] == "step.skills"
    assert status["skills"]["done"] == 1  # python; the dropped skill no longer counts
    assert "Sharpen your skills" in ok(later("status"))

    rows = {r["id"]: r for r in as_json(later("items", "--json"))}
    assert DROPPED_SKILL not in rows and DROPPED_TASK not in rows
    assert rows["skill.python"]["title"] == "Python programming"
    assert DROPPED_SKILL not in rows["skill.python"]["unlocks"]

    archived = {r["id"]: r for r in as_json(later("items", "--archived", "--json"))}
    assert set(archived) == {DROPPED_SKILL, DROPPED_TASK}
    assert archived[DROPPED_SKILL] == as_json(later("show", DROPPED_SKILL, "--json"))
    skill = archived[DROPPED_SKILL]
    assert (skill["state"], skill["note"], skill["archived"], skill["kind"]) == (
        "done",
        "trained a small CNN",
        True,
        None,
    )
    assert (archived[DROPPED_TASK]["state"], archived[DROPPED_TASK]["note"]) == ("in_progress", "starts in March")
    listing = ok(later("items", "--archived"))
    assert DROPPED_SKILL in listing and "trained a small CNN" in listing
    shown = ok(later("show", DROPPED_TASK))
    assert "archived" in shown and "starts in March" in shown

    one_error_line(later("show", "skill.cobol"))
    assert "roadmap-app items" in one_error_line(later("set", DROPPED_SKILL, "todo"))


def test_next_projects_goal_and_export_answer(
    run_cli: InProcessCli, later_roadmap: Path, learner: dict[str, str], tmp_path: Path
) -> None:
    def later(*args: str) -> CliResult:
        return run_cli("--roadmap", str(later_roadmap), *args)

    assert isinstance(as_json(later("next", "--json")), list)
    ok(later("next"))

    projects = {str(p["id"]): p for p in as_json(later("project", "list", "--json"))}
    assert projects[learner["from_idea"]]["idea"] == DROPPED_IDEA
    assert DROPPED_SKILL in projects[learner["vision"]]["skills"]
    ok(later("project", "list"))
    shown = ok(later("project", "show", learner["vision"]))
    assert DROPPED_SKILL in shown and "Python programming" in shown
    assert as_json(later("project", "show", learner["from_idea"], "--json"))["idea"] == DROPPED_IDEA

    goal = as_json(later("goal", "--json"))
    assert goal["target"] == {"id": DROPPED_CAREER, "title": DROPPED_CAREER, "archived": True}
    assert goal["step"] == {"id": "step.skills", "title": "Sharpen your skills", "archived": False}
    assert "archived" in ok(later("goal"))

    document = as_json(later("export"))
    saved = {p["item"]: p for p in document["progress"]}
    assert document["profile"]["target_career"] == DROPPED_CAREER
    vision = next(p for p in document["projects"] if p["title"] == "Vision")
    assert DROPPED_SKILL in vision["skills"]
    assert saved[DROPPED_SKILL]["note"] == "trained a small CNN"
    assert saved[DROPPED_TASK]["state"] == "in_progress"
    out = tmp_path / "later.json"
    assert later("export", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["progress"] == document["progress"]


def test_a_project_edit_keeps_a_dropped_skill_and_refuses_an_unknown_one(
    run_cli: InProcessCli, later_roadmap: Path, learner: dict[str, str]
) -> None:
    def later(*args: str) -> CliResult:
        return run_cli("--roadmap", str(later_roadmap), *args)

    vision = learner["vision"]
    # The dropped skill is the learner's record: it stays while another is added.
    ok(later("project", "edit", vision, "--title", "CV", "--add-skill", "skill.sql"))
    shown = as_json(later("project", "show", vision, "--json"))
    assert (shown["title"], set(shown["skills"])) == ("CV", {"skill.python", "skill.sql", DROPPED_SKILL})
    message = one_error_line(later("project", "edit", vision, "--title", "Vision", "--add-skill", "skill.nope"))
    assert "unknown skill 'skill.nope'" in message
    assert as_json(later("project", "show", vision, "--json"))["title"] == "CV", "a refused edit changes nothing"
    ok(later("project", "edit", vision, "--remove-skill", DROPPED_SKILL, "--remove-skill", "skill.sql"))
    assert as_json(later("project", "show", vision, "--json"))["skills"] == ["skill.python"]


def test_back_on_todays_roadmap_nothing_was_lost(
    run_cli: InProcessCli, later_roadmap: Path, learner: dict[str, str]
) -> None:
    for command in ("status", "items", "next", "goal"):
        ok(run_cli("--roadmap", str(later_roadmap), command))
    shown = as_json(run_cli("show", DROPPED_SKILL, "--json"))
    assert (shown["state"], shown["note"], shown["archived"]) == ("done", "trained a small CNN", False)
    assert shown["projects"] == [int(learner["vision"])]
    assert as_json(run_cli("goal", "--json"))["target"]["archived"] is False
    assert as_json(run_cli("items", "--archived", "--json")) == []
