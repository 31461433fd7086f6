"""A job application's values as the learner gives them, checked before anything is written,
and the application read back whole from its rows in a handful of queries."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.jobs import (
    Application,
    ApplicationNote,
    Contact,
    Interview,
    InterviewKind,
    Stage,
    StageChange,
)
from roadmap_app.domain.limits import MAX_SHORT, MAX_TITLE
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.gap import MAX_AD_CHARS
from roadmap_app.services.record_values import clean_line, clean_long, clean_url, parse_choice
from roadmap_app.services.records import quoted

if TYPE_CHECKING:
    pass

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
        raise InvalidInputError(f"{quoted(address, 80)} is not an email address; give one such as grace@example.org")
    return cleaned, no_surrogates(clean_line(role, "contact's role"), "contact's role"), address


def application_title(app: Application) -> str:
    """How an application is named in lists and the activity log: 'ROLE at COMPANY'."""
    return f"{app.role} at {app.company}"


# --- reading -------------------------------------------------------------------------------


# Plain SQL read through the driver: the list of 500 applications with their children is
# the Job search page's every repaint, and typed rows would cost several times as much.
_APPLICATIONS = (
    "SELECT a.id, a.company, a.role, a.url, a.ad_text, a.location, a.salary, a.source, a.created_at,"
    " a.updated_at, a.uuid FROM applications AS a WHERE a.profile_id = ?"
)
# Each child ordered as the domain wants it: the timeline and interviews by day then id, the rest by id.
_CHILD_QUERIES = {
    "stages": 'SELECT c.id, c.application_id, c.stage, c."on", c.note, c.created_at, c.uuid'
    " FROM application_stages AS c JOIN applications AS a ON a.id = c.application_id WHERE a.profile_id = ?"
    ' {only} ORDER BY c."on", c.id',
    "interviews": 'SELECT c.id, c.application_id, c."on", c.kind, c.note, c.created_at, c.uuid'
    " FROM application_interviews AS c JOIN applications AS a ON a.id = c.application_id WHERE a.profile_id = ?"
    ' {only} ORDER BY c."on", c.id',
    "contacts": "SELECT c.id, c.application_id, c.name, c.role, c.email, c.created_at, c.uuid"
    " FROM application_contacts AS c JOIN applications AS a ON a.id = c.application_id WHERE a.profile_id = ?"
    " {only} ORDER BY c.id",
    "notes": "SELECT c.id, c.application_id, c.text, c.created_at, c.updated_at, c.uuid"
    " FROM application_notes AS c JOIN applications AS a ON a.id = c.application_id WHERE a.profile_id = ?"
    " {only} ORDER BY c.id",
}
_STAGES = {s.value: s for s in Stage}
_KINDS = {k.value: k for k in InterviewKind}
_day = date.fromisoformat
_moment = datetime.fromisoformat


def load_applications(driver: Any, profile_id: int, ids: list[int] | None = None) -> list[Application]:
    """The profile's applications (or those of ``ids``) with all they hold, in five queries
    whatever their number; unordered.

    ``driver`` is a DB-API connection (``Database.read_plain``, or ``plain.driver`` of a
    session): rows as plain tuples, fetched at once.
    """
    only = f"AND a.id IN ({', '.join('?' * len(ids))})" if ids is not None else ""
    params = (profile_id, *(ids or ()))

    def rows(sql: str) -> list[Any]:
        found: list[Any] = driver.execute(sql.format(only=only), params).fetchall()
        return found

    stages: dict[int, list[StageChange]] = defaultdict(list)
    for sid, aid, stage, on, note, created, uuid in rows(_CHILD_QUERIES["stages"]):
        # A stage or kind from a newer version reads as saved, or as a phone interview.
        stages[aid].append(
            StageChange(sid, aid, _STAGES.get(stage, Stage.SAVED), _day(on), note, _moment(created), uuid)
        )
    interviews: dict[int, list[Interview]] = defaultdict(list)
    for iid, aid, on, kind, note, created, uuid in rows(_CHILD_QUERIES["interviews"]):
        kind_ = _KINDS.get(kind, InterviewKind.PHONE)
        interviews[aid].append(Interview(iid, aid, _day(on), kind_, note, _moment(created), uuid))
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for cid, aid, name, role, email, created, uuid in rows(_CHILD_QUERIES["contacts"]):
        contacts[aid].append(Contact(cid, aid, name, role, email, _moment(created), uuid))
    notes: dict[int, list[ApplicationNote]] = defaultdict(list)
    for nid, aid, text, created, updated, uuid in rows(_CHILD_QUERIES["notes"]):
        notes[aid].append(ApplicationNote(nid, aid, text, _moment(created), _moment(updated), uuid))
    empty: tuple[Any, ...] = ()
    return [
        Application(
            aid,
            company,
            role,
            url,
            ad,
            location,
            salary,
            source,
            _moment(created),
            _moment(updated),
            tuple(stages.get(aid, empty)),
            tuple(interviews.get(aid, empty)),
            tuple(contacts.get(aid, empty)),
            tuple(notes.get(aid, empty)),
            uuid,
        )
        for aid, company, role, url, ad, location, salary, source, created, updated, uuid in rows(
            _APPLICATIONS + " {only}"
        )
    ]


def newest_first(apps: list[Application]) -> list[Application]:
    """By the day of the current stage, newest first, then by id, newest first."""
    return sorted(apps, key=lambda a: (-(a.stage_on or date.min).toordinal(), -a.id))
