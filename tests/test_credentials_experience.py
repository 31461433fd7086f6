"""Credentials (step 1) and experience (step 4): services with undo pairs, one-line refusals
that change nothing, tombstones, export and import, search and backups."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.records import CredentialKind, CredentialStatus, ExperienceKind
from roadmap_app.domain.search import HitKind
from roadmap_app.services import Services, UserError


def dump(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(f"file:{services.backups._db.path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def refused(services: Services, attempt: Any, words: str) -> None:
    before = dump(services)
    with pytest.raises(UserError) as caught:
        attempt()
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert dump(services) == before


@pytest.fixture
def ada(services: Services) -> int:
    return services.profiles.create("Ada").id


def test_a_credential_is_added_edited_and_put_back(services: Services, ada: int) -> None:
    c = services.credentials.add(
        ada,
        "  BSc   Computer Science ",
        kind="degree",
        provider="TU Delft",
        status="in progress",
        started_on=date(2019, 9, 1),
        skill_ids=["skill.python"],
    )
    assert (c.title, c.kind, c.status, c.skill_ids) == (
        "BSc Computer Science",
        CredentialKind.DEGREE,
        CredentialStatus.IN_PROGRESS,
        ("skill.python",),
    )
    change = services.credentials.update(
        ada, c.id, status="done", finished_on=date(2022, 7, 1), skill_ids=["skill.python", "skill.sql"]
    )
    assert change.after.status is CredentialStatus.DONE
    assert services.credentials.get(ada, c.id).skill_ids == ("skill.python", "skill.sql")
    entries = [e for e in services.activity.all(ada) if e.subject_kind is SubjectKind.CREDENTIAL]
    assert {e.action for e in entries} == {
        ActivityAction.CREDENTIAL_ADD,
        ActivityAction.CREDENTIAL_EDIT,
        ActivityAction.CREDENTIAL_SKILLS,
    }
    assert {e.field for e in entries if e.action is ActivityAction.CREDENTIAL_EDIT} == {"status", "finished_on"}
    back = services.credentials.put_back(ada, change.before).after
    assert (back.status, back.finished_on, back.skill_ids) == (CredentialStatus.IN_PROGRESS, None, ("skill.python",))


def test_deleting_leaves_a_tombstone_and_restore_puts_the_same_record_back(services: Services, ada: int) -> None:
    c = services.credentials.add(ada, "Deep Learning Specialization", kind="certificate", skill_ids=["skill.pytorch"])
    e = services.experience.add(ada, "ML intern", kind="internship", organisation="ACME", skill_ids=["skill.python"])
    services.experience.add_note(ada, e.id, "# Week 1\nbaseline model")
    gone_c = services.credentials.delete(ada, c.id)
    gone_e = services.experience.delete(ada, e.id)
    stones = {r[1] for r in dump(services)["tombstones"]}
    assert stones == {"credential", "experience", "experience_note"}
    assert services.credentials.list(ada) == [] and services.experience.list(ada) == []
    assert services.credentials.restore(ada, gone_c) == services.credentials.get(ada, c.id)
    back = services.experience.restore(ada, gone_e)
    assert (back.id, back.uuid, [n.text for n in back.notes]) == (e.id, e.uuid, ["# Week 1\nbaseline model"])
    assert dump(services)["tombstones"] == []


def test_experience_notes_have_undo_pairs(services: Services, ada: int) -> None:
    e = services.experience.add(ada, "Kaggle: Titanic", kind="competition")
    note = services.experience.add_note(ada, e.id, "first")
    change = services.experience.update_note(ada, note.id, "second")
    assert (change.before.text, change.after.text) == ("first", "second")
    gone = services.experience.delete_note(ada, note.id)
    assert services.experience.get(ada, e.id).notes == ()
    assert services.experience.restore_note(ada, gone).text == "second"
    assert [n.text for n in services.experience.get(ada, e.id).notes] == ["second"]


def test_an_open_ended_experience_and_the_list_order(services: Services, ada: int) -> None:
    old = services.experience.add(ada, "Tutor", kind="volunteer", started_on=date(2020, 1, 1))
    new = services.experience.add(ada, "Data intern", kind="internship", started_on=date(2024, 6, 1))
    undated = services.experience.add(ada, "Open source fixes", kind="open source")
    assert new.finished_on is None and undated.kind is ExperienceKind.OPEN_SOURCE
    assert [e.id for e in services.experience.list(ada)] == [new.id, old.id, undated.id]


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda s, p: s.credentials.add(p, "   "), "needs a title"),
        (lambda s, p: s.credentials.add(p, "X", kind="phd"), "unknown credential kind 'phd'"),
        (lambda s, p: s.credentials.add(p, "X", status="finished"), "unknown credential status"),
        (lambda s, p: s.credentials.add(p, "X", skill_ids=["skill.nope"]), "unknown skill 'skill.nope'"),
        (
            lambda s, p: s.credentials.add(p, "X", started_on=date(2020, 2, 1), finished_on=date(2020, 1, 1)),
            "before the start date",
        ),
        (lambda s, p: s.credentials.add(p, "X", url="ftp://x"), "starting with https://"),
        (lambda s, p: s.experience.add(p, "", kind="job"), "needs a title"),
        (lambda s, p: s.experience.add(p, "X", kind="hobby"), "unknown experience kind 'hobby'"),
        (lambda s, p: s.experience.add(p, "X", skill_ids=["skill.gone"]), "unknown skill"),
        (
            lambda s, p: s.experience.add(p, "X", started_on=date(2021, 5, 2), finished_on=date(2021, 5, 1)),
            "before the start date",
        ),
        (lambda s, p: s.credentials.get(p, 999), "no credential with id 999"),
        (lambda s, p: s.experience.add_note(p, 999, "x"), "no experience with id 999"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(
    services: Services, ada: int, call: Any, words: str
) -> None:
    refused(services, lambda: call(services, ada), words)


def test_an_edit_with_one_bad_value_changes_nothing(services: Services, ada: int) -> None:
    c = services.credentials.add(ada, "Course", started_on=date(2024, 3, 1))
    e = services.experience.add(ada, "Job", started_on=date(2024, 3, 1))
    refused(
        services,
        lambda: services.credentials.update(ada, c.id, title="New", finished_on=date(2024, 2, 1)),
        "before the start date",
    )
    refused(
        services, lambda: services.credentials.update(ada, c.id, title="New", skill_ids=["skill.nope"]), "unknown skill"
    )
    refused(services, lambda: services.experience.update(ada, e.id, title="New", kind="nope"), "unknown experience")
    refused(
        services,
        lambda: services.experience.update(ada, e.id, started_on=date(2025, 1, 1), finished_on=date(2024, 1, 1)),
        "before the start date",
    )


def test_a_skill_the_roadmap_dropped_may_stay_on_a_record(services: Services, ada: int) -> None:
    c = services.credentials.add(ada, "Course", skill_ids=["skill.python"])
    with services._db.write() as session:
        session.connection().exec_driver_sql(
            "UPDATE credential_skills SET skill_id = 'skill.gone' WHERE credential_id = ?", (c.id,)
        )
    change = services.credentials.update(ada, c.id, skill_ids=["skill.gone", "skill.sql"])
    assert change.after.skill_ids == ("skill.gone", "skill.sql")


def test_export_and_import_carry_credentials_experience_and_their_activity(services: Services, ada: int) -> None:
    c = services.credentials.add(ada, "MSc AI", kind="degree", status="done", skill_ids=["skill.python"])
    services.credentials.update(ada, c.id, provider="UvA")
    e = services.experience.add(ada, "Intern", kind="internship", started_on=date(2024, 1, 1), skill_ids=["skill.sql"])
    services.experience.add_note(ada, e.id, "learned dbt")
    document = services.transfer.export_profile(ada)
    assert [x["title"] for x in document["credentials"]] == ["MSc AI"]
    assert document["experience"][0]["notes"][0]["text"] == "learned dbt"
    twin = services.transfer.import_profile(document, "Twin")
    [tc] = services.credentials.list(twin.id)
    [te] = services.experience.list(twin.id)
    assert (tc.title, tc.provider, tc.skill_ids) == ("MSc AI", "UvA", ("skill.python",))
    assert [n.text for n in services.experience.get(twin.id, te.id).notes] == ["learned dbt"]
    # Activity about them names the twin's own rows, not the original's ids.
    ids = {
        (a.subject_kind, a.subject_id)
        for a in services.activity.all(twin.id)
        if a.subject_kind in (SubjectKind.CREDENTIAL, SubjectKind.EXPERIENCE)
    }
    assert ids == {(SubjectKind.CREDENTIAL, str(tc.id)), (SubjectKind.EXPERIENCE, str(te.id))}


def test_an_export_made_before_credentials_existed_still_imports(services: Services, ada: int) -> None:
    services.portfolio.add(ada, "Tweets")
    document = services.transfer.export_profile(ada)
    del document["credentials"], document["experience"]
    twin = services.transfer.import_profile(document, "Older")
    assert services.credentials.list(twin.id) == [] and len(services.portfolio.projects(twin.id)) == 1


def test_an_import_with_a_finish_before_its_start_is_refused(services: Services, ada: int) -> None:
    services.experience.add(ada, "Job", started_on=date(2024, 1, 1), finished_on=date(2024, 6, 1))
    document = services.transfer.export_profile(ada)
    document["experience"][0]["finished_on"] = "2023-01-01"
    refused(services, lambda: services.transfer.import_profile(document, "Bad"), "experience[0].finished_on")


def test_search_finds_credentials_experience_and_their_notes(services: Services, ada: int) -> None:
    c = services.credentials.add(ada, "Coursera certificate", provider="DeepLearning.AI", note="transformers")
    e = services.experience.add(ada, "Research assistant", organisation="Ünïversity lab", summary="graph networks")
    note = services.experience.add_note(ada, e.id, "wrote a paper on diffusion")
    assert [(h.kind, h.record_id) for h in services.search.search(ada, "deeplearn")] == [(HitKind.CREDENTIAL, c.id)]
    assert [(h.kind, h.record_id) for h in services.search.search(ada, "universit")] == [(HitKind.EXPERIENCE, e.id)]
    [hit] = services.search.search(ada, "diffusion")
    assert (hit.kind, hit.record_id, hit.note_id) == (HitKind.EXPERIENCE, e.id, note.id)
    services.credentials.update(ada, c.id, note="")
    assert services.search.search(ada, "transformers") == []
    services.experience.delete(ada, e.id)
    assert services.search.search(ada, "diffusion") == []
    other = services.profiles.create("Bob").id
    assert services.search.search(other, "coursera") == []


def test_a_backup_keeps_credentials_and_experience(services: Services, ada: int, data_dir: Path) -> None:
    services.credentials.add(ada, "Bootcamp", kind="bootcamp")
    services.experience.add(ada, "Freelance dashboards", kind="freelance")
    backup = services.backups.create()
    services.credentials.delete(ada, services.credentials.list(ada)[0].id)
    services.backups.restore(backup.path)
    assert [c.title for c in services.credentials.list(ada)] == ["Bootcamp"]
    assert [e.title for e in services.experience.list(ada)] == ["Freelance dashboards"]
