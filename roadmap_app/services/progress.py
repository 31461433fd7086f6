"""Task and skill states, notes, and the progress derived from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.limits import MAX_TEXT
from roadmap_app.domain.model import ItemKind, ItemState, Progress, Roadmap
from roadmap_app.domain.progress import ProgressSummary, summarise
from roadmap_app.services._common import Clock, profile_row, read_states, record, system_clock, to_progress
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class ProgressChange:
    """What one call changed: the item before and after. Undo sets ``before`` back."""

    before: Progress
    after: Progress

    @property
    def changed(self) -> bool:
        return (self.before.state, self.before.note) != (self.after.state, self.after.note)


def parse_state(text: str) -> ItemState:
    try:
        return ItemState(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in ItemState)
        raise InvalidInputError(f"unknown state {quoted(text)}; use one of: {choices}") from None


class ProgressService:
    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def _check_trackable(self, profile_id: int, item_id: str) -> None:
        item = self._roadmaps.of(profile_id).item(item_id)
        if item is None:
            raise NotFoundError(f"unknown item {quoted(item_id)}; list the ids with 'roadmap-app items'")
        if item.kind not in (ItemKind.TASK, ItemKind.SKILL):
            raise InvalidInputError(
                f"'{item_id}' is a {item.kind.value}; only tasks and skills have a state and a note"
            )

    def states(self, profile_id: int) -> dict[str, Progress]:
        """Every saved state and note of a profile, by item id (unsaved items are to do)."""
        with self._db.read_plain() as conn:
            return read_states(conn, profile_id)

    def archived(self, profile_id: int, states: dict[str, Progress] | None = None) -> list[Progress]:
        """Saved states and notes on ids the roadmap in use no longer has, by id.

        They are kept, never deleted: a later roadmap version may bring the item back.
        ``states``, when given, is what ``states(profile_id)`` just returned: not read again.
        """
        roadmap = self._roadmaps.of(profile_id)
        saved = self.states(profile_id) if states is None else states
        return [
            p
            for item_id, p in sorted(saved.items())
            if not self._is_trackable(roadmap, item_id) and (p.note or p.state is not ItemState.TODO)
        ]

    @staticmethod
    def _is_trackable(roadmap: Roadmap, item_id: str) -> bool:
        item = roadmap.item(item_id)
        return item is not None and item.kind in (ItemKind.TASK, ItemKind.SKILL)

    def get(self, profile_id: int, item_id: str) -> Progress:
        from roadmap_app.storage.tables import ProgressRow

        self._check_trackable(profile_id, item_id)
        with self._db.read() as session:
            row = session.get(ProgressRow, (profile_id, item_id))
            return to_progress(row) if row else Progress(item_id, ItemState.TODO, "", None)

    def set_state(self, profile_id: int, item_id: str, state: ItemState | str) -> ProgressChange:
        """Set a task's or skill's state; committed when this returns."""
        self._check_trackable(profile_id, item_id)
        new_state = state if isinstance(state, ItemState) else parse_state(state)
        return self._update(profile_id, item_id, state=new_state)

    def set_note(self, profile_id: int, item_id: str, note: str) -> ProgressChange:
        """Replace the learner's note on a task or skill."""
        self._check_trackable(profile_id, item_id)
        if len(note) > MAX_TEXT:
            raise InvalidInputError(f"a note can have at most {MAX_TEXT:,} characters")
        return self._update(profile_id, item_id, note=note)

    def restore(self, profile_id: int, progress: Progress) -> ProgressChange:
        """Put back a state and note as they were (for undo)."""
        self._check_trackable(profile_id, progress.item_id)
        return self._update(profile_id, progress.item_id, state=progress.state, note=progress.note)

    def _update(
        self, profile_id: int, item_id: str, *, state: ItemState | None = None, note: str | None = None
    ) -> ProgressChange:
        now = self._clock()
        with self._db.write() as session:
            return apply_progress(session, profile_id, item_id, now, state=state, note=note)

    def summary(self, profile_id: int, chosen_step: str = "") -> ProgressSummary:
        """Overall, per-step and per-skill-group progress."""
        return summarise(self._roadmaps.of(profile_id), self.states(profile_id), chosen_step)


def apply_progress(
    session: Session,
    profile_id: int,
    item_id: str,
    now: datetime,
    *,
    state: ItemState | None = None,
    note: str | None = None,
) -> ProgressChange:
    """Change a task's or skill's state or note in the caller's transaction, with its log entries."""
    from roadmap_app.storage.tables import ProgressRow

    profile_row(session, profile_id)
    row = session.get(ProgressRow, (profile_id, item_id))
    if row is None:
        before = Progress(item_id, ItemState.TODO, "", None)
        row = ProgressRow(profile_id=profile_id, item_id=item_id, state=ItemState.TODO.value, note="", updated_at=now)
        session.add(row)
    else:
        before = to_progress(row)
    if state is not None and state != before.state:
        row.state = state.value
        record(
            session,
            profile_id,
            now,
            ActivityAction.ITEM_STATE,
            SubjectKind.ITEM,
            item_id,
            before=before.state.value,
            after=state.value,
        )
    if note is not None and note != before.note:
        row.note = note
        record(
            session,
            profile_id,
            now,
            ActivityAction.ITEM_NOTE,
            SubjectKind.ITEM,
            item_id,
            before=str(len(before.note)),
            after=str(len(note)),
        )
    if (row.state, row.note) != (before.state.value, before.note):
        row.updated_at = now
    after = to_progress(row)
    return ProgressChange(before, after)
