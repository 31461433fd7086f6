"""Credentials (step 1): degrees, certificates, courses and bootcamps, and the skills each covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.model import Roadmap, enum_or
from roadmap_app.domain.records import Credential, CredentialKind, CredentialStatus, newest_first_key
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

EDITABLE = ("title", "kind", "provider", "status", "started_on", "finished_on", "url", "note")
TITLE_EXAMPLE = "BSc Computer Science"


_TITLES = "SELECT id, title FROM credentials WHERE profile_id = ? AND id IN ({ids})"


@dataclass(frozen=True, slots=True)
class CredentialChange:
    before: Credential
    after: Credential


def to_credential(row: tables.CredentialRow) -> Credential:
    return Credential(
        id=row.id,
        title=row.title,
        # A value from a newer version reads as the nearest this one knows.
        kind=enum_or(CredentialKind, row.kind, CredentialKind.COURSE),
        provider=row.provider,
        status=enum_or(CredentialStatus, row.status, CredentialStatus.PLANNED),
        started_on=row.started_on,
        finished_on=row.finished_on,
        url=row.url,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
        skill_ids=tuple(s.skill_id for s in row.skills),
        uuid=row.uuid,
    )


def clean_credential_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields checked and in their stored form; a bad one is refused before any write."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of a credential")
    values = dict(fields)
    if "title" in values:
        values["title"] = clean_record_title(values["title"], "credential", TITLE_EXAMPLE)
    if "kind" in values:
        values["kind"] = parse_choice(CredentialKind, values["kind"], "credential kind")
    if "status" in values:
        values["status"] = parse_choice(CredentialStatus, values["status"], "credential status")
    if "provider" in values:
        values["provider"] = clean_line(values["provider"], "provider")
    if "url" in values:
        values["url"] = clean_url(values["url"])
    if "note" in values:
        values["note"] = clean_long(values["note"], "note")
    return values


class CredentialService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def list(self, profile_id: int) -> list[Credential]:
        """The profile's credentials, newest start first (those without a start last)."""
        with self._db.read() as session:
            rows = session.scalars(
                sql.select(tables.CredentialRow).where(tables.CredentialRow.profile_id == profile_id)
            )
            found = [to_credential(r) for r in rows]
        return sorted(found, key=lambda c: newest_first_key(c.started_on, c.id))

    def get(self, profile_id: int, credential_id: int) -> Credential:
        with self._db.read() as session:
            return to_credential(self._row(session, profile_id, credential_id))

    def titles(self, profile_id: int, credential_ids: Iterable[int]) -> dict[int, str]:
        """The titles of some of the profile's credentials, by id (deleted ones are left out)."""
        wanted = set(credential_ids)
        if not wanted:
            return {}
        with self._db.read_plain() as conn:
            return dict(rows_for_ids(conn, _TITLES, profile_id, wanted))

    def _row(self, session: Session, profile_id: int, credential_id: int) -> tables.CredentialRow:
        row = session.get(tables.CredentialRow, credential_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no credential with id {credential_id}; list them with 'roadmap-app credential list'")
        return row

    def add(
        self,
        profile_id: int,
        title: str,
        *,
        kind: CredentialKind | str = CredentialKind.COURSE,
        provider: str = "",
        status: CredentialStatus | str = CredentialStatus.PLANNED,
        started_on: date | None = None,
        finished_on: date | None = None,
        url: str = "",
        note: str = "",
        skill_ids: Iterable[str] = (),
    ) -> Credential:
        """Record a credential; returns it with its new id."""
        values = clean_credential_fields(
            {"title": title, "kind": kind, "provider": provider, "status": status, "url": url, "note": note}
        )
        check_dates(started_on, finished_on)
        skills = check_skills(self._roadmap, skill_ids)
        now = self._clock()
        row = tables.CredentialRow(
            profile_id=profile_id,
            title=values["title"],
            kind=values["kind"].value,
            provider=values["provider"],
            status=values["status"].value,
            started_on=started_on,
            finished_on=finished_on,
            url=values["url"],
            note=values["note"],
            created_at=now,
            updated_at=now,
            skills=[tables.CredentialSkillRow(skill_id=s) for s in sorted(skills)],
        )
        with self._db.write() as session:
            profile_row(session, profile_id)
            session.add(row)
            session.flush()
            record(
                session, profile_id, now, ActivityAction.CREDENTIAL_ADD, SubjectKind.CREDENTIAL, row.id, after=row.title
            )
            return to_credential(row)

    def update(
        self, profile_id: int, credential_id: int, *, skill_ids: Iterable[str] | None = None, **fields: Any
    ) -> CredentialChange:
        """Change some fields and (with ``skill_ids``) the skills, all in one transaction.

        Undo is ``update`` again with the values of ``before``.
        """
        values = clean_credential_fields(fields)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, credential_id)
            before = to_credential(row)
            started = values.get("started_on", row.started_on)
            finished = values.get("finished_on", row.finished_on)
            check_dates(started, finished)
            if skill_ids is not None:
                skills = check_skills(self._roadmap, skill_ids, keep=before.skill_ids)
                old = sorted(s.skill_id for s in row.skills)
                if set(skills) != set(old):
                    row.skills = [tables.CredentialSkillRow(skill_id=s) for s in sorted(skills)]
                    row.updated_at = now
                    record(
                        session, profile_id, now, ActivityAction.CREDENTIAL_SKILLS, SubjectKind.CREDENTIAL, row.id,
                        before=" ".join(old), after=" ".join(sorted(skills)),
                    )  # fmt: skip
                    session.flush()
            for key, value in values.items():
                setattr(row, key, value.value if isinstance(value, CredentialKind | CredentialStatus) else value)
            after = to_credential(row)
            changed = [k for k in EDITABLE if getattr(before, k) != getattr(after, k)]
            if changed:
                row.updated_at = now
            for key in changed:
                record(
                    session, profile_id, now, ActivityAction.CREDENTIAL_EDIT, SubjectKind.CREDENTIAL, row.id,
                    field=key, before=logged(key, getattr(before, key)), after=logged(key, getattr(after, key)),
                )  # fmt: skip
            return CredentialChange(before, to_credential(row))

    def put_back(self, profile_id: int, credential: Credential) -> CredentialChange:
        """Give a credential the values and skills it had (undo of an edit)."""
        fields = {k: getattr(credential, k) for k in EDITABLE}
        return self.update(profile_id, credential.id, skill_ids=credential.skill_ids, **fields)

    def delete(self, profile_id: int, credential_id: int) -> Credential:
        """Delete a credential; returns it whole so that ``restore`` can put it back."""
        with self._db.write() as session:
            row = self._row(session, profile_id, credential_id)
            gone = to_credential(row)
            now = self._clock()
            bury(session, profile_id, "credential", [gone.uuid], now)
            session.delete(row)
            record(
                session, profile_id, now, ActivityAction.CREDENTIAL_DELETE, SubjectKind.CREDENTIAL, gone.id,
                before=gone.title,
            )  # fmt: skip
            return gone

    def restore(self, profile_id: int, credential: Credential) -> Credential:
        """Put back a deleted credential with the same id and skills (for undo)."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = tables.CredentialRow(
                id=credential.id,
                uuid=credential.uuid or tables.new_uuid(),
                profile_id=profile_id,
                title=credential.title,
                kind=credential.kind.value,
                provider=credential.provider,
                status=credential.status.value,
                started_on=credential.started_on,
                finished_on=credential.finished_on,
                url=credential.url,
                note=credential.note,
                created_at=credential.created_at,
                updated_at=credential.updated_at,
                skills=[tables.CredentialSkillRow(skill_id=s) for s in credential.skill_ids],
            )
            put_back(session, row, "credential")
            unbury(session, [credential.uuid])
            record(
                session, profile_id, self._clock(), ActivityAction.CREDENTIAL_RESTORE, SubjectKind.CREDENTIAL,
                credential.id, after=credential.title,
            )  # fmt: skip
            return to_credential(row)
