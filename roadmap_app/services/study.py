"""Time: study sessions logged by hand or by the timer, the history, and the pace plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.model import ProjectStatus, Roadmap
from roadmap_app.domain.study import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    MINUTES_PER_DAY,
    History,
    StudySession,
    StudySubject,
    StudySubjectKind,
    Timer,
    format_minutes,
    make_history,
)
from roadmap_app.services._common import (
    Clock,
    bury,
    profile_row,
    put_back,
    read_profile,
    read_states,
    record,
    system_clock,
    unbury,
)
from roadmap_app.services.errors import InvalidInputError, NotFoundError, UserError
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.study_values import (
    RECORD_ROWS,
    check_hours_per_week,
    check_minutes,
    clean_note,
    day_totals,
    logged_by_subject,
    logged_on_items,
    parse_day,
    row_id_of,
    study_kind,
    time_facts,
    to_session,
    to_timer,
)
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.domain.pace import Plan
    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables
    from roadmap_app.storage import sql

#: A timer stopped before this many seconds logs nothing: it was started by mistake.
MIN_TIMED_SECONDS = 30
_STUDY_ACTIONS = (ActivityAction.STUDY_LOG.value, ActivityAction.STUDY_DELETE.value, ActivityAction.STUDY_RESTORE.value)
# The changes per day since a moment, study entries left out: the history's second count.
# Read from the index on (profile_id, at, action) alone; a stored moment starts with its day.
CHANGES_PER_DAY_SQL = (
    "SELECT substr(at, 1, 10) AS d, count(*) FROM activity WHERE profile_id = ? AND at >= ?"
    f" AND action NOT IN ({', '.join('?' for _ in _STUDY_ACTIONS)}) GROUP BY d"
)
# The profile's done projects with a repository: the plan counts them as shown work.
_LINKED_DONE_PROJECTS = "SELECT count(*) FROM projects WHERE profile_id = ? AND status = ? AND repo_url != ''"


class StudyService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    # --- subjects ---------------------------------------------------------------------

    def check_subject(self, session: Session, profile_id: int, subject: StudySubject) -> StudySubject:
        """The subject as stored, or an error naming what to give instead."""
        if subject.kind is StudySubjectKind.NONE:
            return subject
        record = RECORD_ROWS.get(subject.kind)
        if record is not None:
            class_name, listing = record
            row_class = getattr(tables, class_name)
            row_id = row_id_of(subject.id)
            row = session.get(row_class, row_id) if row_id is not None else None
            if row is None or row.profile_id != profile_id:
                raise NotFoundError(
                    f"no {subject.kind.value} with id '{subject.id}'; list them with 'roadmap-app {listing}'"
                )
            return subject
        if self._roadmap.task(subject.id) is None and self._roadmap.skill(subject.id) is None:
            raise NotFoundError(
                f"unknown task or skill '{subject.id}'; see 'roadmap-app items', "
                "or give project:ID, credential:ID or experience:ID"
            )
        return subject

    def _title(self, session: Session, subject: StudySubject) -> str:
        record = RECORD_ROWS.get(subject.kind)
        if record is not None:
            row_id = row_id_of(subject.id)
            row = session.get(getattr(tables, record[0]), row_id) if row_id is not None else None
            return str(row.title) if row is not None else f"{subject.kind.value} {subject.id} (deleted)"
        return self._roadmap.title_of(subject.id) if subject.id else ""

    def _with_titles(self, session: Session, rows: list[tables.StudySessionRow]) -> list[StudySession]:
        cache: dict[tuple[str, str], str] = {}
        found = []
        for row in rows:
            key = (row.subject_kind, row.subject_id)
            if key not in cache:
                cache[key] = self._title(session, StudySubject(study_kind(row.subject_kind), row.subject_id))
            found.append(to_session(row, cache[key]))
        return found

    # --- sessions -----------------------------------------------------------------------

    def log(
        self,
        profile_id: int,
        minutes: int,
        subject: StudySubject | str = "",
        *,
        day: date | None = None,
        note: str = "",
    ) -> StudySession:
        """Log minutes of study on a day (today unless given; never a future day)."""
        check_minutes(minutes)
        if isinstance(subject, str):
            subject = StudySubject.parse(subject)
        note = clean_note(note)
        now = self._clock()
        day = day or now.date()
        if day > now.date():
            raise InvalidInputError(f"{day.isoformat()} is in the future; log time on today or an earlier day")
        with self._db.write() as session:
            profile_row(session, profile_id)
            subject = self.check_subject(session, profile_id, subject)
            self._check_room(session, profile_id, day, minutes)
            return self._add(session, profile_id, StudySession(0, day, minutes, subject, note, now))

    def _add(self, session: Session, profile_id: int, new: StudySession) -> StudySession:
        """Write a new session and its entry in the activity log, in the caller's transaction."""
        row = tables.StudySessionRow(
            profile_id=profile_id,
            day=new.day,
            minutes=new.minutes,
            subject_kind=new.subject.kind.value,
            subject_id=new.subject.id,
            note=new.note,
            created_at=new.created_at,
        )
        session.add(row)
        session.flush()
        record(
            session, profile_id, new.created_at, ActivityAction.STUDY_LOG, SubjectKind.STUDY, row.id,
            field=str(new.subject), after=str(new.minutes),
        )  # fmt: skip
        return to_session(row, self._title(session, new.subject))

    @staticmethod
    def _check_room(session: Session, profile_id: int, day: date, minutes: int) -> None:
        logged = session.scalar(
            sql.select(sql.func.coalesce(sql.func.sum(tables.StudySessionRow.minutes), 0)).where(
                tables.StudySessionRow.profile_id == profile_id, tables.StudySessionRow.day == day
            )
        )
        if int(logged or 0) + minutes > MINUTES_PER_DAY:
            room = MINUTES_PER_DAY - int(logged or 0)
            raise InvalidInputError(
                f"{day.isoformat()} already holds {format_minutes(int(logged or 0))}; a day has room for "
                f"{room} more minutes, not {minutes}"
            )

    def _row(self, session: Session, profile_id: int, session_id: int) -> tables.StudySessionRow:
        row = session.get(tables.StudySessionRow, session_id) if row_id_of(str(session_id)) is not None else None
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no study session with id {session_id}; list them with 'roadmap-app session list'")
        return row

    def get(self, profile_id: int, session_id: int) -> StudySession:
        with self._db.read() as session:
            row = self._row(session, profile_id, session_id)
            return to_session(row, self._title(session, StudySubject(study_kind(row.subject_kind), row.subject_id)))

    def delete(self, profile_id: int, session_id: int) -> StudySession:
        """Delete a session; returns it, so that ``restore`` can bring it back (undo)."""
        with self._db.write() as session:
            row = self._row(session, profile_id, session_id)
            gone = to_session(row, self._title(session, StudySubject(study_kind(row.subject_kind), row.subject_id)))
            now = self._clock()
            bury(session, profile_id, "study_session", [row.uuid], now)
            session.delete(row)
            record(
                session, profile_id, now, ActivityAction.STUDY_DELETE, SubjectKind.STUDY, session_id,
                field=str(gone.subject), before=str(gone.minutes),
            )  # fmt: skip
            return gone

    def restore(self, profile_id: int, gone: StudySession) -> StudySession:
        """Bring back a deleted session as it was, with its id and UUID."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            if session.get(tables.StudySessionRow, gone.id) is not None:
                raise UserError(f"study session {gone.id} is already there: there is nothing to put back")
            self._check_room(session, profile_id, gone.day, gone.minutes)
            row = tables.StudySessionRow(
                id=gone.id,
                uuid=gone.uuid or None,
                profile_id=profile_id,
                day=gone.day,
                minutes=gone.minutes,
                subject_kind=gone.subject.kind.value,
                subject_id=gone.subject.id,
                note=gone.note,
                created_at=gone.created_at,
            )
            put_back(session, row, "study session")
            unbury(session, [row.uuid])
            record(
                session, profile_id, self._clock(), ActivityAction.STUDY_RESTORE, SubjectKind.STUDY, row.id,
                field=str(gone.subject), after=str(gone.minutes),
            )  # fmt: skip
            return to_session(row, gone.title)

    def sessions(
        self, profile_id: int, *, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[StudySession]:
        """Sessions between two days (both included), newest first, ties by id."""
        with self._db.read() as session:
            query = sql.select(tables.StudySessionRow).where(tables.StudySessionRow.profile_id == profile_id)
            if start is not None:
                query = query.where(tables.StudySessionRow.day >= start)
            if end is not None:
                query = query.where(tables.StudySessionRow.day <= end)
            query = query.order_by(tables.StudySessionRow.day.desc(), tables.StudySessionRow.id.desc())
            if limit is not None:
                query = query.limit(limit)
            return self._with_titles(session, list(session.scalars(query)))

    def logged_by_subject(self, profile_id: int) -> dict[str, int]:
        """Minutes logged per task or skill id and per ``project:ID``, over all time."""
        with self._db.read_plain() as conn:
            return {k: m for k, m in logged_by_subject(conn, profile_id).items() if k}

    def minutes_by_group(self, profile_id: int, since: date | None = None) -> list[tuple[str, int]]:
        """Minutes per skill category (tasks count towards the categories of the skills they train;
        projects and untagged time have their own rows), most first."""
        totals: dict[str, float] = {}
        for subject, minutes in self._minutes_by_subject(profile_id, since).items():
            kind = StudySubject.parse(subject).kind
            if kind in RECORD_ROWS:
                name = {StudySubjectKind.PROJECT: "Projects", StudySubjectKind.CREDENTIAL: "Credentials"}.get(
                    kind, "Experience"
                )
                totals[name] = totals.get(name, 0) + minutes
                continue
            if not subject:
                totals["Other study"] = totals.get("Other study", 0) + minutes
                continue
            skill_ids = self._skills_of(subject)
            if not skill_ids:
                totals["Other tasks"] = totals.get("Other tasks", 0) + minutes
                continue
            for skill_id in skill_ids:
                skill = self._roadmap.skill(skill_id)
                category = self._roadmap.category(skill.category_id) if skill else None
                name = category.title if category else "Other skills"
                totals[name] = totals.get(name, 0) + minutes / len(skill_ids)
        return sorted(((name, round(m)) for name, m in totals.items()), key=lambda kv: (-kv[1], kv[0]))

    def _skills_of(self, item_id: str) -> tuple[str, ...]:
        if self._roadmap.skill(item_id) is not None:
            return (item_id,)
        task = self._roadmap.task(item_id)
        return task.skill_ids if task else ()

    def _minutes_by_subject(self, profile_id: int, since: date | None) -> dict[str, int]:
        with self._db.read_plain() as conn:
            return logged_by_subject(conn, profile_id, since)

    # --- history --------------------------------------------------------------------------

    def history(self, profile_id: int, weeks: int = DEFAULT_WEEKS, *, first_weekday: int = 0) -> History:
        """Every day of the last ``weeks`` weeks with its minutes and changes; streaks; this week."""
        if not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInputError(f"weeks must be from 1 to {MAX_WEEKS}; got {weeks}")
        today = self._clock().date()
        first = today - timedelta(days=7 * weeks - 1)
        with self._db.read_plain() as conn:
            profile = read_profile(conn, profile_id)
            # Streaks may reach back further than the period shown: read every day's total.
            totals = day_totals(conn, profile_id)
            changes = {
                date.fromisoformat(d): int(n)
                for d, n in conn.execute(
                    CHANGES_PER_DAY_SQL,
                    (profile_id, plain.stored_moment(datetime.combine(first, datetime.min.time())), *_STUDY_ACTIONS),
                )
                if d
            }
            return make_history(
                totals,
                changes,
                today,
                weeks=weeks,
                goal_minutes=profile.weekly_goal_minutes,
                min_minutes=profile.min_minutes_per_day,
                first_weekday=first_weekday,
            )

    # --- the timer --------------------------------------------------------------------------

    def timer(self, profile_id: int) -> Timer | None:
        with self._db.read() as session:
            row = session.get(tables.TimerRow, profile_id)
            return to_timer(row) if row is not None else None

    def start_timer(self, profile_id: int, subject: StudySubject | str = "") -> Timer:
        """Start timing study on a subject; its start is saved at once."""
        if isinstance(subject, str):
            subject = StudySubject.parse(subject)
        with self._db.write() as session:
            profile_row(session, profile_id)
            if session.get(tables.TimerRow, profile_id) is not None:
                raise UserError("a timer is already running; stop it first ('roadmap-app timer stop')")
            subject = self.check_subject(session, profile_id, subject)
            now = self._clock()
            row = tables.TimerRow(
                profile_id=profile_id,
                subject_kind=subject.kind.value,
                subject_id=subject.id,
                started_at=now,
                running_since=now,
                banked_seconds=0,
            )
            session.add(row)
            return to_timer(row)

    def _timer_row(self, session: Session, profile_id: int) -> tables.TimerRow:
        row = session.get(tables.TimerRow, profile_id)
        if row is None:
            raise NotFoundError("no timer is running; start one with 'roadmap-app timer start [ITEM]'")
        return row

    def pause_timer(self, profile_id: int) -> Timer:
        with self._db.write() as session:
            row = self._timer_row(session, profile_id)
            if row.running_since is not None:
                row.banked_seconds = to_timer(row).elapsed_seconds(self._clock())
                row.running_since = None
            return to_timer(row)

    def resume_timer(self, profile_id: int) -> Timer:
        with self._db.write() as session:
            row = self._timer_row(session, profile_id)
            if row.running_since is None:
                row.running_since = self._clock()
            return to_timer(row)

    def stop_timer(self, profile_id: int, note: str = "") -> StudySession | None:
        """Stop the timer and log its minutes on the day it started; None if under half a minute.

        Time beyond what the day still holds (a timer left running overnight) is not logged.
        """
        note = clean_note(note)
        now = self._clock()
        with self._db.write() as session:
            row = self._timer_row(session, profile_id)
            timer = to_timer(row)
            session.delete(row)
            seconds = timer.elapsed_seconds(now)
            if seconds < MIN_TIMED_SECONDS:
                return None
            day = timer.started_at.date()
            logged = session.scalar(
                sql.select(sql.func.coalesce(sql.func.sum(tables.StudySessionRow.minutes), 0)).where(
                    tables.StudySessionRow.profile_id == profile_id, tables.StudySessionRow.day == day
                )
            )
            minutes = min(max(1, round(seconds / 60)), MINUTES_PER_DAY - int(logged or 0))
            if minutes < 1:
                return None
            subject = timer.subject
            try:
                subject = self.check_subject(session, profile_id, subject)
            except NotFoundError:
                subject = StudySubject()  # its item went while the timer ran: keep the time
            return self._add(session, profile_id, StudySession(0, day, minutes, subject, note, now))

    def discard_timer(self, profile_id: int) -> Timer:
        """Throw the timer away without logging it; returns it."""
        with self._db.write() as session:
            row = self._timer_row(session, profile_id)
            timer = to_timer(row)
            session.delete(row)
            return timer

    # --- the plan ---------------------------------------------------------------------------

    def plan(self, profile_id: int, hours_per_week: float | None = None) -> Plan:
        """The pace plan at ``hours_per_week``, or at the learner's weekly goal."""
        # The plan weighs the readiness rules of the next actions: imported for this command only.
        from roadmap_app.domain.pace import make_plan

        with self._db.read_plain() as conn:
            profile = read_profile(conn, profile_id)
            if hours_per_week is None:
                if not profile.weekly_goal_minutes:
                    raise UserError(
                        "no weekly goal is set; set one with 'roadmap-app goal --hours-per-week N' "
                        "or give --hours-per-week"
                    )
                hours_per_week = profile.weekly_goal_minutes / 60
            check_hours_per_week(hours_per_week)
            states = read_states(conn, profile_id)
            linked = conn.execute(_LINKED_DONE_PROJECTS, (profile_id, ProjectStatus.DONE.value)).fetchone()[0]
            logged = logged_on_items(conn, profile_id)
        return make_plan(self._roadmap, states, logged, hours_per_week, self._clock().date(), int(linked or 0))


__all__ = ["StudyService", "check_hours_per_week", "parse_day", "time_facts"]
