"""Job applications (step 5): the application, its dated timeline of stages, interviews,
contacts and notes, and the gap check of its stored ad.

Every change is one transaction with its activity entries, and comes in an undo pair: a
delete returns what went (``restore`` puts it back with the same ids), an edit the values
before (``put_back`` gives them back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.gap import Gap
from roadmap_app.domain.jobs import (
    Application,
    ApplicationNote,
    Contact,
    Interview,
    InterviewKind,
    Stage,
    StageChange,
)
from roadmap_app.services._common import Clock, bury, profile_row, put_back, record, rows_for_ids, system_clock, unbury
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.job_rows import (
    ApplicationStore,
    contact_row,
    interview_row,
    load_one,
    note_row,
    note_text,
    stage_row,
    to_contact,
    to_interview,
    to_note,
    to_stage_change,
)
from roadmap_app.services.job_values import (
    EDITABLE,
    application_title,
    clean_application_fields,
    clean_contact,
    clean_text,
    interview_day,
    load_applications,
    newest_first,
    parse_kind,
    parse_stage,
    past_day,
)
from roadmap_app.services.record_values import logged
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.services.gap import GapService
    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables
    from roadmap_app.storage import sql

A = SubjectKind.APPLICATION
T = TypeVar("T")
LIST_HINT = "list them with 'roadmap-app job list'"
SHOW_HINT = "see the ids with 'roadmap-app job show ID'"


_TITLES = "SELECT id, role, company FROM applications WHERE profile_id = ? AND id IN ({ids})"


@dataclass(frozen=True, slots=True)
class ApplicationChange:
    """An application before and after one change (undo puts ``before`` back)."""

    before: Application
    after: Application


@dataclass(frozen=True, slots=True)
class ApplicationNoteChange:
    """An application note before and after one change (undo puts ``before`` back)."""

    before: ApplicationNote
    after: ApplicationNote


class JobService(ApplicationStore):
    def __init__(self, db: Database, gap: Callable[[], GapService], clock: Clock = system_clock) -> None:
        """``gap`` gives the gap check when an ad is first checked: listing needs none."""
        super().__init__(db, clock)
        self._gap = gap

    # --- reading -----------------------------------------------------------------------

    def list(self, profile_id: int, stage: Stage | str | None = None) -> list[Application]:
        """The applications with everything they hold, the newest stage reached first (by
        its day, then id); with ``stage``, only those now at that stage."""
        wanted = parse_stage(stage) if stage is not None else None
        with self._db.read_plain() as driver:
            found = load_applications(driver, profile_id)
        return newest_first([a for a in found if wanted is None or a.stage is wanted])

    def get(self, profile_id: int, application_id: int) -> Application:
        with self._db.read_plain() as driver:
            return load_one(driver, profile_id, application_id)

    def titles(self, profile_id: int, application_ids: Iterable[int]) -> dict[int, str]:
        """'ROLE at COMPANY' of some of the profile's applications, by id (deleted ones left out)."""
        wanted = set(application_ids)
        if not wanted:
            return {}
        with self._db.read_plain() as conn:
            rows = rows_for_ids(conn, _TITLES, profile_id, wanted)
            return {aid: f"{role} at {company}" for aid, role, company in rows}

    def gap(self, profile_id: int, application_id: int) -> Gap | None:
        """The gap check of the stored ad; None when the application has no ad."""
        app = self.get(profile_id, application_id)
        return self._gap().check(profile_id, app.ad_text) if app.ad_text.strip() else None

    # --- the application ------------------------------------------------------------------

    def add(
        self,
        profile_id: int,
        company: str,
        role: str,
        *,
        stage: Stage | str = Stage.SAVED,
        on: date | None = None,
        url: str = "",
        ad_text: str = "",
        location: str = "",
        salary: str = "",
        source: str = "",
    ) -> Application:
        """Record an application at ``stage`` reached ``on`` (default: today); returns it."""
        values = clean_application_fields(
            {"company": company, "role": role, "url": url, "ad_text": ad_text, "location": location,
             "salary": salary, "source": source}
        )  # fmt: skip
        first = parse_stage(stage)
        day = past_day(on, self._today(), first)
        now = self._clock()
        row = tables.ApplicationRow(profile_id=profile_id, created_at=now, updated_at=now, **values)
        row.stages = [tables.ApplicationStageRow(stage=first.value, on=day, note="", created_at=now)]
        with self._db.write() as session:
            profile_row(session, profile_id)
            session.add(row)
            session.flush()
            app = self._load(session, profile_id, row.id)
            record(session, profile_id, now, ActivityAction.APPLICATION_ADD, A, row.id, after=application_title(app))
            return app

    def update(self, profile_id: int, application_id: int, **fields: Any) -> ApplicationChange:
        """Change some fields in one transaction; undo is ``put_back(change.before)``."""
        values = clean_application_fields(fields)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, application_id)
            before = self._load(session, profile_id, application_id)
            changed = [k for k in EDITABLE if k in values and values[k] != getattr(before, k)]
            for key in changed:
                setattr(row, key, values[key])
                record(
                    session, profile_id, now, ActivityAction.APPLICATION_EDIT, A, row.id, field=key,
                    before=logged(key, getattr(before, key)), after=logged(key, values[key]),
                )  # fmt: skip
            if changed:
                row.updated_at = now
                session.flush()
            return ApplicationChange(before, self._load(session, profile_id, application_id))

    def put_back(self, profile_id: int, application: Application) -> ApplicationChange:
        """Give an application the values it had (undo of an edit); its timeline and the rest stay."""
        return self.update(profile_id, application.id, **{k: getattr(application, k) for k in EDITABLE})

    def delete(self, profile_id: int, application_id: int) -> Application:
        """Delete an application with all it holds; returns it whole for ``restore``."""
        with self._db.write() as session:
            row = self._row(session, profile_id, application_id)
            gone = self._load(session, profile_id, application_id)
            now = self._clock()
            bury(session, profile_id, "application", [gone.uuid], now)
            for kind, children in (
                ("application_stage", gone.stages),
                ("application_interview", gone.interviews),
                ("application_contact", gone.contacts),
                ("application_note", gone.notes),
            ):
                bury(session, profile_id, kind, [c.uuid for c in children], now)
            session.delete(row)
            record(
                session, profile_id, now, ActivityAction.APPLICATION_DELETE, A, gone.id, before=application_title(gone)
            )
            return gone

    def restore(self, profile_id: int, application: Application) -> Application:
        """Put back a deleted application with the same ids, timeline, interviews, contacts and notes."""
        a = application
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = tables.ApplicationRow(
                id=a.id, uuid=a.uuid or tables.new_uuid(), profile_id=profile_id, company=a.company, role=a.role,
                url=a.url, ad_text=a.ad_text, location=a.location, salary=a.salary, source=a.source,
                created_at=a.created_at, updated_at=a.updated_at,
            )  # fmt: skip
            row.stages = [stage_row(c) for c in a.stages]
            row.interviews = [interview_row(i) for i in a.interviews]
            row.contacts = [contact_row(c) for c in a.contacts]
            row.notes = [note_row(n) for n in a.notes]
            put_back(session, row, "application")
            children = [c.uuid for c in a.stages] + [i.uuid for i in a.interviews]
            children += [c.uuid for c in a.contacts] + [n.uuid for n in a.notes]
            unbury(session, [a.uuid, *children])
            back = self._load(session, profile_id, a.id)
            record(
                session, profile_id, self._clock(), ActivityAction.APPLICATION_RESTORE, A, a.id,
                after=application_title(back),
            )  # fmt: skip
            return back

    # --- the timeline -------------------------------------------------------------------------

    def set_stage(
        self, profile_id: int, application_id: int, stage: Stage | str, *, on: date | None = None, note: str = ""
    ) -> StageChange:
        """Date a new stage (``on`` default today; never a future day); undo is ``delete_stage_change``."""
        wanted = parse_stage(stage)
        day = past_day(on, self._today(), wanted)
        text = clean_text(note, "note")
        now = self._clock()
        with self._db.write() as session:
            owner = self._row(session, profile_id, application_id)
            before = self._load(session, profile_id, application_id).stage
            row = tables.ApplicationStageRow(
                application_id=owner.id, stage=wanted.value, on=day, note=text, created_at=now
            )
            session.add(row)
            owner.updated_at = now
            session.flush()
            record(
                session, profile_id, now, ActivityAction.APPLICATION_STAGE, A, owner.id, field=day.isoformat(),
                before=before.value, after=wanted.value,
            )  # fmt: skip
            return to_stage_change(row)

    def delete_stage_change(self, profile_id: int, change_id: int) -> StageChange:
        """Remove a step of the timeline (the only one left cannot go: an application has a stage)."""

        def not_the_last(session: Session, child: tables.ApplicationStageRow) -> None:
            others = session.scalars(
                sql.select(tables.ApplicationStageRow.id).where(
                    tables.ApplicationStageRow.application_id == child.application_id,
                    tables.ApplicationStageRow.id != child.id,
                )
            ).first()
            if others is None:
                raise InvalidInputError(
                    f"stage change {child.id} is the only one of application {child.application_id}; "
                    "an application always has a stage: set another one first, or delete the application"
                )

        return self._delete_child(
            profile_id, tables.ApplicationStageRow, change_id, ActivityAction.APPLICATION_STAGE_DELETE, to_stage_change,
            not_the_last,
        )  # fmt: skip

    def restore_stage_change(self, profile_id: int, change: StageChange) -> StageChange:
        return self._restore_child(
            profile_id, change.application_id, stage_row(change), ActivityAction.APPLICATION_STAGE_RESTORE,
            to_stage_change,
        )  # fmt: skip

    # --- interviews, contacts ------------------------------------------------------------------

    def add_interview(
        self,
        profile_id: int,
        application_id: int,
        on: date,
        *,
        kind: InterviewKind | str = InterviewKind.PHONE,
        note: str = "",
    ) -> Interview:
        """An interview done or planned (up to a year ahead)."""
        row = tables.ApplicationInterviewRow(
            on=interview_day(on, self._today()), kind=parse_kind(kind).value, note=clean_text(note, "note")
        )
        return self._add_child(profile_id, application_id, row, ActivityAction.APPLICATION_INTERVIEW_ADD, to_interview)

    def delete_interview(self, profile_id: int, interview_id: int) -> Interview:
        return self._delete_child(
            profile_id,
            tables.ApplicationInterviewRow,
            interview_id,
            ActivityAction.APPLICATION_INTERVIEW_DELETE,
            to_interview,
        )

    def restore_interview(self, profile_id: int, interview: Interview) -> Interview:
        return self._restore_child(
            profile_id, interview.application_id, interview_row(interview),
            ActivityAction.APPLICATION_INTERVIEW_RESTORE, to_interview,
        )  # fmt: skip

    def add_contact(
        self, profile_id: int, application_id: int, name: str, *, role: str = "", email: str = ""
    ) -> Contact:
        name, role, email = clean_contact(name, role, email)
        row = tables.ApplicationContactRow(name=name, role=role, email=email)
        return self._add_child(profile_id, application_id, row, ActivityAction.APPLICATION_CONTACT_ADD, to_contact)

    def delete_contact(self, profile_id: int, contact_id: int) -> Contact:
        return self._delete_child(
            profile_id, tables.ApplicationContactRow, contact_id, ActivityAction.APPLICATION_CONTACT_DELETE, to_contact
        )

    def restore_contact(self, profile_id: int, contact: Contact) -> Contact:
        return self._restore_child(
            profile_id, contact.application_id, contact_row(contact), ActivityAction.APPLICATION_CONTACT_RESTORE,
            to_contact,
        )  # fmt: skip

    # --- notes ---------------------------------------------------------------------------------

    def add_note(self, profile_id: int, application_id: int, text: str) -> ApplicationNote:
        """Add a dated Markdown note to an application."""
        row = tables.ApplicationNoteRow(text=note_text(text))
        return self._add_child(profile_id, application_id, row, ActivityAction.APPLICATION_NOTE_ADD, to_note)

    def update_note(self, profile_id: int, note_id: int, text: str) -> ApplicationNoteChange:
        text = note_text(text)
        now = self._clock()
        with self._db.write() as session:
            note = self._child(session, profile_id, tables.ApplicationNoteRow, note_id)
            before = to_note(note)
            if text != note.text:
                note.text = text
                note.updated_at = now
                record(
                    session, profile_id, now, ActivityAction.APPLICATION_NOTE_EDIT, A, note.application_id,
                    after=str(note_id),
                )  # fmt: skip
            return ApplicationNoteChange(before, to_note(note))

    def delete_note(self, profile_id: int, note_id: int) -> ApplicationNote:
        return self._delete_child(
            profile_id, tables.ApplicationNoteRow, note_id, ActivityAction.APPLICATION_NOTE_DELETE, to_note
        )

    def restore_note(self, profile_id: int, note: ApplicationNote) -> ApplicationNote:
        return self._restore_child(
            profile_id, note.application_id, note_row(note), ActivityAction.APPLICATION_NOTE_RESTORE, to_note
        )
