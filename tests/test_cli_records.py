"""The 'credential' and 'experience' commands: the names and --json shapes the docs give,
one 'error:' line for a bad value, and nothing changed by it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliResult, InProcessCli


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def as_json(result: CliResult) -> Any:
    return json.loads(ok(result))


def error_line(result: CliResult) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_credential_commands_round_trip(run_cli: InProcessCli) -> None:
    cid = ok(
        run_cli(
            "credential",
            "add",
            "BSc Computer Science",
            "--kind",
            "degree",
            "--provider",
            "TU Delft",
            "--status",
            "done",
            "--started",
            "2019-09-01",
            "--finished",
            "2022-07-01",
            "--url",
            "https://tudelft.nl",
            "--skill",
            "skill.python",
        )
    ).strip()
    listed = as_json(run_cli("credential", "list", "--json"))
    assert [c["id"] for c in listed] == [int(cid)]
    shown = as_json(run_cli("credential", "show", cid, "--json"))
    assert {k: shown[k] for k in ("title", "kind", "provider", "status", "started_on", "finished_on", "skills")} == {
        "title": "BSc Computer Science",
        "kind": "degree",
        "provider": "TU Delft",
        "status": "done",
        "started_on": "2019-09-01",
        "finished_on": "2022-07-01",
        "skills": ["skill.python"],
    }
    assert set(shown) == {
        "id", "title", "kind", "provider", "status", "started_on", "finished_on", "url", "note", "skills",
        "created_at", "updated_at",
    }  # fmt: skip
    assert ok(run_cli("credential", "edit", cid, "--add-skill", "skill.sql", "--finished", "")).strip() == (
        f"credential {cid}: changed finish, skills"
    )
    assert "Python, SQL" in ok(run_cli("credential", "show", cid))
    assert "--yes" in error_line(run_cli("credential", "delete", cid))
    ok(run_cli("credential", "delete", cid, "--yes"))
    assert "No credentials yet" in ok(run_cli("credential", "list"))


def test_experience_commands_round_trip(run_cli: InProcessCli) -> None:
    eid = ok(
        run_cli(
            "experience",
            "add",
            "ML intern",
            "--kind",
            "internship",
            "--org",
            "ACME",
            "--started",
            "2024-06-01",
            "--summary",
            "Trained a churn model",
            "--skill",
            "skill.pytorch",
        )
    ).strip()
    nid = ok(run_cli("experience", "note", eid, "-", stdin="# Week 1\nbaseline")).strip()
    shown = as_json(run_cli("experience", "show", eid, "--json"))
    assert shown["finished_on"] is None and shown["organisation"] == "ACME"
    assert shown["notes"] == [
        {
            "id": int(nid),
            "created_at": shown["notes"][0]["created_at"],
            "updated_at": shown["notes"][0]["updated_at"],
            "text": "# Week 1\nbaseline",
        }
    ]
    assert "notes" not in as_json(run_cli("experience", "list", "--json"))[0]
    assert "2024-06-01 – now" in ok(run_cli("experience", "list"))
    assert ok(run_cli("experience", "edit", eid, "--kind", "job")).strip() == f"experience {eid}: changed kind"
    hits = as_json(run_cli("search", "churn", "--json"))
    assert [(h["kind"], h["record_id"]) for h in hits] == [("experience", int(eid))]
    assert "1 note(s)" in ok(run_cli("experience", "delete", eid, "--yes"))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("credential", "add", "X", "--kind", "phd"), "unknown credential kind 'phd'"),
        (("credential", "add", "X", "--status", "over"), "unknown credential status 'over'"),
        (("credential", "add", "X", "--skill", "skill.nope"), "unknown skill 'skill.nope'"),
        (("credential", "add", "X", "--started", "2020-02-01", "--finished", "2020-01-01"), "before the start"),
        (("credential", "add", "X", "--started", "1 May"), "give it as YYYY-MM-DD"),
        (("credential", "add", " "), "needs a title"),
        (("credential", "show", "abc"), "is not a credential id"),
        (("credential", "edit", "1", "--title", "Y"), "no credential with id 1"),
        (("experience", "add", "X", "--kind", "hobby"), "unknown experience kind 'hobby'"),
        (("experience", "add", "X", "--started", "2021-05-02", "--finished", "2021-05-01"), "before the start"),
        (("experience", "note", "7", "text"), "no experience with id 7"),
        (("experience", "edit", "x"), "is not an experience id"),
        (("credential",), "needs an action"),
    ],
)
def test_bad_values_give_one_error_line_and_change_nothing(
    run_cli: InProcessCli, args: tuple[str, ...], words: str
) -> None:
    assert words in error_line(run_cli(*args))
    assert as_json(run_cli("credential", "list", "--json")) == []
    assert as_json(run_cli("experience", "list", "--json")) == []


def test_an_edit_with_a_bad_value_changes_nothing(run_cli: InProcessCli) -> None:
    cid = ok(run_cli("credential", "add", "Course", "--started", "2024-03-01")).strip()
    before = as_json(run_cli("credential", "show", cid, "--json"))
    assert "before the start" in error_line(
        run_cli("credential", "edit", cid, "--title", "New", "--finished", "2024-01-01")
    )
    assert "does not list" in error_line(run_cli("credential", "edit", cid, "--remove-skill", "skill.sql"))
    assert "nothing to change" in error_line(run_cli("credential", "edit", cid))
    assert as_json(run_cli("credential", "show", cid, "--json")) == before


def test_an_experience_note_is_edited_and_deleted_from_the_command_line(run_cli: InProcessCli) -> None:
    experience = run_cli("experience", "add", "Kaggle competition", "--kind", "competition").stdout.strip()
    note = run_cli("experience", "note", experience, "Top 10% on the public board").stdout.strip()
    edited = run_cli("experience", "note-edit", note, "-", stdin="Top 5% after the private board\n")
    assert edited.returncode == 0 and edited.stdout.strip() == f"note {note} of experience {experience}: saved"
    assert "Top 5% after the private board" in run_cli("experience", "show", experience).stdout
    refused = run_cli("experience", "note-delete", note)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "Top 5%" in run_cli("experience", "show", experience).stdout
    assert run_cli("experience", "note-delete", note, "--yes").returncode == 0
    assert "Top 5%" not in run_cli("experience", "show", experience).stdout
    gone = run_cli("experience", "note-delete", note, "--yes")
    assert gone.returncode == 1 and gone.stderr.startswith("error: no experience note with id")


@pytest.mark.parametrize("command", [
    ("project", "show"), ("project", "note-delete"), ("credential", "show"), ("experience", "show"),
    ("experience", "note-edit"), ("session", "delete"),
])  # fmt: skip
@pytest.mark.parametrize("typed", ["99999999999999999999999", "²", "-1", "x"])
def test_an_id_that_no_record_can_have_is_refused_in_one_line(
    run_cli: InProcessCli, command: tuple[str, str], typed: str
) -> None:
    extra = {"note-edit": ["text"], "note-delete": ["--yes"], "delete": ["--yes"]}.get(command[1], [])
    result = run_cli(*command, "--", typed, *extra) if typed.startswith("-") else run_cli(*command, typed, *extra)
    assert result.returncode in (1, 2)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ") and "Traceback" not in result.stderr
