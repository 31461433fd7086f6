"""The suggestion rules on learning and the job search (the portfolio's are in
``suggestion_rules_projects``): each reads the precomputed facts and yields its
suggestions, best first.

Every rule has a one-line docstring, shown as its summary. Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime

from roadmap_app.domain.model import ItemState, SkillGroup
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.progress import current_step, tally
from roadmap_app.domain.readiness import READY_CORE_FRACTION, READY_LINKED_PROJECTS, READY_STEPS_FRACTION, core_skills
from roadmap_app.domain.suggestion_facts import OPEN, WIP_LIMIT, Facts
from roadmap_app.domain.suggestion_rules_jobs import OPEN_JOB_SEARCH, search_under_way
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import count_of, join_names, make_suggestion

STALE_DAYS = 14
"""Work in progress or a project being built that nobody touched for this long has stalled."""
START_PENALTY = 30
"""How far "start something new" advice drops while too much is in progress."""
PROJECT_START_PENALTY = 15
WORKPLACE_AFTER_TECHNICAL = 5
"""Technical skills done before an untouched workplace side counts as neglected."""
PROJECT_WIP_LIMIT = 3
"""More projects being built at once than this is too many."""


# --- scoring helpers ------------------------------------------------------------------------------


def start_penalty(f: Facts, penalty: int = START_PENALTY) -> int:
    """How far advice to start something new drops: by ``penalty`` while too much is in progress."""
    return penalty if f.over_limit else 0


def weeks_past_stale(days: int, cap: int) -> int:
    """Whole weeks beyond ``STALE_DAYS``, at most ``cap``: how much more urgent stale advice is."""
    return min((days - STALE_DAYS) // 7, cap)


def _stalled(f: Facts, item_id: str) -> bool:
    touched = f.last_touched(f.states[item_id]) if item_id in f.states else None
    return touched is not None and (f.today - touched.date()).days >= STALE_DAYS


# --- the rules ------------------------------------------------------------------------------------


def step_order(f: Facts) -> Iterator[Suggestion]:
    """Follow the step order: the next open task of the current step, earlier steps left open first."""
    steps = f.roadmap.steps
    if not steps:
        return
    current = current_step(f.roadmap, f.states, f.snap.current_step_id)
    current_index = next(i for i, s in enumerate(steps) if s.id == current.id)
    for index, step in enumerate(steps[: current_index + 1]):
        open_tasks = [t for t in step.tasks if f.state(t.id) in OPEN]
        if not open_tasks:
            continue
        # A task in progress comes first, unless it has stalled: stalled-work speaks of that.
        going = [t for t in open_tasks if f.state(t.id) is ItemState.IN_PROGRESS and not _stalled(f, t.id)]
        fresh = [t for t in open_tasks if f.state(t.id) is ItemState.TODO]
        if not going and not fresh:
            continue
        task = (going or fresh)[0]
        state = f.state(task.id)
        counts = tally(f.states, (t.id for t in step.tasks))
        where = f"step {step.number}, {step.title}, with {counts.done} of {counts.counted} tasks done"
        key = f"step-task:{task.id}"
        if index < current_index:
            yield make_suggestion(
                "step-order",
                key,
                f"Review step {step.number}: {task.title}",
                f"Step {step.number} comes before your current step {current.number} and still has "
                f"{count_of(len(open_tasks), 'open task')}; mark what you have done and skip what does not apply.",
                75,
                Action(ActionKind.OPEN_ITEM, task.id, label="Review"),
                state,
                len(open_tasks),
                subject=task.title,
                related=(task.id, *task.skill_ids),
            )
            continue
        # Done technical skills suggest a learning task is done too; a done soft skill
        # such as communication says nothing about writing READMEs or interview notes.
        skills_done = bool(task.skill_ids) and all(
            f.state(s) is ItemState.DONE and s in f.skills and f.skills[s].group is SkillGroup.TECHNICAL
            for s in task.skill_ids
        )
        if skills_done:
            yield make_suggestion(
                "step-order",
                key,
                f"Done already? {task.title}",
                f"You have marked {join_names([f.title(s) for s in task.skill_ids])} done, so this task may be done "
                f"as well; it is the next one of {where}.",
                72,
                Action(ActionKind.SET_STATE, task.id, ItemState.DONE.value, "Mark done"),
                state,
                "skills-done",
                subject=task.title,
                related=(task.id, *task.skill_ids),
            )
        elif state is ItemState.IN_PROGRESS:
            yield make_suggestion(
                "step-order",
                key,
                f"Carry on: {task.title}",
                f"It is in progress and the next task of your current {where}.",
                71,
                Action(ActionKind.SET_STATE, task.id, ItemState.DONE.value, "Mark done"),
                state,
                subject=task.title,
                related=(task.id, *task.skill_ids),
            )
        else:
            yield make_suggestion(
                "step-order",
                key,
                task.title,
                f"It is the next open task of your current {where}.",
                70 - start_penalty(f),
                Action(ActionKind.SET_STATE, task.id, ItemState.IN_PROGRESS.value, "Start"),
                state,
                subject=task.title,
                related=(task.id, *task.skill_ids),
            )


def ready_skills(f: Facts) -> Iterator[Suggestion]:
    """Start skills whose prerequisites are all done, ranked by what they unlock, the ideas training them and the target role."""
    found: list[Suggestion] = []
    for skill in f.roadmap.skills:
        if not f.ready(skill):
            continue
        unlocks = f.unlocks(skill.id)
        ideas = f.ideas_by_skill.get(skill.id, [])
        relevant = skill.id in f.target_skills
        score = min(len(unlocks), 10) + 2 * min(len(ideas), 5) + (6 if relevant else 0)
        facts: list[str] = []
        if skill.requires:
            done = [f.title(r) for r in skill.requires]
            verb = "is" if len(done) == 1 else "are"
            facts.append(
                f"{join_names(done)} {verb} done and {skill.title} builds on {'it' if len(done) == 1 else 'them'}"
            )
        else:
            facts.append(f"{skill.title} needs nothing learned first")
        if unlocks:
            facts.append(
                f"it opens the way to {count_of(len(unlocks), 'more skill')} ({join_names([f.title(u) for u in unlocks], 2, listing=True)})"
            )
        if ideas:
            facts.append(f"{count_of(len(ideas), 'project idea')} {'trains' if len(ideas) == 1 else 'train'} it")
        if relevant:
            facts.append(f.target_uses)
        if f.over_limit:
            facts.append(f"but finish some of your {len(f.in_progress)} items in progress first")
        found.append(
            make_suggestion(
                "ready-skill",
                f"start-skill:{skill.id}",
                f"Start {skill.title}",
                "; ".join(facts) + ".",
                40 + min(score, 25) - start_penalty(f),
                Action(ActionKind.SET_STATE, skill.id, ItemState.IN_PROGRESS.value, "Start learning"),
                tuple(skill.requires),
                len(unlocks),
                len(ideas),
                relevant,
                subject=skill.title,
                related=(skill.id,),
            )
        )
    found.sort(key=lambda s: -s.priority)
    yield from found


def stalled_work(f: Facts) -> Iterator[Suggestion]:
    """Pick up again a task or skill in progress that nobody touched for 14 days."""
    stalled: list[tuple[int, str, datetime]] = []
    for item_id in f.in_progress:
        touched = f.last_touched(f.states[item_id])
        if touched is None:
            continue
        days = (f.today - touched.date()).days
        if days >= STALE_DAYS:
            stalled.append((days, item_id, touched))
    # The longest untouched first; a skill before the task that practises it.
    stalled.sort(key=lambda x: (-x[0], x[1] in f.tasks))
    for days, item_id, touched in stalled:
        title = f.title(item_id)
        yield make_suggestion(
            "stalled-work",
            f"stalled:{item_id}",
            f"Get back to {title}",
            f"{title} has been in progress with no change for {days} days (last on {touched.date().isoformat()}); "
            "finish it, or set it back to to-do to clear your plate.",
            64 + weeks_past_stale(days, 8),
            Action(ActionKind.OPEN_ITEM, item_id, label="Open"),
            touched.date().isoformat(),
            subject=title,
            related=(item_id, *(f.tasks[item_id].skill_ids if item_id in f.tasks else ())),
        )


def too_much_in_progress(f: Facts) -> Iterator[Suggestion]:
    """With more than 4 tasks and skills in progress, finish one before starting another."""
    if not f.over_limit:
        return

    # Finishing the in-progress skill that opens the most others pays off first;
    # otherwise the one touched last, where the learner still has momentum.
    def rank(item_id: str) -> tuple[int, datetime]:
        touched = f.last_touched(f.states[item_id])
        return (len(f.unlocks(item_id)) if item_id in f.skills else 0, touched or datetime.min)

    pick = max(f.in_progress, key=rank)
    titles = [f.title(i) for i in f.in_progress]
    yield make_suggestion(
        "too-much-in-progress",
        "wip-limit",
        f"Finish {f.title(pick)} before starting more",
        f"You have {len(f.in_progress)} tasks and skills in progress at once ({join_names(titles)}), more than "
        f"{WIP_LIMIT}; finishing one before starting another gets more done.",
        80,
        Action(ActionKind.OPEN_ITEM, pick, label="Open"),
        tuple(sorted(f.in_progress)),
    )


def balance_workplace(f: Facts) -> Iterator[Suggestion]:
    """Workplace skills neglected while technical ones advance: start the workplace skill that opens most."""
    technical_done = [
        s for s in f.roadmap.skills if s.group is SkillGroup.TECHNICAL and f.state(s.id) is ItemState.DONE
    ]
    workplace = [s for s in f.roadmap.skills if s.group is SkillGroup.WORKPLACE]
    if len(technical_done) < WORKPLACE_AFTER_TECHNICAL or not workplace:
        return
    if any(f.state(s.id) in (ItemState.DONE, ItemState.IN_PROGRESS) for s in workplace):
        return
    ready = [s for s in workplace if f.ready(s)]
    if not ready:
        return
    pick = max(ready, key=lambda s: len(f.unlocks(s.id)))  # max keeps the first of equals: content order
    duties = [d.title for d in f.roadmap.duties if pick.id in d.skill_ids]
    used = f"; the job's duties rely on it ({join_names(duties, 2)})" if duties else ""
    yield make_suggestion(
        "balance-workplace",
        f"workplace:{pick.id}",
        f"Start {pick.title}",
        f"You have {count_of(len(technical_done), 'technical skill')} done but no workplace skill started{used}.",
        62 - start_penalty(f),
        Action(ActionKind.SET_STATE, pick.id, ItemState.IN_PROGRESS.value, "Start learning"),
        len(technical_done) >= WORKPLACE_AFTER_TECHNICAL,
        subject=pick.title,
        related=(pick.id,),
    )


def job_readiness(f: Facts) -> Iterator[Suggestion]:
    """Readiness to apply: start applying once steps 1-4, core skills and linked projects are there, else say what is missing; once applications are on record, keep 3 going."""
    if f.applications:
        yield from search_under_way(f)
        return
    steps = f.roadmap.steps
    if len(steps) < 2:
        return
    apply_step = steps[-1]
    before = tally(f.states, (t.id for s in steps[:-1] for t in s.tasks))
    core_ids = core_skills(f.roadmap)
    core = [s.id for s in f.roadmap.skills if s.id in core_ids]
    core_tally = tally(f.states, core)
    linked = len(f.linked_done_projects)
    core_needed = max(0, math.ceil(core_tally.counted * READY_CORE_FRACTION) - core_tally.done)
    missing: list[str] = []
    if before.fraction < READY_STEPS_FRACTION:
        last = steps[-2].number
        missing.append(f"steps 1-{last} are {before.percent}% done (aim for {round(READY_STEPS_FRACTION * 100)}%)")
    if core_needed:
        todo = [f.title(s) for s in core if f.state(s) in OPEN]
        missing.append(f"{count_of(core_needed, 'more core skill')} (open: {join_names(todo, listing=True)})")
    if linked < READY_LINKED_PROJECTS:
        missing.append(f"{count_of(READY_LINKED_PROJECTS - linked, 'more finished project')} with a repository link")
    apply_tally = tally(f.states, (t.id for t in apply_step.tasks))
    if not missing:
        ready = (
            f"Steps 1-{steps[-2].number} are {before.percent}% done, {core_tally.done} of {core_tally.counted} core "
            f"skills are done and {count_of(linked, 'finished project')} {'has' if linked == 1 else 'have'} a "
            "repository link"
        )
        first = next((t for t in apply_step.tasks if f.state(t.id) is ItemState.TODO), None)
        if first is None or apply_tally.done or apply_tally.in_progress:
            yield make_suggestion(
                "job-readiness",
                "apply:first",
                "Add your first job application",
                f"{ready}, and step {apply_step.number} is under way, but no application is on record: add each "
                "job you apply for, with its ad, to be reminded to follow up and to prepare for the ad's skills.",
                68,
                OPEN_JOB_SEARCH,
                "first",
            )
            return
        yield make_suggestion(
            "job-readiness",
            "apply:start",
            "Start applying for jobs",
            f"{ready}: time for step {apply_step.number}, starting with {first.title}; add each application as "
            "you send it.",
            85,
            Action(ActionKind.SET_STATE, first.id, ItemState.IN_PROGRESS.value, "Start"),
            "ready",
        )
        return
    # Only worth saying once the learner is part-way: a beginner has more useful advice.
    if before.fraction < 0.5 and linked == 0 and core_tally.fraction < 0.5:
        return
    if linked < READY_LINKED_PROJECTS:
        action = Action(ActionKind.OPEN_PAGE, PageName.PORTFOLIO, label="Open portfolio")
    elif core_needed:
        action = Action(ActionKind.OPEN_PAGE, PageName.SKILLS, label="Open skills")
    else:
        action = Action(ActionKind.OPEN_PAGE, PageName.ROADMAP, label="Open roadmap")
    yield make_suggestion(
        "job-readiness",
        "apply:gaps",
        "Close the gaps before applying",
        f"Before you apply for ML engineer jobs: {'; '.join(missing)}.",
        40,
        action,
        tuple(missing),
    )


def choose_target(f: Facts) -> Iterator[Suggestion]:
    """No target role chosen yet: choose one so advice can favour the skills it needs."""
    if not f.roadmap.career_steps or any(c.id == f.snap.target_career_id for c in f.roadmap.career_steps):
        return
    yield make_suggestion(
        "choose-target",
        "choose-target",
        "Choose a target role",
        f"No target role is chosen yet; the career page lists {count_of(len(f.roadmap.career_steps), 'role')} "
        "with their pay, and choosing one makes these suggestions favour the skills it needs.",
        30,
        Action(ActionKind.OPEN_PAGE, PageName.CAREER, label="Open career"),
        f.snap.target_career_id,
    )
