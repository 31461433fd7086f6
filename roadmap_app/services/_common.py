"""Helpers shared by the services: the clock, the activity log, row conversion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from roadmap_app.domain.model import Activity, ItemState, Profile, Progress
from roadmap_app.services.errors import NotFoundError
from roadmap_app.storage.tables import ActivityRow, ProfileRow, ProgressRow

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


def record(session: Session, profile_id: int, at: datetime, action: str, subject: str = "", detail: str = "") -> None:
    """Append one entry to the activity log, in the caller's transaction."""
    session.add(ActivityRow(profile_id=profile_id, at=at, action=action, subject=subject, detail=detail))


def profile_row(session: Session, profile_id: int) -> ProfileRow:
    row = session.get(ProfileRow, profile_id)
    if row is None:
        raise NotFoundError(f"profile {profile_id} no longer exists; choose another with 'profile use'")
    return row


def to_profile(row: ProfileRow) -> Profile:
    return Profile(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        current_step_id=row.current_step_id,
        target_career_id=row.target_career_id,
    )


def to_progress(row: ProgressRow) -> Progress:
    try:
        state = ItemState(row.state)
    except ValueError:
        state = ItemState.TODO
    return Progress(item_id=row.item_id, state=state, note=row.note, updated_at=row.updated_at)


def to_activity(row: ActivityRow) -> Activity:
    return Activity(id=row.id, at=row.at, action=row.action, subject=row.subject, detail=row.detail)
