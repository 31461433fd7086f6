"""Experience (step 4): internships, jobs, competitions, open source... with the skills used
and dated Markdown notes, like a project's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.model import Roadmap, enum_or
from roadmap_app.domain.records import Experience, ExperienceKind, ExperienceNote, newest_first_key
from roadmap_app.services._common import Clock, bury, profile_row, put_back, record, rows_for_ids, system_clock, unbury
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.record_values import (
    check_dates,
    check_skills,
    clean_line,
    clean_long,
    clean_record_title,
    clean_url,
    logged,
    parse_choice,
)
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables
    from roadmap_app.storage import sql

EDITABLE = ("title", "kind", "organisation", "started_on", "finished_on", "summary", "url")
TITLE_EXAMPLE = "Data science intern"


_TITLES = "SELECT id, title FROM experiences WHERE profile_id = ? AND id IN ({ids})"


@dataclass(frozen=True, slots=True)
class ExperienceChange:
    before: Experience
    after: Experience


@dataclass(frozen=True, slots=True)
class ExperienceNoteChange:
    before: ExperienceNote
    after: ExperienceNote


def to_experience_note(row: tables.ExperienceNoteRow) -> ExperienceNote:
    return ExperienceNote(
        id=row.id,
        experience_id=row.experience_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        text=row.text,
        uuid=row.uuid,
    )


def to_experience(row: tables.ExperienceRow, *, with_notes: bool = True) -> Experience:
    return Experience(
        id=row.id,
        title=row.title,
        # A kind from a newer version reads as a job.
        kind=enum_or(ExperienceKind, row.kind, ExperienceKind.JOB),
        organisation=row.organisation,
        started_on=row.started_on,
        finished_on=row.finished_on,
        summary=row.summary,
        url=row.url,
        created_at=row.created_at,
        updated_at=row.updated_at,
        skill_ids=tuple(s.skill_id for s in row.skills),
        notes=tuple(to_experience_note(n) for n in row.notes) if with_notes else (),
        uuid=row.uuid,
    )


def clean_experience_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields checked and in their stored form; a bad one is refused before any write."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of an experience")
    values = dict(fields)
    if "title" in values:
        values["title"] = clean_record_title(values["title"], "experience", TITLE_EXAMPLE)
    if "kind" in values:
        values["kind"] = parse_choice(ExperienceKind, values["kind"], "experience kind")
    if "organisation" in values:
        values["organisation"] = clean_line(values["organisation"], "organisation")
    if "url" in values:
        values["url"] = clean_url(values["url"])
    if "summary" in values:
        values["summary"] = clean_long(values["summary"], "summary")
    return values


class ExperienceService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    # --- reading -----------------------------------------------------------------------

    def list(self, profile_id: int) -> list[Experience]:
        """The profile's experience without notes, newest start first (those without a start last)."""
        with self._db.read() as session:
            rows = session.scalars(
                sql.select(tables.ExperienceRow).where(tables.ExperienceRow.profile_id == profile_id)
            )
            found = [to_experience(r, with_notes=False) for r in rows]
        return sorted(found, key=lambda e: newest_first_key(e.started_on, e.id))

    def note_counts(self, profile_id: int) -> dict[int, int]:
        """How many notes each of the profile's experiences has, by id (none: left out)."""
        with self._db.read() as session:
            rows = session.execute(
                sql.select(tables.ExperienceNoteRow.experience_id, sql.func.count())
                .join(tables.ExperienceRow, tables.ExperienceRow.id == tables.ExperienceNoteRow.experience_id)
                .where(tables.ExperienceRow.profile_id == profile_id)
                .group_by(tables.ExperienceNoteRow.experience_id)
            )
            return {experience_id: count for experience_id, count in rows}

    def get(self, profile_id: int, experience_id: int) -> Experience:
        """One experience with its notes, oldest note first."""
        with self._db.read() as session:
            return to_experience(self._row(session, profile_id, experience_id))

    def titles(self, profile_id: int, experience_ids: Iterable[int]) -> dict[int, str]:
        """The titles of some of the profile's experience, by id (deleted ones are left out)."""
        wanted = set(experience_ids)
        if not wanted:
            return {}
        with self._db.read_plain() as conn:
            return dict(rows_for_ids(conn, _TITLES, profile_id, wanted))

    def _row(self, session: Session, profile_id: int, experience_id: int) -> tables.ExperienceRow:
        row = session.get(tables.ExperienceRow, experience_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no experience with id {experience_id}; list them with 'roadmap-app experience list'")
        return row

    # --- experience ----------------------------------------------------------------------

    def add(
        self,
        profile_id: int,
        title: str,
        *,
        kind: ExperienceKind | str = ExperienceKind.JOB,
        organisation: str = "",
        started_on: date | None = None,
        finished_on: date | None = None,
        summary: str = "",
        url: str = "",
        skill_ids: Iterable[str] = (),
    ) -> Experience:
        """Record an experience (``finished_on`` None: it goes on); returns it with its new id."""
        values = clean_experience_fields(
            {"title": title, "kind": kind, "organisation": organisation, "summary": summary, "url": url}
        )
        check_dates(started_on, finished_on)
        skills = check_skills(self._roadmap, skill_ids)
        now = self._clock()
        row = tables.ExperienceRow(
            profile_id=profile_id,
            title=values["title"],
            kind=values["kind"].value,
            organisation=values["organisation"],
            started_on=started_on,
            finished_on=finished_on,
            summary=values["summary"],
            url=values["url"],
            created_at=now,
            updated_at=now,
            skills=[tables.ExperienceSkillRow(skill_id=s) for s in sorted(skills)],
        )
        with self._db.write() as session:
            profile_row(session, profile_id)
            session.add(row)
            session.flush()
            record(
                session, profile_id, now, ActivityAction.EXPERIENCE_ADD, SubjectKind.EXPERIENCE, row.id, after=row.title
            )
            return to_experience(row)

    def update(
        self, profile_id: int, experience_id: int, *, skill_ids: Iterable[str] | None = None, **fields: Any
    ) -> ExperienceChange:
        """Change some fields and (with ``skill_ids``) the skills, all in one transaction.

        Undo is ``put_back(before)``.
        """
        values = clean_experience_fields(fields)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, experience_id)
            before = to_experience(row, with_notes=False)
            check_dates(values.get("started_on", row.started_on), values.get("finished_on", row.finished_on))
            if skill_ids is not None:
                skills = check_skills(self._roadmap, skill_ids, keep=before.skill_ids)
                old = sorted(s.skill_id for s in row.skills)
                if set(skills) != set(old):
                    row.skills = [tables.ExperienceSkillRow(skill_id=s) for s in sorted(skills)]
                    row.updated_at = now
                    record(
                        session, profile_id, now, ActivityAction.EXPERIENCE_SKILLS, SubjectKind.EXPERIENCE, row.id,
                        before=" ".join(old), after=" ".join(sorted(skills)),
                    )  # fmt: skip
                    session.flush()
            for key, value in values.items():
                setattr(row, key, value.value if isinstance(value, ExperienceKind) else value)
            after = to_experience(row, with_notes=False)
            changed = [k for k in EDITABLE if getattr(before, k) != getattr(after, k)]
            if changed:
                row.updated_at = now
            for key in changed:
                record(
                    session, profile_id, now, ActivityAction.EXPERIENCE_EDIT, SubjectKind.EXPERIENCE, row.id,
                    field=key, before=logged(key, getattr(before, key)), after=logged(key, getattr(after, key)),
                )  # fmt: skip
            return ExperienceChange(before, to_experience(row, with_notes=False))

    def put_back(self, profile_id: int, experience: Experience) -> ExperienceChange:
        """Give an experience the values and skills it had (undo of an edit); notes stay."""
        fields = {k: getattr(experience, k) for k in EDITABLE}
        return self.update(profile_id, experience.id, skill_ids=experience.skill_ids, **fields)

    def delete(self, profile_id: int, experience_id: int) -> Experience:
        """Delete an experience with its notes; returns it whole so that ``restore`` can put it back."""
        with self._db.write() as session:
            row = self._row(session, profile_id, experience_id)
            gone = to_experience(row)
            now = self._clock()
            bury(session, profile_id, "experience", [gone.uuid], now)
            bury(session, profile_id, "experience_note", [n.uuid for n in gone.notes], now)
            session.delete(row)
            record(
                session, profile_id, now, ActivityAction.EXPERIENCE_DELETE, SubjectKind.EXPERIENCE, gone.id,
                before=gone.title,
            )  # fmt: skip
            return gone

    def restore(self, profile_id: int, experience: Experience) -> Experience:
        """Put back a deleted experience with the same id, skills and notes (for undo)."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = tables.ExperienceRow(
                id=experience.id,
                uuid=experience.uuid or tables.new_uuid(),
                profile_id=profile_id,
                title=experience.title,
                kind=experience.kind.value,
                organisation=experience.organisation,
                started_on=experience.started_on,
                finished_on=experience.finished_on,
                summary=experience.summary,
                url=experience.url,
                created_at=experience.created_at,
                updated_at=experience.updated_at,
                skills=[tables.ExperienceSkillRow(skill_id=s) for s in experience.skill_ids],
                notes=[_note_row(n) for n in experience.notes],
            )
            put_back(session, row, "experience")
            unbury(session, [experience.uuid, *(n.uuid for n in experience.notes)])
            record(
                session, profile_id, self._clock(), ActivityAction.EXPERIENCE_RESTORE, SubjectKind.EXPERIENCE,
                experience.id, after=experience.title,
            )  # fmt: skip
            return to_experience(row)

    # --- notes ---------------------------------------------------------------------------

    def add_note(self, profile_id: int, experience_id: int, text: str) -> ExperienceNote:
        """Add a dated Markdown note to an experience."""
        text = clean_long(text, "note")
        now = self._clock()
        with self._db.write() as session:
            owner = self._row(session, profile_id, experience_id)
            note = tables.ExperienceNoteRow(experience_id=experience_id, created_at=now, updated_at=now, text=text)
            session.add(note)
            owner.updated_at = now
            session.flush()
            record(
                session, profile_id, now, ActivityAction.EXPERIENCE_NOTE_ADD, SubjectKind.EXPERIENCE, experience_id,
                after=str(note.id),
            )  # fmt: skip
            return to_experience_note(note)

    def _note_row(self, session: Session, profile_id: int, note_id: int) -> tables.ExperienceNoteRow:
        note = session.get(tables.ExperienceNoteRow, note_id)
        if note is None:
            raise NotFoundError(f"no experience note with id {note_id}")
        self._row(session, profile_id, note.experience_id)
        return note

    def update_note(self, profile_id: int, note_id: int, text: str) -> ExperienceNoteChange:
        text = clean_long(text, "note")
        now = self._clock()
        with self._db.write() as session:
            note = self._note_row(session, profile_id, note_id)
            before = to_experience_note(note)
            if text != note.text:
                note.text = text
                note.updated_at = now
                record(
                    session, profile_id, now, ActivityAction.EXPERIENCE_NOTE_EDIT, SubjectKind.EXPERIENCE,
                    note.experience_id, after=str(note_id),
                )  # fmt: skip
            return ExperienceNoteChange(before, to_experience_note(note))

    def delete_note(self, profile_id: int, note_id: int) -> ExperienceNote:
        with self._db.write() as session:
            note = self._note_row(session, profile_id, note_id)
            gone = to_experience_note(note)
            now = self._clock()
            bury(session, profile_id, "experience_note", [gone.uuid], now)
            session.delete(note)
            record(
                session, profile_id, now, ActivityAction.EXPERIENCE_NOTE_DELETE, SubjectKind.EXPERIENCE,
                gone.experience_id, before=str(note_id),
            )  # fmt: skip
            return gone

    def restore_note(self, profile_id: int, note: ExperienceNote) -> ExperienceNote:
        with self._db.write() as session:
            self._row(session, profile_id, note.experience_id)
            row = _note_row(note)
            row.experience_id = note.experience_id
            put_back(session, row, "experience note")
            unbury(session, [note.uuid])
            record(
                session, profile_id, self._clock(), ActivityAction.EXPERIENCE_NOTE_RESTORE, SubjectKind.EXPERIENCE,
                note.experience_id, after=str(note.id),
            )  # fmt: skip
            return to_experience_note(row)


def _note_row(note: ExperienceNote) -> tables.ExperienceNoteRow:
    return tables.ExperienceNoteRow(
        id=note.id,
        uuid=note.uuid or tables.new_uuid(),
        created_at=note.created_at,
        updated_at=note.updated_at,
        text=note.text,
    )
