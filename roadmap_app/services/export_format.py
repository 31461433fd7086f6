"""The profile export format: typed records, read from and written to JSON in one place.

Each kind of record is a dataclass whose field types say what the JSON holds, with the
limits of ``domain.limits`` attached (``Annotated``). ``from_json`` checks a document
against them in full (``services.records`` holds that machinery), naming the first bad field
by its path; ``to_json`` writes one. A
new kind of record is a new dataclass and a field of ``ExportDocument``: it is checked
for free. Nothing here touches the database: ``TransferService`` writes a document only
after all of it has been read here.

Format versions: 1 (the first; entries of the activity log as free text, no UUIDs),
2 (typed activity, a UUID on every record, tombstones), 3 (study sessions; the weekly
goal, a day's minimum and the ready-by day on the profile) and 4 (job applications with
their stages, interviews, contacts and notes; the tasks done by a record, ``task_links``;
the learner's own tasks and skills, ``own_items``; learning resources). A version-1
document is read as version 1 and then brought to version 2 (``_upgrade_v1``), so it still
imports; a version-2 or -3 document is a version-4 one without the newer fields, which
have defaults.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from roadmap_app.domain.activity import from_legacy
from roadmap_app.domain.evidence import ProofKind
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.limits import MAX_ID, MAX_NAME, MAX_SHORT, MAX_TEXT, MAX_TITLE
from roadmap_app.domain.links import is_link
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.own_items import OWN_SKILL_PREFIX, OWN_TASK_PREFIX, OwnKind
from roadmap_app.domain.records import CredentialKind, CredentialStatus, ExperienceKind
from roadmap_app.domain.resources import MAX_PARTS, ResourceKind
from roadmap_app.domain.study import DEFAULT_MIN_MINUTES, MAX_HOURS_PER_WEEK, MINUTES_PER_DAY, StudySubjectKind
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.gap import MAX_AD_CHARS
from roadmap_app.services.profiles import clean_profile_name
from roadmap_app.services.records import (
    Between,
    ImportFormatError,
    IsUuid,
    Many,
    Text,
    encodable,
    fail,
    from_json,
    to_json,
)

__all__ = ["ImportFormatError", "encodable", "from_json", "to_json"]

FORMAT = "roadmap-app-profile"
FORMAT_VERSION = 4
MAX_IMPORT_BYTES = 64 * 1024 * 1024

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
    weekly_goal_minutes: Annotated[int, Between(0, MAX_HOURS_PER_WEEK * 60)] = 0
    min_minutes_per_day: Annotated[int, Between(1, MINUTES_PER_DAY)] = DEFAULT_MIN_MINUTES
    ready_by: date | None = None


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
    skills: Annotated[tuple[Id, ...], Many(1000, unique=("",))]
    notes: Annotated[tuple[NoteRecord, ...], Many(100_000, unique=("uuid",))]


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
class StudySessionRecord:
    """Minutes of study on a day. ``subject_id`` names a project by its UUID."""

    uuid: Uuid
    day: date
    minutes: Annotated[int, Between(1, MINUTES_PER_DAY)]
    subject_kind: StudySubjectKind
    subject_id: Annotated[str, Text(MAX_ID)]
    note: Long
    created_at: datetime


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
class CredentialRecord:
    uuid: Uuid
    title: Annotated[str, Text(MAX_TITLE, empty=False)]
    kind: CredentialKind
    provider: Short
    status: CredentialStatus
    started_on: date | None
    finished_on: date | None
    url: Short
    note: Long
    created_at: datetime
    updated_at: datetime
    skills: Annotated[tuple[Id, ...], Many(1000, unique=("",))]


@dataclass(frozen=True, slots=True)
class ExperienceRecord:
    uuid: Uuid
    title: Annotated[str, Text(MAX_TITLE, empty=False)]
    kind: ExperienceKind
    organisation: Short
    started_on: date | None
    finished_on: date | None
    summary: Long
    url: Short
    created_at: datetime
    updated_at: datetime
    skills: Annotated[tuple[Id, ...], Many(1000, unique=("",))]
    notes: Annotated[tuple[NoteRecord, ...], Many(100_000, unique=("uuid",))]


@dataclass(frozen=True, slots=True)
class StageRecord:
    uuid: Uuid
    stage: Stage
    on: date
    note: Long
    created_at: datetime


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    uuid: Uuid
    on: date
    kind: InterviewKind
    note: Long
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ContactRecord:
    uuid: Uuid
    name: Annotated[str, Text(MAX_TITLE, empty=False)]
    role: Short
    email: Short
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    """A job application (format 4); its stage is read from ``stages``, which has at least one."""

    uuid: Uuid
    company: Annotated[str, Text(MAX_TITLE, empty=False)]
    role: Annotated[str, Text(MAX_TITLE, empty=False)]
    url: Short
    ad_text: Annotated[str, Text(MAX_AD_CHARS)]
    location: Short
    salary: Short
    source: Short
    created_at: datetime
    updated_at: datetime
    stages: Annotated[tuple[StageRecord, ...], Many(100_000, unique=("uuid",))]
    interviews: Annotated[tuple[InterviewRecord, ...], Many(100_000, unique=("uuid",))] = ()
    contacts: Annotated[tuple[ContactRecord, ...], Many(100_000, unique=("uuid",))] = ()
    notes: Annotated[tuple[NoteRecord, ...], Many(100_000, unique=("uuid",))] = ()


@dataclass(frozen=True, slots=True)
class TaskLinkRecord:
    """A task done by a record of the file, named by its kind and UUID (from version 4)."""

    task: Id
    kind: ProofKind
    record: Uuid
    linked_at: datetime


@dataclass(frozen=True, slots=True)
class OwnItemRecord:
    """A task or skill the learner added (format 4). ``removed_at``: removed, its progress archived."""

    uuid: Uuid
    id: Id
    kind: OwnKind
    title: Annotated[str, Text(MAX_TITLE, empty=False)]
    description: Long
    step: OptionalId
    category: OptionalId
    category_name: Annotated[str, Text(MAX_NAME)]
    prerequisites: Annotated[tuple[Id, ...], Many(50, unique=("",))]
    position: Annotated[int, Between(0, 10_000_000)]
    created_at: datetime
    updated_at: datetime
    removed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ResourceRecord:
    """A learning resource on an item (a task or skill id, kept when the roadmap lacks it)."""

    uuid: Uuid
    item: Id
    title: Annotated[str, Text(MAX_TITLE, empty=False)]
    url: Short
    kind: ResourceKind
    progress: Annotated[int, Between(0, MAX_PARTS)]
    of: Annotated[int, Between(1, MAX_PARTS)] | None
    done: bool
    position: Annotated[int, Between(0, 2**31)]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ExportDocument:
    format: Short
    version: int
    profile: ProfileRecord
    progress: Annotated[tuple[ProgressRecord, ...], Many(1_000_000, unique=("item", "uuid"))]
    projects: Annotated[tuple[ProjectRecord, ...], Many(100_000, unique=("uuid",))]
    activity: Annotated[tuple[ActivityRecord, ...], Many(5_000_000, unique=("uuid",))]
    feedback: Annotated[tuple[FeedbackRecord, ...], Many(100_000, unique=("key", "uuid"))]
    tombstones: Annotated[tuple[TombstoneRecord, ...], Many(1_000_000, unique=("uuid",))] = ()
    content: ContentRecord | None = None
    study_sessions: Annotated[tuple[StudySessionRecord, ...], Many(5_000_000, unique=("uuid",))] = ()
    # Added without a new format version: a file made before they existed has none.
    credentials: Annotated[tuple[CredentialRecord, ...], Many(100_000, unique=("uuid",))] = ()
    experience: Annotated[tuple[ExperienceRecord, ...], Many(100_000, unique=("uuid",))] = ()
    # Format 4.
    applications: Annotated[tuple[ApplicationRecord, ...], Many(100_000, unique=("uuid",))] = ()
    task_links: Annotated[tuple[TaskLinkRecord, ...], Many(1_000_000)] = ()
    own_items: Annotated[tuple[OwnItemRecord, ...], Many(100_000, unique=("id", "uuid"))] = ()
    resources: Annotated[tuple[ResourceRecord, ...], Many(1_000_000, unique=("uuid",))] = ()  # from version 4


@dataclass(frozen=True, slots=True)
class LegacyActivityRecord:
    """An activity entry of format version 1."""

    at: datetime
    action: Annotated[str, Text(100, empty=False)]
    subject: Annotated[str, Text(300)]
    detail: Annotated[str, Text(MAX_SHORT * 10)]


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
    _check_days(checked.study_sessions)
    _check_spans(checked)
    _check_own_ids(checked)
    _check_resources(checked.resources)
    try:
        clean_profile_name(checked.profile.name)
    except InvalidInputError as exc:
        raise fail("profile.name", str(exc)) from None
    return checked


def _check_days(sessions: tuple[StudySessionRecord, ...]) -> None:
    totals: dict[date, int] = {}
    for i, entry in enumerate(sessions):
        totals[entry.day] = totals.get(entry.day, 0) + entry.minutes
        if totals[entry.day] > MINUTES_PER_DAY:
            raise fail(f"study_sessions[{i}]", f"{entry.day.isoformat()} would hold more minutes than a day has")


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


def _check_spans(doc: ExportDocument) -> None:
    """A credential or an experience cannot finish before it starts, in a file as in the app."""
    spans = [("credentials", i, c.started_on, c.finished_on) for i, c in enumerate(doc.credentials)]
    spans += [("experience", i, e.started_on, e.finished_on) for i, e in enumerate(doc.experience)]
    for key, i, started, finished in spans:
        if started is not None and finished is not None and finished < started:
            raise fail(f"{key}[{i}].finished_on", "is before started_on")
    for i, a in enumerate(doc.applications):
        if not a.stages:
            raise fail(f"applications[{i}].stages", "is empty; an application has at least one stage")


def _check_own_ids(doc: ExportDocument) -> None:
    """An own item's id says its kind (``own.task.N``, ``own.skill.NAME``): no roadmap id can be taken."""
    for i, item in enumerate(doc.own_items):
        prefix = OWN_TASK_PREFIX if item.kind is OwnKind.TASK else OWN_SKILL_PREFIX
        if not item.id.startswith(prefix) or item.id == prefix:
            raise fail(f"own_items[{i}].id", f"must start with '{prefix}'")


def _check_resources(resources: tuple[ResourceRecord, ...]) -> None:
    """A resource's link and progress follow the app's rules, in a file as in the app."""
    for i, r in enumerate(resources):
        if r.url and not is_link(r.url):
            raise fail(f"resources[{i}].url", "must be an address starting with http:// or https://")
        if r.of is not None and r.progress > r.of:
            raise fail(f"resources[{i}].progress", f"is above its {r.of} parts")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")
