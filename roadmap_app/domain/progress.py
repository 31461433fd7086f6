"""Progress maths: counts per step, per skill group and overall. Pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roadmap_app.domain.model import ItemState, Progress, Roadmap, SkillGroup, Step


@dataclass(frozen=True, slots=True)
class Tally:
    """How many items are in each state. Skipped items do not count towards the total."""

    todo: int = 0
    in_progress: int = 0
    done: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.todo + self.in_progress + self.done + self.skipped

    @property
    def counted(self) -> int:
        return self.total - self.skipped

    @property
    def fraction(self) -> float:
        return self.done / self.counted if self.counted else (1.0 if self.total else 0.0)

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.todo == 0 and self.in_progress == 0

    def as_dict(self) -> dict[str, int]:
        return {
            "todo": self.todo,
            "in_progress": self.in_progress,
            "done": self.done,
            "skipped": self.skipped,
            "total": self.total,
            "percent": self.percent,
        }


def state_of(states: Mapping[str, Progress], item_id: str) -> ItemState:
    found = states.get(item_id)
    return found.state if found else ItemState.TODO


def tally(states: Mapping[str, Progress], item_ids: Iterable[str]) -> Tally:
    counts = dict.fromkeys(ItemState, 0)
    for item_id in item_ids:
        counts[state_of(states, item_id)] += 1
    return Tally(
        todo=counts[ItemState.TODO],
        in_progress=counts[ItemState.IN_PROGRESS],
        done=counts[ItemState.DONE],
        skipped=counts[ItemState.SKIPPED],
    )


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """Progress overall, per step, on the skills and per skill group, with the step the learner is on."""

    overall: Tally
    steps: tuple[tuple[Step, Tally], ...]
    skills: Tally
    skills_by_group: dict[SkillGroup, Tally]
    current_step: Step

    @property
    def current_step_id(self) -> str:
        return self.current_step.id

    def step_tally(self, step_id: str) -> Tally:
        return next((t for s, t in self.steps if s.id == step_id), Tally())


def current_step(roadmap: Roadmap, states: Mapping[str, Progress], chosen: str = "") -> Step:
    """The first step not yet complete, starting from the one the learner said they are on."""
    ids = [s.id for s in roadmap.steps]
    start = ids.index(chosen) if chosen in ids else 0
    for step in roadmap.steps[start:]:
        if not tally(states, (t.id for t in step.tasks)).complete:
            return step
    return roadmap.steps[-1]


def summarise(roadmap: Roadmap, states: Mapping[str, Progress], chosen_step: str = "") -> ProgressSummary:
    """Everything the dashboard and `status` show, from the learner's states."""
    steps = tuple((s, tally(states, (t.id for t in s.tasks))) for s in roadmap.steps)
    skills = tally(states, (s.id for s in roadmap.skills))
    by_group = {group: tally(states, (s.id for s in roadmap.skills if s.group is group)) for group in SkillGroup}
    tracked = [t.id for t in roadmap.tasks] + [s.id for s in roadmap.skills]
    return ProgressSummary(
        overall=tally(states, tracked),
        steps=steps,
        skills=skills,
        skills_by_group=by_group,
        current_step=current_step(roadmap, states, chosen_step),
    )
