"""Suggested next actions for a profile, and the learner's answers to them (snooze, dismiss)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.jobs import CLOSED_STAGES as CLOSED
from roadmap_app.domain.model import Feedback, Project, ProjectStatus, Roadmap
from roadmap_app.domain.suggestion_types import Suggestion
from roadmap_app.domain.suggestions import Snapshot, all_candidates, suggest_next_actions
from roadmap_app.domain.today import DEFAULT_MINUTES, TodayPlan, plan_today
from roadmap_app.services._common import Clock, bury, profile_row, record, system_clock, to_progress
from roadmap_app.services._project_rows import PROJECT_COLUMNS, projects_from_rows
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.evidence import record_skills
from roadmap_app.services.gap import GapService
from roadmap_app.services.job_values import load_applications
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.study import time_facts
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import (
    ActivityRow,
    FeedbackRow,
    ProgressRow,
    ProjectNoteRow,
    ProjectRow,
)

MAX_SNOOZE_DAYS = 365
MIN_SESSION = 5
MAX_SESSION = 24 * 60


def to_feedback(row: FeedbackRow) -> Feedback:
    return Feedback(key=row.key, snoozed_until=row.snoozed_until, dismissed_fingerprint=row.dismissed_fingerprint)


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

    def snapshot(self, profile_id: int) -> Snapshot:
        """Everything the rules need, read in one consistent read.

        Notes and activity are reduced to their newest time per project and per subject
        in SQL, so a long history costs one grouped query rather than thousands of rows.
        """
        with self._db.read() as session:
            profile = profile_row(session, profile_id)
            states = {
                r.item_id: to_progress(r)
                for r in session.scalars(select(ProgressRow).where(ProgressRow.profile_id == profile_id))
            }
            projects = self._projects(session, profile_id)
            last_notes = session.connection().execute(
                select(ProjectNoteRow.project_id, func.max(ProjectNoteRow.updated_at))
                .join(ProjectRow, ProjectRow.id == ProjectNoteRow.project_id)
                .where(ProjectRow.profile_id == profile_id)
                .group_by(ProjectNoteRow.project_id)
            )
            last_activity = session.connection().execute(
                select(ActivityRow.subject_id, func.max(ActivityRow.at))
                .where(ActivityRow.profile_id == profile_id, ActivityRow.subject_kind == SubjectKind.ITEM.value)
                .group_by(ActivityRow.subject_id)
            )
            feedback = {
                r.key: to_feedback(r)
                for r in session.scalars(select(FeedbackRow).where(FeedbackRow.profile_id == profile_id))
            }
            today = self._clock().date()
            linked = sum(1 for p in projects if p.status is ProjectStatus.DONE and p.repo_url)
            applications = tuple(sorted(load_applications(session, profile_id), key=lambda a: a.id))
            # Closed applications' ads ask nothing of the learner any more.
            ad_skills = {
                a.id: self._gap.skills_asked(a.ad_text) for a in applications if a.ad_text and a.stage not in CLOSED
            }
            return Snapshot(
                roadmap=self._roadmap,
                today=today,
                states=states,
                projects=projects,
                last_note_at={pid: at for pid, at in last_notes if at is not None},
                last_activity={subject: at for subject, at in last_activity if at is not None},
                feedback=feedback,
                current_step_id=profile.current_step_id,
                target_career_id=profile.target_career_id,
                time=time_facts(session, self._roadmap, profile, states, linked, today),
                record_skills=record_skills(session, profile_id),
                applications=applications,
                ad_skills=ad_skills,
            )

    @staticmethod
    def _projects(session: Session, profile_id: int) -> tuple[Project, ...]:
        """The profile's projects with their skills, without notes, oldest first.

        Plain column queries: building hundreds of ORM objects costs more than the rules.
        """
        rows = session.execute(
            select(*PROJECT_COLUMNS).where(ProjectRow.profile_id == profile_id).order_by(ProjectRow.id)
        )
        return tuple(projects_from_rows(session, rows))

    def next_actions(self, profile_id: int, limit: int | None = None) -> list[Suggestion]:
        """The ranked suggestions the learner has not snoozed or dismissed."""
        found = suggest_next_actions(self.snapshot(profile_id))
        return found if limit is None else found[: max(limit, 0)]

    def feedback(self, profile_id: int) -> dict[str, Feedback]:
        with self._db.read() as session:
            rows = session.scalars(select(FeedbackRow).where(FeedbackRow.profile_id == profile_id))
            return {r.key: to_feedback(r) for r in rows}

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
            row = session.get(FeedbackRow, (profile_id, key))
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
    def _row(session: Session, profile_id: int, key: str, now: datetime) -> FeedbackRow:
        profile_row(session, profile_id)
        row = session.get(FeedbackRow, (profile_id, key))
        if row is None:
            row = FeedbackRow(profile_id=profile_id, key=key, snoozed_until=None, dismissed_fingerprint="")
            session.add(row)
        row.updated_at = now
        return row
