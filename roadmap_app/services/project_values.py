"""A project's values as the learner gives them: status, links and title checked, and
each as the activity log keeps it."""

from __future__ import annotations

from roadmap_app.domain.limits import MAX_TITLE
from roadmap_app.domain.links import LINK_SCHEMES as LINK_SCHEMES
from roadmap_app.domain.links import is_link
from roadmap_app.domain.model import ProjectStatus
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.records import quoted


def parse_status(text: str) -> ProjectStatus:
    try:
        return ProjectStatus(text.strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in ProjectStatus)
        raise InvalidInputError(f"unknown project status {quoted(text)}; use one of: {choices}") from None


def clean_link(value: str, what: str) -> str:
    """A repository or demo link: empty, or an http(s) address without spaces."""
    value = value.strip()
    if value and not is_link(value):
        raise InvalidInputError(f"the {what} link must be an address starting with https:// (got {quoted(value)})")
    return value


def clean_title(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInputError("a project needs a title; give one such as 'Sentiment analysis of tweets'")
    if len(value) > MAX_TITLE:
        raise InvalidInputError(f"a project title can have at most {MAX_TITLE} characters")
    return value


def logged_value(key: str, value: object) -> str:
    """A project field's value as the activity log keeps it: a summary by its length only."""
    if key == "summary":
        return str(len(str(value)))
    if value is None:
        return ""
    return value.value if isinstance(value, ProjectStatus) else str(value)
