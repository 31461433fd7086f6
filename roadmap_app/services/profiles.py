"""Learner profiles: several learners may share one computer."""

from __future__ import annotations

import getpass
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.limits import MAX_NAME
from roadmap_app.domain.model import Profile, Roadmap
from roadmap_app.services._common import (
    PROFILE_SQL,
    Clock,
    bury,
    profile_from_values,
    profile_row,
    record,
    system_clock,
    to_profile,
)
from roadmap_app.services.errors import InvalidInputError, NotFoundError, UserError
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
else:
    from roadmap_app.storage import sql

CURRENT_PROFILE_KEY = "current_profile"
#: The role a new learner aims for until they choose another: the job the roadmap leads to.
DEFAULT_TARGET_CAREER = "career.ml-engineer"


def clean_profile_name(name: str) -> str:
    """A profile name as stored, or an error saying what is wrong with it."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInputError("a profile name cannot be empty; give a name such as 'Sam'")
    if len(cleaned) > MAX_NAME:
        raise InvalidInputError(f"a profile name can have at most {MAX_NAME} characters")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise InvalidInputError("a profile name cannot contain control characters")
    return cleaned


def default_profile_name() -> str:
    try:
        return clean_profile_name(getpass.getuser())
    except (InvalidInputError, OSError, KeyError):
        return "default"


class ProfileService:
    @property
    def _roadmap(self) -> Roadmap:
        """The file's roadmap: profiles need its steps and roles, which own items never add."""
        return self._roadmaps.base

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def all(self) -> list[Profile]:
        from roadmap_app.storage.tables import ProfileRow

        with self._db.read() as session:
            rows = session.scalars(sql.select(ProfileRow).order_by(ProfileRow.id))
            return [to_profile(r) for r in rows]

    def get(self, profile_id: int) -> Profile:
        with self._db.read() as session:
            return to_profile(profile_row(session, profile_id))

    def find(self, name: str) -> Profile:
        from roadmap_app.storage.tables import ProfileRow

        with self._db.read() as session:
            row = session.scalar(sql.select(ProfileRow).where(ProfileRow.name == name.strip()))
            if row is None:
                known = ", ".join(session.scalars(sql.select(ProfileRow.name).order_by(ProfileRow.id)))
                raise NotFoundError(
                    f"no profile named '{name}' (profiles: {known or 'none'}); "
                    "create it with 'roadmap-app profile create NAME'"
                )
            return to_profile(row)

    def create(self, name: str) -> Profile:
        from roadmap_app.storage.tables import ProfileRow

        cleaned = clean_profile_name(name)
        with self._db.write() as session:
            if session.scalar(sql.select(ProfileRow).where(ProfileRow.name == cleaned)):
                raise UserError(f"a profile named '{cleaned}' already exists; choose another name")
            row = ProfileRow(name=cleaned, created_at=self._clock(), target_career_id=self.default_target())
            session.add(row)
            session.flush()
            record(session, row.id, row.created_at, ActivityAction.PROFILE_CREATE, SubjectKind.PROFILE, after=cleaned)
            return to_profile(row)

    def default_target(self) -> str:
        """The target role of a new profile; none if the roadmap has no such career step."""
        known = {c.id for c in self._roadmap.career_steps}
        return DEFAULT_TARGET_CAREER if DEFAULT_TARGET_CAREER in known else ""

    def rename(self, profile_id: int, name: str) -> Profile:
        from roadmap_app.storage.tables import ProfileRow

        cleaned = clean_profile_name(name)
        with self._db.write() as session:
            row = profile_row(session, profile_id)
            clash = session.scalar(sql.select(ProfileRow).where(ProfileRow.name == cleaned))
            if clash is not None and clash.id != profile_id:
                raise UserError(f"a profile named '{cleaned}' already exists; choose another name")
            old = row.name
            row.name = cleaned
            if old != cleaned:
                record(
                    session, row.id, self._clock(), ActivityAction.PROFILE_RENAME, SubjectKind.PROFILE,
                    before=old, after=cleaned,
                )  # fmt: skip
            return to_profile(row)

    def delete(self, profile_id: int) -> None:
        """Delete a profile and everything in it. The caller asks the learner first."""
        from roadmap_app.storage.tables import Setting

        with self._db.write() as session:
            row = profile_row(session, profile_id)
            # Its records go with it; one tombstone says so for all of them.
            bury(session, profile_id, "profile", [row.uuid], self._clock())
            session.delete(row)
            setting = session.get(Setting, CURRENT_PROFILE_KEY)
            if setting is not None and setting.value == str(profile_id):
                session.delete(setting)
        self._roadmaps.changed()  # a later profile may be given the same row id

    def use(self, profile_id: int) -> Profile:
        """Make a profile the one opened next time."""
        from roadmap_app.storage.tables import Setting

        with self._db.write() as session:
            row = profile_row(session, profile_id)
            session.merge(Setting(key=CURRENT_PROFILE_KEY, value=str(profile_id)))
            return to_profile(row)

    def current(self, name: str | None = None) -> Profile:
        """The profile asked for by name, else the last used, else the first, else a new one."""
        if name:
            return self.find(name)
        # Through the driver: every command reads this first, before any ORM class is needed.
        with self._db.read_plain() as driver:
            setting = driver.execute("SELECT value FROM settings WHERE key = ?", (CURRENT_PROFILE_KEY,)).fetchone()
            values = None
            if setting is not None and isinstance(setting[0], str) and setting[0].isdigit():
                values = driver.execute(PROFILE_SQL + " WHERE id = ?", (int(setting[0]),)).fetchone()
            if values is None:
                values = driver.execute(PROFILE_SQL + " ORDER BY id LIMIT 1").fetchone()
            if values is not None:
                return profile_from_values(values)
        return self.create(default_profile_name())

    def count(self) -> int:
        with self._db.read_plain() as conn:
            return int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])

    def set_goal(
        self,
        profile_id: int,
        *,
        current_step_id: str | None = None,
        target_career_id: str | None = None,
        weekly_goal_minutes: int | None = None,
        min_minutes_per_day: int | None = None,
        ready_by: date | None = None,
        clear_ready_by: bool = False,
        _restoring: bool = False,
    ) -> tuple[Profile, Profile]:
        """Record where the learner stands, the career step they aim for, their weekly study
        goal, a day's minimum for a streak and their ready-by day. Returns (before, after)."""
        if current_step_id and current_step_id not in {s.id for s in self._roadmap.steps}:
            raise NotFoundError(f"unknown step {quoted(current_step_id)}; see 'roadmap-app items --kind step'")
        if target_career_id and target_career_id not in {c.id for c in self._roadmap.career_steps}:
            raise NotFoundError(
                f"unknown career step {quoted(target_career_id)}; see 'roadmap-app items --kind career_step'"
            )
        from roadmap_app.domain.study import MAX_HOURS_PER_WEEK, MINUTES_PER_DAY

        if weekly_goal_minutes is not None and not 0 <= weekly_goal_minutes <= MAX_HOURS_PER_WEEK * 60:
            raise InvalidInputError(
                f"hours per week must be from 0 (no goal) to {MAX_HOURS_PER_WEEK}; got {weekly_goal_minutes / 60:g}"
            )
        if min_minutes_per_day is not None and not 1 <= min_minutes_per_day <= MINUTES_PER_DAY:
            raise InvalidInputError(
                f"minimum minutes per day must be from 1 to {MINUTES_PER_DAY}; got {min_minutes_per_day}"
            )
        with self._db.write() as session:
            row = profile_row(session, profile_id)
            before = to_profile(row)
            now = self._clock()
            changes: list[tuple[str, str, object]] = [
                ("current_step", "current_step_id", current_step_id),
                ("target_career", "target_career_id", target_career_id),
                ("weekly_goal", "weekly_goal_minutes", weekly_goal_minutes),
                ("min_minutes", "min_minutes_per_day", min_minutes_per_day),
                ("ready_by", "ready_by", None if clear_ready_by else ready_by),
            ]
            for field, column, value in changes:
                old = getattr(row, column)
                unset = value is None and not (field == "ready_by" and clear_ready_by)
                if unset or value == old:
                    continue
                if field == "ready_by" and isinstance(value, date) and value <= now.date() and not _restoring:
                    raise InvalidInputError(f"ready-by {value.isoformat()} is not in the future; give a later day")
                setattr(row, column, value)
                record(
                    session, profile_id, now, ActivityAction.PROFILE_GOAL, SubjectKind.PROFILE,
                    field=field, before=_logged(old), after=_logged(value),
                )  # fmt: skip
            return before, to_profile(row)

    def restore_goal(self, profile_id: int, before: Profile) -> Profile:
        """Put the goal back as ``before`` had it (undo of ``set_goal``)."""
        return self.set_goal(
            profile_id,
            current_step_id=before.current_step_id,
            target_career_id=before.target_career_id,
            weekly_goal_minutes=before.weekly_goal_minutes,
            min_minutes_per_day=before.min_minutes_per_day,
            ready_by=before.ready_by,
            clear_ready_by=before.ready_by is None,
            _restoring=True,  # a ready-by day that has passed since is put back as it was
        )[1]


def _logged(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
