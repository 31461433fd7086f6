"""Read and validate a roadmap file.

The format (see resources/roadmaps/ml-engineer.toml; docs/roadmap-format.md has every key
with an example):

- ``[roadmap]``: id, title, version (int), summary.
- ``[[steps]]``: id, title, description, example; ``[[steps.tasks]]`` with id, title,
  detail and optional skills (ids), hours and hours_basis.
- ``[[categories]]``: id, title, group ("technical" or "workplace").
- ``[[skills]]``: id, title, optional aliases (other names a job ad may use, such as
  ``["torch"]`` for PyTorch), category, description, optional requires (skill ids), hours
  and hours_basis, and resources (a few official links: see content/resource_entries.py).
- ``hours`` (optional, on tasks and skills): the estimated hours of study the item takes,
  a number above 0 and at most 2000; ``hours_basis`` says what the estimate rests on (for
  example "a typical introductory course: 6 weeks at 4 h") and is required with ``hours``.
- ``[[duties]]``: id, title, description, industry, example, optional skills.
- ``[[levels]]``: id, title, description, years, duties (ids).
- ``[[career_steps]]``: id, title, description, level, and salary, source, date.
- ``[[project_ideas]]``: id, title, summary, industry, skills (at least one).
- ``[[figures]]``: id, title, value, source, date, optional note.
- ``[[self_checks]]``: id, title, optional skills.
- ``[[use_cases]]``: id, title, optional description.
- ``[[outside_skills]]`` (optional): name, optional aliases: well-known skills the roadmap
  does not teach, which the job-ad gap check names when an ad asks for them.

A name (a skill's title or alias, an outside skill's name or alias) belongs to one skill
only; how names match is described in roadmap_app/domain/gap.py.

Problems are reported as ``file: key: problem`` so the author can find the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from roadmap_app.content.resource_entries import read_resources
from roadmap_app.domain.gap import name_tokens
from roadmap_app.domain.model import (
    CareerStep,
    Duty,
    Effort,
    Figure,
    Level,
    OutsideSkill,
    ProjectIdea,
    Roadmap,
    SelfCheck,
    Skill,
    SkillCategory,
    SkillGroup,
    Step,
    Task,
    UseCase,
)
from roadmap_app.resources import resource

T = TypeVar("T")
MAX_NAME = 100

MAX_HOURS = 2000
"""The most hours one task or skill may be estimated at: about a year of full-time study."""


class ContentError(ValueError):
    """A roadmap file is missing, unreadable or inconsistent."""


def default_roadmap_path() -> Path:
    """The built-in roadmap, found in a checkout and in an installed wheel alike."""
    return resource("roadmaps", "ml-engineer.toml")


_loaded: dict[str, Roadmap] = {}
"""Roadmaps read in this process, by cache key (content and code): a file changed on disk is read anew."""


def load_roadmap(path: Path | None = None) -> Roadmap:
    """Load and validate a roadmap file (the built-in one by default).

    A file validated before is taken from the cache (content/cache.py), keyed by its content
    and this version's code; anything else is read and checked in full.
    """
    from roadmap_app.content import cache as validated

    path = (path or default_roadmap_path()).resolve()
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"{path}: cannot read the roadmap file ({exc.strerror})") from exc
    key = validated.entry_key(content)
    roadmap = _loaded.get(key) or validated.load(content, key)
    if roadmap is None:
        roadmap = _Reader(path).read(content)
        validated.store(content, roadmap, key)
    _loaded[key] = roadmap
    return roadmap


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, str] = {}

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(f"{self.path.name}: {key}: {problem}")

    def read(self, content: bytes) -> Roadmap:
        import tomllib  # only when the cache has no entry for this file

        try:
            data = tomllib.loads(content.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ContentError(f"{self.path.name}: cannot read the roadmap file ({exc})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{self.path.name}: not valid TOML ({exc})") from exc
        head = self.table(data, "roadmap")
        categories = self.entries(data, "categories", self.category)
        cat_groups = {c.id: c.group for c in categories}
        skills = self.entries(data, "skills", lambda key, raw: self.skill(key, raw, cat_groups))
        steps = tuple(
            self.step(where, number, raw) for number, (where, raw) in enumerate(self.tables(data, "steps"), 1)
        )
        duties = self.entries(data, "duties", self.duty)
        levels = self.entries(data, "levels", self.level)
        careers = tuple(
            self.career_step(where, number, raw)
            for number, (where, raw) in enumerate(self.tables(data, "career_steps"), 1)
        )
        ideas = self.entries(data, "project_ideas", self.idea)
        figures = self.entries(data, "figures", self.figure)
        checks = self.entries(data, "self_checks", self.self_check)
        uses = self.entries(data, "use_cases", self.use_case)
        outside = self.entries(data, "outside_skills", self.outside_skill) if "outside_skills" in data else ()
        self.check_names(skills, outside)
        self.check_references(steps, skills, duties, levels, careers, ideas, checks)
        version = head.get("version")
        if not isinstance(version, int) or version < 1:
            raise self.fail("roadmap.version", "must be a whole number of 1 or more")
        return Roadmap(
            id=self.text(head, "roadmap", "id"),
            title=self.text(head, "roadmap", "title"),
            version=version,
            summary=self.text(head, "roadmap", "summary"),
            steps=steps,
            categories=categories,
            skills=skills,
            duties=duties,
            levels=levels,
            career_steps=careers,
            project_ideas=ideas,
            figures=figures,
            self_checks=checks,
            use_cases=uses,
            outside_skills=outside,
        )

    # --- field helpers --------------------------------------------------------------

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "missing table")
        return value

    def tables(self, data: dict[str, Any], key: str, parent: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
        """Each table of the non-empty list ``key`` with its label, such as ``steps[2]``."""
        label = f"{parent}.{key}" if parent else key
        raw = data.get(key)
        if not isinstance(raw, list) or not raw:
            raise self.fail(label, "missing or empty list")
        for index, entry in enumerate(raw):
            where = f"{label}[{index}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "must be a table")
            yield where, entry

    def entries(
        self,
        data: dict[str, Any],
        key: str,
        build: Callable[[str, dict[str, Any]], T],
        parent: str = "",
    ) -> tuple[T, ...]:
        return tuple(build(where, entry) for where, entry in self.tables(data, key, parent))

    def text(self, raw: dict[str, Any], where: str, name: str, required: bool = True) -> str:
        value = raw.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{where}.{name}", "required text is missing")
        return value.strip()

    def ids(self, raw: dict[str, Any], where: str, name: str) -> tuple[str, ...]:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{name}", "must be a list of ids")
        return tuple(value)

    def effort(self, raw: dict[str, Any], where: str) -> Effort | None:
        hours = raw.get("hours")
        if hours is None:
            if "hours_basis" in raw:
                raise self.fail(f"{where}.hours", "required with hours_basis: the estimated hours")
            return None
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= MAX_HOURS:
            raise self.fail(f"{where}.hours", f"must be a number of hours above 0 and at most {MAX_HOURS}")
        return Effort(hours=float(hours), basis=self.text(raw, where, "hours_basis"))

    def names(self, raw: dict[str, Any], where: str, name: str) -> tuple[str, ...]:
        """A list of names a job ad may use: each with a letter or digit, short, given once."""
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{name}", 'must be a list of texts, such as ["torch", "PyTorch 2"]')
        cleaned = tuple(v.strip() for v in value)
        for text in cleaned:
            if not name_tokens(text):
                raise self.fail(f"{where}.{name}", f"'{text}' has no letter or digit to match")
            if len(text) > MAX_NAME:
                raise self.fail(f"{where}.{name}", f"'{text[:40]}...' is longer than {MAX_NAME} characters")
        twice = [text for n, text in enumerate(cleaned) if text in cleaned[:n]]
        if twice:
            raise self.fail(f"{where}.{name}", f"'{twice[0]}' is given twice")
        return cleaned

    def new_id(self, raw: dict[str, Any], where: str, prefix: str) -> str:
        item_id = self.text(raw, where, "id")
        if not item_id.startswith(prefix + "."):
            raise self.fail(f"{where}.id", f"'{item_id}' must start with '{prefix}.'")
        if item_id in self.seen:
            raise self.fail(f"{where}.id", f"'{item_id}' is already used by {self.seen[item_id]}")
        self.seen[item_id] = where
        return item_id

    # --- entries ----------------------------------------------------------------------

    def step(self, where: str, number: int, raw: dict[str, Any]) -> Step:
        step_id = self.new_id(raw, where, "step")
        tasks = (
            self.entries(
                raw,
                "tasks",
                lambda key, t: Task(
                    id=self.new_id(t, key, "task"),
                    step_id=step_id,
                    title=self.text(t, key, "title"),
                    detail=self.text(t, key, "detail", required=False),
                    skill_ids=self.ids(t, key, "skills"),
                    effort=self.effort(t, key),
                ),
                parent=where,
            )
            if "tasks" in raw
            else ()
        )
        if not tasks:
            raise self.fail(f"{where}.tasks", "a step needs at least one task")
        return Step(
            id=step_id,
            number=number,
            title=self.text(raw, where, "title"),
            description=self.text(raw, where, "description"),
            example=self.text(raw, where, "example"),
            tasks=tasks,
        )

    def category(self, where: str, raw: dict[str, Any]) -> SkillCategory:
        group = raw.get("group")
        if group not in {g.value for g in SkillGroup}:
            raise self.fail(f"{where}.group", "must be 'technical' or 'workplace'")
        return SkillCategory(
            id=self.new_id(raw, where, "category"),
            title=self.text(raw, where, "title"),
            group=SkillGroup(group),
        )

    def skill(self, where: str, raw: dict[str, Any], groups: dict[str, SkillGroup]) -> Skill:
        category = self.text(raw, where, "category")
        if category not in groups:
            raise self.fail(f"{where}.category", f"unknown category '{category}'")
        return Skill(
            id=self.new_id(raw, where, "skill"),
            title=self.text(raw, where, "title"),
            category_id=category,
            group=groups[category],
            description=self.text(raw, where, "description", required=False),
            requires=self.ids(raw, where, "requires"),
            effort=self.effort(raw, where),
            aliases=self.names(raw, where, "aliases"),
            resources=read_resources(raw, where, self.fail),
        )

    def duty(self, where: str, raw: dict[str, Any]) -> Duty:
        return Duty(
            id=self.new_id(raw, where, "duty"),
            title=self.text(raw, where, "title"),
            description=self.text(raw, where, "description"),
            industry=self.text(raw, where, "industry"),
            example=self.text(raw, where, "example"),
            skill_ids=self.ids(raw, where, "skills"),
        )

    def level(self, where: str, raw: dict[str, Any]) -> Level:
        return Level(
            id=self.new_id(raw, where, "level"),
            title=self.text(raw, where, "title"),
            description=self.text(raw, where, "description"),
            years=self.text(raw, where, "years"),
            duty_ids=self.ids(raw, where, "duties"),
        )

    def career_step(self, where: str, number: int, raw: dict[str, Any]) -> CareerStep:
        career_id = self.new_id(raw, where, "career")
        title = self.text(raw, where, "title")
        return CareerStep(
            id=career_id,
            number=number,
            title=title,
            description=self.text(raw, where, "description"),
            level_id=self.text(raw, where, "level", required=False),
            salary=Figure(
                id=f"{career_id}.salary",
                title=f"Average annual salary, {title}",
                value=self.text(raw, where, "salary"),
                source=self.text(raw, where, "source"),
                date=self.text(raw, where, "date"),
            ),
        )

    def idea(self, where: str, raw: dict[str, Any]) -> ProjectIdea:
        skills = self.ids(raw, where, "skills")
        if not skills:
            raise self.fail(f"{where}.skills", "a project idea must train at least one skill")
        return ProjectIdea(
            id=self.new_id(raw, where, "idea"),
            title=self.text(raw, where, "title"),
            summary=self.text(raw, where, "summary"),
            industry=self.text(raw, where, "industry"),
            skill_ids=skills,
        )

    def figure(self, where: str, raw: dict[str, Any]) -> Figure:
        return Figure(
            id=self.new_id(raw, where, "figure"),
            title=self.text(raw, where, "title"),
            value=self.text(raw, where, "value"),
            source=self.text(raw, where, "source"),
            date=self.text(raw, where, "date"),
            note=self.text(raw, where, "note", required=False),
        )

    def self_check(self, where: str, raw: dict[str, Any]) -> SelfCheck:
        return SelfCheck(
            id=self.new_id(raw, where, "check"),
            title=self.text(raw, where, "title"),
            skill_ids=self.ids(raw, where, "skills"),
        )

    def use_case(self, where: str, raw: dict[str, Any]) -> UseCase:
        return UseCase(
            id=self.new_id(raw, where, "use"),
            title=self.text(raw, where, "title"),
            description=self.text(raw, where, "description", required=False),
        )

    def outside_skill(self, where: str, raw: dict[str, Any]) -> OutsideSkill:
        name = self.text(raw, where, "name")
        if not name_tokens(name):
            raise self.fail(f"{where}.name", f"'{name}' has no letter or digit to match")
        return OutsideSkill(name=name, aliases=self.names(raw, where, "aliases"))

    def check_names(self, skills: tuple[Skill, ...], outside: tuple[OutsideSkill, ...]) -> None:
        """Every name leads to one skill: the same words for two skills would make a match a guess."""
        owners: dict[tuple[str, ...], str] = {}
        named = [(self.seen[s.id], s.id, "title", (s.title,), s.aliases) for s in skills]
        named += [(f"outside_skills[{n}]", o.name, "name", (o.name,), o.aliases) for n, o in enumerate(outside)]
        for where, owner, head, titles, aliases in named:
            for key, texts in ((f"{where}.{head}", titles), (f"{where}.aliases", aliases)):
                for text in texts:
                    tokens = name_tokens(text)
                    if owners.setdefault(tokens, owner) != owner:
                        raise self.fail(
                            key, f"the name '{text}' already belongs to '{owners[tokens]}'; give it to one only"
                        )

    # --- cross references ---------------------------------------------------------------

    def check_references(
        self,
        steps: tuple[Step, ...],
        skills: tuple[Skill, ...],
        duties: tuple[Duty, ...],
        levels: tuple[Level, ...],
        careers: tuple[CareerStep, ...],
        ideas: tuple[ProjectIdea, ...],
        checks: tuple[SelfCheck, ...],
    ) -> None:
        skill_ids = {s.id for s in skills}
        duty_ids = {d.id for d in duties}
        level_ids = {lv.id for lv in levels}

        def resolve(owner: str, refs: tuple[str, ...], known: set[str], what: str) -> None:
            for ref in refs:
                if ref not in known:
                    raise self.fail(self.seen.get(owner, owner), f"unknown {what} '{ref}'")

        for step in steps:
            for task in step.tasks:
                resolve(task.id, task.skill_ids, skill_ids, "skill")
        for skill in skills:
            resolve(skill.id, skill.requires, skill_ids, "skill")
        for duty in duties:
            resolve(duty.id, duty.skill_ids, skill_ids, "skill")
        for level in levels:
            resolve(level.id, level.duty_ids, duty_ids, "duty")
        for career in careers:
            if career.level_id:
                resolve(career.id, (career.level_id,), level_ids, "level")
        for idea in ideas:
            resolve(idea.id, idea.skill_ids, skill_ids, "skill")
        for check in checks:
            resolve(check.id, check.skill_ids, skill_ids, "skill")
        self.check_no_cycles(skills)

    def check_no_cycles(self, skills: tuple[Skill, ...]) -> None:
        """Prerequisites must not form a loop; a loop is reported at its skill listed first."""
        import graphlib

        try:
            graphlib.TopologicalSorter({s.id: s.requires for s in skills}).prepare()
        except graphlib.CycleError as exc:
            # graphlib lists the loop from a skill to the skills needing it; read it the other way.
            loop: list[str] = list(reversed(exc.args[1]))[:-1]
            order = {s.id: n for n, s in enumerate(skills)}
            first = min(range(len(loop)), key=lambda i: order[loop[i]])
            loop = loop[first:] + loop[:first]
            raise self.fail(self.seen[loop[0]], f"prerequisites form a loop: {' -> '.join((*loop, loop[0]))}") from None
