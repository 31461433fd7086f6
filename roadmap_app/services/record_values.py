"""The values of a credential or an experience as the learner gives them, checked before
anything is written, and each as the activity log keeps it."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from roadmap_app.domain.limits import MAX_SHORT, MAX_TEXT, MAX_TITLE
from roadmap_app.domain.model import Roadmap
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.project_values import clean_link
from roadmap_app.services.records import quoted

E = TypeVar("E", bound=enum.Enum)


def parse_choice(kind: type[E], value: Any, what: str) -> E:
    """``value`` as one of ``kind``'s members ('in progress' and 'In-Progress' read as in_progress)."""
    if isinstance(value, kind):
        return value
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return kind(text)
    except ValueError:
        choices = ", ".join(str(m.value) for m in kind)
        raise InvalidInputError(f"unknown {what} {quoted(value)}; use one of: {choices}") from None


def parse_day(text: str, what: str) -> date | None:
    """A day given as YYYY-MM-DD; '' means none."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else _bad_day(text, what)
    except ValueError:
        return _bad_day(text, what)


def _bad_day(text: str, what: str) -> date:
    raise InvalidInputError(f"the {what} date {quoted(text)} is not a day; give it as YYYY-MM-DD, such as 2025-09-01")


def clean_record_title(value: Any, what: str, example: str) -> str:
    cleaned = " ".join(str(value).split())
    if not cleaned:
        raise InvalidInputError(f"a {what} needs a title; give one such as '{example}'")
    if len(cleaned) > MAX_TITLE:
        raise InvalidInputError(f"a {what} title can have at most {MAX_TITLE} characters")
    return cleaned


def clean_line(value: Any, what: str) -> str:
    """A one-line value such as a provider or an organisation."""
    cleaned = " ".join(str(value).split())
    if len(cleaned) > MAX_SHORT:
        raise InvalidInputError(f"the {what} can have at most {MAX_SHORT:,} characters")
    return cleaned


def clean_long(value: Any, what: str) -> str:
    text = str(value)
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"a {what} can have at most {MAX_TEXT:,} characters")
    return text


def check_dates(started_on: date | None, finished_on: date | None) -> None:
    for value in (started_on, finished_on):
        if value is not None and not isinstance(value, date):
            raise InvalidInputError("a start or finish date must be a day (YYYY-MM-DD)")
    if started_on is not None and finished_on is not None and finished_on < started_on:
        raise InvalidInputError(
            f"the finish date {finished_on.isoformat()} is before the start date {started_on.isoformat()}; "
            "give a finish on or after the start"
        )


def check_skills(roadmap: Roadmap, skill_ids: Iterable[str], keep: Iterable[str] = ()) -> tuple[str, ...]:
    """The skills as given, in order and once each, each known to the roadmap or (``keep``)
    already listed on the record: a skill the roadmap dropped may stay, it is the learner's."""
    known = {s.id for s in roadmap.skills} | set(keep)
    cleaned = tuple(dict.fromkeys(s.strip() for s in skill_ids))
    for skill_id in cleaned:
        if skill_id not in known:
            raise NotFoundError(f"unknown skill {quoted(skill_id)}; list them with 'roadmap-app items --kind skill'")
    return cleaned


def clean_url(value: Any) -> str:
    """A link: empty, or an http(s) address without spaces."""
    return clean_link(str(value), "record's")


def logged(key: str, value: object) -> str:
    """A field's value as the activity log keeps it: a long text by its length only."""
    if key in ("summary", "note", "ad_text"):
        return str(len(str(value)))
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)
