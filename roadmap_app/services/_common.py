"""Helpers shared by the services: the clock, the activity log, row conversion."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import Activity, ActivityAction, SubjectKind, parse_action, parse_subject_kind
from roadmap_app.domain.model import ItemState, Profile, Progress, enum_or
from roadmap_app.services._clock import Clock as Clock
from roadmap_app.services._clock import system_clock as system_clock
from roadmap_app.services.errors import NotFoundError, UserError
from roadmap_app.storage import plain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roadmap_app.storage.tables import ProfileRow


# A profile's columns, in the order ``profile_from_values`` takes them.
PROFILE_SQL = (
    "SELECT id, name, created_at, current_step_id, target_career_id, weekly_goal_minutes,"
    " min_minutes_per_day, ready_by FROM profiles"
)


def record(
    session: Session,
    profile_id: int,
    at: datetime,
    action: ActivityAction,
    subject_kind: SubjectKind,
    subject_id: str | int = "",
    *,
    field: str = "",
    before: str = "",
    after: str = "",
) -> None:
    """Append one entry to the activity log, in the caller's transaction: the one writer."""
    from roadmap_app.storage.tables import ActivityRow

    session.add(
        ActivityRow(
            profile_id=profile_id,
            at=at,
            action=action.value,
            subject_kind=subject_kind.value,
            subject_id=str(subject_id),
            field=field,
            before=before,
            after=after,
        )
    )


def bury(session: Session, profile_id: int, kind: str, uuids: list[str], at: datetime) -> None:
    """Leave a tombstone for each deleted record, in the caller's transaction."""
    from roadmap_app.storage.tables import ProfileRow, TombstoneRow

    owner = session.get(ProfileRow, profile_id)
    profile_uuid = owner.uuid if owner is not None else ""
    for value in uuids:
        session.merge(TombstoneRow(uuid=value, kind=kind, profile_uuid=profile_uuid, deleted_at=at))


def unbury(session: Session, uuids: list[str]) -> None:
    """A record came back (undo): it is no longer deleted."""
    from roadmap_app.storage.tables import TombstoneRow

    for value in uuids:
        row = session.get(TombstoneRow, value)
        if row is not None:
            session.delete(row)


def put_back(session: Session, row: Any, what: str) -> None:
    """Add a deleted record's row again, with its own id and UUID (for undo).

    Refused with a one-line error when the record is back already, say restored twice,
    or came back another way, such as an import: nothing is written then.
    """
    from roadmap_app.storage import sql

    table = type(row)
    there = session.get(table, row.id) is not None
    if not there and row.uuid:
        there = session.scalar(sql.select(table.id).where(table.uuid == row.uuid)) is not None
    if there:
        raise UserError(f"{what} {row.id} is already there: there is nothing to put back")
    session.add(row)
    session.flush()


def profile_row(session: Session, profile_id: int) -> ProfileRow:
    from roadmap_app.storage.tables import ProfileRow

    row = session.get(ProfileRow, profile_id)
    if row is None:
        raise NotFoundError(f"profile {profile_id} no longer exists; choose another with 'profile use'")
    return row


def read_profile(driver: Any, profile_id: int) -> Profile:
    """A profile read as plain values on a DB-API connection (``Database.read_plain``, or
    ``plain.driver(session)``), or the error ``profile_row`` gives."""
    values = driver.execute(PROFILE_SQL + " WHERE id = ?", (profile_id,)).fetchone()
    if values is None:
        raise NotFoundError(f"profile {profile_id} no longer exists; choose another with 'profile use'")
    return profile_from_values(values)


def profile_from_values(values: tuple[Any, ...]) -> Profile:
    """A profile from a row of ``PROFILE_SQL``'s columns."""
    pid, name, created_at, step, target, weekly, minimum, ready_by = values
    return Profile(
        id=pid,
        name=name,
        created_at=plain.moment(created_at),
        current_step_id=step,
        target_career_id=target,
        weekly_goal_minutes=weekly,
        min_minutes_per_day=minimum,
        ready_by=plain.day(ready_by),
    )


_IDS_PER_READ = 500  # stays under SQLite's limit on bound parameters


def rows_for_ids(driver: Any, query: str, profile_id: int, ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` for some record ids of a profile, on a DB-API connection.

    ``query`` takes the profile's id as its first parameter and has ``{ids}`` where the
    ids' markers go (``... WHERE profile_id = ? AND id IN ({ids})``); a long list is read in parts.
    """
    wanted = sorted(set(ids))
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), _IDS_PER_READ):
        part = wanted[start : start + _IDS_PER_READ]
        found.extend(driver.execute(query.format(ids=", ".join("?" * len(part))), (profile_id, *part)))
    return found


def to_profile(row: Any) -> Profile:
    return Profile(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        current_step_id=row.current_step_id,
        target_career_id=row.target_career_id,
        weekly_goal_minutes=row.weekly_goal_minutes,
        min_minutes_per_day=row.min_minutes_per_day,
        ready_by=row.ready_by,
    )


def stored_state(value: str) -> ItemState:
    """A stored state; an unknown one (from a newer version) reads as to do."""
    return enum_or(ItemState, value, ItemState.TODO)


def read_states(driver: Any, profile_id: int) -> dict[str, Progress]:
    """Every saved state and note of a profile, by item id, read as plain values on a DB-API connection."""
    rows = driver.execute(
        "SELECT item_id, state, note, updated_at FROM item_progress WHERE profile_id = ?", (profile_id,)
    )
    return {
        item_id: Progress(item_id, stored_state(state), note, plain.moment(updated_at))
        for item_id, state, note, updated_at in rows
    }


def to_progress(row: Any) -> Progress:
    """Progress from an ORM row or a plain row with its item_id, state, note and updated_at."""
    return Progress(item_id=row.item_id, state=stored_state(row.state), note=row.note, updated_at=row.updated_at)


def to_activity(row: Any) -> Activity:
    """An entry from an ORM row or a plain row with the same columns."""
    action = parse_action(row.action)
    return Activity(
        id=row.id,
        at=row.at,
        action=action,
        subject_kind=parse_subject_kind(row.subject_kind),
        subject_id=row.subject_id,
        # An action this version does not know keeps its name, for the words shown.
        field=row.field if action is not ActivityAction.OTHER else (row.field or row.action),
        before=row.before,
        after=row.after,
    )
