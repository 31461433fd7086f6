"""Tasks done by a record: a credential does a task of step 1, a project one of step 3, an
experience one of step 4. Linking marks the task done and is undone in full; a deleted
record's links go with it and come back with it; refusals change nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

import pytest

from roadmap_app.content import load_roadmap
from roadmap_app.domain.activity import ActivityAction
from roadmap_app.domain.evidence import Proof, ProofKind
from roadmap_app.domain.model import ItemState
from roadmap_app.services import Services, UserError
from roadmap_app.storage.db import Database, create_sqlite_engine

CHOOSE = "task.credential.choose-path"
SENTIMENT = "task.portfolio.sentiment"
END_TO_END = "task.experience.end-to-end"


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
    assert words in message and "\n" not in message, message
    assert dump(services) == before


@pytest.fixture
def ada(services: Services) -> int:
    return services.profiles.create("Ada").id


def test_linking_a_credential_marks_the_task_done_and_undo_gives_both_back(services: Services, ada: int) -> None:
    degree = services.credentials.add(ada, "BSc Computer Science", kind="degree")
    services.progress.set_state(ada, CHOOSE, "in_progress")
    change = services.task_links.link(ada, CHOOSE, "credential", degree.id)
    assert change.linked and change.progress.before.state is ItemState.IN_PROGRESS
    assert services.progress.get(ada, CHOOSE).state is ItemState.DONE
    assert services.task_links.links(ada, CHOOSE) == (Proof(ProofKind.CREDENTIAL, degree.id, "BSc Computer Science"),)
    actions = [a.action for a in services.activity.all(ada)]
    assert ActivityAction.ITEM_LINK in actions and ActivityAction.ITEM_STATE in actions

    undone = services.task_links.undo_link(ada, change)
    assert undone.progress.after.state is ItemState.IN_PROGRESS
    assert services.task_links.links(ada, CHOOSE) == ()
    again = services.task_links.link(ada, CHOOSE, ProofKind.CREDENTIAL, degree.id)
    assert again.linked and services.task_links.links(ada, CHOOSE)


def test_linking_the_same_record_twice_keeps_one_link_and_its_undo_keeps_it(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    services.task_links.link(ada, SENTIMENT, "project", project.id)
    second = services.task_links.link(ada, SENTIMENT, "project", project.id)
    assert not second.linked
    services.task_links.undo_link(ada, second)
    assert len(services.task_links.links(ada, SENTIMENT)) == 1


def test_a_task_can_be_done_by_several_records_listed_by_kind_and_id(services: Services, ada: int) -> None:
    first = services.experience.add(ada, "Data intern", kind="internship")
    second = services.experience.add(ada, "Kaggle: house prices", kind="competition")
    services.task_links.link(ada, END_TO_END, "experience", second.id)
    services.task_links.link(ada, END_TO_END, "experience", first.id)
    assert [p.id for p in services.task_links.links(ada, END_TO_END)] == [first.id, second.id]
    assert [p.id for p in services.task_links.candidates(ada, END_TO_END)] == [second.id, first.id]


def test_unlinking_keeps_the_state_unless_told_to_put_one_back(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    services.task_links.link(ada, SENTIMENT, "project", project.id)
    change = services.task_links.unlink(ada, SENTIMENT, "project", project.id)
    assert change.link.record.title == "Tweet sentiment"
    assert services.progress.get(ada, SENTIMENT).state is ItemState.DONE
    assert services.task_links.links(ada, SENTIMENT) == ()
    entry = services.activity.all(ada)[-1]
    assert entry.action is ActivityAction.ITEM_UNLINK and entry.before == "Tweet sentiment"


def test_a_deleted_record_takes_its_links_and_its_restore_brings_them_back(services: Services, ada: int) -> None:
    job = services.experience.add(ada, "Data intern")
    services.task_links.link(ada, END_TO_END, "experience", job.id)
    gone = services.experience.delete(ada, job.id)
    assert services.task_links.links(ada, END_TO_END) == ()
    assert services.progress.get(ada, END_TO_END).state is ItemState.DONE
    services.experience.restore(ada, gone)
    assert [p.title for p in services.task_links.links(ada, END_TO_END)] == ["Data intern"]


def test_a_new_record_given_a_deleted_ones_id_does_not_take_its_links(services: Services, ada: int) -> None:
    old = services.credentials.add(ada, "Old course")
    services.task_links.link(ada, CHOOSE, "credential", old.id)
    services.credentials.delete(ada, old.id)
    new = services.credentials.add(ada, "New course")
    assert new.id == old.id  # SQLite hands out the highest id again
    assert services.task_links.links(ada, CHOOSE) == ()
    services.task_links.link(ada, CHOOSE, "credential", new.id)
    assert [p.title for p in services.task_links.links(ada, CHOOSE)] == ["New course"]


def test_wrong_kind_unknown_record_and_unknown_task_are_refused_in_one_line(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    links = services.task_links
    refused(
        services,
        lambda: links.link(ada, CHOOSE, "project", project.id),
        "done by a credential, not a project; give --by credential:ID",
    )
    refused(services, lambda: links.link(ada, SENTIMENT, "project", 999), "no project with id 999")
    refused(services, lambda: links.link(ada, "task.nope", "project", project.id), "unknown task 'task.nope'")
    refused(services, lambda: links.link(ada, "skill.python", "project", project.id), "only a task is done")
    refused(services, lambda: links.link(ada, "task.skills.sql", "project", project.id), "not done by a record")
    refused(services, lambda: links.link(ada, SENTIMENT, "degree", project.id), "unknown kind of record 'degree'")
    refused(services, lambda: links.unlink(ada, SENTIMENT, "project", project.id), "is not linked to project")
    other = services.profiles.create("Sam").id
    refused(services, lambda: links.link(other, SENTIMENT, "project", project.id), "no project with id")


def test_a_task_the_roadmap_drops_keeps_its_links_and_nothing_breaks(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    services.task_links.link(ada, SENTIMENT, "project", project.id)
    roadmap = load_roadmap()
    # The same roadmap in a later version that has dropped every task.
    trimmed = replace(roadmap, steps=tuple(replace(s, tasks=()) for s in roadmap.steps), _index={})
    db = Database(services.backups._db.path, create_sqlite_engine(services.backups._db.path))
    older = Services.build(db, trimmed)
    try:
        assert older.task_links.all(ada)[SENTIMENT][0].title == "Tweet sentiment"
        assert older.task_links.links(ada, "task.never") == ()
        with pytest.raises(UserError, match="unknown task"):
            older.task_links.link(ada, SENTIMENT, "project", project.id)
        # Unlinked still, with its saved state kept.
        change = older.task_links.unlink(ada, SENTIMENT, "project", project.id, put_back=None)
        assert change.progress.after.state is ItemState.DONE
    finally:
        older.close()


def test_a_profile_deleted_takes_its_links(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    services.task_links.link(ada, SENTIMENT, "project", project.id)
    if hasattr(services.profiles, "delete"):
        services.profiles.create("Sam")
        services.profiles.delete(ada)
        assert dump(services)["task_links"] == []


def test_the_history_says_which_record_did_a_task(services: Services, ada: int) -> None:
    from roadmap_app.domain.activity import describe

    degree = services.credentials.add(ada, "BSc CS")
    services.task_links.link(ada, CHOOSE, "credential", degree.id)
    services.task_links.unlink(ada, CHOOSE, "credential", degree.id)
    entries = [
        e for e in services.activity.all(ada) if e.action in (ActivityAction.ITEM_LINK, ActivityAction.ITEM_UNLINK)
    ]
    title = services.roadmap.title_of(CHOOSE)
    assert [describe(e, lambda _e: title) for e in entries] == [
        f"Marked “{title}” done by credential “BSc CS”",
        f"Unlinked credential “BSc CS” from “{title}”",
    ]


def test_an_unlink_is_undone_with_the_link_and_the_state_it_had(services: Services, ada: int) -> None:
    project = services.portfolio.add(ada, "Tweet sentiment")
    services.task_links.link(ada, SENTIMENT, "project", project.id)
    services.progress.set_state(ada, SENTIMENT, "in_progress")
    change = services.task_links.unlink(ada, SENTIMENT, "project", project.id)
    assert services.task_links.links(ada, SENTIMENT) == ()
    back = services.task_links.undo_unlink(ada, change)
    assert back.linked and [p.title for p in services.task_links.links(ada, SENTIMENT)] == ["Tweet sentiment"]
    assert services.progress.get(ada, SENTIMENT).state is ItemState.IN_PROGRESS
