"""When a learner is ready to apply: the bars the pace plan and the next actions share.

Standard library only, and small: the dashboard's pace plan imports it at the first
paint, without the suggestion rules.
"""

from __future__ import annotations

from roadmap_app.domain.model import Level, Roadmap

READY_STEPS_FRACTION = 0.75
"""The share of the tasks before the last step that is done."""
READY_CORE_FRACTION = 0.75
"""The share of the entry-level duties' skills that is done."""
READY_LINKED_PROJECTS = 2
"""Finished projects with a repository link."""


def count_of(n: int, noun: str, plural: str = "") -> str:
    """'1 task', '3 tasks'; ``plural`` where adding an s is wrong."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def duty_skills(roadmap: Roadmap, level: Level) -> set[str]:
    """The skills that a level's duties use."""
    duty_ids = set(level.duty_ids)
    return {s for d in roadmap.duties if d.id in duty_ids for s in d.skill_ids}


def core_skills(roadmap: Roadmap) -> set[str]:
    """The skills of the first level's duties: what an entry-level job asks for."""
    return duty_skills(roadmap, roadmap.levels[0]) if roadmap.levels else set()
