"""Suggested next actions: ranked, explained advice computed from a snapshot of the learner's data.

A pure function of its input: standard library only, no I/O and no clock reads, so the
same snapshot always gives the same list. Each rule is a small function that reads the
precomputed facts and yields suggestions; the learner's feedback (snooze, dismiss) then
filters them, duplicates of one action are merged, and each rule keeps only its best few.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from roadmap_app.domain.model import (
    Activity,
    Feedback,
    ItemState,
    Progress,
    Project,
    ProjectIdea,
    ProjectStatus,
    Roadmap,
    Skill,
    SkillGroup,
    Task,
)
from roadmap_app.domain.progress import current_step, tally
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion

STALE_DAYS = 14
"""Work in progress or a project being built that nobody touched for this long has stalled."""
WIP_LIMIT = 4
"""More tasks and skills in progress than this at once is too many."""
START_PENALTY = 30
"""How far "start something new" advice drops while too much is in progress."""
PROJECT_START_PENALTY = 15
WORKPLACE_AFTER_TECHNICAL = 5
"""Technical skills done before an untouched workplace side counts as neglected."""
READY_STEPS_FRACTION = 0.75
READY_CORE_FRACTION = 0.75
READY_LINKED_PROJECTS = 2

_OPEN = (ItemState.TODO, ItemState.IN_PROGRESS)


@dataclass(frozen=True)
class Snapshot:
    """Everything the rules look at, read at one moment.

    ``last_note_at`` maps a project id to its newest note's time, ``last_activity`` an
    activity subject (an item id, ``project:ID``) to its newest entry's time.
    """

    roadmap: Roadmap
    today: date
    states: Mapping[str, Progress] = field(default_factory=dict)
    projects: Sequence[Project] = ()
    last_note_at: Mapping[int, datetime] = field(default_factory=dict)
    last_activity: Mapping[str, datetime] = field(default_factory=dict)
    feedback: Mapping[str, Feedback] = field(default_factory=dict)
    current_step_id: str = ""
    target_career_id: str = ""


def last_activity_by_subject(entries: Iterable[Activity]) -> dict[str, datetime]:
    """The newest time per subject, for callers that hold the activity entries themselves."""
    newest: dict[str, datetime] = {}
    for entry in entries:
        if entry.subject and (entry.subject not in newest or entry.at > newest[entry.subject]):
            newest[entry.subject] = entry.at
    return newest


# --- facts computed once per call ---------------------------------------------------------


class _Facts:
    """Indexes over the snapshot, so that every rule runs in time linear in the data."""

    def __init__(self, snap: Snapshot) -> None:
        roadmap = snap.roadmap
        self.snap = snap
        self.roadmap = roadmap
        self.today = snap.today
        self.states = snap.states
        self.skills: dict[str, Skill] = {s.id: s for s in roadmap.skills}
        self.tasks: dict[str, Task] = {t.id: t for t in roadmap.tasks}
        self.dependents: dict[str, list[str]] = {s.id: [] for s in roadmap.skills}
        for skill in roadmap.skills:
            for required in skill.requires:
                self.dependents.setdefault(required, []).append(skill.id)
        self.ideas_by_skill: dict[str, list[ProjectIdea]] = {}
        for idea in roadmap.project_ideas:
            for skill_id in idea.skill_ids:
                self.ideas_by_skill.setdefault(skill_id, []).append(idea)

        self.in_progress = [
            item_id for item_id in (*self.tasks, *self.skills) if self.state(item_id) is ItemState.IN_PROGRESS
        ]
        self.over_limit = len(self.in_progress) > WIP_LIMIT

        self.project_skills: set[str] = set()
        self.started_ideas: set[str] = set()
        self.linked_done_projects: list[Project] = []
        for project in snap.projects:
            self.project_skills.update(project.skill_ids)
            if project.idea_id:
                self.started_ideas.add(project.idea_id)
            if project.status is ProjectStatus.DONE and project.repo_url:
                self.linked_done_projects.append(project)

        self.target_uses, self.target_skills = self._target()
        self._unlocks: dict[str, list[str]] = {}

    def state(self, item_id: str) -> ItemState:
        found = self.states.get(item_id)
        return found.state if found else ItemState.TODO

    def title(self, item_id: str) -> str:
        item = self.roadmap.item(item_id)
        return item.title if item else item_id

    def _target(self) -> tuple[str, set[str]]:
        """Who the learner aims to be and the skills that job's duties use.

        Without a chosen target role, the first level (entry) stands for the first job.
        """
        roadmap = self.roadmap
        career = next((c for c in roadmap.career_steps if c.id == self.snap.target_career_id), None)
        level_id = career.level_id if career else (roadmap.levels[0].id if roadmap.levels else "")
        level = next((lv for lv in roadmap.levels if lv.id == level_id), None)
        if level is None:
            return "", set()
        duties = [d for d in roadmap.duties if d.id in level.duty_ids]
        skills = {s for d in duties for s in d.skill_ids}
        if career:
            return f"the {career.title} role you aim for uses it", skills
        return f"{level.title.lower().replace(' ', '-')} ML engineer jobs use it", skills

    def unlocks(self, skill_id: str) -> list[str]:
        """Skills not yet done or skipped that build on this one, directly or further down."""
        if skill_id not in self._unlocks:
            seen: dict[str, None] = {}
            queue = list(self.dependents.get(skill_id, ()))
            while queue:
                found = queue.pop(0)
                if found in seen:
                    continue
                seen[found] = None
                queue.extend(self.dependents.get(found, ()))
            self._unlocks[skill_id] = [s for s in seen if self.state(s) in _OPEN]
        return self._unlocks[skill_id]

    def last_touched(self, progress: Progress) -> datetime | None:
        """The newest of the saved change time and any logged activity on the item."""
        logged = self.snap.last_activity.get(progress.item_id)
        if progress.updated_at is None:
            return logged
        return max(progress.updated_at, logged) if logged else progress.updated_at


# --- wording helpers ------------------------------------------------------------------------------


def _names(titles: Sequence[str], limit: int = 3, *, listing: bool = False) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'; with ``listing``, commas only.

    Titles often contain "and" themselves, so lists in brackets use commas only.
    """
    shown = list(titles[:limit])
    rest = len(titles) - len(shown)
    if listing:
        return ", ".join(shown) + (f" and {rest} more" if rest else "")
    if rest:
        shown.append(f"{rest} more")
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _fingerprint(*facts: object) -> str:
    text = "\x1f".join(str(f) for f in facts)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _suggestion(
    rule: str, key: str, title: str, reason: str, priority: int, action: Action, *facts: object
) -> Suggestion:
    return Suggestion(key, title, reason, priority, action, rule, _fingerprint(rule, key, *facts))


# --- the rules ------------------------------------------------------------------------------------


def _step_order(f: _Facts) -> Iterator[Suggestion]:
    """Follow the step order: the next open task of the current step, earlier steps left open first."""
    steps = f.roadmap.steps
    if not steps:
        return
    current = current_step(f.roadmap, f.states, f.snap.current_step_id)
    current_index = next(i for i, s in enumerate(steps) if s.id == current.id)
    for index, step in enumerate(steps[: current_index + 1]):
        open_tasks = [t for t in step.tasks if f.state(t.id) in _OPEN]
        if not open_tasks:
            continue
        task = next((t for t in open_tasks if f.state(t.id) is ItemState.IN_PROGRESS), open_tasks[0])
        state = f.state(task.id)
        counts = tally(f.states, (t.id for t in step.tasks))
        where = f"step {step.number}, {step.title}, with {counts.done} of {counts.counted} tasks done"
        key = f"step-task:{task.id}"
        if index < current_index:
            yield _suggestion(
                "step-order",
                key,
                f"Review step {step.number}: {task.title}",
                f"Step {step.number} comes before your current step {current.number} and still has "
                f"{_count(len(open_tasks), 'open task')}; mark what you have done and skip what does not apply.",
                75,
                Action(ActionKind.OPEN_ITEM, task.id, label="Review"),
                state,
                len(open_tasks),
            )
            continue
        # Done technical skills suggest a learning task is done too; a done soft skill
        # such as communication says nothing about writing READMEs or interview notes.
        skills_done = bool(task.skill_ids) and all(
            f.state(s) is ItemState.DONE and s in f.skills and f.skills[s].group is SkillGroup.TECHNICAL
            for s in task.skill_ids
        )
        if skills_done:
            yield _suggestion(
                "step-order",
                key,
                f"Done already? {task.title}",
                f"You have marked {_names([f.title(s) for s in task.skill_ids])} done, so this task may be done "
                f"as well; it is the next one of {where}.",
                72,
                Action(ActionKind.SET_STATE, task.id, ItemState.DONE.value, "Mark done"),
                state,
                "skills-done",
            )
        elif state is ItemState.IN_PROGRESS:
            yield _suggestion(
                "step-order",
                key,
                f"Carry on: {task.title}",
                f"It is in progress and the next task of your current {where}.",
                71,
                Action(ActionKind.SET_STATE, task.id, ItemState.DONE.value, "Mark done"),
                state,
            )
        else:
            yield _suggestion(
                "step-order",
                key,
                task.title,
                f"It is the next open task of your current {where}.",
                70 - (START_PENALTY if f.over_limit else 0),
                Action(ActionKind.SET_STATE, task.id, ItemState.IN_PROGRESS.value, "Start"),
                state,
            )


def _ready_skills(f: _Facts) -> Iterator[Suggestion]:
    """Start skills whose prerequisites are all done, ranked by what they unlock, the ideas training them and the target role."""
    found: list[Suggestion] = []
    for skill in f.roadmap.skills:
        if f.state(skill.id) is not ItemState.TODO:
            continue
        if not all(f.state(r) is ItemState.DONE for r in skill.requires):
            continue
        unlocks = f.unlocks(skill.id)
        ideas = f.ideas_by_skill.get(skill.id, [])
        relevant = skill.id in f.target_skills
        score = min(len(unlocks), 10) + 2 * min(len(ideas), 5) + (6 if relevant else 0)
        facts: list[str] = []
        if skill.requires:
            done = [f.title(r) for r in skill.requires]
            verb = "is" if len(done) == 1 else "are"
            facts.append(f"{_names(done)} {verb} done and {skill.title} builds on {'it' if len(done) == 1 else 'them'}")
        else:
            facts.append(f"{skill.title} needs nothing learned first")
        if unlocks:
            facts.append(
                f"it opens the way to {_count(len(unlocks), 'more skill')} ({_names([f.title(u) for u in unlocks], 2, listing=True)})"
            )
        if ideas:
            facts.append(f"{_count(len(ideas), 'project idea')} {'trains' if len(ideas) == 1 else 'train'} it")
        if relevant:
            facts.append(f.target_uses)
        if f.over_limit:
            facts.append(f"but finish some of your {len(f.in_progress)} items in progress first")
        found.append(
            _suggestion(
                "ready-skill",
                f"start-skill:{skill.id}",
                f"Start {skill.title}",
                "; ".join(facts) + ".",
                40 + min(score, 25) - (START_PENALTY if f.over_limit else 0),
                Action(ActionKind.SET_STATE, skill.id, ItemState.IN_PROGRESS.value, "Start learning"),
                tuple(skill.requires),
                len(unlocks),
                len(ideas),
                relevant,
            )
        )
    found.sort(key=lambda s: -s.priority)
    yield from found


def _stalled_work(f: _Facts) -> Iterator[Suggestion]:
    """Pick up again a task or skill in progress that nobody touched for 14 days."""
    stalled: list[tuple[int, str, datetime]] = []
    for item_id in f.in_progress:
        touched = f.last_touched(f.states[item_id])
        if touched is not None and (f.today - touched.date()).days >= STALE_DAYS:
            stalled.append(((f.today - touched.date()).days, item_id, touched))
    stalled.sort(key=lambda x: -x[0])  # the longest untouched first
    for days, item_id, touched in stalled:
        title = f.title(item_id)
        yield _suggestion(
            "stalled-work",
            f"stalled:{item_id}",
            f"Get back to {title}",
            f"{title} has been in progress with no change for {days} days (last on {touched.date().isoformat()}); "
            "finish it, or set it back to to-do to clear your plate.",
            64 + min((days - STALE_DAYS) // 7, 8),
            Action(ActionKind.OPEN_ITEM, item_id, label="Open"),
            touched.date().isoformat(),
        )


def _too_much_in_progress(f: _Facts) -> Iterator[Suggestion]:
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
    yield _suggestion(
        "too-much-in-progress",
        "wip-limit",
        f"Finish {f.title(pick)} before starting more",
        f"You have {len(f.in_progress)} tasks and skills in progress at once ({_names(titles)}), more than "
        f"{WIP_LIMIT}; finishing one before starting another gets more done.",
        80,
        Action(ActionKind.OPEN_ITEM, pick, label="Open"),
        tuple(sorted(f.in_progress)),
    )


def _show_done_skills(f: _Facts) -> Iterator[Suggestion]:
    """Skills marked done that no project shows: start the project idea that trains most of them."""
    unshown = [s.id for s in f.roadmap.skills if f.state(s.id) is ItemState.DONE and s.id not in f.project_skills]
    if not unshown:
        return
    candidates: list[tuple[int, int, int, ProjectIdea, list[str], list[str]]] = []
    for index, idea in enumerate(f.roadmap.project_ideas):
        if idea.id in f.started_ideas:
            continue
        covered = [s for s in unshown if s in idea.skill_ids]
        if covered:
            missing = [s for s in idea.skill_ids if f.state(s) is not ItemState.DONE]
            candidates.append((-len(covered), len(missing), index, idea, covered, missing))
    candidates.sort(key=lambda c: c[:3])
    found: list[Suggestion] = []
    for _neg, _n, _i, idea, covered, missing in candidates:
        names = [f.title(s) for s in covered]
        one = len(names) == 1
        reason = (
            f"No project of yours shows {'a' if one else len(names)} done skill{'' if one else 's'} "
            f"({_names(names, 4, listing=True)}); this idea trains {'it' if one else 'them'}"
        )
        if missing:
            reason += f", with {_names([f.title(s) for s in missing], 3, listing=True)} to learn on the way"
        found.append(
            _suggestion(
                "show-done-skills",
                f"show-skills:{idea.id}",
                f"Start a project: {idea.title}",
                reason + ".",
                56
                + 3 * min(len(covered), 6)
                + min(len(unshown), 8)
                - 2 * min(len(missing), 5)
                - (PROJECT_START_PENALTY if f.over_limit else 0),
                Action(ActionKind.START_PROJECT, idea.id, label="Start project"),
                tuple(covered),
            )
        )
    found.sort(key=lambda s: -s.priority)
    yield from found


def _link_done_projects(f: _Facts) -> Iterator[Suggestion]:
    """A done project with no repository link: add the link so employers can see the code."""
    unlinked = [p for p in f.snap.projects if p.status is ProjectStatus.DONE and not p.repo_url]
    unlinked.sort(key=lambda p: (p.finished_on or date.min, p.id), reverse=True)  # newest first
    for project in unlinked:
        finished = f" (finished {project.finished_on.isoformat()})" if project.finished_on else ""
        yield _suggestion(
            "link-done-project",
            f"add-link:project:{project.id}",
            f"Add a repository link to {project.title}",
            f"{project.title} is done{finished} but has no repository link; employers want to see the code.",
            72,
            Action(ActionKind.OPEN_PROJECT, str(project.id), "link", "Add link"),
            project.id,
        )


def _note_building_projects(f: _Facts) -> Iterator[Suggestion]:
    """A project being built with no note for 14 days: write down where it stands."""
    quiet: list[tuple[int, int, Project, date, bool]] = []
    for project in f.snap.projects:
        if project.status is not ProjectStatus.BUILDING:
            continue
        noted = f.snap.last_note_at.get(project.id)
        since = max(project.started_on or date.min, project.created_at.date())
        last = max(noted.date(), since) if noted else since
        days = (f.today - last).days
        if days >= STALE_DAYS:
            quiet.append((-days, project.id, project, last, noted is not None))
    quiet.sort(key=lambda q: q[:2])  # the longest silence first
    for neg_days, _id, project, last, has_note in quiet:
        days = -neg_days
        fact = f"its last note is {days} days old" if has_note else f"it has had no note in {days} days of building"
        yield _suggestion(
            "note-building-project",
            f"project-note:project:{project.id}",
            f"Write a progress note on {project.title}",
            f"{project.title} is being built and {fact}; a short note keeps the thread and becomes interview material.",
            56 + min((days - STALE_DAYS) // 7, 6),
            Action(ActionKind.OPEN_PROJECT, str(project.id), "note", "Add note"),
            last.isoformat(),
        )


def _balance_workplace(f: _Facts) -> Iterator[Suggestion]:
    """Workplace skills neglected while technical ones advance: start the workplace skill that opens most."""
    technical_done = [
        s for s in f.roadmap.skills if s.group is SkillGroup.TECHNICAL and f.state(s.id) is ItemState.DONE
    ]
    workplace = [s for s in f.roadmap.skills if s.group is SkillGroup.WORKPLACE]
    if len(technical_done) < WORKPLACE_AFTER_TECHNICAL or not workplace:
        return
    if any(f.state(s.id) in (ItemState.DONE, ItemState.IN_PROGRESS) for s in workplace):
        return
    ready = [
        s
        for s in workplace
        if f.state(s.id) is ItemState.TODO and all(f.state(r) is ItemState.DONE for r in s.requires)
    ]
    if not ready:
        return
    pick = max(ready, key=lambda s: len(f.unlocks(s.id)))  # max keeps the first of equals: content order
    duties = [d.title for d in f.roadmap.duties if pick.id in d.skill_ids]
    used = f"; the job's duties rely on it ({_names(duties, 2)})" if duties else ""
    yield _suggestion(
        "balance-workplace",
        f"workplace:{pick.id}",
        f"Start {pick.title}",
        f"You have {_count(len(technical_done), 'technical skill')} done but no workplace skill started{used}.",
        62 - (START_PENALTY if f.over_limit else 0),
        Action(ActionKind.SET_STATE, pick.id, ItemState.IN_PROGRESS.value, "Start learning"),
        len(technical_done) >= WORKPLACE_AFTER_TECHNICAL,
    )


def _job_readiness(f: _Facts) -> Iterator[Suggestion]:
    """Readiness to apply: start applying once steps 1-4, core skills and linked projects are there, else say what is missing."""
    steps = f.roadmap.steps
    if len(steps) < 2:
        return
    apply_step = steps[-1]
    before = tally(f.states, (t.id for s in steps[:-1] for t in s.tasks))
    core_ids = _core_skills(f.roadmap)
    core = [s.id for s in f.roadmap.skills if s.id in core_ids]
    core_tally = tally(f.states, core)
    linked = len(f.linked_done_projects)
    core_needed = max(0, math.ceil(core_tally.counted * READY_CORE_FRACTION) - core_tally.done)
    missing: list[str] = []
    if before.fraction < READY_STEPS_FRACTION:
        last = steps[-2].number
        missing.append(f"steps 1-{last} are {before.percent}% done (aim for {round(READY_STEPS_FRACTION * 100)}%)")
    if core_needed:
        todo = [f.title(s) for s in core if f.state(s) in _OPEN]
        missing.append(f"{_count(core_needed, 'more core skill')} (open: {_names(todo, listing=True)})")
    if linked < READY_LINKED_PROJECTS:
        missing.append(f"{_count(READY_LINKED_PROJECTS - linked, 'more finished project')} with a repository link")
    apply_tally = tally(f.states, (t.id for t in apply_step.tasks))
    if not missing:
        if apply_tally.done or apply_tally.in_progress or apply_tally.complete:
            return
        first = next(t for t in apply_step.tasks if f.state(t.id) is ItemState.TODO)
        yield _suggestion(
            "job-readiness",
            "apply:start",
            "Start applying for jobs",
            f"Steps 1-{steps[-2].number} are {before.percent}% done, {core_tally.done} of {core_tally.counted} core "
            f"skills are done and {_count(linked, 'finished project')} {'has' if linked == 1 else 'have'} a "
            f"repository link: time for step {apply_step.number}, starting with {first.title}.",
            85,
            Action(ActionKind.SET_STATE, first.id, ItemState.IN_PROGRESS.value, "Start"),
            "ready",
        )
        return
    # Only worth saying once the learner is part-way: a beginner has more useful advice.
    if before.fraction < 0.5 and linked == 0 and core_tally.fraction < 0.5:
        return
    if linked < READY_LINKED_PROJECTS:
        action = Action(ActionKind.OPEN_PAGE, "portfolio", label="Open portfolio")
    elif core_needed:
        action = Action(ActionKind.OPEN_PAGE, "skills", label="Open skills")
    else:
        action = Action(ActionKind.OPEN_PAGE, "roadmap", label="Open roadmap")
    yield _suggestion(
        "job-readiness",
        "apply:gaps",
        "Close the gaps before applying",
        f"Before you apply for ML engineer jobs: {'; '.join(missing)}.",
        40,
        action,
        tuple(missing),
    )


def _core_skills(roadmap: Roadmap) -> set[str]:
    """The skills of the first level's duties: what an entry-level job asks for."""
    if not roadmap.levels:
        return set()
    duty_ids = set(roadmap.levels[0].duty_ids)
    return {s for d in roadmap.duties if d.id in duty_ids for s in d.skill_ids}


def _choose_target(f: _Facts) -> Iterator[Suggestion]:
    """No target role chosen yet: choose one so advice can favour the skills it needs."""
    if not f.roadmap.career_steps or any(c.id == f.snap.target_career_id for c in f.roadmap.career_steps):
        return
    yield _suggestion(
        "choose-target",
        "choose-target",
        "Choose a target role",
        f"No target role is chosen yet; the career page lists {_count(len(f.roadmap.career_steps), 'role')} "
        "with their pay, and choosing one makes these suggestions favour the skills it needs.",
        30,
        Action(ActionKind.OPEN_PAGE, "career", label="Open career"),
        f.snap.target_career_id,
    )


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule; ``run`` yields its suggestions best first (highest priority first)."""

    name: str
    run: Callable[[_Facts], Iterator[Suggestion]]
    keep: int
    """At most this many of the rule's suggestions are shown, best first."""

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip()


RULES: tuple[Rule, ...] = (
    Rule("step-order", _step_order, 5),
    Rule("ready-skill", _ready_skills, 3),
    Rule("stalled-work", _stalled_work, 3),
    Rule("too-much-in-progress", _too_much_in_progress, 1),
    Rule("show-done-skills", _show_done_skills, 2),
    Rule("link-done-project", _link_done_projects, 3),
    Rule("note-building-project", _note_building_projects, 3),
    Rule("balance-workplace", _balance_workplace, 1),
    Rule("job-readiness", _job_readiness, 1),
    Rule("choose-target", _choose_target, 1),
)


_KEEP = {rule.name: rule.keep for rule in RULES}
_MERGE_SLACK = 2
"""Extra suggestions taken from a rule in case others with the same action are merged away."""


def all_candidates(snapshot: Snapshot) -> list[Suggestion]:
    """Every suggestion the rules make, before feedback and limits, best first."""
    facts = _Facts(snapshot)
    found: list[tuple[int, int, int, Suggestion]] = []
    for rule_index, rule in enumerate(RULES):
        for order, suggestion in enumerate(rule.run(facts)):
            found.append((-suggestion.priority, rule_index, order, suggestion))
    found.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in found]


def is_hidden(suggestion: Suggestion, feedback: Mapping[str, Feedback], today: date) -> bool:
    """Snoozed until a later day, or dismissed while its facts are unchanged."""
    answer = feedback.get(suggestion.key)
    if answer is None:
        return False
    if answer.snoozed_until is not None and answer.snoozed_until > today:
        return True
    return bool(answer.dismissed_fingerprint) and answer.dismissed_fingerprint == suggestion.fingerprint


def suggest_next_actions(snapshot: Snapshot) -> list[Suggestion]:
    """The learner's next actions, best first, each with the reason behind it."""
    facts = _Facts(snapshot)
    found: list[tuple[int, int, int, Suggestion]] = []
    for rule_index, rule in enumerate(RULES):
        # Rules yield their best first, so a rule about hundreds of projects stops
        # after its few visible ones instead of wording advice nobody sees.
        taken = 0
        for order, suggestion in enumerate(rule.run(facts)):
            if is_hidden(suggestion, snapshot.feedback, snapshot.today):
                continue
            found.append((-suggestion.priority, rule_index, order, suggestion))
            taken += 1
            if taken >= rule.keep + _MERGE_SLACK:
                break
    found.sort(key=lambda entry: entry[:3])
    shown: dict[str, int] = {}
    seen_actions: set[tuple[ActionKind, str, str]] = set()
    result: list[Suggestion] = []
    for *_rank, suggestion in found:
        action = (suggestion.action.kind, suggestion.action.target, suggestion.action.value)
        if action in seen_actions or shown.get(suggestion.rule, 0) >= _KEEP[suggestion.rule]:
            continue
        seen_actions.add(action)
        shown[suggestion.rule] = shown.get(suggestion.rule, 0) + 1
        result.append(suggestion)
    return result
