"""The next actions' snapshot read in parts, each with the tables it reads, so that a cache
can read again only the parts a write touched.

Each part reads plain columns through the driver (a DB-API connection, in the caller's
read transaction): building typed rows or ORM objects for thousands of projects costs more
than the rules, and a command that only asks for the next actions loads no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from roadmap_app.domain.activity import SubjectKind
from roadmap_app.domain.jobs import Application, Contact, Interview, InterviewKind, Stage, StageChange
from roadmap_app.domain.model import Feedback, Project, ProjectStatus
from roadmap_app.services._common import read_profile, read_states
from roadmap_app.services.evidence import record_skills
from roadmap_app.services.job_values import _APPLICATIONS, _CHILD_QUERIES, _KINDS, _STAGES
from roadmap_app.services.study_values import day_totals, logged_on_items
from roadmap_app.storage.plain import day, moment

_day = date.fromisoformat
_moment = datetime.fromisoformat
_PROJECT_STATUSES = {s.value: s for s in ProjectStatus}
#: An application's row, and its stages, interviews and contacts, as stored.
AppRows = tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]

# Without the summary and the demo link, which no rule reads.
_PROJECTS = (
    "SELECT id, title, status, repo_url, idea_id, started_on, finished_on, created_at, updated_at, uuid"
    " FROM projects WHERE profile_id = ? ORDER BY id"
)
# Every profile's: the rows of the profile's projects pick theirs, so a change to one
# project's row never needs these read again.
_PROJECT_SKILLS = "SELECT project_id, skill_id FROM project_skills ORDER BY project_id, skill_id"
_LAST_NOTES = "SELECT project_id, max(updated_at) FROM project_notes GROUP BY project_id"


_LAST_ACTIVITY = (
    "SELECT subject_id, max(at) FROM activity WHERE profile_id = ? AND subject_kind = ? GROUP BY subject_id"
)
FEEDBACK = "SELECT key, snoozed_until, dismissed_fingerprint FROM suggestion_feedback WHERE profile_id = ?"
"""The profile's answers to suggestions; ``read_feedback`` makes them Feedback."""


def to_feedback(row: Any) -> Feedback:
    """Feedback from a stored row (ORM) with its key, snoozed_until and dismissed_fingerprint."""
    return Feedback(key=row.key, snoozed_until=row.snoozed_until, dismissed_fingerprint=row.dismissed_fingerprint)


def read_project_rows(driver: Any, profile_id: int) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = driver.execute(_PROJECTS, (profile_id,)).fetchall()
    return rows


def read_project_skills(driver: Any, _profile_id: int) -> dict[int, tuple[str, ...]]:
    rows = driver.execute(_PROJECT_SKILLS)
    return {project_id: tuple(r[1] for r in group) for project_id, group in groupby(rows, itemgetter(0))}


def read_last_notes(driver: Any, _profile_id: int) -> dict[int, str]:
    return {pid: at for pid, at in driver.execute(_LAST_NOTES) if at is not None}


def read_last_activity(driver: Any, profile_id: int) -> dict[str, datetime]:
    rows = driver.execute(_LAST_ACTIVITY, (profile_id, SubjectKind.ITEM.value))
    return {subject: moment(at) for subject, at in rows if at is not None}


def read_feedback(driver: Any, profile_id: int) -> dict[str, Feedback]:
    return {
        key: Feedback(key=key, snoozed_until=day(until), dismissed_fingerprint=fingerprint)
        for key, until, fingerprint in driver.execute(FEEDBACK, (profile_id,))
    }


def read_study(driver: Any, profile_id: int) -> tuple[dict[date, int], dict[str, int]]:
    """Minutes per day and per task or skill, as the Time page and the plan read them."""
    return day_totals(driver, profile_id), logged_on_items(driver, profile_id)


def read_applications(driver: Any, profile_id: int) -> dict[int, AppRows]:
    """Each application's row with its stages, interviews and contacts, as stored (no notes:
    no rule reads them)."""
    children: dict[str, dict[int, list[tuple[Any, ...]]]] = {}
    for name in ("stages", "interviews", "contacts"):
        grouped: dict[int, list[tuple[Any, ...]]] = {}
        for row in driver.execute(_CHILD_QUERIES[name].format(only=""), (profile_id,)):
            grouped.setdefault(row[1], []).append(row)
        children[name] = grouped
    empty: list[tuple[Any, ...]] = []
    return {
        row[0]: (
            row,
            tuple(children["stages"].get(row[0], empty)),
            tuple(children["interviews"].get(row[0], empty)),
            tuple(children["contacts"].get(row[0], empty)),
        )
        for row in driver.execute(_APPLICATIONS + " ORDER BY a.id", (profile_id,))
    }


def application_of(rows: AppRows) -> Application:
    """An application from its rows (as ``job_values.load_applications`` builds it, without notes)."""
    app, stages, interviews, contacts = rows
    aid, company, role, url, ad, location, salary, source, created, updated, uuid = app
    return Application(
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
        tuple(
            StageChange(sid, aid, _STAGES.get(stage, Stage.SAVED), _day(on), note, _moment(at), u)
            for sid, _a, stage, on, note, at, u in stages
        ),
        tuple(
            Interview(iid, aid, _day(on), _KINDS.get(kind, InterviewKind.PHONE), note, _moment(at), u)
            for iid, _a, on, kind, note, at, u in interviews
        ),
        tuple(Contact(cid, aid, name, crole, email, _moment(at), u) for cid, _a, name, crole, email, at, u in contacts),
        (),
        uuid,
    )


@dataclass(frozen=True)
class Part:
    """One part of the snapshot: the tables it reads and how to read it."""

    tables: frozenset[str]
    read: Callable[[Any, int], Any]  # (a DB-API connection, the profile id)


def _part(tables: str, read: Callable[[Any, int], Any]) -> Part:
    return Part(frozenset(tables.split()), read)


PARTS: dict[str, Part] = {
    "profile": _part("profiles", read_profile),
    "states": _part("item_progress", read_states),
    "projects": _part("projects", read_project_rows),
    "project_skills": _part("project_skills", read_project_skills),
    "last_notes": _part("project_notes", read_last_notes),
    "last_activity": _part("activity", read_last_activity),
    "feedback": _part("suggestion_feedback", read_feedback),
    "study": _part("study_sessions", read_study),
    "records": _part("experiences experience_skills credentials credential_skills", record_skills),
    "applications": _part(
        "applications application_stages application_interviews application_contacts application_notes",
        read_applications,
    ),
}
"""Every part; a part reads nothing but its tables (and the profile id it is given)."""


def project_of(row: tuple[Any, ...], skill_ids: tuple[str, ...]) -> Project:
    """A project from its row, with its skills (without summary, demo link or notes)."""
    pid, title, status, repo_url, idea_id, started, finished, created, updated, uuid = row
    return Project(
        id=pid,
        title=title,
        summary="",
        status=_PROJECT_STATUSES.get(status, ProjectStatus.IDEA),  # a newer version's reads as an idea
        repo_url=repo_url,
        demo_url="",
        idea_id=idea_id,
        started_on=_day(started) if started else None,
        finished_on=_day(finished) if finished else None,
        created_at=_moment(created),
        updated_at=_moment(updated),
        skill_ids=skill_ids,
        uuid=uuid,
    )


class Built:
    """Domain objects built from rows, each kept while its rows stay the same.

    After a write, a part is read again whole (one query is cheap), but only the rows that
    differ from the last read are turned into objects again.
    """

    def __init__(self) -> None:
        self._projects: dict[int, tuple[tuple[Any, ...], Project]] = {}
        self._notes: dict[int, tuple[str, datetime]] = {}
        self._apps: dict[int, tuple[AppRows, Application]] = {}

    def projects(self, rows: list[tuple[Any, ...]], skills: dict[int, tuple[str, ...]]) -> tuple[Project, ...]:
        """The profile's projects with their skills, oldest first."""
        empty: tuple[str, ...] = ()
        old, new = self._projects, {}
        found = []
        for row in rows:
            key = (row, skills.get(row[0], empty))
            kept = old.get(row[0])
            project = kept[1] if kept is not None and kept[0] == key else project_of(row, key[1])
            new[row[0]] = (key, project)
            found.append(project)
        self._projects = new
        return tuple(found)

    def last_notes(self, projects: tuple[Project, ...], last_notes: dict[int, str]) -> dict[int, datetime]:
        """The newest note's time of each of ``projects`` that has a note."""
        old, new = self._notes, {}
        for project in projects:
            at = last_notes.get(project.id)
            if at is None:
                continue
            kept = old.get(project.id)
            new[project.id] = kept if kept is not None and kept[0] == at else (at, _moment(at))
        self._notes = new
        return {pid: moment for pid, (_at, moment) in new.items()}

    def applications(self, rows: dict[int, AppRows]) -> tuple[Application, ...]:
        """The profile's applications, by id."""
        old, new = self._apps, {}
        for aid, found in rows.items():
            kept = old.get(aid)
            new[aid] = (found, kept[1] if kept is not None and kept[0] == found else application_of(found))
        self._apps = new
        return tuple(app for _rows, app in new.values())
