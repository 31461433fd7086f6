"""The typed activity log, UUIDs and tombstones: written by the services, upgraded from
schema 0002, carried by the export, and read back in words."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.activity import Activity, ActivityAction, SubjectKind, describe, from_legacy
from roadmap_app.services import Services, UserError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_fixture as fixture  # noqa: E402

UUID_TABLES = ("profiles", "item_progress", "projects", "project_notes", "activity", "suggestion_feedback")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    _paths, opened = open_services(tmp_path / "data")
    yield opened
    opened.close()


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def test_schema_0002_activity_is_upgraded_to_typed_entries_with_nothing_lost(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema-0002.sqlite3", data / "roadmap.sqlite3")
    old = rows(FIXTURES / "schema-0002.sqlite3", "SELECT id, at, action, subject, detail FROM activity ORDER BY id")
    _paths, services = open_services(data)
    try:
        ada = services.profiles.find(fixture.PROFILE)
        entries = services.activity.all(ada.id)
        sam = services.profiles.find(fixture.SECOND_PROFILE)
        entries += services.activity.all(sam.id)
    finally:
        services.close()
    assert sorted(e.id for e in entries) == [r[0] for r in old]
    assert ActivityAction.OTHER not in {e.action for e in entries}, "every entry the app wrote is understood"
    by_id = {e.id: e for e in entries}
    for entry_id, _at, action, subject, detail in old:
        typed = by_id[int(str(entry_id))]
        if action == "state":
            before, after = str(detail).split(" -> ")
            assert (typed.action, typed.subject_kind, typed.subject_id) == (
                ActivityAction.ITEM_STATE,
                SubjectKind.ITEM,
                subject,
            )
            assert (typed.before, typed.after) == (before, after)
        if action == "project.edit":
            assert typed.project_id == int(str(subject).removeprefix("project:"))
            assert typed.field == detail
        if action == "profile.rename":
            assert (typed.before, typed.after) == ("Sam Smith", "Sam")
        if action == "project.delete":
            assert typed.kept_title == "Scratch project"
    path = data / "roadmap.sqlite3"
    for table in UUID_TABLES:
        values = [r[0] for r in rows(path, f"SELECT uuid FROM {table}")]
        assert values and all(uuid.UUID(str(v)) for v in values), table
        assert len(set(values)) == len(values), table


def test_the_upgrade_keeps_the_search_triggers_of_the_tables_it_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema-0002.sqlite3", data / "roadmap.sqlite3")
    _paths, services = open_services(data)
    try:
        ada = services.profiles.find(fixture.PROFILE)
        project = services.portfolio.add(ada.id, "Wildfire nowcasting")
        services.portfolio.add_note(ada.id, project.id, "radar tiles")
        services.progress.set_note(ada.id, "skill.sql", "window functions")
        assert {h.title for h in services.search.search(ada.id, "nowcasting")} == {"Wildfire nowcasting"}
        assert services.search.search(ada.id, "radar")
        assert services.search.search(ada.id, "window functions")
    finally:
        services.close()


def test_each_change_is_logged_with_its_subject_and_its_values_before_and_after(services: Services) -> None:
    me = services.profiles.current()
    services.progress.set_state(me.id, "skill.python", "in_progress")
    services.progress.set_note(me.id, "skill.python", "halfway")
    project = services.portfolio.add(me.id, "Churn model")
    services.portfolio.update(me.id, project.id, status="done", repo_url="https://example.org/churn")
    services.profiles.set_goal(me.id, target_career_id=services.roadmap.career_steps[1].id)
    created, state, note, added, *edits, goal = services.activity.all(me.id)
    assert created.action is ActivityAction.PROFILE_CREATE
    assert (state.action, state.subject_id, state.before, state.after) == (
        ActivityAction.ITEM_STATE,
        "skill.python",
        "todo",
        "in_progress",
    )
    assert (note.action, note.after) == (ActivityAction.ITEM_NOTE, "7")
    assert (added.action, added.project_id, added.after) == (ActivityAction.PROJECT_ADD, project.id, "Churn model")
    changed = {e.field: (e.before, e.after) for e in edits}
    assert set(changed) == {"status", "repo_url", "started_on", "finished_on"}
    assert changed["status"] == ("idea", "done")
    assert changed["repo_url"] == ("", "https://example.org/churn")
    assert all(e.action is ActivityAction.PROJECT_EDIT for e in edits)
    assert (goal.action, goal.field, goal.after) == (
        ActivityAction.PROFILE_GOAL,
        "target_career",
        services.roadmap.career_steps[1].id,
    )


def test_deleting_leaves_a_tombstone_and_undoing_the_deletion_removes_it(services: Services) -> None:
    me = services.profiles.current()
    project = services.portfolio.add(me.id, "Spam filter")
    note = services.portfolio.add_note(me.id, project.id, "naive Bayes")
    gone = services.portfolio.delete(me.id, project.id)
    assert gone.uuid and gone.notes[0].uuid
    stones = {t["uuid"]: t["kind"] for t in services.transfer.export_profile(me.id)["tombstones"]}
    assert stones == {gone.uuid: "project", gone.notes[0].uuid: "project_note"}

    back = services.portfolio.restore(me.id, gone)
    assert back.uuid == gone.uuid and back.notes[0].id == note.id
    assert services.transfer.export_profile(me.id)["tombstones"] == []


def test_a_deleted_profile_leaves_one_tombstone(services: Services, tmp_path: Path) -> None:
    other = services.profiles.create("Visitor")
    profile_uuid = rows(services.backups._db.path, f"SELECT uuid FROM profiles WHERE id = {other.id}")[0][0]
    services.profiles.delete(other.id)
    assert rows(services.backups._db.path, "SELECT uuid, kind FROM tombstones") == [(profile_uuid, "profile")]


def test_changes_made_in_the_same_second_keep_their_order(tmp_path: Path) -> None:
    # A clock that never moves: the order is kept by the row ids.
    frozen = datetime(2026, 5, 4, 12, 0, 0, 250_000)
    _paths, services = open_services(tmp_path / "data", clock=lambda: frozen)
    try:
        me = services.profiles.current()
        project = services.portfolio.add(me.id, "Order")
        texts = [f"note {i}" for i in range(12)]
        for text in texts:
            services.portfolio.add_note(me.id, project.id, text)
        assert [n.text for n in services.portfolio.get(me.id, project.id).notes] == texts
        assert services.portfolio.get(me.id, project.id).created_at == frozen  # sub-second time is kept
    finally:
        services.close()


def test_an_export_names_projects_by_uuid_so_an_import_points_entries_at_the_new_rows(services: Services) -> None:
    me = services.profiles.current()
    services.portfolio.add(me.id, "Padding project")
    project = services.portfolio.add(me.id, "Recommender")
    services.portfolio.update(me.id, project.id, status="building")
    document = services.transfer.export_profile(me.id)
    edit = next(a for a in document["activity"] if a["action"] == "project.edit")
    assert edit["subject_id"] == project.uuid

    copy = services.transfer.import_profile(document, "Copy")
    copied = {p.title: p for p in services.portfolio.projects(copy.id)}
    entry = next(e for e in services.activity.all(copy.id) if e.action is ActivityAction.PROJECT_EDIT)
    assert entry.project_id == copied["Recommender"].id != project.id
    assert copied["Recommender"].uuid != project.uuid, "a copy in the same database gets new UUIDs"


def test_a_version_1_export_still_imports_with_its_activity_typed(services: Services) -> None:
    stamp = "2025-01-01T08:00:00"
    document = {
        "format": "roadmap-app-profile",
        "version": 1,
        "profile": {"name": "Old", "created_at": stamp, "current_step": "", "target_career": ""},
        "progress": [{"item": "skill.python", "state": "done", "note": "old note", "updated_at": stamp}],
        "projects": [
            {
                "title": "Old project",
                "summary": "",
                "status": "done",
                "repo_url": "",
                "demo_url": "",
                "idea": "",
                "started_on": None,
                "finished_on": "2025-01-01",
                "created_at": stamp,
                "updated_at": stamp,
                "skills": ["skill.python"],
                "notes": [{"created_at": stamp, "updated_at": stamp, "text": "kept"}],
            }
        ],
        "activity": [
            {"at": stamp, "action": "state", "subject": "skill.python", "detail": "todo -> done"},
            {"at": stamp, "action": "project.add", "subject": "project:9", "detail": "Old project"},
            {"at": stamp, "action": "made.up", "subject": "x", "detail": "y"},
        ],
        "feedback": [],
    }
    old = services.transfer.import_profile(document)
    state, added, unknown = services.activity.all(old.id)
    assert (state.action, state.before, state.after) == (ActivityAction.ITEM_STATE, "todo", "done")
    # Row ids of another file mean nothing here: the entry keeps the title it holds.
    assert (added.action, added.project_id, added.kept_title) == (ActivityAction.PROJECT_ADD, None, "Old project")
    assert (unknown.action, unknown.field) == (ActivityAction.OTHER, "made.up")
    assert services.portfolio.projects(old.id)[0].uuid
    assert services.progress.get(old.id, "skill.python").note == "old note"


def test_every_action_reads_as_words() -> None:
    at = datetime(2026, 1, 1)
    for action in ActivityAction:
        for kind in SubjectKind:
            text = describe(Activity(1, at, action, kind, "skill.python", after="done"), lambda _e: "Python")
            assert text and "\n" not in text, (action, kind)
    entry = Activity(1, at, ActivityAction.ITEM_STATE, SubjectKind.ITEM, "skill.python", before="todo", after="done")
    assert describe(entry, lambda _e: "Python") == "Marked “Python” done"
    edit = Activity(2, at, ActivityAction.PROJECT_EDIT, SubjectKind.PROJECT, "3", field="repo_url", after="https://x")
    assert describe(edit, lambda _e: "Churn") == "Changed the repository link of “Churn”"
    legacy = Activity(3, at, ActivityAction.PROJECT_EDIT, SubjectKind.PROJECT, "3", field="started_on, summary")
    assert describe(legacy, lambda _e: "Churn") == "Changed the start date and summary of “Churn”"


def test_legacy_entries_of_every_kind_the_first_versions_wrote_are_understood() -> None:
    written = [
        ("state", "skill.sql", "todo -> in_progress"),
        ("note", "skill.sql", "12 characters"),
        ("project.add", "project:3", "Title"),
        ("project.edit", "project:3", "status, title"),
        ("project.skills", "project:3", "skill.sql"),
        ("project.note", "project:3", "note 4"),
        ("project.note.edit", "project:3", "note 4"),
        ("project.note.delete", "project:3", "note 4"),
        ("project.delete", "project:3", "Title"),
        ("project.restore", "project:3", "Title"),
        ("profile.create", "", "Ada"),
        ("profile.rename", "", "Ada -> Ada L."),
        ("profile.goal", "", "step= target=career.x"),
        ("suggestion.snooze", "k", "2026-01-08"),
        ("suggestion.dismiss", "k", "Start SQL"),
        ("suggestion.restore", "k", ""),
    ]
    for action, subject, detail in written:
        assert from_legacy(action, subject, detail).action is not ActivityAction.OTHER, action
    assert from_legacy("project.note.delete", "project:3", "note 4").before == "4"
    assert from_legacy("note", "skill.sql", "12 characters").after == "12"


def test_a_copy_imported_beside_its_original_leaves_the_originals_tombstones_alone(services: Services) -> None:
    me = services.profiles.current()
    project = services.portfolio.add(me.id, "Spam filter")
    note = services.portfolio.add_note(me.id, project.id, "draft")
    services.portfolio.delete_note(me.id, note.id)
    document = services.transfer.export_profile(me.id)
    assert len(document["tombstones"]) == 1
    services.transfer.import_profile(document, "Copy")
    assert services.transfer.export_profile(me.id)["tombstones"] == document["tombstones"]


def test_a_document_that_uses_a_uuid_twice_is_refused(services: Services) -> None:
    me = services.profiles.current()
    services.portfolio.add(me.id, "One")
    services.portfolio.add(me.id, "Two")
    document = services.transfer.export_profile(me.id)
    document["projects"][1]["uuid"] = document["projects"][0]["uuid"]
    with pytest.raises(UserError, match=r"projects\[1\]\.uuid: .* appears twice"):
        services.transfer.import_profile(document, "Copy")
