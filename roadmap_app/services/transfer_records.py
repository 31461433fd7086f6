"""Credentials, experience and the tasks they do in a profile export: written, read back,
and the activity entries about them named by UUID across databases (row ids differ
between files)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_app.domain.activity import SubjectKind
from roadmap_app.domain.evidence import ProofKind
from roadmap_app.domain.model import enum_or
from roadmap_app.domain.records import CredentialKind, CredentialStatus, ExperienceKind
from roadmap_app.services.export_format import (
    CredentialRecord,
    ExperienceRecord,
    ExportDocument,
    NoteRecord,
    TaskLinkRecord,
)
from roadmap_app.storage.tables import (
    CredentialRow,
    CredentialSkillRow,
    ExperienceNoteRow,
    ExperienceRow,
    ExperienceSkillRow,
    ProjectRow,
    TaskLinkRow,
)

Fresh = Callable[[Any, str], str]
#: For each subject kind: a record's id in one database -> its UUID, or back.
SubjectMap = dict[str, dict[str, str]]


def export_records(
    session: Session, profile_id: int
) -> tuple[tuple[CredentialRecord, ...], tuple[ExperienceRecord, ...], SubjectMap]:
    """The profile's credentials and experience as export records, and their ids' UUIDs."""
    credentials = list(
        session.scalars(select(CredentialRow).where(CredentialRow.profile_id == profile_id).order_by(CredentialRow.id))
    )
    experience = list(
        session.scalars(select(ExperienceRow).where(ExperienceRow.profile_id == profile_id).order_by(ExperienceRow.id))
    )
    uuids: SubjectMap = {
        SubjectKind.CREDENTIAL.value: {str(c.id): c.uuid for c in credentials},
        SubjectKind.EXPERIENCE.value: {str(e.id): e.uuid for e in experience},
    }
    return (
        tuple(
            CredentialRecord(
                uuid=c.uuid,
                title=c.title,
                kind=enum_or(CredentialKind, c.kind, CredentialKind.COURSE),
                provider=c.provider,
                status=enum_or(CredentialStatus, c.status, CredentialStatus.PLANNED),
                started_on=c.started_on,
                finished_on=c.finished_on,
                url=c.url,
                note=c.note,
                created_at=c.created_at,
                updated_at=c.updated_at,
                skills=tuple(s.skill_id for s in c.skills),
            )
            for c in credentials
        ),
        tuple(
            ExperienceRecord(
                uuid=e.uuid,
                title=e.title,
                kind=enum_or(ExperienceKind, e.kind, ExperienceKind.JOB),
                organisation=e.organisation,
                started_on=e.started_on,
                finished_on=e.finished_on,
                summary=e.summary,
                url=e.url,
                created_at=e.created_at,
                updated_at=e.updated_at,
                skills=tuple(s.skill_id for s in e.skills),
                notes=tuple(
                    NoteRecord(uuid=n.uuid, created_at=n.created_at, updated_at=n.updated_at, text=n.text)
                    for n in e.notes
                ),
            )
            for e in experience
        ),
        uuids,
    )


def import_records(session: Session, profile_id: int, doc: ExportDocument, fresh: Fresh) -> SubjectMap:
    """Write the document's credentials and experience into the new profile; returns the
    new row id of each record by its UUID in the document, for the activity entries."""
    credential_rows = [
        CredentialRow(
            uuid=fresh(CredentialRow, c.uuid),
            profile_id=profile_id,
            title=c.title,
            kind=c.kind.value,
            provider=c.provider,
            status=c.status.value,
            started_on=c.started_on,
            finished_on=c.finished_on,
            url=c.url,
            note=c.note,
            created_at=c.created_at,
            updated_at=c.updated_at,
            skills=[CredentialSkillRow(skill_id=s) for s in c.skills],
        )
        for c in doc.credentials
    ]
    experience_rows = [
        ExperienceRow(
            uuid=fresh(ExperienceRow, e.uuid),
            profile_id=profile_id,
            title=e.title,
            kind=e.kind.value,
            organisation=e.organisation,
            started_on=e.started_on,
            finished_on=e.finished_on,
            summary=e.summary,
            url=e.url,
            created_at=e.created_at,
            updated_at=e.updated_at,
            skills=[ExperienceSkillRow(skill_id=s) for s in e.skills],
            notes=[
                ExperienceNoteRow(
                    uuid=fresh(ExperienceNoteRow, n.uuid), created_at=n.created_at, updated_at=n.updated_at, text=n.text
                )
                for n in e.notes
            ],
        )
        for e in doc.experience
    ]
    session.add_all(credential_rows)
    session.add_all(experience_rows)
    session.flush()
    return {
        SubjectKind.CREDENTIAL.value: {
            c.uuid: str(row.id) for c, row in zip(doc.credentials, credential_rows, strict=True)
        },
        SubjectKind.EXPERIENCE.value: {
            e.uuid: str(row.id) for e, row in zip(doc.experience, experience_rows, strict=True)
        },
    }


_LINKED_TABLES: dict[ProofKind, Any] = {
    ProofKind.CREDENTIAL: CredentialRow,
    ProofKind.PROJECT: ProjectRow,
    ProofKind.EXPERIENCE: ExperienceRow,
}


def export_task_links(session: Session, profile_id: int, uuids: SubjectMap) -> tuple[TaskLinkRecord, ...]:
    """The tasks done by the profile's records, each record by UUID (``uuids``: kind -> id -> UUID).

    A link left by a deleted record is not exported: in the file it would name nothing.
    """
    rows = session.scalars(
        select(TaskLinkRow)
        .where(TaskLinkRow.profile_id == profile_id)
        .order_by(TaskLinkRow.task_id, TaskLinkRow.record_kind, TaskLinkRow.record_id)
    )
    return tuple(
        TaskLinkRecord(task=r.task_id, kind=ProofKind(r.record_kind), record=r.record_uuid, linked_at=r.linked_at)
        for r in rows
        if r.record_kind in uuids and uuids[r.record_kind].get(str(r.record_id)) == r.record_uuid
    )


def import_task_links(session: Session, profile_id: int, doc: ExportDocument, ids: SubjectMap) -> None:
    """Write the document's task links; ``ids`` gives each record's new row id by its UUID in
    the file. A link to a record the file does not hold, or one given twice, is left out."""
    seen: set[tuple[str, str, str]] = set()
    for link in doc.task_links:
        new_id = ids.get(link.kind.value, {}).get(link.record)
        key = (link.task, link.kind.value, link.record)
        if new_id is None or key in seen:
            continue
        seen.add(key)
        row: Any = session.get(_LINKED_TABLES[link.kind], int(new_id))
        session.add(
            TaskLinkRow(
                profile_id=profile_id,
                task_id=link.task,
                record_kind=link.kind.value,
                record_id=int(new_id),
                record_uuid=row.uuid,
                linked_at=link.linked_at,
            )
        )
