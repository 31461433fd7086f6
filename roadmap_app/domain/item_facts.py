"""Everything a roadmap says about one item, with the links both ways (what it needs, what needs it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from roadmap_app.domain.model import Effort, ItemKind, Roadmap

# A fact is a text, a number, or a quoted figure (value, source, date).
Fact = str | int | float | dict[str, str]


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """One item's words and numbers (``facts``) and the ids it is linked to (``links``), both in reading order."""

    id: str
    kind: ItemKind
    title: str
    trackable: bool
    facts: dict[str, Fact] = field(default_factory=dict)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)


class RoadmapFacts:
    """The facts of every item of one roadmap; the reverse links are worked out once."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self._unlocks = _reverse((s.id, s.requires) for s in roadmap.skills)
        self._trained_by = _reverse((i.id, i.skill_ids) for i in roadmap.project_ideas)
        self._in_tasks = _reverse((t.id, t.skill_ids) for t in roadmap.tasks)
        self._in_duties = _reverse((d.id, d.skill_ids) for d in roadmap.duties)
        self._in_checks = _reverse((c.id, c.skill_ids) for c in roadmap.self_checks)
        self._levels_of_duty = _reverse((lv.id, lv.duty_ids) for lv in roadmap.levels)
        self._careers_of_level = _reverse((c.id, (c.level_id,) if c.level_id else ()) for c in roadmap.career_steps)

    def all(self) -> list[ItemFacts]:
        """Every item, in the roadmap's order."""
        return [f for item in self.roadmap.items if (f := self.of(item.id)) is not None]

    def of(self, item_id: str) -> ItemFacts | None:
        """The item's facts, or None when this roadmap has no such id."""
        item = self.roadmap.item(item_id)
        if item is None:
            return None
        facts: dict[str, Fact] = {}
        links: dict[str, tuple[str, ...]] = {}
        r = self.roadmap
        if item.kind is ItemKind.STEP and (step := r.step(item_id)):
            facts = {"number": step.number, "description": step.description, "example": step.example}
            links = {"tasks": tuple(t.id for t in step.tasks)}
        elif item.kind is ItemKind.TASK and (task := r.task(item_id)):
            facts = {"step": task.step_id, "detail": task.detail, **_effort(task.effort)}
            links = {"skills": task.skill_ids}
        elif item.kind is ItemKind.SKILL and (skill := r.skill(item_id)):
            category = r.category(skill.category_id)
            facts = {
                "category": skill.category_id,
                "category_title": category.title if category else skill.category_id,
                "group": skill.group.value,
                "description": skill.description,
                **_effort(skill.effort),
            }
            links = {
                "requires": skill.requires,
                "unlocks": self._unlocks.get(item_id, ()),
                "trained_by_ideas": self._trained_by.get(item_id, ()),
                "tasks": self._in_tasks.get(item_id, ()),
                "duties": self._in_duties.get(item_id, ()),
                "self_checks": self._in_checks.get(item_id, ()),
            }
        elif item.kind is ItemKind.DUTY:
            duty = next(d for d in r.duties if d.id == item_id)
            facts = {"description": duty.description, "industry": duty.industry, "example": duty.example}
            links = {"skills": duty.skill_ids, "levels": self._levels_of_duty.get(item_id, ())}
        elif item.kind is ItemKind.LEVEL and (level := r.level(item_id)):
            facts = {"description": level.description, "years": level.years}
            links = {"duties": level.duty_ids, "career_steps": self._careers_of_level.get(item_id, ())}
        elif item.kind is ItemKind.CAREER_STEP and (career := r.career_step(item_id)):
            pay = career.salary
            facts = {
                "number": career.number,
                "description": career.description,
                "level": career.level_id,
                "salary": {"value": pay.value, "source": pay.source, "date": pay.date},
            }
        elif item.kind is ItemKind.PROJECT_IDEA and (idea := r.idea(item_id)):
            facts = {"summary": idea.summary, "industry": idea.industry}
            links = {"skills": idea.skill_ids}
        elif item.kind is ItemKind.FIGURE:
            figure = next(f for f in r.figures if f.id == item_id)
            facts = {"value": figure.value, "source": figure.source, "date": figure.date, "note": figure.note}
        elif item.kind is ItemKind.SELF_CHECK:
            check = next(c for c in r.self_checks if c.id == item_id)
            links = {"skills": check.skill_ids}
        elif item.kind is ItemKind.USE_CASE:
            use = next(u for u in r.use_cases if u.id == item_id)
            facts = {"description": use.description}
        return ItemFacts(item.id, item.kind, item.title, item.trackable, facts, links)


def _reverse(pairs: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    """From "owner names these ids" to "id is named by these owners", owners in order."""
    found: dict[str, list[str]] = defaultdict(list)
    for owner, refs in pairs:
        for ref in refs:
            found[ref].append(owner)
    return {ref: tuple(owners) for ref, owners in found.items()}


def _effort(effort: Effort | None) -> dict[str, Fact]:
    """The roadmap's estimate, shown with what it rests on; nothing when the file gives none."""
    return {"hours": effort.hours, "hours_basis": effort.basis} if effort is not None else {}
