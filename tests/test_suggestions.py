"""The suggestion rules, one learner state at a time: each rule fires when it should and only then."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from job_helpers import application, applied

from roadmap_app.content import load_roadmap
from roadmap_app.domain.activity import Activity, ActivityAction, SubjectKind
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.model import Feedback, ItemState, Progress, Project, ProjectStatus, Roadmap
from roadmap_app.domain.study import TimeFacts
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestions import (
    RULES,
    WIP_LIMIT,
    Snapshot,
    all_candidates,
    last_activity_by_subject,
    suggest_next_actions,
)

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)
ROADMAP: Roadmap = load_roadmap()

STEPS_1_TO_4 = [t.id for s in ROADMAP.steps[:-1] for t in s.tasks]
CORE_SKILLS = [
    "skill.python",
    "skill.sql",
    "skill.probability",
    "skill.descriptive-statistics",
    "skill.matplotlib",
    "skill.data-preprocessing",
    "skill.data-exploration",
    "skill.model-evaluation",
    "skill.scikit-learn",
]


def progress(ids: Iterable[str], state: ItemState = ItemState.DONE, at: datetime = NOW) -> dict[str, Progress]:
    return {i: Progress(i, state, "", at) for i in ids}


def project(
    project_id: int,
    status: ProjectStatus,
    skills: Iterable[str] = (),
    *,
    repo: str = "",
    idea: str = "",
    started: date | None = None,
) -> Project:
    started = started or TODAY - timedelta(days=3)
    created = datetime.combine(started, datetime.min.time())
    return Project(
        id=project_id,
        title=f"Project {project_id}",
        summary="",
        status=status,
        repo_url=repo,
        demo_url="",
        idea_id=idea,
        started_on=started if status is not ProjectStatus.IDEA else None,
        finished_on=TODAY if status is ProjectStatus.DONE else None,
        created_at=created,
        updated_at=created,
        skill_ids=tuple(skills),
    )


def snapshot(**fields: object) -> Snapshot:
    return Snapshot(ROADMAP, TODAY, **fields)  # type: ignore[arg-type]


def keys(snap: Snapshot) -> list[str]:
    return [s.key for s in suggest_next_actions(snap)]


def find(snap: Snapshot, key: str) -> Suggestion:
    found = {s.key: s for s in suggest_next_actions(snap)}
    assert key in found, f"{key} not in {list(found)}"
    return found[key]


def ready_to_apply() -> Snapshot:
    states = progress([*STEPS_1_TO_4, *CORE_SKILLS, "skill.communication"])
    projects = (
        project(1, ProjectStatus.DONE, CORE_SKILLS[:5], repo="https://example.org/a"),
        project(2, ProjectStatus.DONE, CORE_SKILLS[5:], repo="https://example.org/b"),
    )
    return snapshot(states=states, projects=projects, target_career_id="career.data-scientist")


def job_search() -> Snapshot:
    """Applications waiting 8 and 25 days, interviews yesterday and tomorrow, two ads asking for Spark."""
    day = timedelta(days=1)
    interviewing = (Stage.INTERVIEW, TODAY - 3 * day)
    apps = (
        applied(1, TODAY - 8 * day, "Acme"),
        applied(2, TODAY - 25 * day, "Globex"),
        replace(
            applied(3, TODAY - 9 * day, "Initech", interviewing),
            interviews=application(3, interviews=[(TODAY + day, InterviewKind.TECHNICAL)]).interviews,
        ),
        replace(
            applied(4, TODAY - 9 * day, "Hooli", interviewing),
            interviews=application(4, interviews=[(TODAY - day, InterviewKind.PHONE)]).interviews,
        ),
    )
    ads = {1: ("skill.spark", "skill.python"), 3: ("skill.spark",)}
    return replace(ready_to_apply(), applications=apps, ad_skills=ads)


# --- every rule is documented -------------------------------------------------------------------


def test_every_rule_has_a_one_line_summary() -> None:
    assert len(RULES) >= 9
    for rule in RULES:
        assert rule.summary, rule.name
        assert "\n" not in rule.summary, rule.name


# --- step order -----------------------------------------------------------------------------------


def test_a_new_learner_is_pointed_at_the_first_task_of_step_one() -> None:
    first = suggest_next_actions(snapshot())[0]
    assert first.key == "step-task:task.credential.choose-path"
    assert first.action == Action(ActionKind.SET_STATE, "task.credential.choose-path", "in_progress", "Start")
    assert "step 1" in first.reason


def test_step_order_is_quiet_when_every_task_is_done() -> None:
    snap = snapshot(states=progress(t.id for t in ROADMAP.tasks))
    assert not [s for s in suggest_next_actions(snap) if s.rule == "step-order"]


def test_a_task_in_progress_is_carried_on_before_the_next_one() -> None:
    states = progress(["task.credential.choose-path"]) | progress(["task.credential.enrol"], ItemState.IN_PROGRESS)
    found = find(snapshot(states=states), "step-task:task.credential.enrol")
    assert found.title.startswith("Carry on")
    assert found.action.value == "done"


def test_an_earlier_step_left_open_comes_before_the_chosen_step() -> None:
    snap = snapshot(current_step_id="step.portfolio")
    (steps,) = [s for s in suggest_next_actions(snap) if s.rule == "step-order"]
    # The earliest open step leads; the later ones are folded into it, in step order.
    assert steps.key == "step-task:task.credential.choose-path"
    assert steps.action.kind is ActionKind.OPEN_ITEM
    assert [f.key for f in steps.folded] == ["step-task:task.skills.python-basics", "step-task:task.portfolio.github"]


def test_a_task_whose_skills_are_all_done_is_offered_as_done() -> None:
    states = progress(t.id for t in ROADMAP.steps[0].tasks)
    states |= progress(["skill.python"])
    found = find(snapshot(states=states), "step-task:task.skills.python-basics")
    assert found.title == "Done already? Learn Python basics"
    assert found.action == Action(ActionKind.SET_STATE, "task.skills.python-basics", "done", "Mark done")
    assert "Python" in found.reason


def test_a_done_soft_skill_does_not_suggest_a_task_is_done() -> None:
    before = [t.id for s in ROADMAP.steps[:2] for t in s.tasks] + [t.id for t in ROADMAP.steps[2].tasks[:3]]
    found = find(snapshot(states=progress([*before, "skill.communication"])), "step-task:task.portfolio.readmes")
    assert found.title == "Write a README for each project"
    assert found.action.value == "in_progress"


# --- skills ready to start ----------------------------------------------------------------------------


def test_a_skill_whose_prerequisites_are_done_is_suggested_with_its_facts() -> None:
    snap = snapshot(states=progress(["skill.python", "skill.tensorflow", "skill.scikit-learn"]))
    candidates = {s.key: s for s in all_candidates(snap)}
    pytorch = candidates["start-skill:skill.pytorch"]
    assert pytorch.title == "Start PyTorch"
    assert pytorch.reason.startswith("Python is done and PyTorch builds on it")
    assert "3 project ideas train it" in pytorch.reason
    assert pytorch.action == Action(ActionKind.SET_STATE, "skill.pytorch", "in_progress", "Start learning")


def test_a_skill_with_an_unfinished_prerequisite_is_not_suggested() -> None:
    candidates = {s.key for s in all_candidates(snapshot(states=progress(["skill.python"], ItemState.IN_PROGRESS)))}
    assert "start-skill:skill.pytorch" not in candidates
    assert "start-skill:skill.python" not in candidates  # already started


def test_skills_that_unlock_the_most_come_first() -> None:
    ready = [s.key for s in all_candidates(snapshot()) if s.rule == "ready-skill"]
    assert ready[0] == "start-skill:skill.python"
    assert ready.index("start-skill:skill.sql") < ready.index("start-skill:skill.java")


def test_the_target_role_lifts_the_skills_its_duties_use() -> None:
    states = progress(["skill.python"])

    def pytorch(target: str) -> Suggestion:
        snap = snapshot(states=states, target_career_id=target)
        return next(s for s in all_candidates(snap) if s.key == "start-skill:skill.pytorch")

    # Designing models, a mid-level duty (Data Scientist), uses PyTorch; the entry-level duties do not.
    aimed, first_job = pytorch("career.data-scientist"), pytorch("")
    assert aimed.priority > first_job.priority
    assert "the Data Scientist role you aim for uses it" in aimed.reason
    assert "uses it" not in first_job.reason and "use it" not in first_job.reason


def test_skills_ready_to_start_are_one_piece_of_advice() -> None:
    (skills,) = [s for s in suggest_next_actions(snapshot()) if s.rule == "ready-skill"]
    assert skills.title.startswith("Start Python; ") and skills.title.endswith(" are ready too")
    assert len(skills.folded) >= 2
    assert all(f.key.startswith("start-skill:") and f.action.kind is ActionKind.SET_STATE for f in skills.folded)


# --- stalled work -------------------------------------------------------------------------------------


def test_work_in_progress_untouched_for_two_weeks_is_raised() -> None:
    old = NOW - timedelta(days=20)
    found = find(snapshot(states=progress(["skill.sql"], ItemState.IN_PROGRESS, old)), "stalled:skill.sql")
    assert found.title == "Get back to SQL"
    assert "20 days" in found.reason
    assert found.action == Action(ActionKind.OPEN_ITEM, "skill.sql", label="Open")


def test_recent_work_in_progress_is_not_stalled() -> None:
    recent = NOW - timedelta(days=10)
    assert "stalled:skill.sql" not in keys(snapshot(states=progress(["skill.sql"], ItemState.IN_PROGRESS, recent)))


def test_recent_activity_on_an_item_keeps_it_fresh() -> None:
    states = progress(["skill.sql", "skill.python"], ItemState.IN_PROGRESS, NOW - timedelta(days=30))
    activity = [
        Activity(1, NOW - timedelta(days=2), ActivityAction.ITEM_NOTE, SubjectKind.ITEM, "skill.sql", after="12"),
        # Only entries about the item itself count: a suggestion key is not the item.
        Activity(2, NOW - timedelta(days=1), ActivityAction.SUGGESTION_SNOOZE, SubjectKind.SUGGESTION, "skill.python"),
    ]
    snap = snapshot(states=states, last_activity=last_activity_by_subject(activity))
    assert "stalled:skill.sql" not in keys(snap)
    assert "stalled:skill.python" in keys(snap)


# --- too much in progress -----------------------------------------------------------------------------


def test_more_than_four_items_in_progress_asks_to_finish_one_and_holds_back_new_starts() -> None:
    busy = ["skill.python", "skill.sql", "skill.r", "skill.java", "skill.calculus"]
    assert len(busy) == WIP_LIMIT + 1
    snap = snapshot(states=progress(busy, ItemState.IN_PROGRESS))
    found = suggest_next_actions(snap)
    assert found[0].key == "wip-limit"
    assert found[0].action.target == "skill.python"  # it opens the most other skills
    assert "5 tasks and skills in progress" in found[0].reason
    calm = {s.key: s.priority for s in all_candidates(snapshot(states=progress(busy[:4], ItemState.IN_PROGRESS)))}
    penalised = {s.key: s.priority for s in all_candidates(snap)}
    assert penalised["start-skill:skill.probability"] < calm["start-skill:skill.probability"]
    assert penalised["step-task:task.credential.choose-path"] < calm["step-task:task.credential.choose-path"]


def test_four_items_in_progress_are_fine() -> None:
    snap = snapshot(states=progress(["skill.python", "skill.sql", "skill.r", "skill.java"], ItemState.IN_PROGRESS))
    assert "wip-limit" not in keys(snap)


# --- done skills that no project shows ----------------------------------------------------------------


def test_done_skills_no_project_shows_lead_to_a_fitting_project_idea() -> None:
    snap = snapshot(states=progress(["skill.python", "skill.nlp", "skill.scikit-learn", "skill.bayesian-statistics"]))
    found = [s for s in suggest_next_actions(snap) if s.rule == "show-done-skills"]
    assert found[0].key == "show-skills:idea.spam-detection"
    assert found[0].action == Action(ActionKind.START_PROJECT, "idea.spam-detection", label="Start project")
    assert "No project of yours shows 4 done skills" in found[0].reason


def test_done_skills_shown_by_a_project_need_no_new_project() -> None:
    done = ["skill.python", "skill.nlp", "skill.scikit-learn"]
    snap = snapshot(states=progress(done), projects=(project(1, ProjectStatus.BUILDING, done),))
    assert not [s for s in all_candidates(snap) if s.rule == "show-done-skills"]


def test_an_idea_already_started_is_not_suggested_again() -> None:
    done = ["skill.python", "skill.nlp", "skill.scikit-learn", "skill.bayesian-statistics"]
    started = project(1, ProjectStatus.IDEA, [], idea="idea.spam-detection")
    snap = snapshot(states=progress(done), projects=(started,))
    assert "show-skills:idea.spam-detection" not in {s.key for s in all_candidates(snap)}


# --- projects: links and notes ------------------------------------------------------------------------


def test_a_done_project_without_a_repository_link_asks_for_one() -> None:
    found = find(snapshot(projects=(project(7, ProjectStatus.DONE, ["skill.python"]),)), "add-link:project:7")
    assert found.action == Action(ActionKind.OPEN_PROJECT, "7", "link", "Add link")
    assert "no repository link" in found.reason


def test_a_linked_or_unfinished_project_needs_no_link_yet() -> None:
    projects = (
        project(7, ProjectStatus.DONE, repo="https://example.org/r"),
        project(8, ProjectStatus.BUILDING),
    )
    assert not [k for k in keys(snapshot(projects=projects)) if k.startswith("add-link:")]


def test_a_project_being_built_with_no_note_for_two_weeks_asks_for_a_note() -> None:
    building = project(3, ProjectStatus.BUILDING, started=TODAY - timedelta(days=40))
    snap = snapshot(projects=(building,), last_note_at={3: NOW - timedelta(days=21)})
    found = find(snap, "project-note:project:3")
    assert found.action == Action(ActionKind.OPEN_PROJECT, "3", "note", "Add note")
    assert "21 days" in found.reason


def test_a_recently_noted_or_just_started_project_needs_no_note() -> None:
    noted = project(3, ProjectStatus.BUILDING, started=TODAY - timedelta(days=40))
    fresh = project(4, ProjectStatus.BUILDING, started=TODAY - timedelta(days=5))
    done = project(5, ProjectStatus.DONE, repo="https://example.org/x", started=TODAY - timedelta(days=90))
    snap = snapshot(projects=(noted, fresh, done), last_note_at={3: NOW - timedelta(days=3)})
    assert not [k for k in keys(snap) if k.startswith("project-note:")]


# --- workplace skills ---------------------------------------------------------------------------------


TECHNICAL_FIVE = ["skill.python", "skill.sql", "skill.linear-algebra", "skill.calculus", "skill.probability"]


def test_workplace_skills_neglected_while_technical_ones_advance() -> None:
    found = find(snapshot(states=progress(TECHNICAL_FIVE)), "workplace:skill.communication")
    assert found.title == "Start Written and verbal communication"
    assert "5 technical skills done but no workplace skill started" in found.reason
    # The same action from the ready-skill rule is merged into this one.
    assert "start-skill:skill.communication" not in keys(snapshot(states=progress(TECHNICAL_FIVE)))


def test_a_workplace_skill_in_progress_or_few_technical_skills_is_balanced_enough() -> None:
    started = progress(TECHNICAL_FIVE) | progress(["skill.interpersonal"], ItemState.IN_PROGRESS)
    assert not [k for k in keys(snapshot(states=started)) if k.startswith("workplace:")]
    assert not [k for k in keys(snapshot(states=progress(TECHNICAL_FIVE[:4]))) if k.startswith("workplace:")]


# --- readiness to apply -------------------------------------------------------------------------------


def test_a_learner_with_the_steps_core_skills_and_linked_projects_is_told_to_start_applying() -> None:
    first = suggest_next_actions(ready_to_apply())[0]
    assert first.key == "apply:start"
    assert first.action == Action(ActionKind.SET_STATE, "task.apply.research-companies", "in_progress", "Start")
    assert "2 finished projects have a repository link" in first.reason


def test_once_applying_has_started_the_step_order_takes_over() -> None:
    snap = ready_to_apply()
    snap = replace(snap, states={**snap.states, **progress(["task.apply.research-companies"])})
    found = keys(snap)
    assert "apply:start" not in found
    assert "step-task:task.apply.coding-challenges" in found


def test_a_learner_missing_linked_projects_is_told_what_is_missing() -> None:
    snap = replace(ready_to_apply(), projects=(project(1, ProjectStatus.DONE, CORE_SKILLS, repo="https://x.org/a"),))
    found = find(snap, "apply:gaps")
    assert "1 more finished project with a repository link" in found.reason
    assert found.action == Action(ActionKind.OPEN_PAGE, "portfolio", label="Open portfolio")
    assert "apply:start" not in keys(snap)


def test_a_beginner_hears_nothing_about_applying() -> None:
    assert not [k for k in keys(snapshot(states=progress(["skill.python"]))) if k.startswith("apply:")]


# --- target role -----------------------------------------------------------------------------------


def test_a_learner_without_a_target_role_is_asked_to_choose_one() -> None:
    found = find(snapshot(), "choose-target")
    assert found.action == Action(ActionKind.OPEN_PAGE, "career", label="Open career")
    assert "choose-target" not in keys(snapshot(target_career_id="career.ml-specialist"))


# --- feedback: snooze and dismiss -----------------------------------------------------------------------


def test_a_snoozed_suggestion_stays_away_until_its_day() -> None:
    key = "step-task:task.credential.choose-path"
    snoozed = {key: Feedback(key, TODAY + timedelta(days=1), "")}
    assert key not in keys(snapshot(feedback=snoozed))
    assert key in keys(replace(snapshot(feedback=snoozed), today=TODAY + timedelta(days=1)))


def test_a_dismissed_suggestion_stays_away_until_its_facts_change() -> None:
    done = ["skill.python", "skill.nlp", "skill.scikit-learn"]
    snap = snapshot(states=progress(done))
    top = next(s for s in suggest_next_actions(snap) if s.rule == "show-done-skills")
    dismissed = {top.key: Feedback(top.key, None, top.fingerprint)}
    assert top.key not in keys(replace(snap, feedback=dismissed))
    # Another unrelated change keeps it away ...
    other = progress([*done, "skill.java"])
    assert top.key not in keys(snapshot(states=other, feedback=dismissed))
    # ... but one more done skill that the same idea trains brings it back.
    more = progress([*done, "skill.pytorch"])
    back = {s.key: s for s in suggest_next_actions(snapshot(states=more, feedback=dismissed))}
    assert top.key in back
    assert back[top.key].fingerprint != top.fingerprint


def test_a_dismissed_suggestion_makes_room_for_the_next_of_its_rule() -> None:
    (shown,) = [s for s in suggest_next_actions(snapshot()) if s.rule == "ready-skill"]
    dismissed = {shown.key: Feedback(shown.key, None, shown.fingerprint)}
    (after,) = [s for s in suggest_next_actions(snapshot(feedback=dismissed)) if s.rule == "ready-skill"]
    assert after.key == shown.folded[0].key
    assert shown.key not in {f.key for f in after.folded}


# --- ranking -------------------------------------------------------------------------------------------


def test_suggestions_are_ranked_with_unique_keys_and_a_stable_order() -> None:
    snap = ready_to_apply()
    first = suggest_next_actions(snap)
    assert [s.priority for s in first] == sorted((s.priority for s in first), reverse=True)
    assert len({s.key for s in first}) == len(first)
    assert first == suggest_next_actions(snap)


def test_the_engine_is_fast_on_a_large_profile() -> None:
    projects = tuple(
        project(i, [ProjectStatus.IDEA, ProjectStatus.BUILDING, ProjectStatus.DONE][i % 3], CORE_SKILLS[i % 5 :])
        for i in range(1, 501)
    )
    activity = {f"project:{i}": NOW - timedelta(days=i % 40) for i in range(1, 501)}
    snap = snapshot(states=progress(CORE_SKILLS), projects=projects, last_activity=activity)
    suggest_next_actions(snap)
    started = time.perf_counter()
    for _ in range(5):
        suggest_next_actions(snap)
    # The benchmark measures the real figure; this only catches an accidental blow-up.
    assert (time.perf_counter() - started) / 5 < 0.2


@pytest.mark.parametrize("rule", [r.name for r in RULES])
def test_every_rule_fires_in_some_learner_state(rule: str) -> None:
    states = [
        snapshot(),
        ready_to_apply(),
        snapshot(states=progress(TECHNICAL_FIVE) | progress(["skill.nlp", "skill.scikit-learn"])),
        snapshot(states=progress(TECHNICAL_FIVE, ItemState.IN_PROGRESS, NOW - timedelta(days=30))),
        snapshot(
            projects=(
                project(1, ProjectStatus.DONE),
                project(2, ProjectStatus.BUILDING, started=TODAY - timedelta(days=30)),
            )
        ),
        snapshot(projects=tuple(project(i, ProjectStatus.BUILDING) for i in range(1, 6))),
        job_search(),
        # Five days into a week with none of a 10-hour goal done, a streak not kept today,
        # and a plan that ends far past the ready-by day.
        snapshot(
            time=TimeFacts(
                goal_minutes=600,
                week_minutes=0,
                week_start=TODAY - timedelta(days=5),
                today_minutes=0,
                min_minutes=10,
                current_streak=4,
                ready_by=TODAY + timedelta(days=30),
                job_ready_on=TODAY + timedelta(days=300),
                ready_hours=400.0,
            )
        ),
    ]
    assert any(s.rule == rule for snap in states for s in all_candidates(snap))


def test_every_rule_yields_its_best_first() -> None:
    """The engine stops reading a rule after its few visible suggestions, so order matters."""
    projects = tuple(
        project(i, ProjectStatus.DONE if i % 2 else ProjectStatus.BUILDING, started=TODAY - timedelta(days=i * 5))
        for i in range(1, 40)
    )
    busy = progress(TECHNICAL_FIVE, ItemState.IN_PROGRESS, NOW - timedelta(days=30))
    busy |= progress(["skill.r"], ItemState.IN_PROGRESS, NOW - timedelta(days=60))
    for snap in (
        snapshot(),
        ready_to_apply(),
        snapshot(states=progress([*TECHNICAL_FIVE, "skill.nlp", "skill.scikit-learn", "skill.tensorflow"])),
        snapshot(states=busy, projects=projects),
        job_search(),
    ):
        for rule in RULES:
            priorities = [s.priority for s in all_candidates(snap) if s.rule == rule.name]
            assert priorities == sorted(priorities, reverse=True), rule.name
