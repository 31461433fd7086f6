"""The learner's job applications (step 5): stages with dates, interviews, contacts, notes.

An application's stage is the stage of its newest stage change (by day, then by id): the
timeline is the record, the stage is read from it, so undoing a stage change is removing it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class Stage(enum.StrEnum):
    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_open(self) -> bool:
        """Still going somewhere: applied and waiting, or in the employer's process."""
        return self in OPEN_STAGES

    @property
    def is_reply(self) -> bool:
        """A stage only the employer's answer leads to (withdrawn is the learner's own)."""
        return self in REPLY_STAGES


OPEN_STAGES = frozenset({Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER})
REPLY_STAGES = frozenset({Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED})
CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})
"""Done with, one way or the other: nothing more to do for these applications."""


class InterviewKind(enum.StrEnum):
    PHONE = "phone"
    TECHNICAL = "technical"
    TAKE_HOME = "take_home"
    ONSITE = "onsite"
    FINAL = "final"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


@dataclass(frozen=True, slots=True)
class StageChange:
    """One dated step of an application's timeline."""

    id: int
    application_id: int
    stage: Stage
    on: date
    note: str
    created_at: datetime
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Interview:
    """An interview of an application, done or planned."""

    id: int
    application_id: int
    on: date
    kind: InterviewKind
    note: str
    created_at: datetime
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    """A person the learner deals with for an application."""

    id: int
    application_id: int
    name: str
    role: str
    email: str
    created_at: datetime
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class ApplicationNote:
    """A dated Markdown note on an application."""

    id: int
    application_id: int
    text: str
    created_at: datetime
    updated_at: datetime
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Application:
    """A job application with everything that belongs to it.

    ``stages`` is the timeline, oldest first (by day, then id); ``interviews`` by day, then
    id; ``contacts`` and ``notes`` by id.
    """

    id: int
    company: str
    role: str
    url: str
    ad_text: str
    location: str
    salary: str
    source: str
    created_at: datetime
    updated_at: datetime
    stages: tuple[StageChange, ...] = ()
    interviews: tuple[Interview, ...] = ()
    contacts: tuple[Contact, ...] = ()
    notes: tuple[ApplicationNote, ...] = ()
    uuid: str = ""

    @property
    def stage(self) -> Stage:
        return self.stages[-1].stage if self.stages else Stage.SAVED

    @property
    def stage_on(self) -> date | None:
        """The day the current stage was reached."""
        return self.stages[-1].on if self.stages else None

    @property
    def applied_on(self) -> date | None:
        """The first day it left *saved*: the day the learner applied."""
        return next((c.on for c in self.stages if c.stage is not Stage.SAVED), None)

    @property
    def first_reply_on(self) -> date | None:
        """The first day the employer answered (a reply stage), if it has."""
        return next((c.on for c in self.stages if c.stage.is_reply), None)


def timeline_key(on: date, row_id: int) -> tuple[int, int]:
    """Order of a timeline: by day, then by id (the order the changes were entered)."""
    return (on.toordinal(), row_id)
