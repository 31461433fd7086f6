"""Learning resources on tasks and skills: the learner's own, with their progress, and the
official ones the roadmap file lists (read-only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.model import ItemKind, Roadmap, enum_or
from roadmap_app.domain.resources import MAX_PARTS, Resource, ResourceKind, RoadmapResource, list_order
from roadmap_app.services._common import Clock, bury, profile_row, put_back, record, system_clock, unbury
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.project_values import clean_link
from roadmap_app.services.record_values import clean_record_title, parse_choice
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import ResourceRow, new_uuid

EDITABLE = ("title", "url", "kind", "of", "progress", "done")
TITLE_EXAMPLE = "The Python Tutorial"


@dataclass(frozen=True, slots=True)
class ResourceChange:
    """A resource before and after one change; undo is ``put_back(before)``."""

    before: Resource
    after: Resource


def to_resource(row: ResourceRow) -> Resource:
    return Resource(
        id=row.id,
        item_id=row.item_id,
        title=row.title,
        url=row.url,
        # A kind from a newer version reads as other.
        kind=enum_or(ResourceKind, row.kind, ResourceKind.OTHER),
        progress=row.progress,
        of=row.total,
        done=row.done,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        uuid=row.uuid,
    )


def parse_parts(value: Any, what: str) -> int:
    """A whole number as given (a number or its text), at most ``MAX_PARTS``; callers check the low end."""
    if isinstance(value, bool):
        raise InvalidInputError(f"the {what} must be a whole number, such as 3")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise InvalidInputError(f"the {what} must be a whole number, such as 3; got {quoted(value)}") from None
    if number > MAX_PARTS:
        raise InvalidInputError(f"the {what} can be at most {MAX_PARTS:,} (got {number})")
    return number


def clean_resource_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields checked and in their stored form; a bad one is refused before any write."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of a resource")
    values = dict(fields)
    if "title" in values:
        values["title"] = clean_record_title(values["title"], "resource", TITLE_EXAMPLE)
    if "url" in values:
        values["url"] = clean_link(str(values["url"]), "resource's")
    if "kind" in values:
        values["kind"] = parse_choice(ResourceKind, values["kind"], "resource kind")
    if values.get("of") is not None:
        values["of"] = parse_parts(values["of"], "number of parts")
        if values["of"] < 1:
            raise InvalidInputError(
                f"a resource has at least 1 part (got {values['of']}); leave out the number of parts if it has none"
            )
    if "progress" in values:
        values["progress"] = parse_parts(values["progress"], "progress")
        if values["progress"] < 0:
            raise InvalidInputError(f"the progress cannot be negative (got {values['progress']}); give 0 or more")
    if "done" in values and not isinstance(values["done"], bool):
        raise InvalidInputError("done is yes or no")
    return values


def check_progress(progress: int, of: int | None) -> None:
    if of is not None and progress > of:
        raise InvalidInputError(f"progress {progress} is above the resource's {of} parts; give a number from 0 to {of}")


def _logged(key: str, resource: Resource) -> str:
    if key == "progress":
        return resource.progress_text or "0"
    if key == "done":
        return "true" if resource.done else "false"
    value = getattr(resource, key)
    if value is None:
        return ""
    return str(value.value) if isinstance(value, ResourceKind) else str(value)


class ResourceService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def check_item(self, item_id: str) -> None:
        """A resource goes on a task or a skill of the roadmap in use."""
        item = self._roadmap.item(item_id)
        if item is None:
            raise NotFoundError(f"unknown item {quoted(item_id)}; list the ids with 'roadmap-app items'")
        if item.kind not in (ItemKind.TASK, ItemKind.SKILL):
            raise InvalidInputError(f"{quoted(item_id)} is a {item.kind.value}; resources go on a task or a skill")

    def of_roadmap(self, item_id: str) -> tuple[RoadmapResource, ...]:
        """The official resources the roadmap file lists on the item (none for an unknown id)."""
        skill = self._roadmap.skill(item_id)
        return skill.resources if skill is not None else ()

    def all(self, profile_id: int) -> list[Resource]:
        """Every resource of the profile, by item and then in the learner's order."""
        with self._db.read() as session:
            rows = session.scalars(select(ResourceRow).where(ResourceRow.profile_id == profile_id))
            return sorted((to_resource(r) for r in rows), key=lambda r: (r.item_id, *list_order(r)))

    def list(self, profile_id: int, item_id: str) -> list[Resource]:
        """The learner's resources on an item in their order; an id the roadmap dropped keeps its own."""
        with self._db.read() as session:
            rows = session.scalars(
                select(ResourceRow).where(ResourceRow.profile_id == profile_id, ResourceRow.item_id == item_id)
            )
            return sorted((to_resource(r) for r in rows), key=list_order)

    def get(self, profile_id: int, resource_id: int) -> Resource:
        with self._db.read() as session:
            return to_resource(self._row(session, profile_id, resource_id))

    def _row(self, session: Session, profile_id: int, resource_id: int) -> ResourceRow:
        row = session.get(ResourceRow, resource_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(
                f"no resource with id {resource_id}; list an item's with 'roadmap-app resource list ITEM'"
            )
        return row

    def add(
        self,
        profile_id: int,
        item_id: str,
        title: str,
        *,
        url: str = "",
        kind: ResourceKind | str = ResourceKind.OTHER,
        of: int | str | None = None,
        progress: int | str = 0,
        done: bool = False,
    ) -> Resource:
        """Keep a resource on a task or skill, last in its list; returns it with its new id."""
        self.check_item(item_id)
        values = clean_resource_fields(
            {"title": title, "url": url, "kind": kind, "of": of, "progress": progress, "done": done}
        )
        check_progress(values["progress"], values["of"])
        now = self._clock()
        with self._db.write() as session:
            profile_row(session, profile_id)
            last = session.scalar(
                select(func.max(ResourceRow.position)).where(
                    ResourceRow.profile_id == profile_id, ResourceRow.item_id == item_id
                )
            )
            row = ResourceRow(
                profile_id=profile_id,
                item_id=item_id,
                title=values["title"],
                url=values["url"],
                kind=values["kind"].value,
                progress=values["progress"],
                total=values["of"],
                done=values["done"],
                position=(last or 0) + 1,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            record(session, profile_id, now, ActivityAction.RESOURCE_ADD, SubjectKind.ITEM, item_id, after=row.title)
            return to_resource(row)

    def update(self, profile_id: int, resource_id: int, **fields: Any) -> ResourceChange:
        """Change some of title, url, kind, of, progress and done, in one transaction."""
        values = clean_resource_fields(fields)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, resource_id)
            before = to_resource(row)
            check_progress(values.get("progress", row.progress), values.get("of", row.total))
            for key, value in values.items():
                stored = value.value if isinstance(value, ResourceKind) else value
                setattr(row, "total" if key == "of" else key, stored)
            after = to_resource(row)
            changed = [k for k in EDITABLE if getattr(before, k) != getattr(after, k)]
            if changed:
                row.updated_at = now
            for key in changed:
                record(
                    session, profile_id, now, ActivityAction.RESOURCE_EDIT, SubjectKind.ITEM, row.item_id,
                    field=key, before=_logged(key, before), after=_logged(key, after),
                )  # fmt: skip
            return ResourceChange(before, to_resource(row))

    def set_progress(self, profile_id: int, resource_id: int, progress: int | str) -> ResourceChange:
        """How many of its parts are done (3 of 10)."""
        return self.update(profile_id, resource_id, progress=progress)

    def set_done(self, profile_id: int, resource_id: int, done: bool = True) -> ResourceChange:
        """Mark a resource done (or not); a known size is filled up when it is done."""
        current = self.get(profile_id, resource_id)
        fields: dict[str, Any] = {"done": done}
        if done and current.of is not None:
            fields["progress"] = current.of
        return self.update(profile_id, resource_id, **fields)

    def put_back(self, profile_id: int, resource: Resource) -> ResourceChange:
        """Give a resource the values it had (undo of any change)."""
        return self.update(profile_id, resource.id, **{k: getattr(resource, k) for k in EDITABLE})

    def delete(self, profile_id: int, resource_id: int) -> Resource:
        """Remove a resource; returns it whole so that ``restore`` can put it back."""
        with self._db.write() as session:
            row = self._row(session, profile_id, resource_id)
            gone = to_resource(row)
            now = self._clock()
            bury(session, profile_id, "resource", [gone.uuid], now)
            session.delete(row)
            record(session, profile_id, now, ActivityAction.RESOURCE_DELETE, SubjectKind.ITEM, gone.item_id,
                   before=gone.title)  # fmt: skip
            return gone

    def restore(self, profile_id: int, resource: Resource) -> Resource:
        """Put back a removed resource with the same id and place (for undo)."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = ResourceRow(
                id=resource.id,
                uuid=resource.uuid or new_uuid(),
                profile_id=profile_id,
                item_id=resource.item_id,
                title=resource.title,
                url=resource.url,
                kind=resource.kind.value,
                progress=resource.progress,
                total=resource.of,
                done=resource.done,
                position=resource.position,
                created_at=resource.created_at,
                updated_at=resource.updated_at,
            )
            put_back(session, row, "resource")
            unbury(session, [resource.uuid])
            record(session, profile_id, self._clock(), ActivityAction.RESOURCE_RESTORE, SubjectKind.ITEM,
                   resource.item_id, after=resource.title)  # fmt: skip
            return to_resource(row)
