"""`next` with folded advice, and `today`: a plan for one study session."""

from __future__ import annotations

import json

from conftest import InProcessCli


def test_next_json_carries_the_folded_suggestions_with_their_actions(run_cli: InProcessCli) -> None:
    shown = json.loads(run_cli("next", "--json").stdout)
    skills = next(s for s in shown if s["rule"] == "ready-skill")
    assert len(skills["folded"]) >= 2
    first = skills["folded"][0]
    assert set(first) == {"key", "title", "action"}
    assert first["action"]["kind"] == "set_state"
    # A folded suggestion can be acted on by its key like any other.
    snoozed = run_cli("next", "--snooze", first["key"])
    assert snoozed.returncode == 0, snoozed.stderr
    again = json.loads(run_cli("next", "--json").stdout)
    assert first["key"] not in {f["key"] for s in again for f in s["folded"]}


def test_next_shows_how_many_are_folded(run_cli: InProcessCli) -> None:
    out = run_cli("next").stdout
    assert "folded)" in out and "      - Start " in out


def test_today_plans_a_session_and_says_why(run_cli: InProcessCli) -> None:
    result = run_cli("today", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["minutes"] == 45
    assert 0 < plan["planned_minutes"] <= 45
    assert plan["why"]
    assert all({"key", "title", "reason", "theme", "minutes", "action", "folded"} <= set(i) for i in plan["items"])
    assert len({i["theme"] for i in plan["items"]}) == len(plan["items"])
    text = run_cli("today", "--minutes", "90").stdout
    assert text.startswith("Today, in about") and "of 90 minutes" in text


def test_today_refuses_a_session_of_no_length(run_cli: InProcessCli) -> None:
    result = run_cli("today", "--minutes", "0")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: a session is 5 to 1440 minutes (got 0)"
