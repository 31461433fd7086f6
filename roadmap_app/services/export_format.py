"""The profile export format: reading bytes into a document and validating it in full.

Nothing here touches the database; ``TransferService.import_profile`` writes a document
only after ``validate_document`` has accepted all of it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.profiles import clean_profile_name

FORMAT = "roadmap-app-profile"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_TEXT = 1_000_000
MAX_SHORT = 2_000


class ImportFormatError(InvalidInputError):
    """An import document that is not a valid profile export."""


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


def encodable(text: str) -> bool:
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
        if not encodable(value):
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
