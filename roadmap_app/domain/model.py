"""Domain objects: the built-in roadmap content and the learner's own data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TypeVar

from roadmap_app.domain.resources import RoadmapResource

_E = TypeVar("_E", bound=enum.Enum)


def enum_or(kind: type[_E], value: str, default: _E) -> _E:
    """``kind(value)``, or ``default`` for a value this version does not know (from a newer one)."""
    try:
        return kind(value)
    except ValueError:
        return default


class ItemState(enum.StrEnum):
    """Where a learner stands on a task or a skill."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ItemState.TODO: "To do",
    ItemState.IN_PROGRESS: "In progress",
    ItemState.DONE: "Done",
    ItemState.SKIPPED: "Skipped",
}


class ProjectStatus(enum.StrEnum):
    IDEA = "idea"
    BUILDING = "building"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SkillGroup(enum.StrEnum):
    TECHNICAL = "technical"
    WORKPLACE = "workplace"


class ItemKind(enum.StrEnum):
    """Every kind of content item, as listed by `roadmap-app items`."""

    STEP = "step"
    TASK = "task"
    SKILL = "skill"
    DUTY = "duty"
    LEVEL = "level"
    CAREER_STEP = "career_step"
    PROJECT_IDEA = "project_idea"
    FIGURE = "figure"
    SELF_CHECK = "self_check"
    USE_CASE = "use_case"


# --- built-in content -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Effort:
    """The roadmap's estimate of the hours an item takes, and what the estimate rests on."""

    hours: float
    basis: str


@dataclass(frozen=True, slots=True)
class Task:
    """A task of a step: something to do, with the skills it trains and its estimated effort."""

    id: str
    step_id: str
    title: str
    detail: str = ""
    skill_ids: tuple[str, ...] = ()
    effort: Effort | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the road to the job, with its tasks in order."""

    id: str
    number: int
    title: str
    description: str
    example: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class SkillCategory:
    """A group of skills on the skills page (a category belongs to one skill group)."""

    id: str
    title: str
    group: SkillGroup


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill the roadmap teaches, with the skills it requires and its estimated effort."""

    id: str
    title: str
    category_id: str
    group: SkillGroup
    description: str = ""
    requires: tuple[str, ...] = ()
    effort: Effort | None = None
    aliases: tuple[str, ...] = ()
    """Other names a job ad may use for the skill (the gap check matches the title and these)."""
    resources: tuple[RoadmapResource, ...] = ()
    """Official documentation and tutorials the roadmap lists for the skill (read-only)."""


@dataclass(frozen=True, slots=True)
class OutsideSkill:
    """A well-known skill the roadmap does not teach, which the gap check names when an ad asks for it."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Duty:
    """Something an ML engineer does at work, in an industry, with the skills it needs."""

    id: str
    title: str
    description: str
    industry: str
    example: str
    skill_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Level:
    """A seniority level of the job, with the duties it holds."""

    id: str
    title: str
    description: str
    years: str
    duty_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number quoted from a source; it ages, so it always travels with source and date."""

    id: str
    title: str
    value: str
    source: str
    date: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class CareerStep:
    """A role on the career ladder, with its quoted salary figure."""

    id: str
    number: int
    title: str
    description: str
    salary: Figure
    level_id: str = ""


@dataclass(frozen=True, slots=True)
class ProjectIdea:
    """A portfolio project the roadmap suggests, with the skills it shows."""

    id: str
    title: str
    summary: str
    industry: str
    skill_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SelfCheck:
    """A responsibility of the job, asked as "can I do this yet?"."""

    id: str
    title: str
    skill_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UseCase:
    """What ML is used for, as the roadmap describes it."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class ContentItem:
    """One row of the flat item listing, whatever its kind."""

    id: str
    kind: ItemKind
    title: str
    trackable: bool
    step_id: str = ""
    category_id: str = ""
    group: str = ""


@dataclass(frozen=True)
class Roadmap:
    """The whole built-in roadmap, validated and cross-linked."""

    id: str
    title: str
    version: int
    summary: str
    steps: tuple[Step, ...]
    categories: tuple[SkillCategory, ...]
    skills: tuple[Skill, ...]
    duties: tuple[Duty, ...]
    levels: tuple[Level, ...]
    career_steps: tuple[CareerStep, ...]
    project_ideas: tuple[ProjectIdea, ...]
    figures: tuple[Figure, ...]
    self_checks: tuple[SelfCheck, ...]
    use_cases: tuple[UseCase, ...]
    outside_skills: tuple[OutsideSkill, ...] = ()
    kept_titles: dict[str, str] = field(default_factory=dict, compare=False)
    """Titles of the learner's own items that are no longer in it (removed), by id."""
    _index: dict[str, ContentItem] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({item.id: item for item in self._build_items()})

    def _build_items(self) -> list[ContentItem]:
        items: list[ContentItem] = []
        for step in self.steps:
            items.append(ContentItem(step.id, ItemKind.STEP, step.title, False))
            items.extend(ContentItem(t.id, ItemKind.TASK, t.title, True, step_id=step.id) for t in step.tasks)
        items.extend(
            ContentItem(s.id, ItemKind.SKILL, s.title, True, category_id=s.category_id, group=s.group.value)
            for s in self.skills
        )
        simple: list[
            tuple[ItemKind, tuple[Duty | Level | CareerStep | ProjectIdea | Figure | SelfCheck | UseCase, ...]]
        ] = [
            (ItemKind.DUTY, self.duties),
            (ItemKind.LEVEL, self.levels),
            (ItemKind.CAREER_STEP, self.career_steps),
            (ItemKind.PROJECT_IDEA, self.project_ideas),
            (ItemKind.FIGURE, self.figures),
            (ItemKind.SELF_CHECK, self.self_checks),
            (ItemKind.USE_CASE, self.use_cases),
        ]
        for kind, group in simple:
            items.extend(ContentItem(x.id, kind, x.title, False) for x in group)
        return items

    @property
    def items(self) -> list[ContentItem]:
        return list(self._index.values())

    def item(self, item_id: str) -> ContentItem | None:
        return self._index.get(item_id)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for s in self.steps for t in s.tasks)

    # Every lookup by id is total: a roadmap version may drop an id the learner's data
    # still names, so callers get None and show what they saved without the roadmap's words.

    def skill(self, skill_id: str) -> Skill | None:
        return self._skills.get(skill_id)

    def step(self, step_id: str) -> Step | None:
        return self._steps.get(step_id)

    def task(self, task_id: str) -> Task | None:
        return self._tasks.get(task_id)

    def category(self, category_id: str) -> SkillCategory | None:
        return self._categories.get(category_id)

    def idea(self, idea_id: str) -> ProjectIdea | None:
        return self._ideas.get(idea_id)

    def career_step(self, career_id: str) -> CareerStep | None:
        return self._career_steps.get(career_id)

    def level(self, level_id: str) -> Level | None:
        return self._levels.get(level_id)

    def title_of(self, item_id: str) -> str:
        """The item's title (or the title a removed own item had), or its id when this roadmap does not have it."""
        item = self._index.get(item_id)
        return item.title if item else self.kept_titles.get(item_id, item_id)

    @cached_property
    def _skills(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def _steps(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    @cached_property
    def _tasks(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    @cached_property
    def _categories(self) -> dict[str, SkillCategory]:
        return {c.id: c for c in self.categories}

    @cached_property
    def _ideas(self) -> dict[str, ProjectIdea]:
        return {i.id: i for i in self.project_ideas}

    @cached_property
    def _career_steps(self) -> dict[str, CareerStep]:
        return {c.id: c for c in self.career_steps}

    @cached_property
    def _levels(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.levels}


# --- the learner's data --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    """A learner: their name, step, target role and study goals."""

    id: int
    name: str
    created_at: datetime
    current_step_id: str = ""
    target_career_id: str = ""
    weekly_goal_minutes: int = 0
    """0: no weekly goal set yet."""
    min_minutes_per_day: int = 10
    """A day counts towards a streak from this many minutes of study."""
    ready_by: date | None = None
    """The day the learner wants to be ready to apply, if they set one."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A learner's state and note on one task or skill."""

    item_id: str
    state: ItemState
    note: str
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class ProjectNote:
    """A dated Markdown note on a portfolio project."""

    id: int
    project_id: int
    created_at: datetime
    updated_at: datetime
    text: str
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """A portfolio project with its skills (and, when read with them, its notes)."""

    id: int
    title: str
    summary: str
    status: ProjectStatus
    repo_url: str
    demo_url: str
    idea_id: str
    started_on: date | None
    finished_on: date | None
    created_at: datetime
    updated_at: datetime
    skill_ids: tuple[str, ...] = ()
    notes: tuple[ProjectNote, ...] = ()
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Feedback:
    """A learner's answer to one suggestion: snoozed until a date, or dismissed."""

    key: str
    snoozed_until: date | None
    dismissed_fingerprint: str
