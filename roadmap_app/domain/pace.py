"""The pace plan: the hours the open tasks and skills need, and at the learner's weekly
hours, when each step finishes and when they are ready to apply. Pure; standard library only.

The model, kept simple enough to explain in one paragraph (docs/time.md):
- Work goes step by step, in road order. A step's work is its open tasks and the open skills
  its tasks train first; a skill no task trains joins the first step that trains a skill of
  its category (else the first step that trains any skill). Skipped and done items need no time.
- Each item needs the roadmap's estimate (``hours``; an item without one counts
  ``DEFAULT_HOURS``). An item in progress needs its estimate less the time logged on it, and
  at least a quarter of it.
- Once the learner has logged time on finished items worth ``PACE_MIN_HOURS`` of estimates,
  their own pace (logged ÷ estimated, kept between a quarter and four times) scales every
  remaining estimate.
- Job-ready is the day the job-readiness rule's conditions on tasks and core skills are met
  along the way; the condition on finished projects is reported, not timed, because a
  project's length is the learner's choice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from roadmap_app.domain.model import ItemState, Progress, Roadmap, Skill, Step
from roadmap_app.domain.progress import state_of, tally
from roadmap_app.domain.readiness import (
    READY_CORE_FRACTION,
    READY_LINKED_PROJECTS,
    READY_STEPS_FRACTION,
    core_skills,
    count_of,
)

DEFAULT_HOURS = 10.0
"""The estimate of an item whose roadmap file gives none."""
PACE_MIN_HOURS = 10.0
PACE_LIMITS = (0.25, 4.0)
IN_PROGRESS_LEFT = 0.25


@dataclass(frozen=True, slots=True)
class PlannedItem:
    id: str
    title: str
    hours: float
    """What remains of it, after the learner's pace and the time already logged on it."""
    estimate: float
    basis: str


@dataclass(frozen=True, slots=True)
class PlannedStep:
    id: str
    number: int
    title: str
    items: tuple[PlannedItem, ...]
    finish_on: date | None
    """None when nothing of the step remains."""

    @property
    def remaining_hours(self) -> float:
        return sum(i.hours for i in self.items)


@dataclass(frozen=True, slots=True)
class Plan:
    hours_per_week: float
    today: date
    pace: float
    """The learner's own pace, 1.0 until they have logged enough time on finished items."""
    pace_basis: str
    steps: tuple[PlannedStep, ...]
    job_ready_on: date | None
    ready_hours: float
    """The hours of work before the job-ready day."""
    also_needed: tuple[str, ...]
    """Conditions of readiness that time alone does not meet (finished projects)."""

    @property
    def remaining_hours(self) -> float:
        return sum(s.remaining_hours for s in self.steps)

    def as_dict(self) -> dict[str, object]:
        return {
            "hours_per_week": self.hours_per_week,
            "steps": [
                {
                    "id": s.id,
                    "title": s.title,
                    "remaining_hours": round(s.remaining_hours, 1),
                    "finish_on": s.finish_on.isoformat() if s.finish_on else None,
                }
                for s in self.steps
            ],
            "job_ready_on": self.job_ready_on.isoformat() if self.job_ready_on else None,
            "pace": round(self.pace, 2),
            "also_needed": list(self.also_needed),
        }


def effort_of(roadmap: Roadmap, item_id: str) -> tuple[float, str]:
    """An item's estimate in hours and its basis; ``DEFAULT_HOURS`` for an item without one."""
    item = roadmap.task(item_id) or roadmap.skill(item_id)
    effort = item.effort if item is not None else None
    if effort is None:
        return DEFAULT_HOURS, f"no estimate in the roadmap file: {DEFAULT_HOURS:g} h assumed"
    return effort.hours, effort.basis


def own_pace(roadmap: Roadmap, states: Mapping[str, Progress], logged_minutes: Mapping[str, int]) -> tuple[float, str]:
    """The learner's pace from the finished items they logged time on: logged ÷ estimated."""
    estimated = logged = 0.0
    count = 0
    for item_id, minutes in logged_minutes.items():
        if minutes <= 0 or state_of(states, item_id) is not ItemState.DONE:
            continue
        if roadmap.task(item_id) is None and roadmap.skill(item_id) is None:
            continue
        estimated += effort_of(roadmap, item_id)[0]
        logged += minutes / 60
        count += 1
    if estimated < PACE_MIN_HOURS:
        return 1.0, "the roadmap's estimates (log time on finished items to use your own pace)"
    pace = min(max(logged / estimated, PACE_LIMITS[0]), PACE_LIMITS[1])
    return pace, (
        f"your pace on {count_of(count, 'finished item')}: {logged:.0f} h logged for {estimated:.0f} h estimated"
    )


def _owners(roadmap: Roadmap) -> dict[str, str]:
    """The step each skill is planned in (see the module's docstring)."""
    owner: dict[str, str] = {}
    by_category: dict[str, str] = {}
    first_training = ""
    for step in roadmap.steps:
        for task in step.tasks:
            for skill_id in task.skill_ids:
                owner.setdefault(skill_id, step.id)
                skill = roadmap.skill(skill_id)
                if skill is not None:
                    by_category.setdefault(skill.category_id, step.id)
                first_training = first_training or step.id
    fallback = first_training or (roadmap.steps[0].id if roadmap.steps else "")
    for skill in roadmap.skills:
        owner.setdefault(skill.id, by_category.get(skill.category_id, fallback))
    return owner


def _planned(
    roadmap: Roadmap,
    item_id: str,
    title: str,
    states: Mapping[str, Progress],
    logged_minutes: Mapping[str, int],
    pace: float,
) -> PlannedItem | None:
    state = state_of(states, item_id)
    if state in (ItemState.DONE, ItemState.SKIPPED):
        return None
    estimate, basis = effort_of(roadmap, item_id)
    needed = estimate * pace
    if state is ItemState.IN_PROGRESS:
        needed = max(needed - logged_minutes.get(item_id, 0) / 60, needed * IN_PROGRESS_LEFT)
    return PlannedItem(item_id, title, needed, estimate, basis)


def _step_items(
    roadmap: Roadmap,
    step: Step,
    skills: list[Skill],
    states: Mapping[str, Progress],
    logged_minutes: Mapping[str, int],
    pace: float,
) -> tuple[PlannedItem, ...]:
    found = [_planned(roadmap, t.id, t.title, states, logged_minutes, pace) for t in step.tasks]
    found += [_planned(roadmap, s.id, s.title, states, logged_minutes, pace) for s in skills]
    return tuple(item for item in found if item is not None)


def day_after(today: date, hours: float, hours_per_week: float) -> date:
    """The day ``hours`` of work are done at ``hours_per_week``, starting today."""
    days = math.ceil(hours / (hours_per_week / 7) - 1e-9)
    return today + timedelta(days=max(0, days))


def make_plan(
    roadmap: Roadmap,
    states: Mapping[str, Progress],
    logged_minutes: Mapping[str, int],
    hours_per_week: float,
    today: date,
    linked_done_projects: int = 0,
) -> Plan:
    """The plan at ``hours_per_week`` (above 0), from today."""
    if hours_per_week <= 0:
        raise ValueError("hours per week must be above 0")
    pace, pace_basis = own_pace(roadmap, states, logged_minutes)
    owner = _owners(roadmap)
    skills_of: dict[str, list[Skill]] = {}
    for skill in roadmap.skills:
        skills_of.setdefault(owner[skill.id], []).append(skill)

    # Readiness is tracked as the plan's items are done, in order.
    steps = roadmap.steps
    before_last = {t.id for s in steps[:-1] for t in s.tasks} if len(steps) > 1 else set()
    tasks_tally = tally(states, before_last)
    core = core_skills(roadmap)
    core_tally = tally(states, core)
    tasks_done, core_done = tasks_tally.done, core_tally.done

    def ready() -> bool:
        steps_ok = not before_last or tasks_done >= tasks_tally.counted * READY_STEPS_FRACTION - 1e-9
        core_ok = core_done >= math.ceil(core_tally.counted * READY_CORE_FRACTION)
        return steps_ok and core_ok

    hours = 0.0
    ready_hours: float | None = 0.0 if ready() else None
    planned: list[PlannedStep] = []
    for step in steps:
        items = _step_items(roadmap, step, skills_of.get(step.id, []), states, logged_minutes, pace)
        for item in items:
            hours += item.hours
            tasks_done += item.id in before_last
            core_done += item.id in core
            if ready_hours is None and ready():
                ready_hours = hours
        finish = day_after(today, hours, hours_per_week) if items else None
        planned.append(PlannedStep(step.id, step.number, step.title, items, finish))
    also: tuple[str, ...] = ()
    if linked_done_projects < READY_LINKED_PROJECTS:
        missing = READY_LINKED_PROJECTS - linked_done_projects
        also = (f"{count_of(missing, 'more finished project')} with a repository link",)
    return Plan(
        hours_per_week=hours_per_week,
        today=today,
        pace=pace,
        pace_basis=pace_basis,
        steps=tuple(planned),
        job_ready_on=day_after(today, ready_hours, hours_per_week) if ready_hours is not None else None,
        ready_hours=ready_hours if ready_hours is not None else hours,
        also_needed=also,
    )


def weekly_hours_for(plan: Plan, by: date) -> float | None:
    """The weekly hours that would make the learner job-ready by ``by``; None if no pace can."""
    days = (by - plan.today).days
    if days <= 0:
        return None
    return plan.ready_hours / (days / 7)
