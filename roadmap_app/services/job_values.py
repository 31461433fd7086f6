"""A job application's values as the learner gives them, checked before anything is written,
and the application read back whole from its rows in a handful of queries."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from roadmap_app.domain.jobs import (
    Application,
    ApplicationNote,
    Contact,
    Interview,
    InterviewKind,
    Stage,
    StageChange,
    timeline_key,
)
from roadmap_app.domain.limits import MAX_SHORT, MAX_TITLE
from roadmap_app.domain.model import enum_or
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.gap import MAX_AD_CHARS
from roadmap_app.services.record_values import clean_line, clean_long, clean_url, parse_choice
from roadmap_app.storage.tables import (
    ApplicationContactRow,
    ApplicationInterviewRow,
    ApplicationNoteRow,
    ApplicationRow,
    ApplicationStageRow,
)

EDITABLE = ("company", "role", "url", "ad_text", "location", "salary", "source")
#: How far ahead an interview may be planned: a later day is a typo in the year.
INTERVIEW_AHEAD = timedelta(days=366)
_EXAMPLES = {"company": "Acme Analytics", "role": "Machine learning engineer"}


def no_surrogates(text: str, what: str) -> str:
    if not text.isascii() and any(unicodedata.category(ch) == "Cs" for ch in text):
        raise InvalidInputError(f"the {what} cannot contain a lone surrogate character; paste it again as plain text")
    return text


def _required(value: Any, what: str) -> str:
    cleaned = no_surrogates(" ".join(str(value).split()), what)
    if not cleaned:
        raise InvalidInputError(f"an application needs a {what}; give one such as '{_EXAMPLES[what]}'")
    if len(cleaned) > MAX_TITLE:
        raise InvalidInputError(f"the {what} can have at most {MAX_TITLE} characters")
    return cleaned


def clean_ad(value: Any) -> str:
    text = no_surrogates(str(value), "ad")
    if len(text) > MAX_AD_CHARS:
        raise InvalidInputError(f"the ad has {len(text):,} characters, more than {MAX_AD_CHARS:,}; give the ad alone")
    return text if text.strip() else ""


def clean_application_fields(fields: dict[str, Any]) -> dict[str, str]:
    """The fields checked and in their stored form; a bad one is refused before any write."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of an application")
    values: dict[str, str] = {}
    for key, value in fields.items():
        if key in ("company", "role"):
            values[key] = _required(value, key)
        elif key == "url":
            values[key] = clean_url(no_surrogates(str(value), "link"))
        elif key == "ad_text":
            values[key] = clean_ad(value)
        else:
            values[key] = no_surrogates(clean_line(value, key), key)
    return values


def clean_text(value: Any, what: str) -> str:
    """A note, kept as written (Markdown), without blank space around it."""
    return no_surrogates(clean_long(value, what), what).strip()


def parse_stage(value: Any) -> Stage:
    return parse_choice(Stage, value, "stage")


def parse_kind(value: Any) -> InterviewKind:
    return parse_choice(InterviewKind, value, "interview kind")


def _a_day(on: Any, what: str) -> date:
    if not isinstance(on, date) or hasattr(on, "hour"):
        raise InvalidInputError(f"the {what} date must be a day (YYYY-MM-DD)")
    return on


def past_day(on: date | None, today: date, stage: Stage) -> date:
    """The day of a stage change: today when not given, never a future day."""
    if on is None:
        return today
    on = _a_day(on, "stage change")
    if on > today:
        raise InvalidInputError(
            f"{on.isoformat()} is in the future; date the {stage.value} stage the day it happened "
            f"(today, {today.isoformat()}, at the latest)"
        )
    return on


def interview_day(on: Any, today: date) -> date:
    """An interview's day: past or planned, up to a year ahead."""
    day = _a_day(on, "interview")
    if day > today + INTERVIEW_AHEAD:
        raise InvalidInputError(f"the interview date {day.isoformat()} is more than a year ahead; check the year")
    return day


def clean_contact(name: Any, role: Any, email: Any) -> tuple[str, str, str]:
    cleaned = no_surrogates(" ".join(str(name).split()), "name")
    if not cleaned:
        raise InvalidInputError("a contact needs a name; give one such as 'Grace Hopper'")
    if len(cleaned) > MAX_TITLE:
        raise InvalidInputError(f"a contact's name can have at most {MAX_TITLE} characters")
    address = no_surrogates(str(email).strip(), "email")
    local, at, domain = address.rpartition("@")
    if address and (not (local and at and domain) or any(c.isspace() for c in address) or len(address) > MAX_SHORT):
        raise InvalidInputError(f"'{address[:80]}' is not an email address; give one such as grace@example.org")
    return cleaned, no_surrogates(clean_line(role, "contact's role"), "contact's role"), address


def application_title(app: Application) -> str:
    """How an application is named in lists and the activity log: 'ROLE at COMPANY'."""
    return f"{app.role} at {app.company}"


# --- reading -------------------------------------------------------------------------------


def _children(session: Session, query: Select[Any], profile_id: int, ids: list[int] | None) -> Any:
    query = query.join(ApplicationRow, ApplicationRow.id == query.selected_columns.application_id).where(
        ApplicationRow.profile_id == profile_id
    )
    if ids is not None:
        query = query.where(ApplicationRow.id.in_(ids))
    return session.execute(query)


def load_applications(session: Session, profile_id: int, ids: list[int] | None = None) -> list[Application]:
    """The profile's applications (or those of ``ids``) with all they hold, in five queries
    whatever their number; unordered."""
    apps = select(*ApplicationRow.__table__.c).where(ApplicationRow.profile_id == profile_id)
    if ids is not None:
        apps = apps.where(ApplicationRow.id.in_(ids))
    stages: dict[int, list[StageChange]] = defaultdict(list)
    for r in _children(session, select(*ApplicationStageRow.__table__.c), profile_id, ids):
        stage = enum_or(Stage, r.stage, Stage.SAVED)  # a stage from a newer version reads as saved
        stages[r.application_id].append(StageChange(r.id, r.application_id, stage, r.on, r.note, r.created_at, r.uuid))
    interviews: dict[int, list[Interview]] = defaultdict(list)
    for r in _children(session, select(*ApplicationInterviewRow.__table__.c), profile_id, ids):
        kind = enum_or(InterviewKind, r.kind, InterviewKind.PHONE)
        interviews[r.application_id].append(Interview(r.id, r.application_id, r.on, kind, r.note, r.created_at, r.uuid))
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for r in _children(session, select(*ApplicationContactRow.__table__.c), profile_id, ids):
        contacts[r.application_id].append(
            Contact(r.id, r.application_id, r.name, r.role, r.email, r.created_at, r.uuid)
        )
    notes: dict[int, list[ApplicationNote]] = defaultdict(list)
    for r in _children(session, select(*ApplicationNoteRow.__table__.c), profile_id, ids):
        notes[r.application_id].append(
            ApplicationNote(r.id, r.application_id, r.text, r.created_at, r.updated_at, r.uuid)
        )
    return [
        Application(
            id=r.id,
            company=r.company,
            role=r.role,
            url=r.url,
            ad_text=r.ad_text,
            location=r.location,
            salary=r.salary,
            source=r.source,
            created_at=r.created_at,
            updated_at=r.updated_at,
            stages=tuple(sorted(stages[r.id], key=lambda c: timeline_key(c.on, c.id))),
            interviews=tuple(sorted(interviews[r.id], key=lambda i: timeline_key(i.on, i.id))),
            contacts=tuple(sorted(contacts[r.id], key=lambda c: c.id)),
            notes=tuple(sorted(notes[r.id], key=lambda n: n.id)),
            uuid=r.uuid,
        )
        for r in session.execute(apps)
    ]


def newest_first(apps: list[Application]) -> list[Application]:
    """By the day of the current stage, newest first, then by id, newest first."""
    return sorted(apps, key=lambda a: (-(a.stage_on or date.min).toordinal(), -a.id))
