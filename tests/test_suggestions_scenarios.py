"""Three learners built through the real services: the advice at the top is what a mentor would say."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import CliRunner

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.services import NotFoundError, Services

NOW = datetime(2026, 3, 2, 9, 0)


class Clock:
    """A clock the test moves by hand, so that dates in the data are known."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def days_ago(self, days: int, today: datetime) -> Clock:
        self.now = today - timedelta(days=days)
        return self


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def app(data_dir: Path, clock: Clock) -> Iterator[Services]:
    _paths, built = open_services(data_dir, clock=clock)
    yield built
    built.close()


# --- the learners ---------------------------------------------------------------------------------


def new_learner(app: Services, clock: Clock, today: datetime) -> int:
    """Opened the app for the first time today."""
    clock.now = today
    return app.profiles.create("Nora").id


HALFWAY_DONE = [
    "skill.python",
    "skill.sql",
    "skill.linear-algebra",
    "skill.calculus",
    "skill.probability",
    "skill.descriptive-statistics",
    "skill.scikit-learn",
    "skill.matplotlib",
    "skill.data-preprocessing",
    "skill.data-exploration",
]


def halfway_learner(app: Services, clock: Clock, today: datetime) -> int:
    """Two months in: credential done, ten technical skills done, R stalled, no project yet."""
    profile = app.profiles.create("Hal").id
    clock.days_ago(60, today)
    for task in app.roadmap.steps[0].tasks:
        app.progress.set_state(profile, task.id, ItemState.DONE)
    clock.days_ago(30, today)
    app.progress.set_state(profile, "skill.r", ItemState.IN_PROGRESS)
    clock.days_ago(10, today)
    for skill in HALFWAY_DONE:
        app.progress.set_state(profile, skill, ItemState.DONE)
    for task in ("task.skills.python-basics", "task.skills.maths", "task.skills.sql"):
        app.progress.set_state(profile, task, ItemState.DONE)
    clock.days_ago(2, today)
    app.progress.set_state(profile, "skill.tensorflow", ItemState.IN_PROGRESS)
    clock.now = today
    return profile


READY_SKILLS = [
    *HALFWAY_DONE,
    "skill.model-evaluation",
    "skill.tensorflow",
    "skill.keras",
    "skill.pytorch",
    "skill.deep-learning",
    "skill.nlp",
    "skill.communication",
]


def ready_learner(app: Services, clock: Clock, today: datetime) -> int:
    """Eight months in: steps 1-4 nearly done, core skills done, two finished projects on GitHub."""
    profile = app.profiles.create("Ria").id
    app.profiles.set_goal(profile, target_career_id="career.ml-specialist")
    clock.days_ago(240, today)
    for skill in READY_SKILLS:
        app.progress.set_state(profile, skill, ItemState.DONE)
    clock.days_ago(60, today)
    for step in app.roadmap.steps[:-1]:
        for task in step.tasks:
            if task.id != "task.experience.log-lessons":
                app.progress.set_state(profile, task.id, ItemState.DONE)
    clock.days_ago(90, today)
    sentiment = app.portfolio.start_from_idea(profile, "idea.sentiment-analysis")
    recommender = app.portfolio.start_from_idea(profile, "idea.recommendation-system")
    app.portfolio.set_skills(
        profile,
        sentiment.id,
        [*sentiment.skill_ids, "skill.data-exploration", "skill.matplotlib", "skill.descriptive-statistics"],
    )
    app.portfolio.set_skills(
        profile,
        recommender.id,
        [*recommender.skill_ids, "skill.deep-learning", "skill.linear-algebra", "skill.calculus", "skill.probability"],
    )
    clock.days_ago(20, today)
    app.portfolio.update(profile, sentiment.id, status="done", repo_url="https://github.com/ria/sentiment")
    app.portfolio.update(profile, recommender.id, status="done", repo_url="https://github.com/ria/recommender")
    clock.now = today
    return profile


# --- what the mentor would say ----------------------------------------------------------------------


def test_a_new_learner_starts_at_the_beginning_of_the_road(app: Services, clock: Clock) -> None:
    profile = new_learner(app, clock, NOW)
    top = app.suggestions.next_actions(profile, limit=3)
    # A new profile aims for the ML engineer role already, so no "choose a target" here.
    assert [s.key for s in top] == [
        "step-task:task.credential.choose-path",
        "start-skill:skill.python",
    ]
    assert "13 more skills" in top[1].reason
    # The other skills that need nothing first are folded into the one that opens most.
    assert "start-skill:skill.sql" in {f.key for f in top[1].folded}
    assert top[1].title.startswith("Start Python; SQL")


def test_a_learner_halfway_through_skills_without_projects_is_told_to_build_one(app: Services, clock: Clock) -> None:
    profile = halfway_learner(app, clock, NOW)
    top = app.suggestions.next_actions(profile, limit=5)
    assert top[0].action.kind is ActionKind.START_PROJECT
    assert top[0].key == "show-skills:idea.fraud-detection"
    assert "No project of yours shows 4 done skills" in top[0].reason
    keys = [s.key for s in top]
    assert "stalled:skill.r" in keys
    assert "workplace:skill.communication" in keys
    assert "apply:start" not in keys


def test_a_learner_ready_for_the_job_market_is_told_to_start_applying(app: Services, clock: Clock) -> None:
    profile = ready_learner(app, clock, NOW)
    top = app.suggestions.next_actions(profile, limit=3)
    assert top[0].key == "apply:start"
    assert top[0].action.target == "task.apply.research-companies"
    assert "2 finished projects have a repository link" in top[0].reason
    assert not [s for s in top if s.rule in ("show-done-skills", "link-done-project")]


def test_snooze_dismiss_and_undo_through_the_service(app: Services, clock: Clock) -> None:
    profile = halfway_learner(app, clock, NOW)
    top = app.suggestions.next_actions(profile)[0]
    until = app.suggestions.snooze(profile, top.key, days=3)
    assert until == (NOW + timedelta(days=3)).date()
    assert top.key not in [s.key for s in app.suggestions.next_actions(profile)]
    clock.now = NOW + timedelta(days=3)
    assert top.key in [s.key for s in app.suggestions.next_actions(profile)]

    stored = app.suggestions.dismiss(profile, top.key)
    assert stored.dismissed_fingerprint == top.fingerprint
    assert top.key not in [s.key for s in app.suggestions.next_actions(profile)]
    assert app.suggestions.clear_feedback(profile, top.key) == stored
    assert top.key in [s.key for s in app.suggestions.next_actions(profile)]

    # Dismissed, it returns when its facts change: here a new done skill the same idea trains.
    app.suggestions.dismiss(profile, top)
    app.progress.set_state(profile, "skill.spark", ItemState.DONE)
    assert top.key in [s.key for s in app.suggestions.next_actions(profile)]


def test_the_snapshot_reduces_notes_and_activity_to_their_newest_times(app: Services, clock: Clock) -> None:
    profile = app.profiles.create("Sam").id
    project = app.portfolio.add(profile, "Spam filter", status="building", skill_ids=["skill.nlp", "skill.python"])
    app.portfolio.add_note(profile, project.id, "first")
    clock.now = NOW + timedelta(days=5)
    app.portfolio.add_note(profile, project.id, "second")
    app.progress.set_state(profile, "skill.python", ItemState.IN_PROGRESS)
    snap = app.suggestions.snapshot(profile)
    assert snap.last_note_at == {project.id: NOW + timedelta(days=5)}
    assert snap.last_activity["skill.python"] == NOW + timedelta(days=5)
    assert snap.today == (NOW + timedelta(days=5)).date()
    assert list(snap.projects) == app.portfolio.projects(profile)


def test_next_json_on_the_command_line(cli: CliRunner, data_dir: Path) -> None:
    today = datetime.now().replace(microsecond=0)
    clock = Clock(today)
    _paths, app = open_services(data_dir, clock=clock)
    try:
        ready_learner(app, clock, today)
    finally:
        app.close()

    result = cli("--profile", "Ria", "next", "--json", "--limit", "2")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) == 2
    assert found[0]["key"] == "apply:start"
    assert set(found[0]) >= {"key", "title", "reason", "priority", "action"}
    assert found[0]["action"] == {
        "kind": "set_state",
        "target": "task.apply.research-companies",
        "value": "in_progress",
        "label": "Start",
    }

    dismissed = cli("--profile", "Ria", "next", "--dismiss", "apply:start")
    assert dismissed.returncode == 0, dismissed.stderr
    human = cli("--profile", "Ria", "next", "--limit", "3")
    assert human.returncode == 0, human.stderr
    assert human.stdout.startswith(" 1. ")
    assert "[apply:start]" not in human.stdout


def test_an_unknown_suggestion_key_is_reported(app: Services, clock: Clock) -> None:
    profile = new_learner(app, clock, NOW)
    with pytest.raises(NotFoundError, match="no current suggestion has the key 'no-such-key'"):
        app.suggestions.snooze(profile, "no-such-key")
    with pytest.raises(NotFoundError):
        app.suggestions.dismiss(profile, "no-such-key")
    assert app.suggestions.clear_feedback(profile, "no-such-key") is None
