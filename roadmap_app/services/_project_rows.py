"""Projects and notes read from the database, shared by the portfolio and the suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.model import Project, ProjectNote, ProjectStatus, enum_or
from roadmap_app.storage import plain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables

# The columns of a project without its notes, for plain (non-ORM) queries of long lists.
_COLUMN_NAMES = (
    "id", "title", "summary", "status", "repo_url", "demo_url", "idea_id", "started_on", "finished_on",
    "created_at", "updated_at", "uuid",
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """The columns, made on first use so that importing this module imports neither
    ``storage.tables`` nor SQLAlchemy: ``PLAIN_PROJECT_COLUMNS``, of the plain view
    ``storage.plain.projects``, for queries that name no ORM class; ``PROJECT_COLUMNS``, of
    the ORM class, for queries that join other ORM classes."""
    if name == "PLAIN_PROJECT_COLUMNS":
        return tuple(plain.projects.c[column] for column in _COLUMN_NAMES)
    if name == "PROJECT_COLUMNS":
        return tuple(getattr(tables.ProjectRow, column) for column in _COLUMN_NAMES)
    raise AttributeError(name)


_IN_CHUNK = 500  # stays under SQLite's limit on bound parameters


def stored_status(value: str) -> ProjectStatus:
    """A stored status; an unknown one (from a newer version) reads as an idea."""
    return enum_or(ProjectStatus, value, ProjectStatus.IDEA)


def to_note(row: tables.ProjectNoteRow) -> ProjectNote:
    return ProjectNote(
        id=row.id,
        project_id=row.project_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        text=row.text,
        uuid=row.uuid,
    )


def project_from_row(row: Any, skill_ids: Iterable[str], notes: Iterable[ProjectNote] = ()) -> Project:
    """A project from an ORM row or a plain row of ``PROJECT_COLUMNS``."""
    return Project(
        id=row.id,
        title=row.title,
        summary=row.summary,
        status=stored_status(row.status),
        repo_url=row.repo_url,
        demo_url=row.demo_url,
        idea_id=row.idea_id,
        started_on=row.started_on,
        finished_on=row.finished_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
        skill_ids=tuple(skill_ids),
        notes=tuple(notes),
        uuid=row.uuid,
    )


def to_project(row: tables.ProjectRow, *, with_notes: bool) -> Project:
    notes = (to_note(n) for n in row.notes) if with_notes else ()
    return project_from_row(row, (s.skill_id for s in row.skills), notes)


def skills_of(driver: Any, project_ids: list[int]) -> dict[int, list[str]]:
    """The skill ids of each project, read on a DB-API connection, in id order."""
    skills: dict[int, list[str]] = {}
    # Through the driver's own cursor: the skills of 2,000 projects are some 6,000 plain tuples.
    for start in range(0, len(project_ids), _IN_CHUNK):
        chunk = project_ids[start : start + _IN_CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT project_id, skill_id FROM project_skills WHERE project_id IN ({marks}) ORDER BY project_id, skill_id"
        for project_id, skill_id in driver.execute(sql, chunk).fetchall():
            skills.setdefault(project_id, []).append(skill_id)
    return skills


def projects_from_rows(session: Session, rows: Iterable[Any]) -> list[Project]:
    """Projects (without notes) from plain rows of ``PROJECT_COLUMNS``, with their skills.

    Plain column queries: for a long list, building ORM objects costs ten times the query.
    """
    rows = list(rows)
    skills = skills_of(plain.driver(session), [row.id for row in rows])
    return [project_from_row(row, skills.get(row.id, ())) for row in rows]


#: The profile's projects newest first (the default list's order), a page of them, as SQL text.
NEWEST_FIRST = (
    f"SELECT {', '.join(_COLUMN_NAMES)} FROM projects WHERE profile_id = ?"
    " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?"
)


def newest_projects(driver: Any, profile_id: int, offset: int, limit: int | None) -> list[Project]:
    """A page of the profile's projects, newest first, with their skills, read on a DB-API
    connection alone; dates and times are read as the ORM's types read them."""
    rows = driver.execute(NEWEST_FIRST, (profile_id, -1 if limit is None else max(limit, 0), max(offset, 0)))
    rows = rows.fetchall()
    skills = skills_of(driver, [row[0] for row in rows])
    return [
        Project(
            id=project_id,
            title=title,
            summary=summary,
            status=stored_status(status),
            repo_url=repo_url,
            demo_url=demo_url,
            idea_id=idea_id,
            started_on=plain.day(started_on),
            finished_on=plain.day(finished_on),
            created_at=plain.moment(created_at),
            updated_at=plain.moment(updated_at),
            skill_ids=tuple(skills.get(project_id, ())),
            uuid=uuid,
        )
        for (project_id, title, summary, status, repo_url, demo_url, idea_id, started_on, finished_on, created_at,
             updated_at, uuid) in rows
    ]  # fmt: skip
