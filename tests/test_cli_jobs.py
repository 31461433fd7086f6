"""The 'job' commands: the names, options and --json shapes the docs give, one 'error:' line
for a bad value, and nothing changed by it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult, InProcessCli

AD = "We look for Python and PyTorch.\nSQL is a must.\nDocker is a plus.\nRemote-friendly team.\n"
LIST_KEYS = ["id", "company", "role", "stage", "stage_on", "applied_on", "url", "location", "salary", "source"]
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


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


@pytest.fixture
def ad_file(tmp_path: Path) -> Path:
    path = tmp_path / "ad.txt"
    path.write_text(AD, encoding="utf-8")
    return path


@pytest.fixture
def job(run_cli: InProcessCli, ad_file: Path) -> str:
    """An application with an ad, two stages, an interview, a contact and a note."""
    app = ok(run_cli(
        "job", "add", "Acme Analytics", "ML engineer", "--stage", "applied", "--on", "2025-11-02",
        "--url", "https://acme.org/jobs/42", "--ad", str(ad_file), "--location", "Berlin", "--salary", "60k",
        "--source", "LinkedIn",
    )).strip()  # fmt: skip
    ok(run_cli("job", "stage", app, "screening", "--on", "2025-11-10", "--note", "Recruiter called"))
    ok(run_cli("job", "interview", app, "--on", "2025-11-20", "--kind", "technical", "--note", "Live coding"))
    ok(run_cli("job", "contact", app, "Grace Hopper", "--role", "Hiring manager", "--email", "grace@example.org"))
    ok(run_cli("job", "note", app, "-", stdin="Ask about **on-call**\n"))
    return app


def test_add_prints_the_new_id_and_list_gives_the_documented_keys(run_cli: InProcessCli, job: str) -> None:
    assert job.isdigit()
    (listed,) = as_json(run_cli("job", "list", "--json"))
    assert list(listed) == LIST_KEYS
    assert listed == {
        "id": int(job), "company": "Acme Analytics", "role": "ML engineer", "stage": "screening",
        "stage_on": "2025-11-10", "applied_on": "2025-11-02", "url": "https://acme.org/jobs/42",
        "location": "Berlin", "salary": "60k", "source": "LinkedIn",
    }  # fmt: skip
    text = ok(run_cli("job", "list"))
    assert "screening" in text and "ML engineer at Acme Analytics" in text and "(Berlin)" in text


def test_show_gives_the_timeline_interviews_contacts_notes_and_the_gap(run_cli: InProcessCli, job: str) -> None:
    shown = as_json(run_cli("job", "show", job, "--json"))
    assert list(shown) == [*LIST_KEYS, "ad", "stages", "interviews", "contacts", "notes", "gap"]
    assert shown["ad"] == AD
    assert [(s["stage"], s["on"], s["note"]) for s in shown["stages"]] == [
        ("applied", "2025-11-02", ""), ("screening", "2025-11-10", "Recruiter called"),
    ]  # fmt: skip
    assert [list(s) for s in shown["stages"]] == [["id", "stage", "on", "note"]] * 2
    (interview,) = shown["interviews"]
    assert list(interview) == ["id", "on", "kind", "note"] and interview["kind"] == "technical"
    assert shown["contacts"] == [
        {
            "id": shown["contacts"][0]["id"],
            "name": "Grace Hopper",
            "role": "Hiring manager",
            "email": "grace@example.org",
        }
    ]
    (note,) = shown["notes"]
    assert list(note) == ["id", "text", "created_at"] and note["text"] == "Ask about **on-call**"
    assert list(shown["gap"]) == ["have", "missing", "unknown"]
    assert {m["id"] for m in shown["gap"]["missing"]} >= {"skill.python", "skill.sql"}
    assert "Docker" in shown["gap"]["unknown"]
    text = ok(run_cli("job", "show", job))
    for words in ("ML engineer at Acme Analytics", "Screening since 2025-11-10", "Timeline:", "Recruiter called",
                  "Technical — Live coding", "Grace Hopper, Hiring manager <grace@example.org>", "on-call",
                  "1 more line;", "Missing (", "Not in the roadmap"):  # fmt: skip
        assert words in text, words


def test_an_application_without_an_ad_shows_no_gap(run_cli: InProcessCli) -> None:
    app = ok(run_cli("job", "add", "Beta", "Data scientist")).strip()
    shown = as_json(run_cli("job", "show", app, "--json"))
    assert "gap" not in shown and shown["ad"] == ""
    assert (shown["stage"], shown["stage_on"], shown["applied_on"]) == ("saved", date.today().isoformat(), None)
    assert "Gap" not in ok(run_cli("job", "show", app))


def test_list_filters_by_stage(run_cli: InProcessCli, job: str) -> None:
    other = ok(run_cli("job", "add", "Beta", "Data scientist", "--stage", "applied", "--on", "2025-12-01")).strip()
    assert [a["id"] for a in as_json(run_cli("job", "list", "--json"))] == [int(other), int(job)]
    assert [a["id"] for a in as_json(run_cli("job", "list", "--stage", "applied", "--json"))] == [int(other)]
    assert "No applications at the stage offer" in ok(run_cli("job", "list", "--stage", "offer"))


def test_stage_dates_a_new_stage_and_reads_the_note_from_standard_input(run_cli: InProcessCli, job: str) -> None:
    said = ok(run_cli("job", "stage", job, "rejected", "--note", "-", stdin="Not this time\n"))
    assert said.strip() == f"application {job}: rejected on {date.today().isoformat()}; now rejected"
    last = as_json(run_cli("job", "show", job, "--json"))["stages"][-1]
    assert (last["stage"], last["note"]) == ("rejected", "Not this time")


def test_edit_changes_the_fields_given_and_clears_the_ad(run_cli: InProcessCli, job: str, tmp_path: Path) -> None:
    said = ok(run_cli("job", "edit", job, "--company", "Acme GmbH", "--salary", "", "--ad", "-", stdin="Spark\n"))
    assert said.strip() == f"application {job}: changed company, ad, salary"
    shown = as_json(run_cli("job", "show", job, "--json"))
    assert (shown["company"], shown["salary"], shown["ad"]) == ("Acme GmbH", "", "Spark\n")
    assert ok(run_cli("job", "edit", job, "--ad", "")).strip() == f"application {job}: changed ad"
    assert "gap" not in as_json(run_cli("job", "show", job, "--json"))
    assert ok(run_cli("job", "edit", job, "--role", "ML engineer")).strip() == f"application {job}: no change"


def test_delete_needs_yes_and_then_removes_everything(run_cli: InProcessCli, job: str) -> None:
    assert "--yes" in error_line(run_cli("job", "delete", job))
    assert len(as_json(run_cli("job", "list", "--json"))) == 1
    said = ok(run_cli("job", "delete", job, "--yes"))
    assert "2 stage change(s), 1 interview(s), 1 contact(s) and 1 note(s)" in said
    assert as_json(run_cli("job", "list", "--json")) == []
    assert "no application with id" in error_line(run_cli("job", "show", job))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("job", "add", " ", "ML engineer"), "needs a company"),
        (("job", "add", "Acme", ""), "needs a role"),
        (("job", "add", "Acme", "ML", "--stage", "hired"), "unknown stage 'hired'; use one of: saved, applied"),
        (("job", "add", "Acme", "ML", "--on", TOMORROW), "is in the future"),
        (("job", "add", "Acme", "ML", "--on", "2025-02-30"), "is not a day"),
        (("job", "add", "Acme", "ML", "--on", ""), "date is empty"),
        (("job", "add", "Acme", "ML", "--url", "acme.org"), "https://"),
        (("job", "add", "Acme", "ML", "--ad", "/nonexistent/ad.txt"), "does not exist"),
        (("job", "list", "--stage", "hired"), "unknown stage"),
        (("job", "show", "x"), "is not an application id"),
        (("job", "show", "999"), "no application with id 999"),
        (("job", "stage", "999", "applied"), "no application with id 999"),
        (("job", "stage", "JOB", "hired"), "unknown stage 'hired'"),
        (("job", "stage", "JOB", "offer", "--on", TOMORROW), "is in the future"),
        (("job", "stage", "JOB", "offer", "--on", "02/12/2025"), "is not a day"),
        (("job", "interview", "JOB", "--on", "2025-12-01", "--kind", "lunch"), "unknown interview kind 'lunch'"),
        (("job", "interview", "JOB", "--on", "2099-01-01"), "more than a year ahead"),
        (("job", "interview", "999", "--on", "2025-12-01"), "no application with id 999"),
        (("job", "contact", "JOB", " "), "needs a name"),
        (("job", "contact", "JOB", "Grace", "--email", "grace"), "not an email address"),
        (("job", "note", "JOB", "  "), "needs some text"),
        (("job", "note", "999", "text"), "no application with id 999"),
        (("job", "edit", "JOB"), "nothing to change"),
        (("job", "edit", "JOB", "--company", ""), "needs a company"),
        (("job", "edit", "JOB", "--role", "ML", "--url", "ftp://x"), "https://"),
        (("job", "edit", "999", "--role", "ML"), "no application with id 999"),
        (("job", "delete", "999", "--yes"), "no application with id 999"),
        (("job",), "needs an action"),
    ],
)
def test_bad_values_give_one_error_line_and_change_nothing(
    run_cli: InProcessCli, job: str, args: tuple[str, ...], words: str
) -> None:
    before = as_json(run_cli("job", "show", job, "--json"))
    assert words in error_line(run_cli(*(job if a == "JOB" else a for a in args)))
    assert as_json(run_cli("job", "list", "--json")) == [{k: before[k] for k in LIST_KEYS}]
    assert as_json(run_cli("job", "show", job, "--json")) == before


def test_an_ad_that_is_not_text_is_refused_and_changes_nothing(run_cli: InProcessCli, job: str, tmp_path: Path) -> None:
    binary = tmp_path / "ad.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    before = as_json(run_cli("job", "show", job, "--json"))
    assert "not a text file" in error_line(run_cli("job", "edit", job, "--ad", str(binary)))
    assert "not a text file" in error_line(run_cli("job", "add", "Beta", "ML", "--ad", str(binary)))
    assert as_json(run_cli("job", "show", job, "--json")) == before
    assert len(as_json(run_cli("job", "list", "--json"))) == 1


@pytest.mark.parametrize(
    "args",
    [("job", "add", "Acme"), ("job", "interview", "1"), ("job", "stage", "1"), ("job", "nope"), ("job", "list", "-x")],
)
def test_a_usage_error_exits_2(run_cli: InProcessCli, args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and "error:" in result.stderr
    assert as_json(run_cli("job", "list", "--json")) == []


@pytest.mark.parametrize("typed", ["99999999999999999999999", "²", "-1", "x"])
def test_an_id_that_no_application_can_have_is_refused_in_one_line(run_cli: InProcessCli, typed: str) -> None:
    result = run_cli("job", "show", "--", typed) if typed.startswith("-") else run_cli("job", "show", typed)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: ") and "Traceback" not in result.stderr
