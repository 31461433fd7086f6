"""Time spent learning: study sessions, the days of a history, streaks and the week's goal.

Pure functions of the sessions and today's date; standard library only. A day counts
towards a streak once it holds the learner's minimum of minutes (10 unless they choose
another), as Anki's users asked for, so that opening the app for a minute keeps nothing.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MINUTES_PER_DAY = 24 * 60
DEFAULT_MIN_MINUTES = 10
"""A day counts towards a streak from this many minutes, until the learner sets another minimum."""
MAX_HOURS_PER_WEEK = 7 * 24
DEFAULT_WEEKS = 52
MAX_WEEKS = 520


class StudySubjectKind(enum.StrEnum):
    """What a study session was for."""

    NONE = ""
    ITEM = "item"  # a task or a skill of the roadmap, by its id
    PROJECT = "project"  # a project, by its row id
    CREDENTIAL = "credential"  # a credential (step 1), by its row id
    EXPERIENCE = "experience"  # an experience (step 4), by its row id


#: The subjects named by a record's row id, written ``kind:ID``.
RECORD_KINDS = ("project", "credential", "experience")


@dataclass(frozen=True, slots=True)
class StudySubject:
    """What a study session was for: a task or skill, a record (project:ID, ...), or nothing."""

    kind: StudySubjectKind = StudySubjectKind.NONE
    id: str = ""

    @classmethod
    def parse(cls, text: str) -> StudySubject:
        """``skill.python``, ``task.x``, ``project:7``, ``credential:2``, ``experience:3`` or nothing."""
        text = text.strip()
        if not text:
            return cls()
        kind, colon, rest = text.partition(":")
        if colon and kind in RECORD_KINDS:
            return cls(StudySubjectKind(kind), rest.strip())
        return cls(StudySubjectKind.ITEM, text)

    def __str__(self) -> str:
        if self.kind.value in RECORD_KINDS:
            return f"{self.kind.value}:{self.id}"
        return self.id


@dataclass(frozen=True, slots=True)
class StudySession:
    """Minutes of study on one day, for an item or for nothing in particular."""

    id: int
    day: date
    minutes: int
    subject: StudySubject
    note: str
    created_at: datetime
    uuid: str = ""
    title: str = ""
    """The subject's title when read (a task, skill or project), empty for none."""


@dataclass(frozen=True, slots=True)
class Timer:
    """A running or paused timer. Its start is saved, so it survives a crash or a closed window."""

    subject: StudySubject
    started_at: datetime
    running_since: datetime | None
    banked_seconds: int = 0

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed_seconds(self, now: datetime) -> int:
        """Seconds timed so far: what was banked at each pause, plus the running stretch."""
        running = (now - self.running_since).total_seconds() if self.running_since is not None else 0.0
        return self.banked_seconds + max(0, int(running))


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the history: minutes studied and changes made."""

    day: date
    minutes: int
    changes: int


@dataclass(frozen=True, slots=True)
class History:
    """Minutes studied per day over some weeks, the streaks, and this week against the goal."""

    days: tuple[Day, ...]
    current_streak: int
    longest_streak: int
    week_minutes: int
    goal_minutes: int
    week_start: date
    today_minutes: int
    min_minutes: int

    def as_dict(self) -> dict[str, object]:
        return {
            "days": [{"date": d.day.isoformat(), "minutes": d.minutes, "changes": d.changes} for d in self.days],
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
            "week": {"minutes": self.week_minutes, "goal_minutes": self.goal_minutes},
        }


@dataclass(frozen=True, slots=True)
class TimeFacts:
    """What the next-action rules about time read: the week, the streak and the plan."""

    goal_minutes: int
    week_minutes: int
    week_start: date
    today_minutes: int
    min_minutes: int
    current_streak: int
    ready_by: date | None = None
    job_ready_on: date | None = None
    ready_hours: float = 0.0


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of ``day``'s week; ``first_weekday`` 0 is Monday, 6 Sunday."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def streaks(minutes_by_day: Mapping[date, int], today: date, min_minutes: int) -> tuple[int, int]:
    """(current, longest) runs of days that reached ``min_minutes``.

    The current streak is still alive on a day not yet studied: it counts up to yesterday
    until today ends.
    """
    # As day numbers: years of history are walked at every refresh of the dashboard.
    last = today.toordinal()
    counted = sorted(n for d, m in minutes_by_day.items() if m >= min_minutes and (n := d.toordinal()) <= last)
    longest = run = 0
    previous = None
    for day in counted:
        run = run + 1 if day - 1 == previous else 1
        if run > longest:
            longest = run
        previous = day
    if previous is None or last - previous > 1:
        return 0, longest
    return run, longest


def minutes_by_day(sessions: Iterable[tuple[date, int]]) -> dict[date, int]:
    totals: dict[date, int] = {}
    for day, minutes in sessions:
        totals[day] = totals.get(day, 0) + minutes
    return totals


def make_history(
    totals: Mapping[date, int],
    changes: Mapping[date, int],
    today: date,
    *,
    weeks: int = DEFAULT_WEEKS,
    goal_minutes: int = 0,
    min_minutes: int = DEFAULT_MIN_MINUTES,
    first_weekday: int = 0,
) -> History:
    """Every day of the last ``weeks`` weeks up to today (0 minutes where none), streaks and the week."""
    first = today - timedelta(days=7 * weeks - 1)
    days = tuple(
        Day(day, totals.get(day, 0), changes.get(day, 0))
        for day in (first + timedelta(days=n) for n in range((today - first).days + 1))
    )
    current, longest = streaks(totals, today, min_minutes)
    start = week_start(today, first_weekday)
    week = sum(m for d, m in totals.items() if start <= d <= today)
    return History(
        days=days,
        current_streak=current,
        longest_streak=longest,
        week_minutes=week,
        goal_minutes=goal_minutes,
        week_start=start,
        today_minutes=totals.get(today, 0),
        min_minutes=min_minutes,
    )


def shade(minutes: int, most: int, levels: int = 4) -> int:
    """The heatmap's shade of a day, 0 (nothing) to ``levels``, on a square-root scale.

    A square root, as Anki's calendar does in spirit: a 20-minute day stays visible beside
    a four-hour one, and the busiest day of the period is the darkest.
    """
    if minutes <= 0 or most <= 0:
        return 0
    return max(1, min(levels, math.ceil(levels * math.sqrt(minutes / most))))


def format_minutes(minutes: int) -> str:
    """``95`` as ``1 h 35 min``; ``45`` as ``45 min``; ``120`` as ``2 h``."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
