"""Export a whole profile to a versioned JSON document, and import one as a new profile.

An import is validated in full before anything is written, then applied in one
transaction: the database ends with the whole new profile or without it.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_app.domain.model import ItemState, Profile, ProjectStatus, Roadmap
from roadmap_app.services._common import Clock, profile_row, system_clock, to_profile
from roadmap_app.services.backups import BackupService
from roadmap_app.services.errors import InvalidInputError, UserError
from roadmap_app.services.profiles import clean_profile_name
from roadmap_app.storage.db import Database
from roadmap_app.storage.tables import (
    ActivityRow,
    FeedbackRow,
    ProfileRow,
    ProgressRow,
    ProjectNoteRow,
    ProjectRow,
    ProjectSkillRow,
)

FORMAT = "roadmap-app-profile"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_TEXT = 1_000_000
MAX_SHORT = 2_000


class ImportFormatError(InvalidInputError):
    """An import document that is not a valid profile export."""


def _stamp(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


class TransferService:
    def __init__(
        self, db: Database, roadmap: Roadmap, clock: Clock = system_clock, *, backups: BackupService | None = None
    ) -> None:
        self._db = db
        self._roadmap = roadmap
        self._clock = clock
        self._backups = backups or BackupService(db, db.path.parent / "backups", clock)

    # --- export ----------------------------------------------------------------------------

    def export_profile(self, profile_id: int) -> dict[str, Any]:
        """The whole profile as a plain, JSON-ready document."""
        with self._db.read() as session:
            profile = profile_row(session, profile_id)
            progress = session.scalars(
                select(ProgressRow).where(ProgressRow.profile_id == profile_id).order_by(ProgressRow.item_id)
            )
            projects = session.scalars(
                select(ProjectRow).where(ProjectRow.profile_id == profile_id).order_by(ProjectRow.id)
            )
            activity = session.scalars(
                select(ActivityRow).where(ActivityRow.profile_id == profile_id).order_by(ActivityRow.id)
            )
            feedback = session.scalars(
                select(FeedbackRow).where(FeedbackRow.profile_id == profile_id).order_by(FeedbackRow.key)
            )
            return {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "content": {"id": self._roadmap.id, "version": self._roadmap.version},
                "profile": {
                    "name": profile.name,
                    "created_at": _stamp(profile.created_at),
                    "current_step": profile.current_step_id,
                    "target_career": profile.target_career_id,
                },
                "progress": [
                    {"item": p.item_id, "state": p.state, "note": p.note, "updated_at": _stamp(p.updated_at)}
                    for p in progress
                ],
                "projects": [
                    {
                        "title": p.title,
                        "summary": p.summary,
                        "status": p.status,
                        "repo_url": p.repo_url,
                        "demo_url": p.demo_url,
                        "idea": p.idea_id,
                        "started_on": _stamp(p.started_on),
                        "finished_on": _stamp(p.finished_on),
                        "created_at": _stamp(p.created_at),
                        "updated_at": _stamp(p.updated_at),
                        "skills": [s.skill_id for s in p.skills],
                        "notes": [
                            {"created_at": _stamp(n.created_at), "updated_at": _stamp(n.updated_at), "text": n.text}
                            for n in p.notes
                        ],
                    }
                    for p in projects
                ],
                "activity": [
                    {"at": _stamp(a.at), "action": a.action, "subject": a.subject, "detail": a.detail} for a in activity
                ],
                "feedback": [
                    {
                        "key": f.key,
                        "snoozed_until": _stamp(f.snoozed_until),
                        "dismissed": f.dismissed_fingerprint,
                        "updated_at": _stamp(f.updated_at),
                    }
                    for f in feedback
                ],
            }

    def write_export(self, profile_id: int, path: Path) -> None:
        """Write the export next to ``path`` first, then move it into place."""
        text = json.dumps(self.export_profile(profile_id), ensure_ascii=False, indent=2) + "\n"
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.unlink(missing_ok=True)
            # An export holds the learner's notes: readable by its owner only, like the database.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(f"cannot write {path} ({exc.strerror}); choose another file with -o") from exc

    # --- import ----------------------------------------------------------------------------

    def read_document(self, path: Path) -> dict[str, Any]:
        """Read an export file, with a one-line error for anything unreadable."""
        try:
            size = path.stat().st_size
            if size > MAX_IMPORT_BYTES:
                raise ImportFormatError(
                    f"{path} is {size:,} bytes; an export can be at most {MAX_IMPORT_BYTES:,} bytes"
                )
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"no file {path}; give the path of a file made by 'roadmap-app export'") from None
        except IsADirectoryError:
            raise UserError(f"{path} is a folder; give the path of a file made by 'roadmap-app export'") from None
        except OSError as exc:
            raise UserError(f"cannot read {path} ({exc.strerror})") from exc
        return parse_document(raw, str(path))

    def _refuse_taken_name(self, wanted: str, session: Session | None = None) -> None:
        if session is None:
            with self._db.read() as reading:
                self._refuse_taken_name(wanted, reading)
            return
        if session.scalar(select(ProfileRow.id).where(ProfileRow.name == wanted)) is not None:
            raise UserError(f"a profile named '{wanted}' already exists; import it under another name with --as NAME")

    def import_profile(self, document: dict[str, Any], name: str | None = None) -> Profile:
        """Add the document's profile as a new profile, all or nothing.

        The document is checked in full first; a backup is made before anything is
        written; then the whole profile is written in one transaction.
        """
        doc = validate_document(document)
        wanted = clean_profile_name(name if name is not None else doc["profile"]["name"])
        if not _encodable(wanted):
            raise InvalidInputError("a profile name cannot contain a lone surrogate character")
        self._refuse_taken_name(wanted)
        self._backups.create_automatic("before-import")
        with self._db.write() as session:
            self._refuse_taken_name(wanted, session)
            meta = doc["profile"]
            profile = ProfileRow(
                name=wanted,
                created_at=meta["created_at"],
                current_step_id=meta["current_step"],
                target_career_id=meta["target_career"],
            )
            session.add(profile)
            session.flush()
            session.add_all(
                ProgressRow(
                    profile_id=profile.id,
                    item_id=p["item"],
                    state=p["state"],
                    note=p["note"],
                    updated_at=p["updated_at"],
                )
                for p in doc["progress"]
            )
            for p in doc["projects"]:
                session.add(
                    ProjectRow(
                        profile_id=profile.id,
                        title=p["title"],
                        summary=p["summary"],
                        status=p["status"],
                        repo_url=p["repo_url"],
                        demo_url=p["demo_url"],
                        idea_id=p["idea"],
                        started_on=p["started_on"],
                        finished_on=p["finished_on"],
                        created_at=p["created_at"],
                        updated_at=p["updated_at"],
                        skills=[ProjectSkillRow(skill_id=s) for s in p["skills"]],
                        notes=[
                            ProjectNoteRow(created_at=n["created_at"], updated_at=n["updated_at"], text=n["text"])
                            for n in p["notes"]
                        ],
                    )
                )
            session.add_all(
                ActivityRow(
                    profile_id=profile.id, at=a["at"], action=a["action"], subject=a["subject"], detail=a["detail"]
                )
                for a in doc["activity"]
            )
            session.add_all(
                FeedbackRow(
                    profile_id=profile.id,
                    key=f["key"],
                    snoozed_until=f["snoozed_until"],
                    dismissed_fingerprint=f["dismissed"],
                    updated_at=f["updated_at"],
                )
                for f in doc["feedback"]
            )
            session.flush()
            return to_profile(profile)


def parse_document(raw: bytes, where: str = "import") -> dict[str, Any]:
    """Bytes of an export file to a document, or a one-line error."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{where} is too large; an export can be at most {MAX_IMPORT_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFormatError(f"{where} is not a text file; give a file made by 'roadmap-app export'") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        detail = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportFormatError(
            f"{where} is not valid JSON{detail} (truncated or damaged?); export the profile again"
        ) from None
    if not isinstance(document, dict):
        raise ImportFormatError(f"{where} is not a profile export; give a file made by 'roadmap-app export'")
    return document


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _quote(value: str, limit: int = 40) -> str:
    """A value for an error message: shortened, on one line, printable."""
    shown = "".join(ch if ch.isprintable() else " " for ch in value[:limit])
    shown = " ".join(shown.split()).encode("utf-8", "replace").decode("utf-8")
    return f"'{shown}{'...' if len(value) > limit else ''}'"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


class _Check:
    """Validates one document, naming the first bad field by its path."""

    def fail(self, where: str, problem: str) -> ImportFormatError:
        return ImportFormatError(f"import file: {where}: {problem}; export the profile again with 'roadmap-app export'")

    def obj(self, value: Any, where: str, keys: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        missing = keys - value.keys()
        if missing:
            raise self.fail(where, f"missing {', '.join(sorted(missing))}")
        return value

    def array(self, value: Any, where: str, limit: int = 1_000_000) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        if len(value) > limit:
            raise self.fail(where, f"has more than {limit:,} entries")
        return value

    def text(self, value: Any, where: str, limit: int = MAX_SHORT, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "must be text")
        if len(value) > limit:
            raise self.fail(where, f"is longer than {limit:,} characters")
        if not empty and not value.strip():
            raise self.fail(where, "cannot be empty")
        if not _encodable(value):
            raise self.fail(where, "contains an invalid character (a lone surrogate)")
        return value

    def moment(self, value: Any, where: str) -> datetime:
        if not isinstance(value, str):
            raise self.fail(where, "must be a date and time such as 2025-02-01T10:00:00")
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo is None else parsed.astimezone().replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise self.fail(where, f"{_quote(value)} is not a date and time") from None

    def day(self, value: Any, where: str) -> date | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(where, "must be a date such as 2025-02-01 or null")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(where, f"{_quote(value)} is not a date") from None

    def choice(self, value: Any, where: str, allowed: set[str]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(where, f"must be one of {', '.join(sorted(allowed))}")
        return value


def validate_document(document: Any) -> dict[str, Any]:
    """A checked, normalised copy of an export document, or ImportFormatError."""
    c = _Check()
    top = c.obj(document, "document", {"format", "version", "profile", "progress", "projects", "activity", "feedback"})
    if top["format"] != FORMAT:
        raise ImportFormatError("import file is not a Roadmap profile export; give a file made by 'roadmap-app export'")
    version = top["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise c.fail("version", "must be a whole number")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"import file has format version {version}, newer than this app reads ({FORMAT_VERSION}); "
            "update Roadmap to import it"
        )
    if version < 1:
        raise c.fail("version", f"unknown format version {version}")
    meta = c.obj(top["profile"], "profile", {"name", "created_at", "current_step", "target_career"})
    try:
        name = clean_profile_name(c.text(meta["name"], "profile.name"))
    except InvalidInputError as exc:
        raise c.fail("profile.name", str(exc)) from None
    profile = {
        "name": name,
        "created_at": c.moment(meta["created_at"], "profile.created_at"),
        "current_step": c.text(meta["current_step"], "profile.current_step", 200),
        "target_career": c.text(meta["target_career"], "profile.target_career", 200),
    }
    states = {s.value for s in ItemState}
    progress = []
    seen_items: set[str] = set()
    for i, raw in enumerate(c.array(top["progress"], "progress")):
        where = f"progress[{i}]"
        p = c.obj(raw, where, {"item", "state", "note", "updated_at"})
        item = c.text(p["item"], f"{where}.item", 200, empty=False)
        if item in seen_items:
            raise c.fail(f"{where}.item", f"{_quote(item)} appears twice")
        seen_items.add(item)
        progress.append(
            {
                "item": item,
                "state": c.choice(p["state"], f"{where}.state", states),
                "note": c.text(p["note"], f"{where}.note", MAX_TEXT),
                "updated_at": c.moment(p["updated_at"], f"{where}.updated_at"),
            }
        )
    statuses = {s.value for s in ProjectStatus}
    projects = []
    project_keys = {
        "title", "summary", "status", "repo_url", "demo_url", "idea", "started_on", "finished_on",
        "created_at", "updated_at", "skills", "notes",
    }  # fmt: skip
    for i, raw in enumerate(c.array(top["projects"], "projects", 100_000)):
        where = f"projects[{i}]"
        p = c.obj(raw, where, project_keys)
        skills = [
            c.text(s, f"{where}.skills[{j}]", 200, empty=False)
            for j, s in enumerate(c.array(p["skills"], f"{where}.skills", 1000))
        ]
        if len(set(skills)) != len(skills):
            raise c.fail(f"{where}.skills", "lists a skill twice")
        notes = []
        for j, rawn in enumerate(c.array(p["notes"], f"{where}.notes", 100_000)):
            nw = f"{where}.notes[{j}]"
            n = c.obj(rawn, nw, {"created_at", "updated_at", "text"})
            notes.append(
                {
                    "created_at": c.moment(n["created_at"], f"{nw}.created_at"),
                    "updated_at": c.moment(n["updated_at"], f"{nw}.updated_at"),
                    "text": c.text(n["text"], f"{nw}.text", MAX_TEXT),
                }
            )
        projects.append(
            {
                "title": c.text(p["title"], f"{where}.title", 200, empty=False),
                "summary": c.text(p["summary"], f"{where}.summary", MAX_TEXT),
                "status": c.choice(p["status"], f"{where}.status", statuses),
                "repo_url": c.text(p["repo_url"], f"{where}.repo_url"),
                "demo_url": c.text(p["demo_url"], f"{where}.demo_url"),
                "idea": c.text(p["idea"], f"{where}.idea", 200),
                "started_on": c.day(p["started_on"], f"{where}.started_on"),
                "finished_on": c.day(p["finished_on"], f"{where}.finished_on"),
                "created_at": c.moment(p["created_at"], f"{where}.created_at"),
                "updated_at": c.moment(p["updated_at"], f"{where}.updated_at"),
                "skills": skills,
                "notes": notes,
            }
        )
    activity = []
    for i, raw in enumerate(c.array(top["activity"], "activity", 5_000_000)):
        where = f"activity[{i}]"
        a = c.obj(raw, where, {"at", "action", "subject", "detail"})
        activity.append(
            {
                "at": c.moment(a["at"], f"{where}.at"),
                "action": c.text(a["action"], f"{where}.action", 100, empty=False),
                "subject": c.text(a["subject"], f"{where}.subject", 300),
                "detail": c.text(a["detail"], f"{where}.detail", MAX_SHORT * 10),
            }
        )
    feedback = []
    seen_keys: set[str] = set()
    for i, raw in enumerate(c.array(top["feedback"], "feedback", 100_000)):
        where = f"feedback[{i}]"
        f = c.obj(raw, where, {"key", "snoozed_until", "dismissed", "updated_at"})
        key = c.text(f["key"], f"{where}.key", 300, empty=False)
        if key in seen_keys:
            raise c.fail(f"{where}.key", f"{_quote(key)} appears twice")
        seen_keys.add(key)
        feedback.append(
            {
                "key": key,
                "snoozed_until": c.day(f["snoozed_until"], f"{where}.snoozed_until"),
                "dismissed": c.text(f["dismissed"], f"{where}.dismissed", 300),
                "updated_at": c.moment(f["updated_at"], f"{where}.updated_at"),
            }
        )
    return {"profile": profile, "progress": progress, "projects": projects, "activity": activity, "feedback": feedback}
