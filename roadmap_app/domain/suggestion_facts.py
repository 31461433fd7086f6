"""What the suggestion rules read: a snapshot of the learner's data and indexes over it.

Standard library only, no I/O and no clock reads: the snapshot carries today's date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from roadmap_app.domain.jobs import Application, Stage
from roadmap_app.domain.model import (
    Feedback,
    ItemState,
    Progress,
    Project,
    ProjectIdea,
    ProjectStatus,
    Roadmap,
    Skill,
    Task,
)
from roadmap_app.domain.readiness import duty_skills
from roadmap_app.domain.study import TimeFacts

WIP_LIMIT = 4
"""More tasks and skills in progress than this at once is too many."""

OPEN = (ItemState.TODO, ItemState.IN_PROGRESS)


@dataclass(frozen=True)
class Snapshot:
    """Everything the rules look at, read at one moment.

    ``last_note_at`` maps a project id to its newest note's time, ``last_activity`` a
    task or skill id to its newest activity entry's time. ``applications`` are the job
    applications, and ``ad_skills`` maps an application id to the roadmap skill ids its
    stored ad asks for, in the ad's order (an application without an ad has no entry).
    The services read only what the rules use: projects come without their summary, demo
    link and notes, applications without their notes; a rule that needs more reads it
    into the snapshot first.
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
    time: TimeFacts | None = None
    #: Skills an experience or a credential under way (not only planned) proves.
    record_skills: frozenset[str] = frozenset()
    applications: Sequence[Application] = ()
    ad_skills: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


class Facts:
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
        self._index_applications(snap)

    def _index_applications(self, snap: Snapshot) -> None:
        """The applications by id, the open ones, and what their ads ask for."""
        self.applications: list[Application] = sorted(snap.applications, key=lambda a: a.id)
        self.open_applications: list[Application] = [a for a in self.applications if a.stage.is_open]
        #: For an application id, the roadmap skills its ad asks for, in the ad's order, each once.
        self.ad_skills: dict[int, tuple[str, ...]] = {
            a.id: tuple(dict.fromkeys(s for s in snap.ad_skills.get(a.id, ()) if s in self.skills))
            for a in self.applications
        }
        done = {s for s in self.skills if self.state(s) is ItemState.DONE}
        #: For an application id, the skills its ad asks for that are not done, in the ad's order.
        self.missing_skills: dict[int, tuple[str, ...]] = {
            app_id: tuple(s for s in asked if s not in done) for app_id, asked in self.ad_skills.items()
        }
        #: For a skill id, the open applications whose ads ask for it, by id.
        self.open_asking: dict[str, list[Application]] = {}
        for app in self.open_applications:
            for skill_id in self.ad_skills[app.id]:
                self.open_asking.setdefault(skill_id, []).append(app)

    def applications_in(self, *stages: Stage) -> list[Application]:
        """The applications whose current stage is one of ``stages``, by id."""
        return [a for a in self.applications if a.stage in stages]

    def state(self, item_id: str) -> ItemState:
        found = self.states.get(item_id)
        return found.state if found else ItemState.TODO

    def title(self, item_id: str) -> str:
        item = self.roadmap.item(item_id)
        return item.title if item else item_id

    def ready(self, skill: Skill) -> bool:
        """Still to do, with every prerequisite done."""
        return self.state(skill.id) is ItemState.TODO and all(self.state(r) is ItemState.DONE for r in skill.requires)

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
        skills = duty_skills(roadmap, level)
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
            self._unlocks[skill_id] = [s for s in seen if self.state(s) in OPEN]
        return self._unlocks[skill_id]

    def last_touched(self, progress: Progress) -> datetime | None:
        """The newest of the saved change time and any logged activity on the item."""
        logged = self.snap.last_activity.get(progress.item_id)
        if progress.updated_at is None:
            return logged
        return max(progress.updated_at, logged) if logged else progress.updated_at
