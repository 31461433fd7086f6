"""The activity log: read-only here, written by the other services."""

from __future__ import annotations

from typing import Any, NamedTuple

from roadmap_app.domain.activity import Activity
from roadmap_app.services._common import to_activity
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

_ENTRIES = "SELECT id, at, action, subject_kind, subject_id, field, before, after FROM activity WHERE profile_id = ?"


class _Entry(NamedTuple):
    """One entry's columns, as ``to_activity`` reads them."""

    id: int
    at: Any
    action: str
    subject_kind: str
    subject_id: str
    field: str
    before: str
    after: str


def _entries(rows: Any) -> list[Activity]:
    return [to_activity(_Entry(i, plain.moment(at), *rest)) for i, at, *rest in rows]


class ActivityService:
    """Read through the driver (``Database.read_plain``): the dashboard lists the newest at every refresh."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, profile_id: int, limit: int = 20) -> list[Activity]:
        """The newest entries first."""
        with self._db.read_plain() as conn:
            return _entries(conn.execute(_ENTRIES + " ORDER BY id DESC LIMIT ?", (profile_id, limit)))

    def all(self, profile_id: int) -> list[Activity]:
        """Every entry, oldest first."""
        with self._db.read_plain() as conn:
            return _entries(conn.execute(_ENTRIES + " ORDER BY id", (profile_id,)))

    def count(self, profile_id: int) -> int:
        with self._db.read_plain() as conn:
            return int(conn.execute("SELECT count(*) FROM activity WHERE profile_id = ?", (profile_id,)).fetchone()[0])
