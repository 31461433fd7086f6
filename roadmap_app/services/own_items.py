"""The learner's own tasks and skills: added, edited and removed, each change undoable.

They join the roadmap through ``RoadmapSource``, so states, notes, suggestions, evidence
and search treat them as the built-in items. Removing one with progress needs a
confirmation; it keeps its row (and its title) so its state and note show as archived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.limits import MAX_NAME, MAX_TEXT, MAX_TITLE
from roadmap_app.domain.model import ItemState, Roadmap
from roadmap_app.domain.own_items import (
    OwnItem,
    OwnItemError,
    OwnKind,
    check_own_item,
    is_own,
    merge_own_items,
    new_own_id,
    own_category_id,
)
from roadmap_app.services._common import Clock, bury, profile_row, record, system_clock, unbury
from roadmap_app.services.errors import InvalidInputError, NotFoundError, UserError
from roadmap_app.services.record_values import parse_choice
from roadmap_app.services.roadmap_source import RoadmapSource, own_item_rows, to_own_item
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import OwnItemRow, ProgressRow

#: Where a skill that a job ad names, and the roadmap does not know, is added.
FROM_JOB_ADS = "From job ads"
MAX_PREREQUISITES = 50


class NeedsConfirmation(UserError):
    """The item has progress: removing it asks first (``confirmed=True``)."""


@dataclass(frozen=True, slots=True)
class OwnItemChange:
    """An edit: ``put_back(before)`` undoes it."""

    before: OwnItem
    after: OwnItem


def _clean_title(value: str, kind: OwnKind) -> str:
    cleaned = " ".join(str(value).split())
    example = "Containerise a model with Docker" if kind is OwnKind.TASK else "Docker"
    if not cleaned:
        raise InvalidInputError(f"a {kind.value} needs a title; give one such as '{example}'")
    if len(cleaned) > MAX_TITLE:
        raise InvalidInputError(f"a {kind.value} title can have at most {MAX_TITLE} characters")
    return cleaned


def _clean_description(value: str) -> str:
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"a description can have at most {MAX_TEXT:,} characters")
    return text


def _clean_category_name(value: str) -> str:
    cleaned = " ".join(str(value).split())
    if not cleaned:
        raise InvalidInputError("a new category needs a name, such as 'MLOps'")
    if len(cleaned) > MAX_NAME:
        raise InvalidInputError(f"a category name can have at most {MAX_NAME} characters")
    return cleaned


def _clean_prerequisites(values: Iterable[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    if len(cleaned) > MAX_PREREQUISITES:
        raise InvalidInputError(f"an item can have at most {MAX_PREREQUISITES} prerequisites")
    return cleaned


def _check(roadmap: Roadmap, item: OwnItem) -> None:
    try:
        check_own_item(roadmap, item)
    except OwnItemError as exc:
        raise InvalidInputError(str(exc)) from None


class OwnItemService:
    def __init__(self, db: Database, roadmaps: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmaps
        self._clock = clock

    def list(self, profile_id: int, *, removed: bool = False) -> list[OwnItem]:
        """The profile's own items in the order added; with ``removed``, only the removed ones."""
        with self._db.read() as session:
            return [i for i in map(to_own_item, own_item_rows(session, profile_id)) if i.removed == removed]

    def get(self, profile_id: int, item_id: str) -> OwnItem:
        with self._db.read() as session:
            return to_own_item(self._row(session, profile_id, item_id))

    def _row(self, session: Session, profile_id: int, item_id: str, *, live: bool = True) -> OwnItemRow:
        row = session.scalar(
            select(OwnItemRow).where(OwnItemRow.profile_id == profile_id, OwnItemRow.item_id == item_id)
        )
        if row is None or (live and row.removed_at is not None):
            if not is_own(item_id) and self._roadmaps.base.item(item_id) is not None:
                raise InvalidInputError(
                    f"'{item_id}' is a built-in item of the roadmap; only your own items (ids starting "
                    "with 'own.') can be edited or removed"
                )
            raise NotFoundError(
                f"no own item '{' '.join(item_id.split())}'; list yours with 'roadmap-app items --kind task' or '--kind skill'"
            )
        return row

    def _roadmap_without(self, session: Session, profile_id: int, item_id: str) -> Roadmap:
        """The profile's roadmap as it would be without ``item_id``: what a new version is checked against."""
        others = [to_own_item(r) for r in own_item_rows(session, profile_id) if r.item_id != item_id]
        return merge_own_items(self._roadmaps.base, others)

    def add(
        self,
        profile_id: int,
        kind: OwnKind | str,
        title: str,
        *,
        step_id: str = "",
        category_id: str = "",
        new_category: str = "",
        description: str = "",
        prerequisites: Iterable[str] = (),
    ) -> OwnItem:
        """Add a task to a step, or a skill to a category (``new_category``: one of the learner's own)."""
        fields = {"step_id": step_id, "category_id": category_id, "new_category": new_category}
        now = self._clock()
        with self._db.write() as session:
            item = self._prepared(session, profile_id, kind, title, description, prerequisites, **fields)
            position = session.scalar(select(func.max(OwnItemRow.position)).where(OwnItemRow.profile_id == profile_id))
            row = self._new_row(profile_id, replace(item, position=(position or 0) + 1, created_at=now, updated_at=now))
            session.add(row)
            session.flush()
            record(session, profile_id, now, ActivityAction.ITEM_ADD, SubjectKind.ITEM, item.id, after=item.title)
            added = to_own_item(row)
        self._roadmaps.changed()
        return added

    def check_add(
        self,
        profile_id: int,
        kind: OwnKind | str,
        title: str,
        *,
        step_id: str = "",
        category_id: str = "",
        new_category: str = "",
        description: str = "",
        prerequisites: Iterable[str] = (),
    ) -> OwnItem:
        """What ``add`` would add, checked the same way, with nothing written (for a form)."""
        fields = {"step_id": step_id, "category_id": category_id, "new_category": new_category}
        with self._db.read() as session:
            return self._prepared(session, profile_id, kind, title, description, prerequisites, **fields)

    def _prepared(
        self,
        session: Session,
        profile_id: int,
        kind: OwnKind | str,
        title: str,
        description: str,
        prerequisites: Iterable[str],
        *,
        step_id: str,
        category_id: str,
        new_category: str,
    ) -> OwnItem:
        kind = parse_choice(OwnKind, kind, "kind of item")
        where = [bool(step_id.strip()), bool(category_id.strip()), bool(new_category.strip())]
        if kind is OwnKind.TASK and not where[0]:
            raise InvalidInputError("a task goes on a step: give --step ID (the ids: 'roadmap-app items --kind step')")
        if kind is OwnKind.SKILL and not (where[1] or where[2]):
            raise InvalidInputError("a skill goes in a category: give --category ID or --new-category NAME")
        if sum(where) > 1:
            raise InvalidInputError("give one place only: --step for a task, --category or --new-category for a skill")
        name = _clean_category_name(new_category) if new_category.strip() else ""
        item = OwnItem(
            id="",
            kind=kind,
            title=_clean_title(title, kind),
            description=_clean_description(description),
            step_id=step_id.strip(),
            category_id=own_category_id(name) if name else category_id.strip(),
            category_name=name,
            prerequisites=_clean_prerequisites(prerequisites),
        )
        profile_row(session, profile_id)
        rows = own_item_rows(session, profile_id)
        roadmap = merge_own_items(self._roadmaps.base, [to_own_item(r) for r in rows])
        taken = {r.item_id for r in rows} | {i.id for i in roadmap.items}
        item = replace(item, id=new_own_id(kind, item.title, taken))
        if name:
            # A second skill in the same new category joins it, as the learner named it first.
            same = next((r for r in rows if r.category_id == item.category_id and r.category_name), None)
            item = replace(item, category_name=same.category_name if same else name)
        _check(roadmap, item)
        return item

    def _new_row(self, profile_id: int, item: OwnItem) -> OwnItemRow:
        assert item.created_at is not None and item.updated_at is not None
        values: dict[str, Any] = {"uuid": item.uuid} if item.uuid else {}
        return OwnItemRow(
            profile_id=profile_id,
            item_id=item.id,
            kind=item.kind.value,
            title=item.title,
            description=item.description,
            step_id=item.step_id,
            category_id=item.category_id,
            category_name=item.category_name,
            prerequisites="\n".join(item.prerequisites),
            position=item.position,
            created_at=item.created_at,
            updated_at=item.updated_at,
            removed_at=None,
            **values,
        )

    def check_edit(
        self,
        profile_id: int,
        item_id: str,
        *,
        title: str | None = None,
        description: str | None = None,
        prerequisites: Iterable[str] | None = None,
    ) -> OwnItemChange:
        """What ``edit`` would change, checked the same way, with nothing written (for a form)."""
        with self._db.read() as session:
            return self._edited(session, profile_id, item_id, title, description, prerequisites)

    def _edited(
        self,
        session: Session,
        profile_id: int,
        item_id: str,
        title: str | None,
        description: str | None,
        prerequisites: Iterable[str] | None,
    ) -> OwnItemChange:
        before = to_own_item(self._row(session, profile_id, item_id))
        after = replace(
            before,
            title=before.title if title is None else _clean_title(title, before.kind),
            description=before.description if description is None else _clean_description(description),
            prerequisites=before.prerequisites if prerequisites is None else _clean_prerequisites(prerequisites),
        )
        if after != before:
            # Checked against the roadmap as it is: a loop through other own items shows there.
            _check(merge_own_items(self._roadmaps.base, map(to_own_item, own_item_rows(session, profile_id))), after)
        return OwnItemChange(before, after)

    def edit(
        self,
        profile_id: int,
        item_id: str,
        *,
        title: str | None = None,
        description: str | None = None,
        prerequisites: Iterable[str] | None = None,
    ) -> OwnItemChange:
        """Change an own item's title, description or prerequisites; checked as a new one is."""
        now = self._clock()
        with self._db.write() as session:
            change = self._edited(session, profile_id, item_id, title, description, prerequisites)
            before, after = change.before, change.after
            if after == before:
                return OwnItemChange(before, before)
            row = self._row(session, profile_id, item_id)
            row.title, row.description = after.title, after.description
            row.prerequisites = "\n".join(after.prerequisites)
            row.updated_at = now
            for field in ("title", "description", "prerequisites"):
                old, new = getattr(before, field), getattr(after, field)
                if old != new:
                    shown = {"description": lambda v: str(len(v)), "prerequisites": " ".join}.get(field, str)
                    record(
                        session, profile_id, now, ActivityAction.ITEM_EDIT, SubjectKind.ITEM, item_id,
                        field=field, before=shown(old), after=shown(new),
                    )  # fmt: skip
            changed = OwnItemChange(before, to_own_item(row))
        self._roadmaps.changed()
        return changed

    def put_back(self, profile_id: int, item: OwnItem) -> OwnItemChange:
        """Give an own item the title, description and prerequisites it had (undo of an edit)."""
        return self.edit(
            profile_id, item.id, title=item.title, description=item.description, prerequisites=item.prerequisites
        )

    def has_progress(self, profile_id: int, item_id: str) -> bool:
        """Whether the learner saved a state other than to do, or a note, on the item."""
        with self._db.read() as session:
            row = session.get(ProgressRow, (profile_id, item_id))
            return row is not None and (row.state != ItemState.TODO.value or bool(row.note))

    def remove(self, profile_id: int, item_id: str, *, confirmed: bool = False) -> OwnItem:
        """Take an own item out of the roadmap; its state and note stay, shown as archived.

        With progress, refused unless ``confirmed``. Returns the item, for ``restore``.
        """
        if not confirmed and self.has_progress(profile_id, item_id):
            raise NeedsConfirmation(
                f"'{item_id}' has your progress on it; remove it with --yes (its state and note are kept, archived)"
            )
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, item_id)
            gone = to_own_item(row)
            row.removed_at = now
            bury(session, profile_id, "own_item", [row.uuid], now)
            record(session, profile_id, now, ActivityAction.ITEM_REMOVE, SubjectKind.ITEM, item_id, before=gone.title)
        self._roadmaps.changed()
        return gone

    def restore(self, profile_id: int, item: OwnItem) -> OwnItem:
        """Bring a removed own item back as it was, with the same id (undo of a removal)."""
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, item.id, live=False)
            if row.removed_at is None:
                return to_own_item(row)
            back = replace(to_own_item(row), removed=False)
            _check(self._roadmap_without(session, profile_id, item.id), back)
            row.removed_at = None
            unbury(session, [row.uuid])
            record(session, profile_id, now, ActivityAction.ITEM_RESTORE, SubjectKind.ITEM, item.id, after=row.title)
            restored = to_own_item(row)
        self._roadmaps.changed()
        return restored

    def add_unknown_skill(self, profile_id: int, name: str) -> OwnItem:
        """A skill a job ad names and the roadmap does not know, added to 'From job ads' in one action."""
        roadmap = self._roadmaps.of(profile_id)
        existing = next((c for c in roadmap.categories if c.title.casefold() == FROM_JOB_ADS.casefold()), None)
        if existing is not None and not existing.id.startswith("own."):
            return self.add(profile_id, OwnKind.SKILL, name, category_id=existing.id)
        return self.add(profile_id, OwnKind.SKILL, name, new_category=FROM_JOB_ADS)
