"""The activity log, typed: what was done, to what, and the value before and after.

Services write entries through one writer (``services._common.record``); history,
timelines and the dashboard read them through ``describe`` and the fields below, never by
parsing text. A new kind of record adds its actions and its subject kind here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from roadmap_app.domain.model import ItemState, enum_or


class SubjectKind(enum.StrEnum):
    """What an entry is about. Its id is an item id, a project id, a suggestion key..."""

    PROFILE = "profile"
    ITEM = "item"
    PROJECT = "project"
    SUGGESTION = "suggestion"
    STUDY = "study"
    CREDENTIAL = "credential"
    EXPERIENCE = "experience"
    APPLICATION = "application"
    OTHER = "other"


class ActivityAction(enum.StrEnum):
    ITEM_STATE = "item.state"  # before/after: the states
    ITEM_NOTE = "item.note"  # before/after: the note's length in characters
    # A task done by a record: field is the record's kind; after (link) or before (unlink) its title.
    ITEM_LINK = "item.link"
    ITEM_UNLINK = "item.unlink"
    # The learner's own tasks and skills (subject: the item): add and restore keep the title
    # in after, remove in before; edit names its field (a description: its length).
    ITEM_ADD = "item.add"
    ITEM_EDIT = "item.edit"
    ITEM_REMOVE = "item.remove"
    ITEM_RESTORE = "item.restore"
    PROJECT_ADD = "project.add"  # after: the title
    PROJECT_EDIT = "project.edit"  # field: what changed; before/after its value (a summary: its length)
    PROJECT_SKILLS = "project.skills"  # before/after: the skill ids, space-separated
    PROJECT_DELETE = "project.delete"  # before: the title
    PROJECT_RESTORE = "project.restore"  # after: the title
    NOTE_ADD = "project.note.add"  # subject: the project; after: the note's id
    NOTE_EDIT = "project.note.edit"  # after: the note's id
    NOTE_DELETE = "project.note.delete"  # before: the note's id
    NOTE_RESTORE = "project.note.restore"  # after: the note's id
    PROFILE_CREATE = "profile.create"  # after: the name
    PROFILE_RENAME = "profile.rename"  # before/after: the names
    PROFILE_GOAL = "profile.goal"  # field: current_step or target_career; before/after: the ids
    SUGGESTION_SNOOZE = "suggestion.snooze"  # subject: the key; after: the first day it shows again
    SUGGESTION_DISMISS = "suggestion.dismiss"  # after: the suggestion's title
    SUGGESTION_RESTORE = "suggestion.restore"
    STUDY_LOG = "study.log"  # subject: the session; field: what it was for; after: its minutes
    STUDY_DELETE = "study.delete"  # field: what it was for; before: its minutes
    STUDY_RESTORE = "study.restore"  # field: what it was for; after: its minutes
    # Credentials and experience: as for projects (add/restore keep the title in after,
    # delete in before; edit names its field; a note's entries hold the note's id).
    CREDENTIAL_ADD = "credential.add"
    CREDENTIAL_EDIT = "credential.edit"
    CREDENTIAL_SKILLS = "credential.skills"
    CREDENTIAL_DELETE = "credential.delete"
    CREDENTIAL_RESTORE = "credential.restore"
    EXPERIENCE_ADD = "experience.add"
    EXPERIENCE_EDIT = "experience.edit"
    EXPERIENCE_SKILLS = "experience.skills"
    EXPERIENCE_DELETE = "experience.delete"
    EXPERIENCE_RESTORE = "experience.restore"
    EXPERIENCE_NOTE_ADD = "experience.note.add"
    EXPERIENCE_NOTE_EDIT = "experience.note.edit"
    EXPERIENCE_NOTE_DELETE = "experience.note.delete"
    EXPERIENCE_NOTE_RESTORE = "experience.note.restore"
    # Job applications: add/restore keep "ROLE at COMPANY" in after, delete in before; edit
    # names its field; a stage change keeps its stage in after (before: the stage it
    # replaced) and its day in field; the entries of a child hold the child's id.
    APPLICATION_ADD = "application.add"
    APPLICATION_EDIT = "application.edit"
    APPLICATION_DELETE = "application.delete"
    APPLICATION_RESTORE = "application.restore"
    APPLICATION_STAGE = "application.stage"
    APPLICATION_STAGE_DELETE = "application.stage.delete"
    APPLICATION_STAGE_RESTORE = "application.stage.restore"
    APPLICATION_INTERVIEW_ADD = "application.interview.add"
    APPLICATION_INTERVIEW_DELETE = "application.interview.delete"
    APPLICATION_INTERVIEW_RESTORE = "application.interview.restore"
    APPLICATION_CONTACT_ADD = "application.contact.add"
    APPLICATION_CONTACT_DELETE = "application.contact.delete"
    APPLICATION_CONTACT_RESTORE = "application.contact.restore"
    APPLICATION_NOTE_ADD = "application.note.add"
    APPLICATION_NOTE_EDIT = "application.note.edit"
    APPLICATION_NOTE_DELETE = "application.note.delete"
    APPLICATION_NOTE_RESTORE = "application.note.restore"
    # A learning resource: the subject is its item (a task or skill); add/restore keep the
    # resource's title in after, delete in before; edit names its field, with before/after.
    RESOURCE_ADD = "resource.add"
    RESOURCE_EDIT = "resource.edit"
    RESOURCE_DELETE = "resource.delete"
    RESOURCE_RESTORE = "resource.restore"
    OTHER = "other"  # an entry this version does not know (from a newer one); field: its action


@dataclass(frozen=True, slots=True)
class Activity:
    """One entry of the append-only log of everything the learner changed."""

    id: int
    at: datetime
    action: ActivityAction
    subject_kind: SubjectKind
    subject_id: str = ""
    field: str = ""
    before: str = ""
    after: str = ""

    @property
    def project_id(self) -> int | None:
        """The project the entry is about, if it is about one."""
        if self.subject_kind is SubjectKind.PROJECT and self.subject_id.isdigit():
            return int(self.subject_id)
        return None

    @property
    def record_id(self) -> int | None:
        """The project, credential or experience the entry is about, if it is about one."""
        if self.subject_kind in _RECORD_KINDS and self.subject_id.isdigit():
            return int(self.subject_id)
        return None

    @property
    def kept_title(self) -> str:
        """The title the entry kept of its subject: a record added, deleted or restored."""
        if self.action in _KEEPS_TITLE_AFTER:
            return self.after
        if self.action in _KEEPS_TITLE_BEFORE:
            return self.before
        return ""


_RECORD_KINDS = frozenset(
    {SubjectKind.PROJECT, SubjectKind.CREDENTIAL, SubjectKind.EXPERIENCE, SubjectKind.APPLICATION}
)
_KEEPS_TITLE_AFTER = frozenset(
    {
        ActivityAction.PROJECT_ADD,
        ActivityAction.PROJECT_RESTORE,
        ActivityAction.ITEM_ADD,
        ActivityAction.ITEM_RESTORE,
        ActivityAction.CREDENTIAL_ADD,
        ActivityAction.CREDENTIAL_RESTORE,
        ActivityAction.EXPERIENCE_ADD,
        ActivityAction.EXPERIENCE_RESTORE,
        ActivityAction.APPLICATION_ADD,
        ActivityAction.APPLICATION_RESTORE,
    }
)
_KEEPS_TITLE_BEFORE = frozenset(
    {
        ActivityAction.PROJECT_DELETE,
        ActivityAction.ITEM_REMOVE,
        ActivityAction.CREDENTIAL_DELETE,
        ActivityAction.EXPERIENCE_DELETE,
        ActivityAction.APPLICATION_DELETE,
    }
)


def parse_action(text: str) -> ActivityAction:
    return enum_or(ActivityAction, text, ActivityAction.OTHER)


def parse_subject_kind(text: str) -> SubjectKind:
    return enum_or(SubjectKind, text, SubjectKind.OTHER)


_WORDS = {
    ActivityAction.ITEM_NOTE: "Edited the note on",
    ActivityAction.ITEM_ADD: "Added your own item",
    ActivityAction.ITEM_EDIT: "Edited your own item",
    ActivityAction.ITEM_REMOVE: "Removed your own item",
    ActivityAction.ITEM_RESTORE: "Brought back your own item",
    ActivityAction.PROJECT_ADD: "Added project",
    ActivityAction.PROJECT_EDIT: "Edited project",
    ActivityAction.PROJECT_SKILLS: "Changed the skills of",
    ActivityAction.PROJECT_DELETE: "Deleted project",
    ActivityAction.PROJECT_RESTORE: "Restored project",
    ActivityAction.NOTE_ADD: "Added a note to",
    ActivityAction.NOTE_EDIT: "Edited a note of",
    ActivityAction.NOTE_DELETE: "Deleted a note of",
    ActivityAction.NOTE_RESTORE: "Restored a note of",
    ActivityAction.PROFILE_CREATE: "Created your profile",
    ActivityAction.PROFILE_RENAME: "Renamed your profile",
    ActivityAction.PROFILE_GOAL: "Updated your goal",
    ActivityAction.SUGGESTION_SNOOZE: "Snoozed the suggestion",
    ActivityAction.SUGGESTION_DISMISS: "Dismissed the suggestion",
    ActivityAction.SUGGESTION_RESTORE: "Brought back a suggestion",
    ActivityAction.STUDY_LOG: "Logged study time",
    ActivityAction.STUDY_DELETE: "Deleted logged study time",
    ActivityAction.STUDY_RESTORE: "Restored logged study time",
    ActivityAction.ITEM_LINK: "Linked a record to",
    ActivityAction.ITEM_UNLINK: "Unlinked a record from",
    ActivityAction.CREDENTIAL_ADD: "Added credential",
    ActivityAction.CREDENTIAL_EDIT: "Edited credential",
    ActivityAction.CREDENTIAL_SKILLS: "Changed the skills of",
    ActivityAction.CREDENTIAL_DELETE: "Deleted credential",
    ActivityAction.CREDENTIAL_RESTORE: "Restored credential",
    ActivityAction.EXPERIENCE_ADD: "Added experience",
    ActivityAction.EXPERIENCE_EDIT: "Edited experience",
    ActivityAction.EXPERIENCE_SKILLS: "Changed the skills of",
    ActivityAction.EXPERIENCE_DELETE: "Deleted experience",
    ActivityAction.EXPERIENCE_RESTORE: "Restored experience",
    ActivityAction.EXPERIENCE_NOTE_ADD: "Added a note to",
    ActivityAction.EXPERIENCE_NOTE_EDIT: "Edited a note of",
    ActivityAction.EXPERIENCE_NOTE_DELETE: "Deleted a note of",
    ActivityAction.EXPERIENCE_NOTE_RESTORE: "Restored a note of",
    ActivityAction.APPLICATION_ADD: "Added the application",
    ActivityAction.APPLICATION_EDIT: "Edited the application",
    ActivityAction.APPLICATION_DELETE: "Deleted the application",
    ActivityAction.APPLICATION_RESTORE: "Restored the application",
    ActivityAction.APPLICATION_STAGE: "Moved on the application",
    ActivityAction.APPLICATION_STAGE_DELETE: "Removed a stage of the application",
    ActivityAction.APPLICATION_STAGE_RESTORE: "Restored a stage of the application",
    ActivityAction.APPLICATION_INTERVIEW_ADD: "Added an interview to",
    ActivityAction.APPLICATION_INTERVIEW_DELETE: "Deleted an interview of",
    ActivityAction.APPLICATION_INTERVIEW_RESTORE: "Restored an interview of",
    ActivityAction.APPLICATION_CONTACT_ADD: "Added a contact to",
    ActivityAction.APPLICATION_CONTACT_DELETE: "Deleted a contact of",
    ActivityAction.APPLICATION_CONTACT_RESTORE: "Restored a contact of",
    ActivityAction.APPLICATION_NOTE_ADD: "Added a note to",
    ActivityAction.APPLICATION_NOTE_EDIT: "Edited a note of",
    ActivityAction.APPLICATION_NOTE_DELETE: "Deleted a note of",
    ActivityAction.APPLICATION_NOTE_RESTORE: "Restored a note of",
}

_STATUS_WORDS = {"idea": "an idea", "building": "being built", "done": "done"}
_FIELD_WORDS = {
    "title": "title",
    "summary": "summary",
    "repo_url": "repository link",
    "demo_url": "demo link",
    "started_on": "start date",
    "finished_on": "finish date",
    "current_step": "current step",
    "target_career": "target role",
    "weekly_goal": "weekly goal",
    "min_minutes": "minimum minutes a day",
    "ready_by": "ready-by date",
    "organisation": "organisation",
    "url": "link",
    "note": "note",
    "company": "company",
    "role": "role",
    "ad_text": "ad",
    "location": "location",
    "salary": "salary",
    "source": "source",
    "description": "description",
    "prerequisites": "prerequisites",
    "kind": "kind",
    "of": "size",
}


def _field_words(field: str) -> str:
    """'repo_url' as 'repository link'; the schema-0002 log named several: 'status, summary'."""
    names = [_FIELD_WORDS.get(name.strip(), name.strip().replace("_", " ")) for name in field.split(",")]
    return " and ".join(n for n in names if n)


def describe(entry: Activity, title_of: Callable[[Activity], str]) -> str:
    """One entry in words. ``title_of`` names its subject (a task, a skill, a project)."""
    action = entry.action
    if action is ActivityAction.ITEM_STATE:
        try:
            word = ItemState(entry.after).label.lower()
        except ValueError:
            word = entry.after
        return f"Marked “{title_of(entry)}” {word}"
    if action is ActivityAction.ITEM_LINK and entry.after:
        return f"Marked “{title_of(entry)}” done by {entry.field or 'record'} “{entry.after}”"
    if action is ActivityAction.ITEM_UNLINK and entry.before:
        return f"Unlinked {entry.field or 'record'} “{entry.before}” from “{title_of(entry)}”"
    if action is ActivityAction.PROJECT_EDIT and entry.field == "status":
        return f"Marked project “{title_of(entry)}” {_STATUS_WORDS.get(entry.after, entry.after)}"
    if (
        action
        in (
            ActivityAction.PROJECT_EDIT,
            ActivityAction.CREDENTIAL_EDIT,
            ActivityAction.EXPERIENCE_EDIT,
            ActivityAction.APPLICATION_EDIT,
            ActivityAction.ITEM_EDIT,
        )
        and entry.field
    ):
        return f"Changed the {_field_words(entry.field)} of “{title_of(entry)}”"
    if action is ActivityAction.APPLICATION_STAGE and entry.after:
        return f"Marked the application “{title_of(entry)}” {entry.after}"
    if action is ActivityAction.PROFILE_GOAL and entry.field:
        return f"Changed your {_field_words(entry.field)}"
    if action is ActivityAction.PROFILE_RENAME:
        return f"Renamed your profile to “{entry.after}”"
    if action in _STUDY:
        return _describe_study(entry, title_of)
    if action in _RESOURCE:
        return _describe_resource(entry, title_of)
    if action is ActivityAction.OTHER:
        return (entry.field or "Changed something").replace(".", " ").capitalize()
    words = _WORDS[action]
    if entry.subject_kind is SubjectKind.PROFILE:
        return words
    if action is ActivityAction.SUGGESTION_DISMISS and entry.after:
        return f"{words} “{entry.after}”"
    if entry.subject_kind is SubjectKind.SUGGESTION:
        return words
    title = title_of(entry)
    return f"{words} “{title}”" if title else words


_STUDY = {
    ActivityAction.STUDY_LOG: "Logged",
    ActivityAction.STUDY_DELETE: "Deleted",
    ActivityAction.STUDY_RESTORE: "Restored",
}


def _describe_study(entry: Activity, title_of: Callable[[Activity], str]) -> str:
    """'Logged 45 min on “Python”': the subject is named through ``title_of`` like any other."""
    value = entry.after or entry.before
    minutes = f"{value} min of study" if value.isdigit() else "study time"
    kind, colon, rest = entry.field.partition(":")
    if not entry.field:
        return f"{_STUDY[entry.action]} {minutes}"
    if colon and kind in ("project", "credential", "experience"):
        about = replace(entry, subject_kind=SubjectKind(kind), subject_id=rest)
    else:
        about = replace(entry, subject_kind=SubjectKind.ITEM, subject_id=entry.field)
    return f"{_STUDY[entry.action]} {minutes} on “{title_of(about)}”"


_RESOURCE = {
    ActivityAction.RESOURCE_ADD: "Added",
    ActivityAction.RESOURCE_EDIT: "Changed",
    ActivityAction.RESOURCE_DELETE: "Removed",
    ActivityAction.RESOURCE_RESTORE: "Restored",
}


def _describe_resource(entry: Activity, title_of: Callable[[Activity], str]) -> str:
    """'Added “Python tutorial” to the resources of “Python”'; an edit names its field."""
    item = title_of(entry)
    if entry.action is ActivityAction.RESOURCE_EDIT:
        if entry.field == "done":
            return f"Marked a resource of “{item}” {'done' if entry.after == 'true' else 'not done'}"
        if entry.field == "progress":
            return f"Reached {entry.after} in a resource of “{item}”"
        return f"Changed the {_field_words(entry.field) or 'details'} of a resource of “{item}”"
    title = entry.after or entry.before
    return f"{_RESOURCE[entry.action]} “{title}” {'from' if entry.action is ActivityAction.RESOURCE_DELETE else 'to'} the resources of “{item}”"


# --- the log as the first versions wrote it ------------------------------------------------
# Schema 0001-0002 and export format 1 kept an entry as three strings: action, subject
# ("skill.python", "project:7" or empty) and a free-text detail. The migration to schema 0003
# and the import of a format-1 export both turn them into typed entries here. Frozen: it
# describes an old format, so it never changes with the app.


@dataclass(frozen=True, slots=True)
class LegacyEntry:
    """An entry of an older log format, read into today's fields."""

    action: ActivityAction
    subject_kind: SubjectKind
    subject_id: str
    field: str
    before: str
    after: str


def _split_arrow(detail: str) -> tuple[str, str]:
    before, _, after = detail.partition("->")
    return before.strip(), after.strip()


def _number(detail: str) -> str:
    words = detail.split()
    return next((w for w in words if w.isdigit()), "")


_LEGACY_PROJECT = {
    "project.add": ActivityAction.PROJECT_ADD,
    "project.edit": ActivityAction.PROJECT_EDIT,
    "project.skills": ActivityAction.PROJECT_SKILLS,
    "project.delete": ActivityAction.PROJECT_DELETE,
    "project.restore": ActivityAction.PROJECT_RESTORE,
    "project.note": ActivityAction.NOTE_ADD,
    "project.note.edit": ActivityAction.NOTE_EDIT,
    "project.note.delete": ActivityAction.NOTE_DELETE,
}


def from_legacy(action: str, subject: str, detail: str) -> LegacyEntry:
    """A typed entry from one written as (action, subject, detail) strings."""
    if action == "state":
        before, after = _split_arrow(detail)
        return LegacyEntry(ActivityAction.ITEM_STATE, SubjectKind.ITEM, subject, "", before, after)
    if action == "note":
        return LegacyEntry(ActivityAction.ITEM_NOTE, SubjectKind.ITEM, subject, "", "", _number(detail))
    if action in _LEGACY_PROJECT and subject.startswith("project:"):
        typed = _LEGACY_PROJECT[action]
        project_id = subject.removeprefix("project:")
        if typed is ActivityAction.PROJECT_EDIT:
            return LegacyEntry(typed, SubjectKind.PROJECT, project_id, detail, "", "")
        if typed in (ActivityAction.PROJECT_DELETE, ActivityAction.NOTE_DELETE):
            value = _number(detail) if typed is ActivityAction.NOTE_DELETE else detail
            return LegacyEntry(typed, SubjectKind.PROJECT, project_id, "", value, "")
        value = _number(detail) if action.startswith("project.note") else detail
        return LegacyEntry(typed, SubjectKind.PROJECT, project_id, "", "", value)
    if action == "profile.create":
        return LegacyEntry(ActivityAction.PROFILE_CREATE, SubjectKind.PROFILE, "", "", "", detail)
    if action == "profile.rename":
        before, after = _split_arrow(detail)
        return LegacyEntry(ActivityAction.PROFILE_RENAME, SubjectKind.PROFILE, "", "", before, after)
    if action == "profile.goal":
        return LegacyEntry(ActivityAction.PROFILE_GOAL, SubjectKind.PROFILE, "", "", "", detail)
    suggestion = {
        "suggestion.snooze": ActivityAction.SUGGESTION_SNOOZE,
        "suggestion.dismiss": ActivityAction.SUGGESTION_DISMISS,
        "suggestion.restore": ActivityAction.SUGGESTION_RESTORE,
    }.get(action)
    if suggestion is not None:
        return LegacyEntry(suggestion, SubjectKind.SUGGESTION, subject, "", "", detail)
    return LegacyEntry(ActivityAction.OTHER, SubjectKind.OTHER, subject, action, "", detail)
