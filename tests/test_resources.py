"""Learning resources on tasks and skills: kept, changed and undone through the service,
and through `roadmap-app resource ...` with one-line errors that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.activity import ActivityAction, describe
from roadmap_app.domain.resources import ResourceKind
from roadmap_app.services import InvalidInputError, NotFoundError, Services
from roadmap_app.storage.db import Database, create_sqlite_engine
from roadmap_app.storage.tables import TombstoneRow
from tests.conftest import CliResult, InProcessCli
from tests.test_cli_roadmap_change import DROPPED_SKILL
from tests.test_cli_roadmap_change import later_roadmap as later_roadmap  # a fixture

PYTHON = "skill.python"


def _ada(services: Services) -> int:
    return services.profiles.current().id


def test_a_resource_is_kept_on_a_skill_with_its_link_kind_and_parts(services: Services) -> None:
    ada = _ada(services)
    added = services.resources.add(
        ada, PYTHON, "  Fluent   Python ", url="https://example.org/fluent", kind="Book", of="25"
    )
    assert (added.title, added.url, added.kind, added.progress, added.of, added.done) == (
        "Fluent Python", "https://example.org/fluent", ResourceKind.BOOK, 0, 25, False,
    )  # fmt: skip
    assert added.uuid
    assert services.resources.list(ada, PYTHON) == [added]
    assert services.resources.list(ada, "skill.sql") == []


def test_resources_list_in_the_order_added_with_the_id_breaking_ties(services: Services) -> None:
    ada = _ada(services)
    first = services.resources.add(ada, PYTHON, "A")
    second = services.resources.add(ada, PYTHON, "B")
    third = services.resources.add(ada, "task.skills.python-basics", "On a task")
    assert [r.id for r in services.resources.list(ada, PYTHON)] == [first.id, second.id]
    # Two at the same place (a merge of two copies may do that) keep their ids' order.
    gone = services.resources.delete(ada, second.id)
    services.resources.restore(ada, type(gone)(**{**_fields(gone), "position": first.position}))
    assert [r.id for r in services.resources.list(ada, PYTHON)] == [first.id, second.id]
    assert [r.id for r in services.resources.all(ada)] == [first.id, second.id, third.id]


def _fields(resource: object) -> dict[str, object]:
    return {name: getattr(resource, name) for name in resource.__slots__}  # type: ignore[attr-defined]


def test_progress_done_and_edits_each_come_back_with_put_back(services: Services) -> None:
    ada = _ada(services)
    made = services.resources.add(ada, PYTHON, "Course", kind="course", of=10)
    step = services.resources.set_progress(ada, made.id, 3)
    assert (step.before.progress, step.after.progress, step.after.progress_text) == (0, 3, "3 of 10")
    done = services.resources.set_done(ada, made.id)
    assert (done.after.done, done.after.progress) == (True, 10)
    edit = services.resources.update(ada, made.id, title="Course, 2nd edition", url="https://x.org", kind="video")
    for change in (edit, done, step):
        services.resources.put_back(ada, change.before)
    assert _without_time(services.resources.get(ada, made.id)) == _without_time(made)


def _without_time(resource: object) -> dict[str, object]:
    return {k: v for k, v in _fields(resource).items() if k != "updated_at"}


def test_a_removed_resource_comes_back_with_the_same_id_and_leaves_no_tombstone(
    services: Services, data_dir: Path
) -> None:
    ada = _ada(services)
    made = services.resources.add(ada, PYTHON, "Docs", kind="docs", url="https://docs.python.org/3/")
    gone = services.resources.delete(ada, made.id)
    assert services.resources.list(ada, PYTHON) == []
    assert _tombstones(data_dir) == [(made.uuid, "resource")]
    back = services.resources.restore(ada, gone)
    assert back == made
    assert _tombstones(data_dir) == []


def _tombstones(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "roadmap.sqlite3"
    db = Database(path, create_sqlite_engine(path))
    try:
        with db.read() as session:
            return [(t.uuid, t.kind) for t in session.query(TombstoneRow).all()]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("item", "fields", "error"),
    [
        ("skill.nope", {}, NotFoundError),
        ("step.skills", {}, InvalidInputError),
        (PYTHON, {"title": "  "}, InvalidInputError),
        (PYTHON, {"url": "javascript:alert(1)"}, InvalidInputError),
        (PYTHON, {"url": "https://a b"}, InvalidInputError),
        (PYTHON, {"kind": "podcast"}, InvalidInputError),
        (PYTHON, {"of": 0}, InvalidInputError),
        (PYTHON, {"of": -4}, InvalidInputError),
        (PYTHON, {"of": "ten"}, InvalidInputError),
        (PYTHON, {"of": 3, "progress": 4}, InvalidInputError),
        (PYTHON, {"progress": -1}, InvalidInputError),
        (PYTHON, {"of": 10**9}, InvalidInputError),
    ],
)
def test_a_bad_resource_is_refused_and_nothing_is_written(
    services: Services, item: str, fields: dict[str, object], error: type[Exception]
) -> None:
    ada = _ada(services)
    values: dict[str, object] = {"title": "Course", **fields}
    title = str(values.pop("title"))
    before = len(services.activity.all(ada))
    with pytest.raises(error):
        services.resources.add(ada, item, title, **values)  # type: ignore[arg-type]
    assert services.resources.all(ada) == []
    assert len(services.activity.all(ada)) == before


def test_progress_above_the_parts_or_fewer_parts_than_done_is_refused(services: Services) -> None:
    ada = _ada(services)
    made = services.resources.add(ada, PYTHON, "Course", of=10)
    services.resources.set_progress(ada, made.id, 8)
    for change in ({"progress": 11}, {"of": 5}, {"progress": True}, {"colour": "red"}):
        with pytest.raises(InvalidInputError):
            services.resources.update(ada, made.id, **change)
    assert services.resources.get(ada, made.id).progress == 8
    with pytest.raises(NotFoundError):
        services.resources.set_progress(ada, made.id + 1, 1)


def test_each_change_is_logged_on_its_item_in_words(services: Services) -> None:
    ada = _ada(services)
    made = services.resources.add(ada, PYTHON, "Course", of=10)
    services.resources.set_progress(ada, made.id, 3)
    services.resources.set_done(ada, made.id)
    services.resources.delete(ada, made.id)
    entries = [e for e in services.activity.all(ada) if e.action.value.startswith("resource.")]
    assert {e.subject_id for e in entries} == {PYTHON}
    words = [describe(e, lambda _e: "Python") for e in entries]
    assert words[0] == "Added “Course” to the resources of “Python”"
    assert "Reached 3 of 10 in a resource of “Python”" in words
    assert "Marked a resource of “Python” done" in words
    assert words[-1] == "Removed “Course” from the resources of “Python”"
    assert entries[-1].action is ActivityAction.RESOURCE_DELETE


def test_a_skill_the_roadmap_drops_keeps_its_resources(data_dir: Path, later_roadmap: Path) -> None:
    _paths, today = open_services(data_dir)
    ada = _ada(today)
    kept = today.resources.add(ada, DROPPED_SKILL, "Caffe tutorial", kind="docs", of=4)
    today.close()
    _paths, later = open_services(data_dir, roadmap_path=later_roadmap)
    try:
        assert later.resources.list(ada, DROPPED_SKILL) == [kept]
        assert later.resources.of_roadmap(DROPPED_SKILL) == ()
        # Kept, and still changed through its id; no new one goes on an id the roadmap lacks.
        assert later.resources.set_progress(ada, kept.id, 2).after.progress == 2
        with pytest.raises(NotFoundError):
            later.resources.add(ada, DROPPED_SKILL, "Another")
    finally:
        later.close()


# --- the command line -------------------------------------------------------------------------


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: CliResult, words: str) -> None:
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert words in result.stderr


def test_resource_add_prints_the_id_and_list_json_gives_the_issue_s_keys(run_cli: InProcessCli) -> None:
    rid = ok(run_cli("resource", "add", PYTHON, "Fluent Python", "--url", "https://x.org/f", "--kind", "book",
                     "--of", "25")).strip()  # fmt: skip
    assert rid.isdigit()
    ok(run_cli("resource", "progress", rid, "3"))
    rows = json.loads(ok(run_cli("resource", "list", PYTHON, "--json")))
    own = [r for r in rows if r["source"] == "learner"]
    assert own == [
        {"id": int(rid), "title": "Fluent Python", "url": "https://x.org/f", "kind": "book", "progress": 3,
         "of": 25, "done": False, "source": "learner"},
    ]  # fmt: skip
    assert all(set(r) == {"id", "title", "url", "kind", "progress", "of", "done", "source"} for r in rows)
    ok(run_cli("resource", "done", rid))
    assert json.loads(ok(run_cli("resource", "list", PYTHON, "--json")))[0]["done"] is True
    ok(run_cli("resource", "done", rid, "--not"))
    ok(run_cli("resource", "edit", rid, "--title", "Fluent Python, 2nd ed.", "--of", ""))
    edited = json.loads(ok(run_cli("resource", "list", PYTHON, "--json")))[0]
    assert (edited["title"], edited["of"]) == ("Fluent Python, 2nd ed.", None)
    assert "Fluent Python, 2nd ed." in ok(run_cli("show", PYTHON))
    assert "removed resource" in ok(run_cli("resource", "remove", rid))
    assert [r for r in json.loads(ok(run_cli("resource", "list", PYTHON, "--json"))) if r["source"] == "learner"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("resource", "add", "skill.nope", "X"), "unknown item 'skill.nope'"),
        (("resource", "add", PYTHON, "X", "--kind", "podcast"), "unknown resource kind 'podcast'"),
        (("resource", "add", PYTHON, "X", "--url", "file:///etc/passwd"), "must be an address starting with https://"),
        (("resource", "add", PYTHON, "X", "--of", "-2"), "at least 1 part"),
        (("resource", "progress", "1", "11"), "above the resource's 10 parts"),
        (("resource", "progress", "1", "-1"), "cannot be negative"),
        (("resource", "progress", "1", "lots"), "whole number"),
        (("resource", "progress", "99", "1"), "no resource with id 99"),
        (("resource", "done", "x1"), "'x1' is not a resource id"),
        (("resource", "remove", "roadmap:1"), "cannot be changed"),
        (("resource", "edit", "1"), "give at least one of"),
        (("resource", "list", "skill.nope"), "unknown item 'skill.nope'"),
    ],
)
def test_a_bad_resource_command_says_what_to_do_in_one_line_and_changes_nothing(
    run_cli: InProcessCli, args: tuple[str, ...], words: str
) -> None:
    ok(run_cli("resource", "add", PYTHON, "Course", "--of", "10"))
    before = ok(run_cli("resource", "list", PYTHON, "--json"))
    refused(run_cli(*args), words)
    assert ok(run_cli("resource", "list", PYTHON, "--json")) == before


def test_resource_without_an_action_is_a_one_line_error(run_cli: InProcessCli) -> None:
    refused(run_cli("resource"), "needs an action")
    assert run_cli("resource", "progress", "1").returncode == 2


def test_show_and_list_answer_for_a_dropped_skill_with_only_resources_kept(
    run_cli: InProcessCli, later_roadmap: Path
) -> None:
    rid = ok(run_cli("resource", "add", DROPPED_SKILL, "Caffe tutorial", "--kind", "docs")).strip()
    later = ("--roadmap", str(later_roadmap))
    shown = ok(run_cli(*later, "show", DROPPED_SKILL))
    assert "archived" in shown and "Caffe tutorial" in shown
    rows = json.loads(ok(run_cli(*later, "resource", "list", DROPPED_SKILL, "--json")))
    assert [(r["id"], r["source"]) for r in rows] == [(int(rid), "learner")]
    refused(run_cli(*later, "resource", "add", DROPPED_SKILL, "Another"), f"unknown item '{DROPPED_SKILL}'")
