"""The values of time, checked and converted, and the queries that sum study sessions.

Shared by the study service and the next actions' snapshot; no Qt.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.limits import MAX_TEXT
from roadmap_app.domain.model import Profile, Progress, Roadmap
from roadmap_app.domain.study import (
    MAX_HOURS_PER_WEEK,
    MINUTES_PER_DAY,
    History,
    StudySession,
    StudySubject,
    StudySubjectKind,
    TimeFacts,
    Timer,
    make_history,
)
from roadmap_app.services._common import to_profile
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.records import quoted
from roadmap_app.storage import plain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables


def parse_day(text: str, what: str = "date") -> date:
    """A local calendar day typed as YYYY-MM-DD, or a one-line error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            f"{what} {quoted(text)} is not a day; write it as YYYY-MM-DD, such as 2026-03-01"
        ) from None


def clean_note(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"a note can have at most {MAX_TEXT:,} characters")
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        raise InvalidInputError("a note cannot contain a lone surrogate character")
    return text.strip()


def check_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MINUTES_PER_DAY:
        raise InvalidInputError(f"minutes must be a whole number from 1 to {MINUTES_PER_DAY} (a day); got {minutes}")
    return minutes


def check_hours_per_week(hours: float) -> float:
    if not math.isfinite(hours) or not 0 < hours <= MAX_HOURS_PER_WEEK:
        raise InvalidInputError(f"hours per week must be above 0 and at most {MAX_HOURS_PER_WEEK}; got {hours:g}")
    return hours


def to_session(row: tables.StudySessionRow, title: str = "") -> StudySession:
    return StudySession(
        id=row.id,
        day=row.day,
        minutes=row.minutes,
        subject=StudySubject(study_kind(row.subject_kind), row.subject_id),
        note=row.note,
        created_at=row.created_at,
        uuid=row.uuid,
        title=title,
    )


def study_kind(value: str) -> StudySubjectKind:
    try:
        return StudySubjectKind(value)
    except ValueError:
        return StudySubjectKind.NONE


def to_timer(row: tables.TimerRow) -> Timer:
    return Timer(
        subject=StudySubject(study_kind(row.subject_kind), row.subject_id),
        started_at=row.started_at,
        running_since=row.running_since,
        banked_seconds=row.banked_seconds,
    )


#: The records a session can be for: the name of their ORM class, and the command that lists them.
RECORD_ROWS: dict[StudySubjectKind, tuple[str, str]] = {
    StudySubjectKind.PROJECT: ("ProjectRow", "project list"),
    StudySubjectKind.CREDENTIAL: ("CredentialRow", "credential list"),
    StudySubjectKind.EXPERIENCE: ("ExperienceRow", "experience list"),
}


def row_id_of(text: str) -> int | None:
    """A row id typed as text, or None for anything SQLite could not hold (a 30-digit number)."""
    if not text.isdecimal() or not text.isascii():
        return None
    value = int(text)
    return value if value < 2**63 else None


#: Minutes per day, read from the index on (profile_id, day, minutes) alone.
DAY_TOTALS_SQL = "SELECT day, sum(minutes) FROM study_sessions WHERE profile_id = ? GROUP BY day"


def day_totals(driver: Any, profile_id: int) -> dict[date, int]:
    """Minutes per day over the profile's whole history, read on a DB-API connection."""
    # Through the driver: five years are 1,800 rows, and typed rows cost five times as much.
    # The day column is NOT NULL text (SQLAlchemy's Date on SQLite), and sum() of integers an integer.
    return {date.fromisoformat(day): minutes for day, minutes in driver.execute(DAY_TOTALS_SQL, (profile_id,))}


def logged_on_items(driver: Any, profile_id: int) -> dict[str, int]:
    """Minutes per task or skill id, over all time (what the pace plan reads), on a DB-API connection."""
    rows = driver.execute(
        "SELECT subject_id, sum(minutes) FROM study_sessions WHERE profile_id = ? AND subject_kind = ?"
        " GROUP BY subject_id",
        (profile_id, StudySubjectKind.ITEM.value),
    )
    return {item_id: int(minutes) for item_id, minutes in rows}


def logged_by_subject(driver: Any, profile_id: int, since: date | None = None) -> dict[str, int]:
    """Minutes per subject as typed (``skill.python``, ``project:7``; "" for none), read on a
    DB-API connection (the Time page reads it after every session logged)."""
    query = "SELECT subject_kind, subject_id, sum(minutes) FROM study_sessions WHERE profile_id = ?"
    params: list[object] = [profile_id]
    if since is not None:
        query += " AND day >= ?"  # days are stored as ISO text (SQLAlchemy's Date on SQLite)
        params.append(since.isoformat())
    rows = driver.execute(query + " GROUP BY subject_kind, subject_id", params)
    return {str(StudySubject(study_kind(k), i)): int(m) for k, i, m in rows}


def time_facts(
    session: Session,
    roadmap: Roadmap,
    profile: tables.ProfileRow,
    states: Mapping[str, Progress],
    linked_done_projects: int,
    today: date,
) -> TimeFacts:
    """The week, the streak and the plan's job-ready day, for the next-action rules."""
    return time_facts_from(
        day_totals(plain.driver(session), profile.id),
        logged_on_items(plain.driver(session), profile.id),
        roadmap,
        to_profile(profile),
        states,
        linked_done_projects,
        today,
    )


def time_facts_from(
    totals: Mapping[date, int],
    logged: Mapping[str, int],
    roadmap: Roadmap,
    profile: Profile,
    states: Mapping[str, Progress],
    linked_done_projects: int,
    today: date,
) -> TimeFacts:
    """``time_facts`` from the minutes already read: per day (``day_totals``) and per item
    (``logged_on_items``)."""
    return time_facts_of(
        profile,
        study_week(totals, profile, today),
        ready_plan(roadmap, profile, states, logged, linked_done_projects, today),
    )


def study_week(totals: Mapping[date, int], profile: Profile, today: date) -> History:
    """This week's minutes and the streak (the history of one week)."""
    return make_history(
        totals, {}, today, weeks=1, goal_minutes=profile.weekly_goal_minutes, min_minutes=profile.min_minutes_per_day
    )


def ready_plan(
    roadmap: Roadmap,
    profile: Profile,
    states: Mapping[str, Progress],
    logged: Mapping[str, int],
    linked_done_projects: int,
    today: date,
) -> tuple[date | None, float]:
    """The plan's job-ready day and the hours left, when a goal and a ready-by day are set."""
    if not profile.weekly_goal_minutes or profile.ready_by is None:
        return None, 0.0
    from roadmap_app.domain.pace import make_plan

    plan = make_plan(roadmap, states, logged, profile.weekly_goal_minutes / 60, today, linked_done_projects)
    return plan.job_ready_on, plan.ready_hours


def time_facts_of(profile: Profile, week: History, plan: tuple[date | None, float]) -> TimeFacts:
    return TimeFacts(
        goal_minutes=profile.weekly_goal_minutes,
        week_minutes=week.week_minutes,
        week_start=week.week_start,
        today_minutes=week.today_minutes,
        min_minutes=profile.min_minutes_per_day,
        current_streak=week.current_streak,
        ready_by=profile.ready_by,
        job_ready_on=plan[0],
        ready_hours=plan[1],
    )
