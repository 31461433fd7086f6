"""Next-action rules about time: the weekly goal, the streak, and the plan's ready-by day."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta

from roadmap_app.domain.pages import PageName
from roadmap_app.domain.study import format_minutes
from roadmap_app.domain.suggestion_facts import Facts
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import count_of, make_suggestion

BEHIND_FACTOR = 1.5
"""Behind the goal: what is left of it needs this many times the week's daily average."""
STREAK_AT_RISK = 2
"""A streak of at least this many days is worth a reminder when today is not studied yet."""

_LOG_TIME = Action(ActionKind.OPEN_PAGE, PageName.TIME, label="Log time")


def behind_goal(f: Facts) -> Iterator[Suggestion]:
    """Behind the weekly study goal: what is left needs much more than an average day."""
    time = f.snap.time
    if time is None or not time.goal_minutes:
        return
    left = time.goal_minutes - time.week_minutes
    days_left = 7 - (f.today - time.week_start).days  # today included
    if left <= 0 or days_left <= 0 or left / days_left <= BEHIND_FACTOR * time.goal_minutes / 7:
        return
    per_day = math.ceil(left / days_left)
    yield make_suggestion(
        "behind-goal",
        f"behind-goal:{time.week_start.isoformat()}",
        "Catch up with your weekly goal",
        f"{format_minutes(time.week_minutes)} of your {format_minutes(time.goal_minutes)} this week, with "
        f"{count_of(days_left, 'day')} left: about {format_minutes(per_day)} a day keeps the goal.",
        58,
        _LOG_TIME,
        time.week_start,
    )


def streak_at_risk(f: Facts) -> Iterator[Suggestion]:
    """A streak of several days ends tonight unless today reaches the day's minimum."""
    time = f.snap.time
    if time is None or time.current_streak < STREAK_AT_RISK or time.today_minutes >= time.min_minutes:
        return
    needed = time.min_minutes - time.today_minutes
    so_far = f" ({format_minutes(time.today_minutes)} so far)" if time.today_minutes else ""
    yield make_suggestion(
        "streak-at-risk",
        f"streak:{f.today.isoformat()}",
        f"Keep your {time.current_streak}-day streak",
        f"You studied {count_of(time.current_streak, 'day')} in a row; {format_minutes(needed)} more today"
        f"{so_far} keeps the streak going.",
        52,
        _LOG_TIME,
        f.today,
    )


def plan_slipping(f: Facts) -> Iterator[Suggestion]:
    """The pace plan makes the learner job-ready after the ready-by day they set."""
    time = f.snap.time
    if time is None or time.ready_by is None or not time.goal_minutes:
        return
    ready = time.job_ready_on
    if ready is not None and ready <= time.ready_by:
        return
    hours = time.goal_minutes / 60
    days = (time.ready_by - f.today).days
    when = f"on {ready.isoformat()}" if ready else "not at all with the items left open"
    late = f", {_late(ready - time.ready_by)} after" if ready else ", not by"
    need = ""
    if days > 0 and ready is not None:
        weekly = time.ready_hours / (days / 7)
        need = f" About {weekly:.0f} h a week would make it, or skip what you do not need."
    yield make_suggestion(
        "plan-slipping",
        "plan-slipping",
        "Your plan runs past your ready-by date",
        f"At {hours:g} h a week the plan makes you job-ready {when}{late} your ready-by date "
        f"{time.ready_by.isoformat()}.{need}",
        60,
        Action(ActionKind.OPEN_PAGE, PageName.ROADMAP, label="See the plan"),
        time.ready_by,
        ready,
        hours,
    )


def _late(delta: timedelta) -> str:
    weeks = delta.days // 7
    return count_of(weeks, "week") if weeks else count_of(delta.days, "day")
