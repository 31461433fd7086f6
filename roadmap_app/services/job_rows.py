"""The rows of a job application's children and their domain values, both ways, and the
reads and writes every child of an application shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.jobs import Application, ApplicationNote, Contact, Interview, InterviewKind, Stage, StageChange
from roadmap_app.services._common import Clock, bury, put_back, record, unbury
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.job_values import clean_text, load_applications
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables

A = SubjectKind.APPLICATION
T = TypeVar("T")
LIST_HINT = "list them with 'roadmap-app job list'"
SHOW_HINT = "see the ids with 'roadmap-app job show ID'"


def stage_row(c: StageChange) -> tables.ApplicationStageRow:
    return tables.ApplicationStageRow(
        id=c.id, uuid=c.uuid or tables.new_uuid(), application_id=c.application_id, stage=c.stage.value, on=c.on,
        note=c.note, created_at=c.created_at,
    )  # fmt: skip


def interview_row(i: Interview) -> tables.ApplicationInterviewRow:
    return tables.ApplicationInterviewRow(
        id=i.id, uuid=i.uuid or tables.new_uuid(), application_id=i.application_id, on=i.on, kind=i.kind.value,
        note=i.note, created_at=i.created_at,
    )  # fmt: skip


def contact_row(c: Contact) -> tables.ApplicationContactRow:
    return tables.ApplicationContactRow(
        id=c.id, uuid=c.uuid or tables.new_uuid(), application_id=c.application_id, name=c.name, role=c.role,
        email=c.email, created_at=c.created_at,
    )  # fmt: skip


def note_row(n: ApplicationNote) -> tables.ApplicationNoteRow:
    return tables.ApplicationNoteRow(
        id=n.id, uuid=n.uuid or tables.new_uuid(), application_id=n.application_id, text=n.text,
        created_at=n.created_at, updated_at=n.updated_at,
    )  # fmt: skip


# (tombstone kind, the words of a missing one) for each child
# (by the name of the child's ORM class, which is imported only when a write needs it)
CHILDREN: dict[str, tuple[str, str]] = {
    "ApplicationStageRow": ("application_stage", "stage change"),
    "ApplicationInterviewRow": ("application_interview", "interview"),
    "ApplicationContactRow": ("application_contact", "contact"),
    "ApplicationNoteRow": ("application_note", "application note"),
}


def note_text(text: str) -> str:
    cleaned = clean_text(text, "note")
    if not cleaned:
        raise InvalidInputError("a note needs some text; write what happened or what to remember")
    return cleaned


def to_stage_change(r: tables.ApplicationStageRow) -> StageChange:
    return StageChange(r.id, r.application_id, Stage(r.stage), r.on, r.note, r.created_at, r.uuid)


def to_interview(r: tables.ApplicationInterviewRow) -> Interview:
    return Interview(r.id, r.application_id, r.on, InterviewKind(r.kind), r.note, r.created_at, r.uuid)


def to_contact(r: tables.ApplicationContactRow) -> Contact:
    return Contact(r.id, r.application_id, r.name, r.role, r.email, r.created_at, r.uuid)


def to_note(r: tables.ApplicationNoteRow) -> ApplicationNote:
    return ApplicationNote(r.id, r.application_id, r.text, r.created_at, r.updated_at, r.uuid)


def load_one(driver: Any, profile_id: int, application_id: int) -> Application:
    """One of the profile's applications with all it holds (``driver``: a DB-API connection)."""
    found = load_applications(driver, profile_id, [application_id])
    if not found:
        raise NotFoundError(f"no application with id {application_id}; {LIST_HINT}")
    return found[0]


class ApplicationStore:
    """Reading an application whole, and the writes every child of it shares."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _load(self, session: Session, profile_id: int, application_id: int) -> Application:
        return load_one(plain.driver(session), profile_id, application_id)

    def _row(self, session: Session, profile_id: int, application_id: int) -> tables.ApplicationRow:
        row = session.get(tables.ApplicationRow, application_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no application with id {application_id}; {LIST_HINT}")
        return row

    def _today(self) -> date:
        return self._clock().date()

    # --- children: shared ---------------------------------------------------------------------

    def _child(self, session: Session, profile_id: int, kind: type[Any], child_id: int) -> Any:
        child = session.get(kind, child_id)
        if child is not None:
            owner = session.get(tables.ApplicationRow, child.application_id)
            if owner is not None and owner.profile_id == profile_id:
                return child
        raise NotFoundError(f"no {CHILDREN[kind.__name__][1]} with id {child_id}; {SHOW_HINT}")

    def _add_child(
        self, profile_id: int, application_id: int, row: Any, action: ActivityAction, convert: Callable[[Any], T]
    ) -> T:
        now = self._clock()
        with self._db.write() as session:
            owner = self._row(session, profile_id, application_id)
            row.application_id = application_id
            row.created_at = now
            if isinstance(row, tables.ApplicationNoteRow):
                row.updated_at = now
            session.add(row)
            owner.updated_at = now
            session.flush()
            record(session, profile_id, now, action, A, application_id, after=str(row.id))
            return convert(row)

    def _delete_child(
        self,
        profile_id: int,
        kind: type[Any],
        child_id: int,
        action: ActivityAction,
        convert: Callable[[Any], T],
        check: Callable[[Session, Any], None] | None = None,
    ) -> T:
        with self._db.write() as session:
            child = self._child(session, profile_id, kind, child_id)
            if check is not None:
                check(session, child)
            gone = convert(child)
            now = self._clock()
            bury(session, profile_id, CHILDREN[kind.__name__][0], [child.uuid], now)
            session.delete(child)
            record(session, profile_id, now, action, A, child.application_id, before=str(child_id))
            return gone

    def _restore_child(
        self, profile_id: int, application_id: int, row: Any, action: ActivityAction, convert: Callable[[Any], T]
    ) -> T:
        with self._db.write() as session:
            self._row(session, profile_id, application_id)
            put_back(session, row, CHILDREN[type(row).__name__][1])
            unbury(session, [row.uuid])
            record(session, profile_id, self._clock(), action, A, application_id, after=str(row.id))
            return convert(row)
