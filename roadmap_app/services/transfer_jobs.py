"""Job applications in a profile export (format 4): written with all they hold, read back
into a new profile, and named by UUID for the activity entries about them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from roadmap_app.domain.activity import SubjectKind
from roadmap_app.services.export_format import (
    ApplicationRecord,
    ContactRecord,
    ExportDocument,
    InterviewRecord,
    NoteRecord,
    StageRecord,
)
from roadmap_app.services.job_values import load_applications
from roadmap_app.storage import plain
from roadmap_app.storage.tables import (
    ApplicationContactRow,
    ApplicationInterviewRow,
    ApplicationNoteRow,
    ApplicationRow,
    ApplicationStageRow,
)

Fresh = Callable[[Any, str], str]
APPLICATION = SubjectKind.APPLICATION.value


def export_applications(
    session: Session, profile_id: int
) -> tuple[tuple[ApplicationRecord, ...], dict[str, dict[str, str]]]:
    """The profile's applications as export records (oldest first), and their ids' UUIDs."""
    apps = sorted(load_applications(plain.driver(session), profile_id), key=lambda a: a.id)
    records = tuple(
        ApplicationRecord(
            uuid=a.uuid,
            company=a.company,
            role=a.role,
            url=a.url,
            ad_text=a.ad_text,
            location=a.location,
            salary=a.salary,
            source=a.source,
            created_at=a.created_at,
            updated_at=a.updated_at,
            stages=tuple(StageRecord(c.uuid, c.stage, c.on, c.note, c.created_at) for c in a.stages),
            interviews=tuple(InterviewRecord(i.uuid, i.on, i.kind, i.note, i.created_at) for i in a.interviews),
            contacts=tuple(ContactRecord(c.uuid, c.name, c.role, c.email, c.created_at) for c in a.contacts),
            notes=tuple(NoteRecord(n.uuid, n.created_at, n.updated_at, n.text) for n in a.notes),
        )
        for a in apps
    )
    return records, {APPLICATION: {str(a.id): a.uuid for a in apps}}


def import_applications(
    session: Session, profile_id: int, doc: ExportDocument, fresh: Fresh
) -> dict[str, dict[str, str]]:
    """Write the document's applications into the new profile; returns the new row id of
    each by its UUID in the document, for the activity entries."""
    rows = []
    for a in doc.applications:
        row = ApplicationRow(
            uuid=fresh(ApplicationRow, a.uuid), profile_id=profile_id, company=a.company, role=a.role, url=a.url,
            ad_text=a.ad_text, location=a.location, salary=a.salary, source=a.source, created_at=a.created_at,
            updated_at=a.updated_at,
        )  # fmt: skip
        row.stages = [
            ApplicationStageRow(
                uuid=fresh(ApplicationStageRow, c.uuid),
                stage=c.stage.value,
                on=c.on,
                note=c.note,
                created_at=c.created_at,
            )
            for c in a.stages
        ]
        row.interviews = [
            ApplicationInterviewRow(
                uuid=fresh(ApplicationInterviewRow, i.uuid),
                on=i.on,
                kind=i.kind.value,
                note=i.note,
                created_at=i.created_at,
            )
            for i in a.interviews
        ]
        row.contacts = [
            ApplicationContactRow(
                uuid=fresh(ApplicationContactRow, c.uuid),
                name=c.name,
                role=c.role,
                email=c.email,
                created_at=c.created_at,
            )
            for c in a.contacts
        ]
        row.notes = [
            ApplicationNoteRow(
                uuid=fresh(ApplicationNoteRow, n.uuid),
                text=n.text,
                created_at=n.created_at,
                updated_at=n.updated_at,
            )
            for n in a.notes
        ]
        rows.append(row)
    session.add_all(rows)
    session.flush()
    return {APPLICATION: {a.uuid: str(row.id) for a, row in zip(doc.applications, rows, strict=True)}}
