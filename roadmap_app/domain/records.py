"""The learner's credentials (step 1) and experience (step 4): what else, beside projects,
proves a skill."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class CredentialKind(enum.StrEnum):
    DEGREE = "degree"
    CERTIFICATE = "certificate"
    COURSE = "course"
    BOOTCAMP = "bootcamp"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class CredentialStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ExperienceKind(enum.StrEnum):
    INTERNSHIP = "internship"
    JOB = "job"
    FREELANCE = "freelance"
    COMPETITION = "competition"  # Kaggle and the like
    OPEN_SOURCE = "open_source"
    RESEARCH = "research"
    VOLUNTEER = "volunteer"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Credential:
    """A degree, certificate, course or bootcamp, with the skills it covers."""

    id: int
    title: str
    kind: CredentialKind
    provider: str
    status: CredentialStatus
    started_on: date | None
    finished_on: date | None
    url: str
    note: str
    created_at: datetime
    updated_at: datetime
    skill_ids: tuple[str, ...] = ()
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class ExperienceNote:
    """A dated Markdown note on an experience."""

    id: int
    experience_id: int
    created_at: datetime
    updated_at: datetime
    text: str
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Experience:
    """An internship, job, competition or other experience, with the skills used and its notes."""

    id: int
    title: str
    kind: ExperienceKind
    organisation: str
    started_on: date | None
    finished_on: date | None  # None while it goes on
    summary: str
    url: str
    created_at: datetime
    updated_at: datetime
    skill_ids: tuple[str, ...] = ()
    notes: tuple[ExperienceNote, ...] = ()
    uuid: str = ""


def newest_first_key(started_on: date | None, record_id: int) -> tuple[int, int, int]:
    """Records with a start date newest first, then those without; ties by id, newest first."""
    return (0 if started_on is not None else 1, -(started_on.toordinal() if started_on else 0), -record_id)
