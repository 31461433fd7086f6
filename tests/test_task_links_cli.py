"""`set TASK done --by KIND:ID`, `show TASK` with the records that did it, and `unlink`."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.cli.commands import MAX_ROW_ID
from roadmap_app.cli.task_link_commands import record_ref
from roadmap_app.content import default_roadmap_path
from roadmap_app.services import UserError
from tests.conftest import InProcessCli
from tests.test_cli_roadmap_change import drop_block

COMPLETE = "task.credential.complete"


def setup(run_cli: InProcessCli) -> None:
    assert run_cli("profile", "create", "Ada").returncode == 0
    assert run_cli("credential", "add", "BSc CS", "--kind", "degree").stdout.strip() == "1"
    assert run_cli("project", "add", "Tweet sentiment").returncode == 0


def test_a_task_done_by_a_credential_is_shown_with_it_and_unlinked(run_cli: InProcessCli) -> None:
    setup(run_cli)
    done = run_cli("set", COMPLETE, "done", "--by", "credential:1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{COMPLETE}: todo -> done, done by credential 1: BSc CS"
    shown = run_cli("show", COMPLETE)
    assert "Done by credential 1: BSc CS" in shown.stdout
    data = json.loads(run_cli("show", COMPLETE, "--json").stdout)
    assert data["records"] == [{"kind": "credential", "id": 1, "title": "BSc CS"}]
    assert data["state"] == "done"

    gone = run_cli("unlink", COMPLETE, "credential:1")
    assert gone.returncode == 0 and "its state stays done" in gone.stdout
    assert json.loads(run_cli("show", COMPLETE, "--json").stdout)["records"] == []


def test_bad_links_are_refused_in_one_line_and_change_nothing(run_cli: InProcessCli) -> None:
    setup(run_cli)
    before = run_cli("export").stdout
    cases = {
        ("set", COMPLETE, "done", "--by", "project:1"): "is done by a credential, not a project",
        ("set", COMPLETE, "done", "--by", "credential:9"): "no credential with id 9",
        ("set", "task.gone", "done", "--by", "credential:1"): "unknown task 'task.gone'",
        ("set", COMPLETE, "in_progress", "--by", "credential:1"): "--by marks a task done",
        ("set", COMPLETE, "done", "--by", "degree:1"): "names no record",
        ("set", COMPLETE, "done", "--by", "credential:one"): "is not a credential id",
        ("unlink", COMPLETE, "credential:1"): "is not linked to credential 1",
        ("unlink", COMPLETE, "1"): "names no record",
    }
    for args, words in cases.items():
        result = run_cli(*args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("error: ") and words in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1
    assert run_cli("export").stdout == before


def test_items_json_gives_each_task_its_records(run_cli: InProcessCli) -> None:
    setup(run_cli)
    run_cli("set", "task.portfolio.sentiment", "done", "--by", "project:1")
    rows = {r["id"]: r for r in json.loads(run_cli("items", "--kind", "task", "--json").stdout)}
    assert rows["task.portfolio.sentiment"]["records"] == [{"kind": "project", "id": 1, "title": "Tweet sentiment"}]
    assert rows[COMPLETE]["records"] == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40) | st.from_regex(r"(credential|project|experience|x)?:?[0-9a-z٣ ]{0,25}"))
def test_any_record_reference_is_read_or_refused_in_one_line(text: str) -> None:
    try:
        kind, record_id = record_ref(text)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert kind.value in text.lower() and 0 <= record_id <= MAX_ROW_ID


def test_a_task_the_roadmap_drops_still_shows_and_unlinks_its_records(run_cli: InProcessCli, tmp_path: Path) -> None:
    setup(run_cli)
    assert run_cli("set", "task.credential.enrol", "done", "--by", "credential:1").returncode == 0
    text = drop_block(default_roadmap_path().read_text(encoding="utf-8"), "task.credential.enrol")
    later = tmp_path / "later.toml"
    later.write_text(text, encoding="utf-8")
    shown = json.loads(run_cli("--roadmap", str(later), "show", "task.credential.enrol", "--json").stdout)
    assert shown["archived"] and shown["records"] == [{"kind": "credential", "id": 1, "title": "BSc CS"}]
    rows = json.loads(run_cli("--roadmap", str(later), "items", "--archived", "--json").stdout)
    assert rows == [shown]
    assert "Done by credential 1: BSc CS" in run_cli("--roadmap", str(later), "show", "task.credential.enrol").stdout
    gone = run_cli("--roadmap", str(later), "unlink", "task.credential.enrol", "credential:1")
    assert gone.returncode == 0, gone.stderr
    refused = run_cli("--roadmap", str(later), "set", "task.credential.enrol", "done", "--by", "credential:1")
    assert refused.returncode == 1 and "unknown task" in refused.stderr
