"""The activity log: read-only here, written by the other services."""

from __future__ import annotations

from sqlalchemy import func, select

from roadmap_app.domain.activity import Activity
from roadmap_app.services._common import to_activity
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

_ACTIVITY = plain.activity.c
_COLUMNS = (
    _ACTIVITY.id, _ACTIVITY.at, _ACTIVITY.action, _ACTIVITY.subject_kind, _ACTIVITY.subject_id,
    _ACTIVITY.field, _ACTIVITY.before, _ACTIVITY.after,
)  # fmt: skip


class ActivityService:
    """Read as plain rows (``storage.plain``): the dashboard lists the newest at every refresh."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, profile_id: int, limit: int = 20) -> list[Activity]:
        """The newest entries first."""
        with self._db.read() as session:
            rows = session.execute(
                select(*_COLUMNS).where(_ACTIVITY.profile_id == profile_id).order_by(_ACTIVITY.id.desc()).limit(limit)
            )
            return [to_activity(r) for r in rows]

    def all(self, profile_id: int) -> list[Activity]:
        """Every entry, oldest first."""
        with self._db.read() as session:
            rows = session.execute(select(*_COLUMNS).where(_ACTIVITY.profile_id == profile_id).order_by(_ACTIVITY.id))
            return [to_activity(r) for r in rows]

    def count(self, profile_id: int) -> int:
        with self._db.read() as session:
            query = select(func.count()).select_from(plain.activity).where(_ACTIVITY.profile_id == profile_id)
            return int(session.scalar(query) or 0)
