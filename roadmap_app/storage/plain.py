"""Reads without the ORM: the driver's rows, converted as SQLAlchemy's SQLite types convert them.

The reads every command and the window's first paint make are a few rows each; compiling
them through SQLAlchemy costs more than running them, and importing SQLAlchemy costs more
than the rest of the start. These helpers run SQL text on a DB-API connection (one from
``Database.read_plain``, or the one under a session's transaction) and convert dates and
times exactly as ``Date`` and ``DateTime`` read them.

The light Core views of the tables (``plain.projects``, ``plain.activity``, ...) live in
``storage.views`` and are imported from there the first time one is named here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from roadmap_app.storage.lazy import forwarding

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roadmap_app.storage.views import *  # noqa: F403  (what __getattr__ gives)


__getattr__ = forwarding("roadmap_app.storage.views", globals())


def driver(session: Session) -> Any:
    """The DB-API connection under ``session``'s transaction: rows come back as plain tuples."""
    return session.connection().connection.dbapi_connection


def moment(value: Any) -> Any:
    """A stored date and time as SQLAlchemy's ``DateTime`` reads it on SQLite (None stays None)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def stored_moment(value: datetime) -> str:
    """A date and time as SQLAlchemy's ``DateTime`` stores it on SQLite: a parameter that
    compares with the stored text as the ORM's own parameter would."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def day(value: Any) -> Any:
    """A stored day as SQLAlchemy's ``Date`` reads it on SQLite (None stays None)."""
    return date.fromisoformat(value) if isinstance(value, str) else value
