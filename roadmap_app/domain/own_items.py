"""The learner's own tasks and skills, and the roadmap they make together with the built-in one.

An own item has an id that no roadmap file can use (the loader asks for ``task.`` or
``skill.`` and the like; these start with ``own.``). ``merge_own_items`` is total: an own
item whose step or category the roadmap in use no longer has is left out (its progress
shows as archived), and a prerequisite that does not resolve is dropped. ``check_own_item``
is strict: it refuses what the learner is about to save, like the loader refuses a file.
"""

from __future__ import annotations

import enum
import graphlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from roadmap_app.domain.gap import name_tokens
from roadmap_app.domain.model import Roadmap, Skill, SkillCategory, SkillGroup, Task

OWN_PREFIX = "own."
OWN_TASK_PREFIX = "own.task."
OWN_SKILL_PREFIX = "own.skill."
OWN_CATEGORY_PREFIX = "own.category."


class OwnKind(enum.StrEnum):
    TASK = "task"
    SKILL = "skill"


class OwnItemError(ValueError):
    """An own item that cannot be saved as given; the message says what to change."""


@dataclass(frozen=True, slots=True)
class OwnItem:
    """A task or a skill the learner added to the roadmap."""

    id: str
    kind: OwnKind
    title: str
    description: str = ""
    step_id: str = ""
    """A task's step."""
    category_id: str = ""
    """A skill's category: one of the roadmap's, or ``own.category.<name>`` for a new one."""
    category_name: str = ""
    """The name of a category of the learner's own ('' for one of the roadmap's)."""
    prerequisites: tuple[str, ...] = ()
    """Skill ids: a skill's requirements, or the skills a task trains."""
    position: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    uuid: str = ""
    removed: bool = False
    """Removed by the learner: no longer in the roadmap, its progress kept as archived."""


def is_own(item_id: str) -> bool:
    return item_id.startswith(OWN_PREFIX)


def slug(text: str) -> str:
    """'Docker & K8s' as 'docker-k8s': lower-case ASCII letters, digits and dashes ('' when none)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60].strip("-")


def own_category_id(name: str) -> str:
    return OWN_CATEGORY_PREFIX + (slug(name) or "x" + "-".join(str(ord(c)) for c in name.casefold()[:12]))


def new_own_id(kind: OwnKind, title: str, taken: Iterable[str]) -> str:
    """A new id that no item of this profile ever had: ``own.skill.docker``, ``own.task.3``."""
    used = set(taken)
    if kind is OwnKind.TASK:
        numbers = [int(i.removeprefix(OWN_TASK_PREFIX)) for i in used if i.removeprefix(OWN_TASK_PREFIX).isdigit()]
        return f"{OWN_TASK_PREFIX}{max(numbers, default=0) + 1}"
    base = OWN_SKILL_PREFIX + (slug(title) or "skill")
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --- the roadmap with the learner's own items ---------------------------------------------


def merge_own_items(roadmap: Roadmap, items: Iterable[OwnItem]) -> Roadmap:
    """The roadmap with the own items that fit it, placed after the built-in ones."""
    live = sorted((i for i in items if not i.removed), key=lambda i: (i.position, i.id))
    kept = {i.id: i.title for i in items if i.removed}
    if not live and not kept:
        return roadmap
    categories = list(roadmap.categories)
    known_categories = {c.id: c for c in categories}
    for item in live:
        if item.kind is OwnKind.SKILL and item.category_name and item.category_id not in known_categories:
            category = SkillCategory(item.category_id, item.category_name, SkillGroup.TECHNICAL)
            known_categories[category.id] = category
            categories.append(category)
    own_skills = [i for i in live if i.kind is OwnKind.SKILL and i.category_id in known_categories]
    skill_ids = {s.id for s in roadmap.skills} | {i.id for i in own_skills}
    requires = _without_loops({i.id: tuple(p for p in i.prerequisites if p in skill_ids) for i in own_skills})
    skills = list(roadmap.skills) + [
        Skill(
            id=i.id,
            title=i.title,
            category_id=i.category_id,
            group=known_categories[i.category_id].group,
            description=i.description,
            requires=requires[i.id],
        )
        for i in own_skills
    ]
    tasks_by_step: dict[str, list[Task]] = {}
    for i in live:
        if i.kind is OwnKind.TASK and roadmap.step(i.step_id) is not None:
            skills_of = tuple(p for p in i.prerequisites if p in skill_ids)
            tasks_by_step.setdefault(i.step_id, []).append(Task(i.id, i.step_id, i.title, i.description, skills_of))
    steps = tuple(replace(s, tasks=s.tasks + tuple(tasks_by_step.get(s.id, ()))) for s in roadmap.steps)
    # An own skill's name is no longer "outside the roadmap" for the job-ad gap check.
    own_names = {name_tokens(i.title) for i in own_skills}
    outside = tuple(o for o in roadmap.outside_skills if name_tokens(o.name) not in own_names)
    placed = {i.id for i in own_skills} | {t.id for ts in tasks_by_step.values() for t in ts}
    kept.update({i.id: i.title for i in live if i.id not in placed})
    return replace(
        roadmap,
        steps=steps,
        categories=tuple(categories),
        skills=tuple(skills),
        outside_skills=outside,
        kept_titles={**roadmap.kept_titles, **kept},
        _index={},
    )


def _without_loops(requires: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The requirements with every edge that closes a loop dropped (data saved before a check)."""
    kept: dict[str, list[str]] = {item: [] for item in requires}
    for item, needs in requires.items():
        for need in needs:
            kept[item].append(need)
            if _has_loop(kept):
                kept[item].pop()
    return {item: tuple(needs) for item, needs in kept.items()}


def _has_loop(graph: Mapping[str, Iterable[str]]) -> bool:
    try:
        graphlib.TopologicalSorter({k: set(v) for k, v in graph.items()}).prepare()
    except graphlib.CycleError:
        return True
    return False


# --- checks before saving ---------------------------------------------------------------


def check_own_item(roadmap: Roadmap, item: OwnItem) -> None:
    """Refuse an own item that does not fit ``roadmap`` (which may already hold its old version)."""
    if item.kind is OwnKind.TASK:
        if roadmap.step(item.step_id) is None:
            steps = ", ".join(s.id for s in roadmap.steps)
            raise OwnItemError(f"unknown step '{_q(item.step_id)}'; use one of: {steps}")
    elif not item.category_name and roadmap.category(item.category_id) is None:
        categories = ", ".join(c.id for c in roadmap.categories)
        raise OwnItemError(
            f"unknown category '{_q(item.category_id)}'; use one of: {categories}, or --new-category NAME"
        )
    if item.kind is OwnKind.SKILL and item.category_name:
        for c in roadmap.categories:
            if c.title.casefold() == item.category_name.casefold() and c.id != item.category_id:
                raise OwnItemError(
                    f"the roadmap has a category '{c.title}'; add the skill to it with --category {c.id}"
                )
    _check_title(roadmap, item)
    _check_prerequisites(roadmap, item)


def _q(text: str) -> str:
    """A value as a one-line message shows it: line breaks and runs of spaces as one space."""
    return " ".join(text.split())[:100]


def _check_title(roadmap: Roadmap, item: OwnItem) -> None:
    if item.kind is OwnKind.TASK:
        step = roadmap.step(item.step_id)
        for task in step.tasks if step else ():
            if task.id != item.id and task.title.casefold() == item.title.casefold():
                raise OwnItemError(
                    f"step '{_q(item.step_id)}' already has a task '{task.title}' ({task.id}); choose another title"
                )
        return
    tokens = name_tokens(item.title)
    if not tokens:
        raise OwnItemError(f"the skill title '{_q(item.title)}' has no letter or digit; give a name such as 'Docker'")
    for skill in roadmap.skills:
        if skill.id != item.id and tokens in {name_tokens(n) for n in (skill.title, *skill.aliases)}:
            raise OwnItemError(
                f"the title '{_q(item.title)}' is taken by the skill '{skill.title}' ({skill.id}); choose another"
            )


def _check_prerequisites(roadmap: Roadmap, item: OwnItem) -> None:
    for need in item.prerequisites:
        if need == item.id:
            raise OwnItemError(f"'{_q(item.title)}' cannot be its own prerequisite")
        if roadmap.skill(need) is None:
            raise OwnItemError(
                f"unknown prerequisite '{_q(need)}': give a skill id, as 'roadmap-app items --kind skill' lists"
            )
    if item.kind is OwnKind.SKILL:
        graph = {s.id: set(s.requires) for s in roadmap.skills}
        graph[item.id] = set(item.prerequisites)
        try:
            graphlib.TopologicalSorter(graph).prepare()
        except graphlib.CycleError as exc:
            loop = " -> ".join(roadmap.title_of(i) if i != item.id else item.title for i in reversed(exc.args[1]))
            raise OwnItemError(f"a prerequisite loop: {loop}; leave one of them out") from None
