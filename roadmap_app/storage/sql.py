"""SQLAlchemy's public names, imported the first time one of them is used.

Importing SQLAlchemy costs about a quarter of a second, more than the rest of the window's
start. A module whose reads run on the driver (``Database.read_plain``) and whose queries
are built only in other calls names SQLAlchemy through this (``sql.select(...)``), so
that the first paint and the commands that only read never load it. Type checkers see
SQLAlchemy itself:

    if TYPE_CHECKING:
        import sqlalchemy as sql
    else:
        from roadmap_app.storage import sql
"""

from __future__ import annotations

from roadmap_app.storage.lazy import forwarding

__getattr__ = forwarding("sqlalchemy", globals())
