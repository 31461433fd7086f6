"""What changed in the roadmap since the window last started, reported once.

The ids the roadmap had are kept in the settings, per roadmap id; a new version of the
file (or a learner's own file with the same id) is compared with them at the next start.
Progress on dropped ids is never touched: those items show as archived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from roadmap_app.domain.model import Roadmap
from roadmap_app.domain.suggestion_wording import count_of
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import Setting


@dataclass(frozen=True, slots=True)
class RoadmapUpdate:
    old_version: int
    new_version: int
    new_tasks: int
    new_skills: int
    archived: int

    def describe(self) -> str:
        parts = [
            count_of(self.new_skills, "new skill") if self.new_skills else "",
            count_of(self.new_tasks, "new task") if self.new_tasks else "",
            f"{self.archived} archived (your progress on them is kept)" if self.archived else "",
        ]
        changes = ", ".join(p for p in parts if p) or "new texts"
        return f"The roadmap was updated (version {self.old_version} to {self.new_version}): {changes}."


class RoadmapUpdateService:
    def __init__(self, db: Database, roadmap: Roadmap) -> None:
        self._db = db
        self._roadmap = roadmap

    def since_last_start(self) -> RoadmapUpdate | None:
        """The change since the last call with this roadmap's id, then remembered: None on
        the first start, and when nothing changed."""
        roadmap = self._roadmap
        key = f"roadmap_seen:{roadmap.id}"
        tasks = sorted(t.id for t in roadmap.tasks)
        skills = sorted(s.id for s in roadmap.skills)
        seen = json.dumps({"version": roadmap.version, "tasks": tasks, "skills": skills})
        # Most starts meet the roadmap they met before: a read, which neither waits for another
        # writer nor counts as a change (a change is what makes the window back up on close).
        with self._db.read() as session:
            row = session.get(Setting, key)
            if row is not None and row.value == seen:
                return None
        with self._db.write() as session:
            row = session.get(Setting, key)
            if row is not None and row.value == seen:
                return None
            old = _read(row.value) if row is not None else None
            session.merge(Setting(key=key, value=seen))
        if old is None:
            return None
        old_version, old_tasks, old_skills = old
        return RoadmapUpdate(
            old_version=old_version,
            new_version=roadmap.version,
            new_tasks=len(set(tasks) - old_tasks),
            new_skills=len(set(skills) - old_skills),
            archived=len((old_tasks | old_skills) - set(tasks) - set(skills)),
        )


def _read(value: str) -> tuple[int, set[str], set[str]] | None:
    """A remembered roadmap, or None for a value this version cannot read."""
    try:
        data = json.loads(value)
        version = int(data["version"])
        return version, {str(t) for t in data["tasks"]}, {str(s) for s in data["skills"]}
    except (ValueError, TypeError, KeyError):
        return None
