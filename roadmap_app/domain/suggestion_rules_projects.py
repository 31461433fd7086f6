"""The suggestion rules about the portfolio: projects being built, shown skills, links, notes.

Split from ``suggestion_rules`` (the learning and job-search rules), with the same contract:
each reads the precomputed facts and yields its suggestions, best first. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from roadmap_app.domain.model import ItemState, Project, ProjectIdea, ProjectStatus
from roadmap_app.domain.suggestion_facts import Facts
from roadmap_app.domain.suggestion_rules import (
    PROJECT_START_PENALTY,
    PROJECT_WIP_LIMIT,
    STALE_DAYS,
    start_penalty,
    weeks_past_stale,
)
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import join_names, make_suggestion


def too_many_projects(f: Facts) -> Iterator[Suggestion]:
    """More than 3 projects being built at once: finish one and pause the others."""
    building = [p for p in f.snap.projects if p.status is ProjectStatus.BUILDING]
    if len(building) <= PROJECT_WIP_LIMIT:
        return
    # The one touched last is where the learner has momentum; ties go to the newest.
    pick = max(building, key=lambda p: (f.snap.last_note_at.get(p.id) or p.updated_at, p.updated_at, p.id))
    others = [p.title for p in building if p.id != pick.id]
    yield make_suggestion(
        "projects-in-progress",
        "projects-wip",
        f"Finish {pick.title} before the other projects",
        f"You are building {len(building)} projects at once ({join_names(others, 3, listing=True)} besides it), "
        f"more than {PROJECT_WIP_LIMIT}; finish the one you worked on last and set the others back to ideas "
        "until it is done: one finished project shows more than several half-built ones.",
        78,
        Action(ActionKind.OPEN_PROJECT, str(pick.id), "", "Open project"),
        tuple(sorted(p.id for p in building)),
        subject=pick.title,
    )


def show_done_skills(f: Facts) -> Iterator[Suggestion]:
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
            f"({join_names(names, 4, listing=True)}); this idea trains {'it' if one else 'them'}"
        )
        if missing:
            reason += f", with {join_names([f.title(s) for s in missing], 3, listing=True)} to learn on the way"
        found.append(
            make_suggestion(
                "show-done-skills",
                f"show-skills:{idea.id}",
                f"Start a project: {idea.title}",
                reason + ".",
                56
                + 3 * min(len(covered), 6)
                + min(len(unshown), 8)
                - 2 * min(len(missing), 5)
                - start_penalty(f, PROJECT_START_PENALTY),
                Action(ActionKind.START_PROJECT, idea.id, label="Start project"),
                tuple(covered),
                subject=idea.title,
            )
        )
    found.sort(key=lambda s: -s.priority)
    yield from found


def link_done_projects(f: Facts) -> Iterator[Suggestion]:
    """A done project with no repository link: add the link so employers can see the code."""
    unlinked = [p for p in f.snap.projects if p.status is ProjectStatus.DONE and not p.repo_url]
    unlinked.sort(key=lambda p: (p.finished_on or date.min, p.id), reverse=True)  # newest first
    for project in unlinked:
        finished = f" (finished {project.finished_on.isoformat()})" if project.finished_on else ""
        yield make_suggestion(
            "link-done-project",
            f"add-link:project:{project.id}",
            f"Add a repository link to {project.title}",
            f"{project.title} is done{finished} but has no repository link; employers want to see the code.",
            72,
            Action(ActionKind.OPEN_PROJECT, str(project.id), "link", "Add link"),
            project.id,
            subject=project.title,
        )


def note_building_projects(f: Facts) -> Iterator[Suggestion]:
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
        yield make_suggestion(
            "note-building-project",
            f"project-note:project:{project.id}",
            f"Write a progress note on {project.title}",
            f"{project.title} is being built and {fact}; a short note keeps the thread and becomes interview material.",
            56 + weeks_past_stale(days, 6),
            Action(ActionKind.OPEN_PROJECT, str(project.id), "note", "Add note"),
            last.isoformat(),
            subject=project.title,
        )
