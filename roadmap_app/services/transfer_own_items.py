"""The learner's own tasks and skills in a profile export (format 4): written and read back.

An import takes them whatever roadmap is in use: one whose step or category that roadmap
lacks is kept, and shows as archived with its progress, as an item a roadmap dropped does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from roadmap_app.domain.model import enum_or
from roadmap_app.domain.own_items import OwnKind
from roadmap_app.services.export_format import ExportDocument, OwnItemRecord
from roadmap_app.services.roadmap_source import own_item_rows
from roadmap_app.storage.tables import OwnItemRow


def export_own_items(session: Session, profile_id: int) -> tuple[OwnItemRecord, ...]:
    return tuple(
        OwnItemRecord(
            uuid=r.uuid,
            id=r.item_id,
            kind=enum_or(OwnKind, r.kind, OwnKind.TASK),
            title=r.title,
            description=r.description,
            step=r.step_id,
            category=r.category_id,
            category_name=r.category_name,
            prerequisites=tuple(p for p in r.prerequisites.split("\n") if p),
            position=r.position,
            created_at=r.created_at,
            updated_at=r.updated_at,
            removed_at=r.removed_at,
        )
        for r in own_item_rows(session, profile_id)
    )


def import_own_items(session: Session, profile_id: int, doc: ExportDocument, fresh: Callable[[Any, str], str]) -> None:
    session.add_all(
        OwnItemRow(
            uuid=fresh(OwnItemRow, i.uuid),
            profile_id=profile_id,
            item_id=i.id,
            kind=i.kind.value,
            title=i.title,
            description=i.description,
            step_id=i.step,
            category_id=i.category,
            category_name=i.category_name,
            prerequisites="\n".join(i.prerequisites),
            position=i.position,
            created_at=i.created_at,
            updated_at=i.updated_at,
            removed_at=i.removed_at,
        )
        for i in doc.own_items
    )
