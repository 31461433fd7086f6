"""Suggested next actions for a profile, and the learner's answers to them (snooze, dismiss)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.jobs import CLOSED_STAGES as CLOSED
from roadmap_app.domain.jobs import Application
from roadmap_app.domain.model import Feedback, Project, ProjectStatus, Roadmap
from roadmap_app.domain.study import History
from roadmap_app.domain.suggestion_types import Suggestion
from roadmap_app.domain.suggestions import Snapshot, all_candidates, suggest_next_actions
from roadmap_app.domain.today import DEFAULT_MINUTES, TodayPlan, plan_today
from roadmap_app.services._common import Clock, bury, profile_row, record, system_clock
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.gap import GapService
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.study_values import ready_plan, study_week, time_facts_of
from roadmap_app.services.suggestion_parts import PARTS, Built, read_feedback, to_feedback
from roadmap_app.services.write_watch import WriteWatch, touched
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables

MAX_SNOOZE_DAYS = 365
MIN_SESSION = 5
MAX_SESSION = 24 * 60


@dataclass
class _Kept:
    """The parts of one profile's snapshot as last read, and the suggestions made from them."""

    profile_id: int
    roadmap: Roadmap
    engine: Engine | None  # None: read through the driver alone, and not watched
    parts: dict[str, Any]
    today: date | None = None
    snapshot: Snapshot | None = None
    found: list[Suggestion] | None = None
    # Built from the parts, kept until a part they come from is read again.
    built: Built = field(default_factory=Built)
    projects: tuple[Project, ...] = ()
    last_note_at: dict[int, datetime] = field(default_factory=dict)
    applications: tuple[Application, ...] = ()
    ad_skills: dict[int, tuple[str, ...]] = field(default_factory=dict)
    week: History | None = None
    plan: tuple[date | None, float] = (None, 0.0)
    linked: int = -1  # the finished projects with a link the plan was made with


class SuggestionService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, gap: GapService, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._gap = gap
        self._clock = clock
        self._watch = WriteWatch()
        self._kept: _Kept | None = None
        self._lock = threading.RLock()

    def snapshot(self, profile_id: int) -> Snapshot:
        """Everything the rules need, as of one consistent read.

        Kept between calls, with the suggestions made from it: a part is read again only
        when a write through this process touched one of its tables, and everything is read
        again when anything else may have changed the file (see ``write_watch``), when the
        roadmap in use or the profile asked for is another, or the engine was replaced. The
        parts made from today's date are made again when the day changes.
        """
        return self._current(profile_id).snapshot  # type: ignore[return-value]

    def _current(self, profile_id: int) -> _Kept:
        with self._lock:
            roadmap = self._roadmap  # read outside the transaction (see RoadmapSource.use)
            today = self._clock().date()
            try:
                if self._db.engine_made:
                    kept, stale = self._read_watched(profile_id, roadmap)
                else:
                    kept, stale = self._read_once(profile_id, roadmap)
                if stale or kept.today != today:
                    self._compose(kept, stale, today)
            except BaseException:
                self._watch.forget()
                raise
            self._kept = kept
            return kept

    def _read_watched(self, profile_id: int, roadmap: Roadmap) -> tuple[_Kept, set[str]]:
        """The parts that writes since the last read touched, or all of them when unsure."""
        with self._db.read() as session:
            engine = self._db.engine
            driver = plain.driver(session)
            written = self._watch.look(engine, driver)
            kept = self._kept
            if (
                written is None
                or kept is None
                or kept.profile_id != profile_id
                or kept.roadmap is not roadmap
                or kept.engine is not engine
            ):
                kept = _Kept(profile_id, roadmap, engine, {})
                stale = set(PARTS)
            else:
                stale = touched({name: part.tables for name, part in PARTS.items()}, written)
            self._kept = None  # until the parts and what is made of them are whole again
            for name in stale:
                kept.parts[name] = PARTS[name].read(driver, profile_id)
        return kept, stale

    def _read_once(self, profile_id: int, roadmap: Roadmap) -> tuple[_Kept, set[str]]:
        """Every part, through the driver alone, before anything has made the engine.

        Nothing can have been written through this process yet, and nothing is watched:
        a command asking for the next actions loads no SQLAlchemy. The next read once the
        engine is made (the window's first change) reads everything again, watched.
        """
        kept = _Kept(profile_id, roadmap, None, {})
        self._kept = None
        with self._db.read_plain() as driver:
            for name, part in PARTS.items():
                kept.parts[name] = part.read(driver, profile_id)
        return kept, set(PARTS)

    def _compose(self, kept: _Kept, stale: set[str], today: date) -> None:
        """The snapshot from the parts, rebuilding only what comes from a part read again."""
        parts = kept.parts
        if stale & {"projects", "project_skills"}:
            kept.projects = kept.built.projects(parts["projects"], parts["project_skills"])
        if stale & {"projects", "project_skills", "last_notes"}:
            kept.last_note_at = kept.built.last_notes(kept.projects, parts["last_notes"])
        if "applications" in stale:
            kept.applications = applications = kept.built.applications(parts["applications"])
            # Closed applications' ads ask nothing of the learner any more.
            kept.ad_skills = {
                a.id: self._gap.skills_asked(a.ad_text) for a in applications if a.ad_text and a.stage not in CLOSED
            }
        profile = parts["profile"]
        states = parts["states"]
        totals, logged = parts["study"]
        new_day = kept.today != today
        if new_day or stale & {"study", "profile"}:
            kept.week = study_week(totals, profile, today)
        linked = sum(1 for p in kept.projects if p.status is ProjectStatus.DONE and p.repo_url)
        if new_day or stale & {"study", "profile", "states"} or linked != kept.linked:
            kept.plan = ready_plan(kept.roadmap, profile, states, logged, linked, today)
            kept.linked = linked
        kept.today = today
        kept.snapshot = Snapshot(
            roadmap=kept.roadmap,
            today=today,
            states=MappingProxyType(states),
            projects=kept.projects,
            last_note_at=MappingProxyType(kept.last_note_at),
            last_activity=MappingProxyType(parts["last_activity"]),
            feedback=MappingProxyType(parts["feedback"]),
            current_step_id=profile.current_step_id,
            target_career_id=profile.target_career_id,
            time=time_facts_of(profile, kept.week, kept.plan),  # type: ignore[arg-type]
            record_skills=parts["records"],
            applications=kept.applications,
            ad_skills=MappingProxyType(kept.ad_skills),
        )
        kept.found = None

    def close(self) -> None:
        """Stop watching the database's writes and forget what was kept (for a service made
        for one use; the app's lives as long as its database)."""
        with self._lock:
            self._watch.stop()
            self._kept = None

    def next_actions(self, profile_id: int, limit: int | None = None) -> list[Suggestion]:
        """The ranked suggestions the learner has not snoozed or dismissed."""
        kept = self._current(profile_id)
        found = kept.found
        if found is None or kept.snapshot is None:
            found = suggest_next_actions(kept.snapshot)  # type: ignore[arg-type]
            kept.found = found
        return list(found) if limit is None else found[: max(limit, 0)]

    def feedback(self, profile_id: int) -> dict[str, Feedback]:
        with self._db.read_plain() as driver:
            return read_feedback(driver, profile_id)

    def today(self, profile_id: int, minutes: int = DEFAULT_MINUTES) -> TodayPlan:
        """A few of the next actions that fit one study session of ``minutes``."""
        if not MIN_SESSION <= minutes <= MAX_SESSION:
            raise InvalidInputError(f"a session is {MIN_SESSION} to {MAX_SESSION} minutes (got {minutes})")
        return plan_today(self.next_actions(profile_id), minutes)

    def snooze(self, profile_id: int, key: str, days: int = 7) -> date:
        """Hide a suggestion for some days; returns the first day it may show again."""
        if not 1 <= days <= MAX_SNOOZE_DAYS:
            raise InvalidInputError(f"snooze for 1 to {MAX_SNOOZE_DAYS} days (got {days})")
        key = self._find(profile_id, key).key
        now = self._clock()
        until = now.date() + timedelta(days=days)
        with self._db.write() as session:
            row = self._row(session, profile_id, key, now)
            row.snoozed_until = until
            record(
                session, profile_id, now, ActivityAction.SUGGESTION_SNOOZE, SubjectKind.SUGGESTION, key,
                after=until.isoformat(),
            )  # fmt: skip
        return until

    def dismiss(self, profile_id: int, suggestion_or_key: Suggestion | str) -> Feedback:
        """Hide a suggestion until the facts behind it change."""
        if isinstance(suggestion_or_key, Suggestion):
            suggestion = suggestion_or_key
        else:
            suggestion = self._find(profile_id, suggestion_or_key)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, suggestion.key, now)
            row.dismissed_fingerprint = suggestion.fingerprint
            row.snoozed_until = None
            record(
                session, profile_id, now, ActivityAction.SUGGESTION_DISMISS, SubjectKind.SUGGESTION, suggestion.key,
                after=suggestion.title,
            )  # fmt: skip
            return to_feedback(row)

    def clear_feedback(self, profile_id: int, key: str) -> Feedback | None:
        """Forget the snooze or dismissal of a suggestion (for undo); returns what was stored."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = session.get(tables.FeedbackRow, (profile_id, key))
            if row is None:
                return None
            before = to_feedback(row)
            now = self._clock()
            bury(session, profile_id, "suggestion_feedback", [row.uuid], now)
            session.delete(row)
            record(session, profile_id, now, ActivityAction.SUGGESTION_RESTORE, SubjectKind.SUGGESTION, key)
            return before

    def _find(self, profile_id: int, key: str) -> Suggestion:
        """The current suggestion with this key, shown or hidden."""
        key = key.strip()
        if not key:
            raise InvalidInputError("give the key of a suggestion, as shown by 'roadmap-app next'")
        found = next((s for s in all_candidates(self.snapshot(profile_id)) if s.key == key), None)
        if found is None:
            raise NotFoundError(f"no current suggestion has the key {quoted(key)}; list them with 'roadmap-app next'")
        return found

    @staticmethod
    def _row(session: Session, profile_id: int, key: str, now: datetime) -> tables.FeedbackRow:
        profile_row(session, profile_id)
        row = session.get(tables.FeedbackRow, (profile_id, key))
        if row is None:
            row = tables.FeedbackRow(profile_id=profile_id, key=key, snoozed_until=None, dismissed_fingerprint="")
            session.add(row)
        row.updated_at = now
        return row
