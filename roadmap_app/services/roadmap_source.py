"""The roadmap every service reads: the file's, with the own items of the profile in use.

One place builds it (``domain.own_items.merge_own_items``), so a page, a command or a rule
never meets a roadmap without the learner's own tasks and skills, and no caller patches
them in. Which profile: the one bound with ``use`` (the window binds the profile it shows,
a command the one it works on); with none bound, the file's roadmap alone.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.model import Roadmap, enum_or
from roadmap_app.domain.own_items import OwnItem, OwnKind, merge_own_items
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.storage.tables import OwnItemRow
else:
    from roadmap_app.storage import sql


def to_own_item(row: Any) -> OwnItem:
    """An own item from an ORM row or a plain row of every column of ``own_items``."""
    return OwnItem(
        id=row.item_id,
        kind=enum_or(OwnKind, row.kind, OwnKind.TASK),
        title=row.title,
        description=row.description,
        step_id=row.step_id,
        category_id=row.category_id,
        category_name=row.category_name,
        prerequisites=tuple(p for p in row.prerequisites.split("\n") if p),
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        uuid=row.uuid,
        removed=row.removed_at is not None,
    )


_OWN_ITEM_COLUMNS = (
    "item_id", "kind", "title", "description", "step_id", "category_id", "category_name", "prerequisites",
    "position", "created_at", "updated_at", "uuid", "removed_at",
)  # fmt: skip
_OWN_ITEMS = f"SELECT {', '.join(_OWN_ITEM_COLUMNS)} FROM own_items WHERE profile_id = ? ORDER BY position, id"


def own_items(driver: Any, profile_id: int) -> list[OwnItem]:
    """Every own item of a profile, as ``own_item_rows`` orders them, read on a DB-API connection."""
    found = []
    for values in driver.execute(_OWN_ITEMS, (profile_id,)):
        row = SimpleNamespace(**dict(zip(_OWN_ITEM_COLUMNS, values, strict=True)))
        row.created_at, row.updated_at = plain.moment(row.created_at), plain.moment(row.updated_at)
        found.append(to_own_item(row))
    return found


def own_item_rows(session: Session, profile_id: int) -> list[OwnItemRow]:
    """Every own item of a profile, removed ones too, in the order they were added."""
    from roadmap_app.storage.tables import OwnItemRow

    query = (
        sql.select(OwnItemRow).where(OwnItemRow.profile_id == profile_id).order_by(OwnItemRow.position, OwnItemRow.id)
    )
    return list(session.scalars(query))


class RoadmapSource:
    """The file's roadmap and, per profile, that roadmap with the profile's own items."""

    def __init__(self, db: Database, base: Roadmap) -> None:
        self._db = db
        self.base = base
        self._profile_id: int | None = None
        self._resolve: Callable[[], int] | None = None
        self._merged: dict[int, Roadmap] = {}

    def use(self, profile_id: int) -> None:
        """Read the roadmap of this profile from now on.

        Built here, outside any transaction: a service reads the roadmap inside its own, and
        a read-only database has one connection, which cannot open a second one inside it.
        """
        self._profile_id = profile_id
        self.of(profile_id)

    def use_when_asked(self, resolve: Callable[[], int]) -> None:
        """Bind the profile ``resolve`` names the first time the roadmap is read (a command
        that never reads it never resolves its profile)."""
        self._resolve = resolve

    @property
    def current(self) -> Roadmap:
        if self._profile_id is None and self._resolve is not None:
            resolve, self._resolve = self._resolve, None
            self._profile_id = resolve()
        return self.base if self._profile_id is None else self.of(self._profile_id)

    def of(self, profile_id: int) -> Roadmap:
        """The roadmap with the own items of ``profile_id`` (built once, until they change)."""
        merged = self._merged.get(profile_id)
        if merged is None:
            with self._db.read_plain() as conn:
                items = own_items(conn, profile_id)
            merged = self._merged[profile_id] = merge_own_items(self.base, items)
        return merged

    def changed(self) -> None:
        """Own items were written (here, or by another process): build the roadmaps anew.

        Called after the write's transaction has ended; the roadmap in use is built at once.
        """
        self._merged.clear()
        if self._profile_id is not None:
            self.of(self._profile_id)
