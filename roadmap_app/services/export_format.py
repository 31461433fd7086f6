"""The profile export format: typed records, read from and written to JSON in one place.

Each kind of record is a dataclass whose field types say what the JSON holds, with the
limits of ``domain.limits`` attached (``Annotated``). ``from_json`` checks a document
against them in full, naming the first bad field by its path; ``to_json`` writes one. A
new kind of record is a new dataclass and a field of ``ExportDocument``: it is checked
for free. Nothing here touches the database: ``TransferService`` writes a document only
after all of it has been read here.

Format versions: 1 (the first; entries of the activity log as free text, no UUIDs) and
2 (typed activity, a UUID on every record, tombstones). A version-1 document is read as
version 1 and then brought to version 2 (``_upgrade_v1``), so it still imports.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from roadmap_app.domain.activity import from_legacy
from roadmap_app.domain.limits import MAX_ID, MAX_SHORT, MAX_TEXT, MAX_TITLE
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.profiles import clean_profile_name

FORMAT = "roadmap-app-profile"
FORMAT_VERSION = 2
MAX_IMPORT_BYTES = 64 * 1024 * 1024

T = TypeVar("T")


class ImportFormatError(InvalidInputError):
    """An import document that is not a valid profile export."""


# --- what a field may hold ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A string of at most ``limit`` characters; ``empty=False`` asks for some text."""

    limit: int = MAX_SHORT
    empty: bool = True


@dataclass(frozen=True, slots=True)
class Many:
    """A list of at most ``limit`` entries; ``unique`` names the field (or "" the value) no two share."""

    limit: int
    unique: str | None = None


class IsUuid:
    """A UUID in its usual text form."""


Id = Annotated[str, Text(MAX_ID, empty=False)]
OptionalId = Annotated[str, Text(MAX_ID)]
Short = Annotated[str, Text(MAX_SHORT)]
Long = Annotated[str, Text(MAX_TEXT)]
Uuid = Annotated[str, Text(36, empty=False), IsUuid()]


# --- the records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContentRecord:
    """The roadmap the profile was exported under (informative: an import takes any)."""

    id: Short
    version: int


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    uuid: Uuid
    name: Annotated[str, Text(MAX_SHORT, empty=False)]
    created_at: datetime
    current_step: OptionalId
    target_career: OptionalId


@dataclass(frozen=True, slots=True)
class ProgressRecord:
    uuid: Uuid
    item: Id
    state: ItemState
    note: Long
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class NoteRecord:
    uuid: Uuid
    created_at: datetime
    updated_at: datetime
    text: Long


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    uuid: Uuid
    title: Annotated[str, Text(MAX_TITLE, empty=False)]
    summary: Long
    status: ProjectStatus
    repo_url: Short
    demo_url: Short
    idea: OptionalId
    started_on: date | None
    finished_on: date | None
    created_at: datetime
    updated_at: datetime
    skills: Annotated[tuple[Id, ...], Many(1000, unique="")]
    notes: Annotated[tuple[NoteRecord, ...], Many(100_000)]


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    uuid: Uuid
    at: datetime
    action: Annotated[str, Text(100, empty=False)]
    subject_kind: Annotated[str, Text(100)]
    subject_id: Annotated[str, Text(300)]
    field: Annotated[str, Text(300)]
    before: Annotated[str, Text(MAX_SHORT * 10)]
    after: Annotated[str, Text(MAX_SHORT * 10)]


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    uuid: Uuid
    key: Annotated[str, Text(300, empty=False)]
    snoozed_until: date | None
    dismissed: Annotated[str, Text(300)]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class TombstoneRecord:
    """A record deleted in this profile: its UUID, its kind and when."""

    uuid: Uuid
    kind: Annotated[str, Text(100, empty=False)]
    deleted_at: datetime


@dataclass(frozen=True, slots=True)
class ExportDocument:
    format: Short
    version: int
    profile: ProfileRecord
    progress: Annotated[tuple[ProgressRecord, ...], Many(1_000_000, unique="item")]
    projects: Annotated[tuple[ProjectRecord, ...], Many(100_000)]
    activity: Annotated[tuple[ActivityRecord, ...], Many(5_000_000)]
    feedback: Annotated[tuple[FeedbackRecord, ...], Many(100_000, unique="key")]
    tombstones: Annotated[tuple[TombstoneRecord, ...], Many(1_000_000)] = ()
    content: ContentRecord | None = None


@dataclass(frozen=True, slots=True)
class LegacyActivityRecord:
    """An activity entry of format version 1."""

    at: datetime
    action: Annotated[str, Text(100, empty=False)]
    subject: Annotated[str, Text(300)]
    detail: Annotated[str, Text(MAX_SHORT * 10)]


# --- JSON to records ---------------------------------------------------------------------------


def fail(where: str, problem: str) -> ImportFormatError:
    return ImportFormatError(f"import file: {where}: {problem}; export the profile again with 'roadmap-app export'")


def from_json(cls: type[T], value: Any, where: str) -> T:
    """A record of type ``cls`` from parsed JSON, or ImportFormatError naming the first bad field."""
    if not isinstance(value, dict):
        raise fail(where, "must be an object")
    hints = get_type_hints(cls, include_extras=True)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    required = {f.name for f in fields if f.default is dataclasses.MISSING}
    missing = required - value.keys()
    if missing:
        raise fail(where, f"missing {', '.join(sorted(missing))}")
    values = {f.name: _read(hints[f.name], value[f.name], f"{where}.{f.name}") for f in fields if f.name in value}
    return cls(**values)


def _read(hint: Any, value: Any, where: str) -> Any:
    meta: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *extra = get_args(hint)
        meta = tuple(extra)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, where)
    if origin is tuple:
        return _read_many(get_args(hint)[0], value, where, next((m for m in meta if isinstance(m, Many)), None))
    if hint is str:
        return _read_text(value, where, meta)
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(where, "must be a whole number")
        return value
    if hint is datetime:
        return _read_moment(value, where)
    if hint is date:
        return _read_day(value, where)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        allowed = {m.value for m in hint}
        if not isinstance(value, str) or value not in allowed:
            raise fail(where, f"must be one of {', '.join(sorted(allowed))}")
        return hint(value)
    if dataclasses.is_dataclass(hint):
        return from_json(hint, value, where)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {hint!r}")  # a programming error, caught by the tests


def _read_many(item: Any, value: Any, where: str, many: Many | None) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise fail(where, "must be a list")
    limit = many.limit if many else 1_000_000
    if len(value) > limit:
        raise fail(where, f"has more than {limit:,} entries")
    out = tuple(_read(item, entry, f"{where}[{i}]") for i, entry in enumerate(value))
    if many is not None and many.unique is not None:
        seen: set[Any] = set()
        for i, entry in enumerate(out):
            key = getattr(entry, many.unique) if many.unique else entry
            if key in seen:
                field = f".{many.unique}" if many.unique else ""
                raise fail(f"{where}[{i}]{field}", f"{_quote(str(key))} appears twice")
            seen.add(key)
    return out


def _read_text(value: Any, where: str, meta: tuple[Any, ...]) -> str:
    rule = next((m for m in meta if isinstance(m, Text)), Text())
    if not isinstance(value, str):
        raise fail(where, "must be text")
    if len(value) > rule.limit:
        raise fail(where, f"is longer than {rule.limit:,} characters")
    if not rule.empty and not value.strip():
        raise fail(where, "cannot be empty")
    if not encodable(value):
        raise fail(where, "contains an invalid character (a lone surrogate)")
    if any(isinstance(m, IsUuid) for m in meta):
        try:
            uuid.UUID(value)
        except ValueError:
            raise fail(where, f"{_quote(value)} is not a UUID") from None
    return value


def _read_moment(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise fail(where, "must be a date and time such as 2025-02-01T10:00:00")
    try:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo is None else parsed.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        raise fail(where, f"{_quote(value)} is not a date and time") from None


def _read_day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise fail(where, "must be a date such as 2025-02-01 or null")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(where, f"{_quote(value)} is not a date") from None


# --- records to JSON ---------------------------------------------------------------------------


def to_json(record: Any) -> Any:
    """Plain JSON values from a record (dataclasses, tuples, enums, dates)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, tuple | list):
        return [to_json(v) for v in record]
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, datetime | date):
        return record.isoformat()
    return record


# --- whole documents ---------------------------------------------------------------------------


def parse_document(raw: bytes, where: str = "import") -> dict[str, Any]:
    """Bytes of an export file to a JSON object, or a one-line error."""
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


def validate_document(document: Any) -> ExportDocument:
    """A checked export document of the current version, or ImportFormatError."""
    if not isinstance(document, dict):
        raise fail("document", "must be an object")
    if document.get("format") != FORMAT:
        raise ImportFormatError("import file is not a Roadmap profile export; give a file made by 'roadmap-app export'")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail("version", "must be a whole number")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"import file has format version {version}, newer than this app reads ({FORMAT_VERSION}); "
            "update Roadmap to import it"
        )
    if version < 1:
        raise fail("version", f"unknown format version {version}")
    if version == 1:
        document = _upgrade_v1(document)
    checked = from_json(ExportDocument, document, "document")
    try:
        clean_profile_name(checked.profile.name)
    except InvalidInputError as exc:
        raise fail("profile.name", str(exc)) from None
    return checked


def _upgrade_v1(document: dict[str, Any]) -> dict[str, Any]:
    """A version-1 document as version 2: typed activity entries and new UUIDs.

    Only the activity log changed shape, so it is read as version 1 here; everything else
    is checked by the version-2 records, which name any bad field the same way.
    """
    activity = document.get("activity")
    if isinstance(activity, list):
        typed = []
        for i, raw in enumerate(activity):
            old = from_json(LegacyActivityRecord, raw, f"activity[{i}]")
            entry = from_legacy(old.action, old.subject, old.detail)
            typed.append(
                {
                    "at": old.at.isoformat(),
                    "action": entry.action.value,
                    "subject_kind": entry.subject_kind.value,
                    "subject_id": entry.subject_id,
                    "field": entry.field,
                    "before": entry.before,
                    "after": entry.after,
                }
            )
        activity = typed
    upgraded = {**document, "version": FORMAT_VERSION, "activity": activity, "tombstones": []}
    for key in ("progress", "projects", "activity", "feedback"):
        upgraded[key] = _with_uuids(upgraded.get(key))
    if isinstance(upgraded.get("profile"), dict):
        upgraded["profile"] = {**upgraded["profile"], "uuid": str(uuid.uuid4())}
    if isinstance(upgraded["projects"], list):
        upgraded["projects"] = [
            {**p, "notes": _with_uuids(p.get("notes"))} if isinstance(p, dict) else p for p in upgraded["projects"]
        ]
    return upgraded


def _with_uuids(entries: Any) -> Any:
    if not isinstance(entries, list):
        return entries
    return [{**e, "uuid": str(uuid.uuid4())} if isinstance(e, dict) else e for e in entries]


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
