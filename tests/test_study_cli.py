"""Time on the command line: log, session list|delete, timer, history, plan and goal, with the
issue's --json shapes, and one `error:` line that changes nothing for every bad input."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import CliResult, CliRunner, InProcessCli

from roadmap_app.bootstrap import open_services
from roadmap_app.content import load_roadmap


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def as_json(result: CliResult) -> Any:
    return json.loads(ok(result))


def one_error(result: CliResult | Any) -> str:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return str(lines[0])


def state(run_cli: InProcessCli) -> tuple[Any, ...]:
    """Everything a refused command must leave as it was."""
    return tuple(
        as_json(run_cli(*args))
        for args in (("session", "list", "--json"), ("goal", "--json"), ("history", "--weeks", "1", "--json"))
    )


def test_log_and_session_list_json(run_cli: InProcessCli) -> None:
    today = date.today()
    yesterday = (today - timedelta(days=1)).isoformat()
    first = ok(run_cli("log", "45", "skill.python", "--note", "list comprehensions"))
    assert first.startswith("1: 45 min on Python, ")
    ok(run_cli("log", "20", "--on", yesterday))
    listed = as_json(run_cli("session", "list", "--json"))
    assert listed == [
        {
            "id": 1,
            "date": today.isoformat(),
            "minutes": 45,
            "item": "skill.python",
            "title": "Python",
            "note": "list comprehensions",
        },
        {"id": 2, "date": yesterday, "minutes": 20, "item": None, "title": None, "note": ""},
    ]
    assert [s["id"] for s in as_json(run_cli("session", "list", "--on", yesterday, "--json"))] == [2]


def test_session_delete_needs_yes_and_removes_only_that_session(run_cli: InProcessCli) -> None:
    ok(run_cli("log", "30", "skill.sql"))
    ok(run_cli("log", "15", "skill.python"))
    before = state(run_cli)
    assert "--yes" in one_error(run_cli("session", "delete", "1"))
    assert state(run_cli) == before
    assert ok(run_cli("session", "delete", "1", "--yes")).startswith("deleted session 1 (30 min, ")
    assert [s["id"] for s in as_json(run_cli("session", "list", "--json"))] == [2]
    assert "no study session with id 1" in one_error(run_cli("session", "delete", "1", "--yes"))
    one_error(run_cli("session", "delete", "one", "--yes"))


def test_the_unknown_session_error_names_a_command_that_exists(run_cli: InProcessCli) -> None:
    line = one_error(run_cli("session", "delete", "7", "--yes"))
    assert "'roadmap-app session list'" in line


def test_the_timer_starts_pauses_resumes_and_a_short_run_logs_nothing(run_cli: InProcessCli) -> None:
    assert ok(run_cli("timer")).startswith("no timer")
    assert ok(run_cli("timer", "start", "skill.sql")).startswith("timer started at ")
    assert ok(run_cli("timer", "status")).startswith("running: 0 min since ")
    assert "already running" in one_error(run_cli("timer", "start"))
    ok(run_cli("timer", "pause"))
    assert ok(run_cli("timer")).startswith("paused: ")
    ok(run_cli("timer", "resume"))
    assert ok(run_cli("timer")).startswith("running: ")
    assert ok(run_cli("timer", "stop")).strip() == "under a minute: not logged"
    assert as_json(run_cli("session", "list", "--json")) == []
    assert "no timer is running" in one_error(run_cli("timer", "stop"))


def test_a_timer_started_earlier_and_saved_is_logged_by_stop(run_cli: InProcessCli, data_dir: Path) -> None:
    started = datetime.now() - timedelta(minutes=12)
    _paths, services = open_services(data_dir, clock=lambda: started)
    try:
        services.study.start_timer(services.profiles.current().id, "skill.python")
    finally:
        services.close()
    assert ok(run_cli("timer", "stop", "--note", "numpy")).startswith("logged session 1: 12 min")
    (logged,) = as_json(run_cli("session", "list", "--json"))
    assert (logged["date"], logged["minutes"], logged["item"], logged["note"]) == (
        started.date().isoformat(),
        12,
        "skill.python",
        "numpy",
    )
    assert ok(run_cli("timer")).startswith("no timer")


def test_history_json_lists_every_day_of_the_period_in_the_issues_shape(run_cli: InProcessCli) -> None:
    today = date.today()
    for days_back, minutes in ((0, 30), (1, 15), (3, 40), (20, 90)):
        ok(run_cli("log", str(minutes), "--on", (today - timedelta(days=days_back)).isoformat()))
    ok(run_cli("goal", "--hours-per-week", "5"))
    found = as_json(run_cli("history", "--weeks", "2", "--json"))
    assert set(found) == {"days", "current_streak", "longest_streak", "week"}
    assert set(found["week"]) == {"minutes", "goal_minutes"}
    assert all(set(d) == {"date", "minutes", "changes"} for d in found["days"])
    assert [d["date"] for d in found["days"]] == [(today - timedelta(days=13 - n)).isoformat() for n in range(14)]
    minutes = {d["date"]: d["minutes"] for d in found["days"]}
    assert minutes[today.isoformat()] == 30 and minutes[(today - timedelta(days=2)).isoformat()] == 0
    assert sum(minutes.values()) == 30 + 15 + 40  # 20 days back is outside two weeks
    assert (found["current_streak"], found["longest_streak"]) == (2, 2)
    monday = today - timedelta(days=today.weekday())
    week = sum(m for back, m in ((0, 30), (1, 15), (3, 40)) if today - timedelta(days=back) >= monday)
    assert found["week"] == {"minutes": week, "goal_minutes": 300}

    changes = found["days"][-1]["changes"]
    ok(run_cli("set", "skill.python", "done"))
    again = as_json(run_cli("history", "--weeks", "1", "--json"))
    assert len(again["days"]) == 7 and again["days"][-1]["changes"] == changes + 1


def test_plan_json_in_the_issues_shape_moves_with_the_hours(run_cli: InProcessCli) -> None:
    roadmap = load_roadmap()
    assert "no weekly goal" in one_error(run_cli("plan"))
    slow = as_json(run_cli("plan", "--hours-per-week", "8", "--json"))
    assert {"hours_per_week", "steps", "job_ready_on"} <= set(slow)
    assert slow["hours_per_week"] == 8
    assert [s["id"] for s in slow["steps"]] == [s.id for s in roadmap.steps]
    assert all({"id", "remaining_hours", "finish_on"} <= set(s) for s in slow["steps"])
    finishes = [date.fromisoformat(s["finish_on"]) for s in slow["steps"]]
    assert finishes == sorted(finishes) and finishes[0] > date.today()
    ready = date.fromisoformat(slow["job_ready_on"])
    assert finishes[0] <= ready <= finishes[-1]

    fast = as_json(run_cli("plan", "--hours-per-week", "16", "--json"))
    assert date.fromisoformat(fast["job_ready_on"]) < ready

    task = roadmap.steps[0].tasks[0]
    assert task.effort is not None
    ok(run_cli("set", task.id, "done"))
    after = as_json(run_cli("plan", "--hours-per-week", "8", "--json"))
    less = slow["steps"][0]["remaining_hours"] - after["steps"][0]["remaining_hours"]
    assert less == pytest.approx(task.effort.hours, abs=0.11)

    ok(run_cli("goal", "--hours-per-week", "6"))
    assert as_json(run_cli("plan", "--json"))["hours_per_week"] == 6


def test_goal_sets_the_weekly_hours_the_days_minimum_and_the_ready_by_day(run_cli: InProcessCli) -> None:
    ready_by = (date.today() + timedelta(days=120)).isoformat()
    args = ("goal", "--hours-per-week", "7.5", "--min-minutes-per-day", "20", "--ready-by", ready_by, "--json")
    found = as_json(run_cli(*args))
    assert (found["hours_per_week"], found["min_minutes_per_day"], found["ready_by"]) == (7.5, 20, ready_by)
    assert as_json(run_cli("goal", "--json")) == found
    assert as_json(run_cli("history", "--weeks", "1", "--json"))["week"]["goal_minutes"] == 450

    # A day counts towards the streak from the new minimum.
    ok(run_cli("log", "15"))
    assert as_json(run_cli("history", "--weeks", "1", "--json"))["current_streak"] == 0
    ok(run_cli("log", "5"))
    assert as_json(run_cli("history", "--weeks", "1", "--json"))["current_streak"] == 1

    cleared = as_json(run_cli("goal", "--hours-per-week", "0", "--ready-by", "", "--json"))
    assert (cleared["hours_per_week"], cleared["ready_by"], cleared["min_minutes_per_day"]) == (None, None, 20)


def future() -> str:
    return (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("log", "0"), "from 1 to 1440"),
        (("log", "1441", "skill.sql"), "from 1 to 1440"),
        (("log", "ten"), "whole number"),
        (("log", "10", "--on", "FUTURE"), "in the future"),
        (("log", "10", "skill.cobol"), "unknown task or skill 'skill.cobol'"),
        (("log", "10", "project:4"), "no project with id '4'"),
        (("log", "10", "--on", "03/01/2026"), "YYYY-MM-DD"),
        (("goal", "--hours-per-week", "-2"), "cannot be negative"),
        (("goal", "--hours-per-week", "200"), "to 168; got 200"),
        (("goal", "--min-minutes-per-day", "0"), "from 1 to 1440"),
        (("goal", "--ready-by", "2026-02-30"), "YYYY-MM-DD"),
        (("goal", "--ready-by", "2020-01-01"), "not in the future"),
        (("goal", "--hours-per-week", "4", "--ready-by", "tomorrow"), "YYYY-MM-DD"),
        (("plan", "--hours-per-week", "-1"), "hours per week"),
        (("history", "--weeks", "0"), "weeks"),
        (("timer", "start", "skill.cobol"), "unknown task or skill"),
    ],
)
def test_bad_input_gets_one_error_line_and_changes_nothing(
    run_cli: InProcessCli, args: tuple[str, ...], words: str
) -> None:
    ok(run_cli("log", "1000"))
    ok(run_cli("goal", "--hours-per-week", "3"))
    before = state(run_cli)
    line = one_error(run_cli(*(future() if a == "FUTURE" else a for a in args)))
    assert words in line
    assert state(run_cli) == before
    assert ok(run_cli("timer")).startswith("no timer")


def test_a_day_that_would_overfill_is_refused_on_the_command_line(run_cli: InProcessCli) -> None:
    ok(run_cli("log", "1000"))
    before = state(run_cli)
    assert "room for 440 more minutes" in one_error(run_cli("log", "441", "skill.sql"))
    assert state(run_cli) == before


@pytest.mark.parametrize("hours", ["nan", "inf"])
def test_hours_that_are_not_a_number_are_refused_in_one_line(cli: CliRunner, hours: str) -> None:
    result = cli("goal", "--hours-per-week", hours)
    assert "Traceback" not in result.stderr
    one_error(result)
