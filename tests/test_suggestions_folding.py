"""Guidance like a mentor's: one piece of advice per theme at the top, the rest folded into it,
related advice joined, projects as work in progress, and a plan for today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_suggestions import (
    CORE_SKILLS,
    NOW,
    ROADMAP,
    STEPS_1_TO_4,
    TODAY,
    progress,
    project,
    ready_to_apply,
    snapshot,
)

from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.suggestion_facts import Snapshot
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.domain.suggestions import suggest_next_actions
from roadmap_app.domain.today import Theme, plan_today

OLD = NOW - timedelta(days=50)
STEP_1 = [t.id for t in ROADMAP.steps[0].tasks]
STEPS_1_2 = [t.id for s in ROADMAP.steps[:2] for t in s.tasks]


def titled(p: object, title: str) -> object:
    from dataclasses import replace

    return replace(p, title=title)  # type: ignore[type-var]


LEARNERS: dict[str, Snapshot] = {
    "new": snapshot(),
    "graduate": snapshot(states=progress([*STEP_1, "skill.python", "skill.sql", "skill.probability"])),
    "stalled": snapshot(
        states=progress(STEP_1) | progress(["skill.pytorch", "task.skills.framework"], ItemState.IN_PROGRESS, OLD)
    ),
    "two done projects without links": snapshot(
        states=progress(STEPS_1_2),
        projects=(
            titled(project(1, ProjectStatus.DONE), "Tweet sentiment"),
            titled(project(2, ProjectStatus.DONE), "Churn model"),
        ),
    ),
    "six projects being built": snapshot(
        states=progress(STEPS_1_2),
        projects=tuple(project(i, ProjectStatus.BUILDING, started=TODAY - timedelta(days=50)) for i in range(6)),
    ),
    "too much in progress": snapshot(states=progress(CORE_SKILLS[:6], ItemState.IN_PROGRESS, NOW)),
    "technical only": snapshot(states=progress([*STEP_1, *CORE_SKILLS])),
    "halfway": snapshot(
        states=progress([*STEPS_1_2, *CORE_SKILLS[:5]]),
        projects=(project(1, ProjectStatus.BUILDING, CORE_SKILLS[:2], started=TODAY - timedelta(days=30)),),
    ),
    "ready to apply": ready_to_apply(),
    "job search under way": snapshot(
        states=progress([*STEPS_1_TO_4, *CORE_SKILLS, "skill.communication", "task.apply.research-companies"]),
        projects=ready_to_apply().projects,
        target_career_id="career.data-scientist",
    ),
    "a target chosen, nothing else": snapshot(target_career_id="career.data-scientist"),
    "everything done": snapshot(
        states=progress([*(t.id for t in ROADMAP.tasks), *(s.id for s in ROADMAP.skills)]),
        projects=ready_to_apply().projects,
        target_career_id="career.data-scientist",
    ),
}


@pytest.mark.parametrize("name", sorted(LEARNERS))
def test_the_first_three_never_repeat_a_rule_and_every_folded_one_stays_actionable(name: str) -> None:
    shown = suggest_next_actions(LEARNERS[name])
    top = [s.rule for s in shown[:3]]
    assert len(top) == len(set(top)), (name, top)
    keys = [s.key for s in shown] + [f.key for s in shown for f in s.folded]
    assert len(keys) == len(set(keys)), "a suggestion is shown or folded once"
    for s in shown:
        for folded in s.folded:
            assert folded.title and folded.action.kind in ActionKind


def test_the_learners_cover_a_variety_of_advice() -> None:
    rules = {s.rule for snap in LEARNERS.values() for s in suggest_next_actions(snap)[:3]}
    assert len(rules) >= 8, rules


def test_done_projects_without_links_are_one_piece_of_advice() -> None:
    (links,) = [
        s for s in suggest_next_actions(LEARNERS["two done projects without links"]) if s.rule == "link-done-project"
    ]
    assert links.title in (
        "Add repository links to Tweet sentiment and Churn model",
        "Add repository links to Churn model and Tweet sentiment",
    )
    assert len(links.folded) == 1 and links.folded[0].action.value == "link"


def test_many_projects_being_built_is_advice_of_its_own_and_outranks_the_note_reminders() -> None:
    shown = suggest_next_actions(LEARNERS["six projects being built"])
    rules = [s.rule for s in shown]
    assert "projects-in-progress" in rules
    assert rules.index("projects-in-progress") < rules.index("note-building-project")
    (notes,) = [s for s in shown if s.rule == "note-building-project"]
    assert notes.title.endswith("and 5 more building projects")
    wip = shown[rules.index("projects-in-progress")]
    assert "6 projects" in wip.reason and wip.action.kind is ActionKind.OPEN_PROJECT


def test_three_projects_being_built_are_not_too_many() -> None:
    few = snapshot(projects=tuple(project(i, ProjectStatus.BUILDING) for i in range(3)))
    assert "projects-in-progress" not in {s.rule for s in suggest_next_actions(few)}


def test_a_stalled_skill_and_the_task_that_practises_it_are_one_piece_of_advice() -> None:
    shown = suggest_next_actions(LEARNERS["stalled"])
    stalled = [s for s in shown if s.rule == "stalled-work"]
    assert len(stalled) == 1
    (advice,) = stalled
    together = {advice.key, *(f.key for f in advice.folded)}
    assert {"stalled:skill.pytorch", "stalled:task.skills.framework"} <= together
    assert advice.key == "stalled:skill.pytorch", "the skill leads, named with the task that practises it"
    assert "Train a model in a deep learning framework" in advice.reason


def test_a_task_is_named_with_the_skill_it_practises_when_both_are_suggested() -> None:
    shown = suggest_next_actions(LEARNERS["new"])
    python = [s for s in shown if "skill.python" in s.related]
    assert len(python) == 1, [s.key for s in python]


# --- a plan for today ---------------------------------------------------------------------------


def test_today_mixes_learning_portfolio_and_job_search_within_the_session() -> None:
    halfway = snapshot(
        states=progress([*STEPS_1_2, *CORE_SKILLS[:5]]),
        projects=(titled(project(1, ProjectStatus.DONE), "Churn model"),),
    )
    plan = plan_today(suggest_next_actions(halfway), 45)
    assert 1 < len(plan.items) <= 3
    assert plan.planned_minutes <= 45
    themes = [item.theme for item in plan.items]
    assert len(set(themes)) == len(themes), "one of each kind first"
    assert Theme.PORTFOLIO in themes and Theme.LEARNING in themes
    assert plan.why.startswith("One step each on")


def test_a_short_session_takes_what_fits_and_says_why() -> None:
    shown = suggest_next_actions(LEARNERS["two done projects without links"])
    plan = plan_today(shown, 5)
    assert [item.minutes for item in plan.items] == [5]
    assert plan.items[0].suggestion.rule == "link-done-project"
    assert "does not fit in 5 minutes" in plan.why


def test_nothing_to_plan_says_so() -> None:
    assert plan_today([], 45).items == ()
    assert plan_today([], 45).why == "Nothing to suggest right now."
