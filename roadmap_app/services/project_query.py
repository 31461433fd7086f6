"""Which projects a list shows and in which order, as SQL: filter, status and sort."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from roadmap_app.domain.model import ProjectStatus
from roadmap_app.storage import plain

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy import Select
    from sqlalchemy.sql.elements import SQLColumnExpression
else:
    from roadmap_app.storage import sql


class ProjectSort(enum.StrEnum):
    """What a project list is ordered by; equal keys are ordered by id, in the same direction."""

    UPDATED = "updated"
    TITLE = "title"
    STATUS = "status"
    CREATED = "created"


@dataclass(frozen=True, slots=True)
class ProjectQuery:
    """Which projects a list shows, and in which order: by default all of them, newest first.

    ``text`` keeps projects whose title or summary contains it (ignoring case); ``status``
    keeps one status only.
    """

    text: str = ""
    status: ProjectStatus | None = None
    sort: ProjectSort = ProjectSort.UPDATED
    descending: bool = True

    @property
    def filtered(self) -> bool:
        return bool(self.text.strip()) or self.status is not None


def _status_rank() -> SQLColumnExpression[Any]:
    """Statuses in the order of a project's life; an unknown one (from a newer version) reads as an idea."""
    projects = plain.projects.c
    return sql.case(
        (projects.status == ProjectStatus.BUILDING.value, 1),
        (projects.status == ProjectStatus.DONE.value, 2),
        else_=0,
    )


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


Query = TypeVar("Query", bound="Select[*tuple[Any, ...]]")


# Plain columns (``storage.plain.projects``): a list of projects is read without the ORM classes.


def matching(query: Query, profile_id: int, wanted: ProjectQuery) -> Query:
    _projects = plain.projects.c
    query = query.where(_projects.profile_id == profile_id)
    text = " ".join(wanted.text.split())
    if text:
        pattern = _like_pattern(text)
        query = query.where(_projects.title.ilike(pattern, escape="\\") | _projects.summary.ilike(pattern, escape="\\"))
    if wanted.status is ProjectStatus.IDEA:
        others = [s.value for s in ProjectStatus if s is not ProjectStatus.IDEA]
        query = query.where(_projects.status.not_in(others))
    elif wanted.status is not None:
        query = query.where(_projects.status == wanted.status.value)
    return query


def ordered(wanted: ProjectQuery) -> list[SQLColumnExpression[Any]]:
    _projects = plain.projects.c
    key: SQLColumnExpression[Any] = {
        ProjectSort.UPDATED: _projects.updated_at,
        ProjectSort.TITLE: _projects.title.collate("NOCASE"),
        ProjectSort.STATUS: _status_rank(),
        ProjectSort.CREATED: _projects.created_at,
    }[wanted.sort]
    if wanted.descending:
        return [key.desc(), _projects.id.desc()]
    return [key.asc(), _projects.id.asc()]
