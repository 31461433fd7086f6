"""Learning resources in a profile export: written and read back. They name their item by
its stable id, so a resource on an item the roadmap in use lacks imports too (archived
with the item), never refusing the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_app.domain.model import enum_or
from roadmap_app.domain.resources import ResourceKind
from roadmap_app.services.export_format import ExportDocument, ResourceRecord
from roadmap_app.storage.tables import ResourceRow

Fresh = Callable[[Any, str], str]


def export_resources(session: Session, profile_id: int) -> tuple[ResourceRecord, ...]:
    rows = session.scalars(
        select(ResourceRow)
        .where(ResourceRow.profile_id == profile_id)
        .order_by(ResourceRow.item_id, ResourceRow.position, ResourceRow.id)
    )
    return tuple(
        ResourceRecord(
            uuid=r.uuid,
            item=r.item_id,
            title=r.title,
            url=r.url,
            kind=enum_or(ResourceKind, r.kind, ResourceKind.OTHER),
            progress=r.progress,
            of=r.total,
            done=r.done,
            position=r.position,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r in rows
    )


def import_resources(session: Session, profile_id: int, doc: ExportDocument, fresh: Fresh) -> None:
    """Write the document's resources into the new profile, in the caller's transaction."""
    session.add_all(
        ResourceRow(
            uuid=fresh(ResourceRow, r.uuid),
            profile_id=profile_id,
            item_id=r.item,
            title=r.title,
            url=r.url,
            kind=r.kind.value,
            progress=r.progress,
            total=r.of,
            done=r.done,
            position=r.position,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r in doc.resources
    )
