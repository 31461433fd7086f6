"""The activity log: read-only here, written by the other services."""

from __future__ import annotations

from sqlalchemy import func, select

from roadmap_app.domain.activity import Activity
from roadmap_app.services._common import to_activity
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import ActivityRow


class ActivityService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, profile_id: int, limit: int = 20) -> list[Activity]:
        """The newest entries first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(ActivityRow)
                .where(ActivityRow.profile_id == profile_id)
                .order_by(ActivityRow.id.desc())
                .limit(limit)
            )
            return [to_activity(r) for r in rows]

    def all(self, profile_id: int) -> list[Activity]:
        """Every entry, oldest first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(ActivityRow).where(ActivityRow.profile_id == profile_id).order_by(ActivityRow.id)
            )
            return [to_activity(r) for r in rows]

    def count(self, profile_id: int) -> int:
        with self._db.read() as session:
            query = select(func.count()).select_from(ActivityRow).where(ActivityRow.profile_id == profile_id)
            return int(session.scalar(query) or 0)
