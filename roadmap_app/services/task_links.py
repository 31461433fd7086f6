"""Tasks done by the learner's records: linking a credential, a project or an experience to a
task of its step marks the task done; the link is shown with the task and kept in exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.evidence import Proof, ProofKind
from roadmap_app.domain.model import ItemKind, ItemState, Progress, Roadmap
from roadmap_app.domain.task_links import LINKABLE_STEPS, TaskLink, record_kind_for
from roadmap_app.services._common import Clock, profile_row, record, system_clock, to_progress
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.progress import ProgressChange, apply_progress
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables
    from roadmap_app.storage import sql

#: The table of each kind of record a task can be done by.
_RECORD_TABLES = {
    ProofKind.CREDENTIAL: "CredentialRow",
    ProofKind.PROJECT: "ProjectRow",
    ProofKind.EXPERIENCE: "ExperienceRow",
}
# Every task's records: a link counts when a record of its kind has its id and UUID (a
# deleted record's links stay, unseen, until it is restored).
_ALL_LINKS = " UNION ALL ".join(
    "SELECT l.task_id, l.record_kind, r.id, r.title FROM task_links AS l"
    f" JOIN {table} AS r ON r.id = l.record_id AND r.uuid = l.record_uuid"
    f" WHERE l.profile_id = ? AND l.record_kind = '{kind.value}' AND r.profile_id = ?"
    for kind, table in ((ProofKind.CREDENTIAL, "credentials"), (ProofKind.PROJECT, "projects"),
                        (ProofKind.EXPERIENCE, "experiences"))
)  # fmt: skip


def record_table(kind: ProofKind) -> Any:
    """The ORM class of the records of ``kind``."""
    return getattr(tables, _RECORD_TABLES[kind])


_LIST_HINT = {
    ProofKind.CREDENTIAL: "roadmap-app credential list",
    ProofKind.PROJECT: "roadmap-app project list",
    ProofKind.EXPERIENCE: "roadmap-app experience list",
}


@dataclass(frozen=True, slots=True)
class LinkChange:
    """What a link or an unlink changed: the link, the task's state before and after, and
    whether the link itself was made (or removed) by the call. ``undo_link`` reverses it."""

    link: TaskLink
    progress: ProgressChange
    linked: bool


class TaskLinkService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def kind_for(self, task_id: str) -> ProofKind:
        """The kind of record that can do a task, or a one-line error saying why none can."""
        kind = record_kind_for(self._roadmap, task_id)
        if kind is not None:
            return kind
        item = self._roadmap.item(task_id)
        if item is None:
            raise NotFoundError(f"unknown task {quoted(task_id)}; list the ids with 'roadmap-app items --kind task'")
        if item.kind is not ItemKind.TASK:
            raise InvalidInputError(f"{quoted(task_id)} is a {item.kind.value}; only a task is done by a record")
        steps = ", ".join(
            f"step {s.number} by {_a(LINKABLE_STEPS[s.id])}" for s in self._roadmap.steps if s.id in LINKABLE_STEPS
        )
        raise InvalidInputError(f"the tasks of this step are not done by a record; a task of {steps}")

    def links(self, profile_id: int, task_id: str) -> tuple[Proof, ...]:
        """The records that did a task, by kind and id; those deleted are left out."""
        return self.all(profile_id).get(task_id, ())

    def all(self, profile_id: int) -> dict[str, tuple[Proof, ...]]:
        """Every task's records, by task id (also ids the roadmap in use no longer has)."""
        found: dict[str, list[Proof]] = {}
        with self._db.read_plain() as driver:
            # One query: the links of the three kinds as plain tuples.
            rows = driver.execute(_ALL_LINKS, (profile_id,) * 6).fetchall()
        for task_id, kind, record_id, title in rows:
            found.setdefault(task_id, []).append(Proof(ProofKind(kind), record_id, title))
        return {t: tuple(sorted(p, key=lambda r: (r.kind.value, r.id))) for t, p in found.items()}

    def candidates(self, profile_id: int, task_id: str) -> list[Proof]:
        """The learner's records that can do a task, newest first."""
        kind = self.kind_for(task_id)
        table = record_table(kind)
        with self._db.read() as session:
            rows = session.execute(
                sql.select(table.id, table.title).where(table.profile_id == profile_id).order_by(table.id.desc())
            )
            return [Proof(kind, record_id, title) for record_id, title in rows]

    def link(self, profile_id: int, task_id: str, kind: ProofKind | str, record_id: int) -> LinkChange:
        """Link a record to a task of its step and mark the task done, in one transaction."""
        return self._link(profile_id, task_id, kind, record_id, ItemState.DONE)

    def undo_unlink(self, profile_id: int, change: LinkChange) -> LinkChange:
        """Reverse an ``unlink``: the link back, and the task in the state it had before."""
        record_ref = change.link.record
        return self._link(profile_id, change.link.task_id, record_ref.kind, record_ref.id, change.progress.before.state)

    def _link(
        self, profile_id: int, task_id: str, kind: ProofKind | str, record_id: int, state: ItemState
    ) -> LinkChange:
        wanted = self._check_kind(task_id, kind)
        now = self._clock()
        with self._db.write() as session:
            profile_row(session, profile_id)
            target = self._record(session, profile_id, wanted, record_id)
            proof = Proof(wanted, target.id, target.title)
            key = (profile_id, task_id, wanted.value, target.id)
            row = session.get(tables.TaskLinkRow, key)
            made = row is None or row.record_uuid != target.uuid
            if row is None:
                session.add(
                    tables.TaskLinkRow(
                        profile_id=profile_id, task_id=task_id, record_kind=wanted.value, record_id=target.id,
                        record_uuid=target.uuid, linked_at=now,
                    )
                )  # fmt: skip
            elif made:
                # A link left by a deleted record whose row id this one was given.
                row.record_uuid, row.linked_at = target.uuid, now
            if made:
                record(
                    session, profile_id, now, ActivityAction.ITEM_LINK, SubjectKind.ITEM, task_id,
                    field=wanted.value, after=target.title,
                )  # fmt: skip
            change = apply_progress(session, profile_id, task_id, now, state=state)
            return LinkChange(TaskLink(task_id, proof), change, made)

    def unlink(
        self, profile_id: int, task_id: str, kind: ProofKind | str, record_id: int, *, put_back: Progress | None = None
    ) -> LinkChange:
        """Remove a task's link to a record; with ``put_back``, give the task that state again.

        A task the roadmap in use no longer has can still be unlinked: its state is kept.
        """
        wanted = kind if isinstance(kind, ProofKind) else self._parse_kind(kind)
        now = self._clock()
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = session.get(tables.TaskLinkRow, (profile_id, task_id, wanted.value, record_id))
            target = session.get(record_table(wanted), record_id)
            live = row is not None and target is not None and target.uuid == row.record_uuid
            if row is None or target is None or not live:
                raise NotFoundError(
                    f"task {quoted(task_id)} is not linked to {wanted.value} {record_id}; "
                    "see its records with 'roadmap-app show TASK'"
                )
            proof = Proof(wanted, record_id, target.title)
            session.delete(row)
            record(
                session, profile_id, now, ActivityAction.ITEM_UNLINK, SubjectKind.ITEM, task_id,
                field=wanted.value, before=target.title,
            )  # fmt: skip
            change = self._put_back(session, profile_id, task_id, now, put_back)
            return LinkChange(TaskLink(task_id, proof), change, True)

    def undo_link(self, profile_id: int, change: LinkChange) -> LinkChange:
        """Reverse a ``link``: remove the link it made and give the task its earlier state."""
        record_ref = change.link.record
        if change.linked:
            return self.unlink(
                profile_id, change.link.task_id, record_ref.kind, record_ref.id, put_back=change.progress.before
            )
        now = self._clock()
        with self._db.write() as session:
            restored = self._put_back(session, profile_id, change.link.task_id, now, change.progress.before)
            return LinkChange(change.link, restored, False)

    def _put_back(
        self, session: Session, profile_id: int, task_id: str, now: datetime, progress: Progress | None
    ) -> ProgressChange:
        if progress is None or self._roadmap.task(task_id) is None:
            state = self._stored(session, profile_id, task_id)
            return ProgressChange(state, state)
        return apply_progress(session, profile_id, task_id, now, state=progress.state)

    @staticmethod
    def _stored(session: Session, profile_id: int, task_id: str) -> Progress:
        row = session.get(tables.ProgressRow, (profile_id, task_id))
        return to_progress(row) if row is not None else Progress(task_id, ItemState.TODO, "", None)

    def _check_kind(self, task_id: str, kind: ProofKind | str) -> ProofKind:
        wanted = kind if isinstance(kind, ProofKind) else self._parse_kind(kind)
        needed = self.kind_for(task_id)
        if wanted is not needed:
            task = self._roadmap.task(task_id)
            step = self._roadmap.step(task.step_id) if task else None
            number = f"step {step.number}" if step else "its step"
            raise InvalidInputError(
                f"a task of {number} is done by {_a(needed)}, not {_a(wanted)}; "
                f"give --by {needed.value}:ID ({_LIST_HINT[needed]})"
            )
        return wanted

    @staticmethod
    def _parse_kind(text: str) -> ProofKind:
        try:
            return ProofKind(text.strip().lower())
        except ValueError:
            kinds = ", ".join(k.value for k in ProofKind)
            raise InvalidInputError(f"unknown kind of record {quoted(text)}; use one of: {kinds}") from None

    @staticmethod
    def _record(session: Session, profile_id: int, kind: ProofKind, record_id: int) -> Any:
        row = session.get(record_table(kind), record_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no {kind.value} with id {record_id}; list them with '{_LIST_HINT[kind]}'")
        return row


def _a(kind: ProofKind) -> str:
    return f"an {kind.value}" if kind is ProofKind.EXPERIENCE else f"a {kind.value}"
