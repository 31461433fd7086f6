"""The figures of a job search: applications per stage, the response rate, days to a first reply.

A pure function of the applications and today's date; standard library only. Each
application counts once, at its current stage; *applied* is every application that left
*saved*, and a reply is any stage only the employer's answer leads to (``REPLY_STAGES``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from roadmap_app.domain.jobs import CLOSED_STAGES, Application, Stage


@dataclass(frozen=True, slots=True)
class JobFigures:
    """How a job search goes, as of one day.

    ``per_stage`` has every stage in ``Stage`` order, zeros included. ``response_rate`` is
    ``replied / applied`` (None while none is applied); ``median_days_to_reply`` is over the
    applications with a reply (None while none has one). ``waiting`` counts the applications
    still at *applied* with no reply, ``interviews_ahead`` the interviews from today on of
    applications not closed.
    """

    per_stage: tuple[tuple[Stage, int], ...]
    total: int
    applied: int
    replied: int
    response_rate: float | None
    median_days_to_reply: float | None
    open: int
    waiting: int
    interviews_ahead: int

    def count(self, stage: Stage) -> int:
        return dict(self.per_stage)[stage]

    def as_dict(self) -> dict[str, object]:
        return {
            "per_stage": {stage.value: n for stage, n in self.per_stage},
            "total": self.total,
            "applied": self.applied,
            "replied": self.replied,
            "response_rate": self.response_rate,
            "median_days_to_reply": self.median_days_to_reply,
            "open": self.open,
            "waiting": self.waiting,
            "interviews_ahead": self.interviews_ahead,
        }


def job_figures(applications: Iterable[Application], today: date) -> JobFigures:
    """The figures of ``applications`` on ``today``."""
    per_stage = dict.fromkeys(Stage, 0)
    total = applied = waiting = ahead = 0
    open_count = 0
    reply_days: list[int] = []
    for app in applications:
        total += 1
        stage = app.stage
        per_stage[stage] += 1
        open_count += stage.is_open
        if stage not in CLOSED_STAGES:
            ahead += sum(1 for i in app.interviews if i.on >= today)
        applied_on = app.applied_on
        if applied_on is None:
            continue
        applied += 1
        replied_on = app.first_reply_on
        if replied_on is not None:
            reply_days.append(max(0, (replied_on - applied_on).days))
        elif stage is Stage.APPLIED:
            waiting += 1
    replied = len(reply_days)
    return JobFigures(
        per_stage=tuple(per_stage.items()),
        total=total,
        applied=applied,
        replied=replied,
        response_rate=replied / applied if applied else None,
        median_days_to_reply=float(statistics.median(reply_days)) if reply_days else None,
        open=open_count,
        waiting=waiting,
        interviews_ahead=ahead,
    )
