"""Portfolio projects, the skills each shows, and their dated Markdown notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.limits import MAX_TEXT
from roadmap_app.domain.model import Project, ProjectNote, ProjectStatus, Roadmap
from roadmap_app.services import _project_rows
from roadmap_app.services._common import Clock, bury, profile_row, put_back, record, rows_for_ids, system_clock, unbury
from roadmap_app.services._project_rows import newest_projects, projects_from_rows, to_note, to_project
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.project_query import ProjectQuery, ProjectSort, matching, ordered
from roadmap_app.services.project_values import clean_link, clean_title, logged_value, parse_status
from roadmap_app.services.records import quoted
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage import plain
from roadmap_app.storage.db import Database

if TYPE_CHECKING:
    import sqlalchemy as sql
    from sqlalchemy.orm import Session

    from roadmap_app.storage import tables
else:
    from roadmap_app.storage import lazy_tables as tables
    from roadmap_app.storage import sql

__all__ = [
    "NoteChange",
    "PortfolioService",
    "ProjectChange",
    "ProjectQuery",
    "ProjectSort",
    "clean_link",
    "clean_title",
    "parse_status",
]

EDITABLE = frozenset({"title", "summary", "status", "repo_url", "demo_url", "started_on", "finished_on"})


_TITLES = "SELECT id, title FROM projects WHERE profile_id = ? AND id IN ({ids})"
# The projects listing some skills, newest first (the stored times sort as they read).
# How many of the profile's projects list each skill: from the skill's links to their projects
# (CROSS JOIN keeps that order; from the projects, SQLite would read every link of the profile).
_SHOWING_COUNTS = (
    "SELECT s.skill_id, COUNT(*) FROM project_skills s CROSS JOIN projects p ON p.id = s.project_id"
    " WHERE s.skill_id IN ({wanted}) AND p.profile_id = ? GROUP BY s.skill_id"
)
# The newest projects listing one skill: the profile's projects newest first, until ``limit``.
_SHOWING_NEWEST = (
    "SELECT p.id, p.title FROM project_skills s JOIN projects p ON p.id = s.project_id"
    " WHERE p.profile_id = ? AND s.skill_id = ? ORDER BY p.updated_at DESC, p.id DESC LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class ProjectChange:
    """A project before and after one change (undo puts ``before`` back)."""

    before: Project
    after: Project


@dataclass(frozen=True, slots=True)
class NoteChange:
    """A project note before and after one change (undo puts ``before`` back)."""

    before: ProjectNote
    after: ProjectNote


# The newest project first, as ``projects`` lists them (ix_projects_profile_id_updated_at,
# then the skills' primary key: no sorting step).
_PROJECTS_BY_SKILL = (
    "SELECT s.skill_id, p.id FROM project_skills AS s JOIN projects AS p ON p.id = s.project_id"
    " WHERE p.profile_id = ? ORDER BY p.updated_at DESC, p.id DESC, s.skill_id"
)


class PortfolioService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(self, db: Database, roadmap: RoadmapSource, clock: Clock = system_clock) -> None:
        self._db = db
        self._roadmaps = roadmap
        self._clock = clock

    # --- reading -----------------------------------------------------------------------

    def projects(
        self, profile_id: int, *, offset: int = 0, limit: int | None = None, query: ProjectQuery | None = None
    ) -> list[Project]:
        """The profile's projects, newest first (or as ``query`` filters and orders them),
        with their skills but without notes.

        ``offset`` and ``limit`` read one page of that order, for lists that load as they scroll.
        """
        wanted = query or ProjectQuery()
        if wanted == ProjectQuery():
            # The default list, newest first, as SQL text on the driver: `project list` and the
            # Portfolio page's first rows read without SQLAlchemy.
            with self._db.read_plain() as driver:
                return newest_projects(driver, profile_id, offset, limit)
        with self._db.read() as session:
            statement = (
                matching(sql.select(*_project_rows.PLAIN_PROJECT_COLUMNS), profile_id, wanted)
                .order_by(*ordered(wanted))
                .offset(max(offset, 0))
            )
            if limit is not None:
                statement = statement.limit(max(limit, 0))
            return projects_from_rows(session, list(session.execute(statement)))

    def projects_by_skill(self, profile_id: int) -> dict[str, list[int]]:
        """The ids of the projects showing each skill, newest first as ``projects`` lists them.

        One plain query of ids alone: it reads neither the projects' text nor their notes.
        """
        found: dict[str, list[int]] = {}
        with self._db.read_plain() as driver:
            # Some 6,000 pairs of ids as plain tuples, fetched at once.
            rows = driver.execute(_PROJECTS_BY_SKILL, (profile_id,)).fetchall()
        for skill_id, project_id in rows:
            found.setdefault(skill_id, []).append(project_id)
        return found

    def count(self, profile_id: int, query: ProjectQuery | None = None) -> int:
        """How many projects the profile has (that match ``query``, when given)."""
        with self._db.read() as session:
            statement = matching(
                sql.select(sql.func.count()).select_from(plain.projects), profile_id, query or ProjectQuery()
            )
            return int(session.scalar(statement) or 0)

    def position(self, profile_id: int, project_id: int, query: ProjectQuery | None = None) -> int | None:
        """Where a project stands (0 first) in the list ``query`` gives, or None if it is not in it."""
        wanted = query or ProjectQuery()
        with self._db.read() as session:
            ranked = matching(
                sql.select(plain.projects.c.id, sql.func.row_number().over(order_by=ordered(wanted)).label("rank")),
                profile_id,
                wanted,
            ).subquery()
            rank = session.scalar(sql.select(ranked.c.rank).where(ranked.c.id == project_id))
            return None if rank is None else int(rank) - 1

    def titles(self, profile_id: int, project_ids: Iterable[int]) -> dict[int, str]:
        """The titles of some of the profile's projects, by id (deleted ones are left out)."""
        wanted = set(project_ids)
        if not wanted:
            return {}
        with self._db.read_plain() as conn:
            return dict(rows_for_ids(conn, _TITLES, profile_id, wanted))

    def get(self, profile_id: int, project_id: int) -> Project:
        """One project with its notes, oldest note first."""
        with self._db.read() as session:
            return to_project(self._row(session, profile_id, project_id), with_notes=True)

    def _row(self, session: Session, profile_id: int, project_id: int) -> tables.ProjectRow:
        row = session.get(tables.ProjectRow, project_id)
        if row is None or row.profile_id != profile_id:
            raise NotFoundError(f"no project with id {project_id}; list them with 'roadmap-app project list'")
        return row

    def _check_skills(self, skill_ids: Iterable[str], keep: Iterable[str] = ()) -> tuple[str, ...]:
        """The skills as given, each known to the roadmap or (``keep``) already listed."""
        known = {s.id for s in self._roadmap.skills} | set(keep)
        cleaned = tuple(dict.fromkeys(s.strip() for s in skill_ids))
        for skill_id in cleaned:
            if skill_id not in known:
                raise NotFoundError(
                    f"unknown skill {quoted(skill_id)}; list them with 'roadmap-app items --kind skill'"
                )
        return cleaned

    # --- projects ------------------------------------------------------------------------

    def add(
        self,
        profile_id: int,
        title: str,
        *,
        summary: str = "",
        status: ProjectStatus | str = ProjectStatus.IDEA,
        repo_url: str = "",
        demo_url: str = "",
        idea_id: str = "",
        skill_ids: Iterable[str] = (),
    ) -> Project:
        """Create a project; returns it with its new id."""
        status = status if isinstance(status, ProjectStatus) else parse_status(status)
        skills = self._check_skills(skill_ids)
        if idea_id and idea_id not in {i.id for i in self._roadmap.project_ideas}:
            raise NotFoundError(f"unknown project idea {quoted(idea_id)}; see 'roadmap-app items --kind project_idea'")
        if len(summary) > MAX_TEXT:
            raise InvalidInputError(f"a summary can have at most {MAX_TEXT:,} characters")
        now = self._clock()
        row = tables.ProjectRow(
            profile_id=profile_id,
            title=clean_title(title),
            summary=summary,
            status=status.value,
            repo_url=clean_link(repo_url, "repository"),
            demo_url=clean_link(demo_url, "demo"),
            idea_id=idea_id,
            started_on=now.date() if status is not ProjectStatus.IDEA else None,
            finished_on=now.date() if status is ProjectStatus.DONE else None,
            created_at=now,
            updated_at=now,
            skills=[tables.ProjectSkillRow(skill_id=s) for s in skills],
        )
        with self._db.write() as session:
            profile_row(session, profile_id)
            session.add(row)
            session.flush()
            record(session, profile_id, now, ActivityAction.PROJECT_ADD, SubjectKind.PROJECT, row.id, after=row.title)
            return to_project(row, with_notes=True)

    def start_from_idea(self, profile_id: int, idea_id: str) -> Project:
        """A new project from one of the content's ideas, with the skills it trains."""
        idea = next((i for i in self._roadmap.project_ideas if i.id == idea_id), None)
        if idea is None:
            raise NotFoundError(f"unknown project idea {quoted(idea_id)}; see 'roadmap-app items --kind project_idea'")
        return self.add(profile_id, idea.title, summary=idea.summary, idea_id=idea.id, skill_ids=idea.skill_ids)

    def update(
        self, profile_id: int, project_id: int, *, skill_ids: Iterable[str] | None = None, **fields: Any
    ) -> ProjectChange:
        """Change some of title, summary, status, repo_url, demo_url, started_on, finished_on,
        and (with ``skill_ids``) the skills, all in one transaction."""
        values = self._clean_fields(fields)
        now = self._clock()
        with self._db.write() as session:
            row = self._row(session, profile_id, project_id)
            before = to_project(row, with_notes=False)
            if skill_ids is not None:
                self._apply_skills(session, row, self._check_skills(skill_ids, keep=before.skill_ids), now)
            self._apply_fields(session, row, before, values, now)
            return ProjectChange(before, to_project(row, with_notes=False))

    def set_skills(self, profile_id: int, project_id: int, skill_ids: Iterable[str]) -> ProjectChange:
        """Replace the skills a project shows (a skill the roadmap dropped may stay)."""
        return self.update(profile_id, project_id, skill_ids=skill_ids)

    @staticmethod
    def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
        unknown = set(fields) - EDITABLE
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of a project")
        values = dict(fields)
        if "title" in values:
            values["title"] = clean_title(values["title"])
        if "status" in values and not isinstance(values["status"], ProjectStatus):
            values["status"] = parse_status(values["status"])
        for key, what in (("repo_url", "repository"), ("demo_url", "demo")):
            if key in values:
                values[key] = clean_link(values[key], what)
        if len(values.get("summary", "")) > MAX_TEXT:
            raise InvalidInputError(f"a summary can have at most {MAX_TEXT:,} characters")
        for key in ("started_on", "finished_on"):
            if key in values and values[key] is not None and not isinstance(values[key], date):
                raise InvalidInputError(f"{key} must be a date")
        return values

    @staticmethod
    def _apply_fields(
        session: Session, row: tables.ProjectRow, before: Project, values: dict[str, Any], now: datetime
    ) -> None:
        values = dict(values)
        status = values.pop("status", None)
        if status is not None and status.value != row.status:
            row.status = status.value
            if status is not ProjectStatus.IDEA and row.started_on is None:
                row.started_on = now.date()
            if status is ProjectStatus.DONE and row.finished_on is None:
                row.finished_on = now.date()
            if status is not ProjectStatus.DONE and "finished_on" not in values:
                row.finished_on = None
        for key, value in values.items():
            setattr(row, key, value)
        after = to_project(row, with_notes=False)
        changed = sorted(k for k in EDITABLE if getattr(before, k) != getattr(after, k))
        if changed:
            row.updated_at = now
        for key in changed:
            record(
                session, row.profile_id, now, ActivityAction.PROJECT_EDIT, SubjectKind.PROJECT, row.id,
                field=key, before=logged_value(key, getattr(before, key)), after=logged_value(key, getattr(after, key)),
            )  # fmt: skip

    @staticmethod
    def _apply_skills(session: Session, row: tables.ProjectRow, skills: tuple[str, ...], now: datetime) -> None:
        old = sorted(s.skill_id for s in row.skills)
        if set(skills) == set(old):
            return
        row.skills = [tables.ProjectSkillRow(skill_id=s) for s in sorted(skills)]
        row.updated_at = now
        record(
            session, row.profile_id, now, ActivityAction.PROJECT_SKILLS, SubjectKind.PROJECT, row.id,
            before=" ".join(old), after=" ".join(sorted(skills)),
        )  # fmt: skip
        session.flush()

    def delete(self, profile_id: int, project_id: int) -> Project:
        """Delete a project with its notes; returns it whole so undo can put it back."""
        with self._db.write() as session:
            row = self._row(session, profile_id, project_id)
            gone = to_project(row, with_notes=True)
            now = self._clock()
            bury(session, profile_id, "project", [gone.uuid], now)
            bury(session, profile_id, "project_note", [n.uuid for n in gone.notes], now)
            session.delete(row)
            record(
                session,
                profile_id,
                now,
                ActivityAction.PROJECT_DELETE,
                SubjectKind.PROJECT,
                project_id,
                before=gone.title,
            )
            return gone

    def restore(self, profile_id: int, project: Project) -> Project:
        """Put back a deleted project with the same id, skills and notes (for undo)."""
        with self._db.write() as session:
            profile_row(session, profile_id)
            row = tables.ProjectRow(
                id=project.id,
                uuid=project.uuid or tables.new_uuid(),
                profile_id=profile_id,
                title=project.title,
                summary=project.summary,
                status=project.status.value,
                repo_url=project.repo_url,
                demo_url=project.demo_url,
                idea_id=project.idea_id,
                started_on=project.started_on,
                finished_on=project.finished_on,
                created_at=project.created_at,
                updated_at=project.updated_at,
                skills=[tables.ProjectSkillRow(skill_id=s) for s in project.skill_ids],
                notes=[
                    tables.ProjectNoteRow(
                        id=n.id,
                        uuid=n.uuid or tables.new_uuid(),
                        created_at=n.created_at,
                        updated_at=n.updated_at,
                        text=n.text,
                    )
                    for n in project.notes
                ],
            )
            put_back(session, row, "project")
            unbury(session, [project.uuid, *(n.uuid for n in project.notes)])
            record(
                session, profile_id, self._clock(), ActivityAction.PROJECT_RESTORE, SubjectKind.PROJECT, project.id,
                after=project.title,
            )  # fmt: skip
            return to_project(row, with_notes=True)

    # --- notes ---------------------------------------------------------------------------

    def add_note(self, profile_id: int, project_id: int, text: str) -> ProjectNote:
        """Add a dated Markdown note to a project."""
        if len(text) > MAX_TEXT:
            raise InvalidInputError(f"a note can have at most {MAX_TEXT:,} characters")
        now = self._clock()
        with self._db.write() as session:
            project = self._row(session, profile_id, project_id)
            note = tables.ProjectNoteRow(project_id=project_id, created_at=now, updated_at=now, text=text)
            session.add(note)
            project.updated_at = now
            session.flush()
            record(
                session, profile_id, now, ActivityAction.NOTE_ADD, SubjectKind.PROJECT, project_id, after=str(note.id)
            )
            return to_note(note)

    def _note_row(self, session: Session, profile_id: int, note_id: int) -> tables.ProjectNoteRow:
        note = session.get(tables.ProjectNoteRow, note_id)
        if note is None:
            raise NotFoundError(f"no project note with id {note_id}")
        self._row(session, profile_id, note.project_id)
        return note

    def note(self, profile_id: int, note_id: int) -> ProjectNote:
        """One of the profile's project notes."""
        with self._db.read() as session:
            return to_note(self._note_row(session, profile_id, note_id))

    def update_note(self, profile_id: int, note_id: int, text: str) -> NoteChange:
        if len(text) > MAX_TEXT:
            raise InvalidInputError(f"a note can have at most {MAX_TEXT:,} characters")
        now = self._clock()
        with self._db.write() as session:
            note = self._note_row(session, profile_id, note_id)
            before = to_note(note)
            if text != note.text:
                note.text = text
                note.updated_at = now
                record(
                    session, profile_id, now, ActivityAction.NOTE_EDIT, SubjectKind.PROJECT, note.project_id,
                    after=str(note_id),
                )  # fmt: skip
            return NoteChange(before, to_note(note))

    def delete_note(self, profile_id: int, note_id: int) -> ProjectNote:
        with self._db.write() as session:
            note = self._note_row(session, profile_id, note_id)
            gone = to_note(note)
            now = self._clock()
            bury(session, profile_id, "project_note", [gone.uuid], now)
            session.delete(note)
            record(
                session, profile_id, now, ActivityAction.NOTE_DELETE, SubjectKind.PROJECT, gone.project_id,
                before=str(note_id),
            )  # fmt: skip
            return gone

    def restore_note(self, profile_id: int, note: ProjectNote) -> ProjectNote:
        with self._db.write() as session:
            self._row(session, profile_id, note.project_id)
            row = tables.ProjectNoteRow(
                id=note.id,
                uuid=note.uuid or tables.new_uuid(),
                project_id=note.project_id,
                created_at=note.created_at,
                updated_at=note.updated_at,
                text=note.text,
            )
            put_back(session, row, "project note")
            unbury(session, [note.uuid])
            record(
                session, profile_id, self._clock(), ActivityAction.NOTE_RESTORE, SubjectKind.PROJECT, note.project_id,
                after=str(note.id),
            )  # fmt: skip
            return to_note(row)

    def with_skill(self, profile_id: int, skill_id: str) -> list[Project]:
        """Projects that demonstrate a skill, newest first."""
        with self._db.read() as session:
            query = (
                sql.select(*_project_rows.PLAIN_PROJECT_COLUMNS)
                .join(plain.project_skills, plain.project_skills.c.project_id == plain.projects.c.id)
                .where(plain.projects.c.profile_id == profile_id, plain.project_skills.c.skill_id == skill_id)
                .order_by(plain.projects.c.updated_at.desc(), plain.projects.c.id.desc())
            )
            return projects_from_rows(session, list(session.execute(query)))

    def showing(self, profile_id: int, skill_ids: Iterable[str], limit: int) -> dict[str, tuple[int, list[str]]]:
        """For each skill, how many projects list it and the newest ``limit`` of them as
        "project ID: TITLE"; it reads the counts and those few projects, never every link."""
        wanted = sorted(set(skill_ids))
        if not wanted:
            return {}
        found: dict[str, tuple[int, list[str]]] = {s: (0, []) for s in wanted}
        with self._db.read_plain() as conn:
            counts = conn.execute(_SHOWING_COUNTS.format(wanted=", ".join("?" * len(wanted))), (*wanted, profile_id))
            for skill_id, count in counts.fetchall():
                rows = conn.execute(_SHOWING_NEWEST, (profile_id, skill_id, max(limit, 0)))
                found[skill_id] = (count, [f"project {project_id}: {title}" for project_id, title in rows])
        return found
