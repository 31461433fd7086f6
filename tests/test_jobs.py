"""Job applications (step 5): the service's undo pairs, the dated timeline, one-line refusals
that change nothing, tombstones, the activity log and the number of queries of the list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.activity import ActivityAction, SubjectKind
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.services import Services, UserError

TODAY = date(2026, 12, 2)


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
def services(data_dir: Path) -> Iterator[Services]:
    """Services on a clock that reads 2 December 2026 and moves a second per call."""
    ticks = iter(range(1_000_000))

    def clock() -> datetime:
        return datetime(2026, 12, 2, 9, 0) + timedelta(seconds=next(ticks))

    _paths, built = open_services(data_dir, clock=clock)
    yield built
    built.close()


@pytest.fixture
def ada(services: Services) -> int:
    return services.profiles.create("Ada").id


AD = "We look for Python and PyTorch; SQL is a must, Docker a plus."


def full(services: Services, ada: int) -> int:
    app = services.jobs.add(
        ada, " Acme  Analytics ", "ML engineer", stage="applied", on=date(2026, 11, 2), url="https://acme.org/42",
        ad_text=AD, location="Berlin", salary="60k", source="LinkedIn",
    )  # fmt: skip
    services.jobs.set_stage(ada, app.id, "screening", on=date(2026, 11, 10), note="Recruiter called")
    services.jobs.add_interview(ada, app.id, date(2026, 12, 9), kind="technical", note="Live coding")
    services.jobs.add_contact(ada, app.id, "Grace Hopper", role="Hiring manager", email="grace@example.org")
    services.jobs.add_note(ada, app.id, "Ask about **on-call**")
    return app.id


def test_an_application_starts_saved_today_with_one_dated_stage(services: Services, ada: int) -> None:
    app = services.jobs.add(ada, "Acme", "Data scientist")
    assert (app.stage, app.stage_on, app.applied_on) == (Stage.SAVED, TODAY, None)
    assert [c.stage for c in app.stages] == [Stage.SAVED]
    assert services.jobs.get(ada, app.id) == app


def test_the_stage_is_read_from_the_newest_change_of_the_timeline(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    app = services.jobs.get(ada, app_id)
    assert (app.company, app.stage, app.stage_on, app.applied_on) == (
        "Acme Analytics", Stage.SCREENING, date(2026, 11, 10), date(2026, 11, 2),
    )  # fmt: skip
    # A change dated before the current one goes into the timeline, not on top of it.
    services.jobs.set_stage(ada, app_id, "saved", on=date(2026, 10, 1))
    app = services.jobs.get(ada, app_id)
    assert [c.stage for c in app.stages] == [Stage.SAVED, Stage.APPLIED, Stage.SCREENING]
    assert app.stage is Stage.SCREENING


def test_a_stage_change_in_the_future_is_refused_and_a_past_one_taken(services: Services, ada: int) -> None:
    app = services.jobs.add(ada, "Acme", "ML engineer", stage="applied", on=date(2019, 5, 1))
    assert app.applied_on == date(2019, 5, 1)
    refused(services, lambda: services.jobs.set_stage(ada, app.id, "rejected", on=date(2026, 12, 3)), "future")
    refused(services, lambda: services.jobs.add(ada, "Beta", "ML engineer", on=date(2027, 1, 1)), "future")
    change = services.jobs.set_stage(ada, app.id, "rejected", on=TODAY)
    assert services.jobs.get(ada, app.id).stage is Stage.REJECTED
    assert services.jobs.delete_stage_change(ada, change.id) == change
    assert services.jobs.get(ada, app.id).stage is Stage.APPLIED
    services.jobs.restore_stage_change(ada, change)
    assert services.jobs.get(ada, app.id).stages[-1] == change


def test_the_only_stage_change_left_cannot_be_removed(services: Services, ada: int) -> None:
    app = services.jobs.add(ada, "Acme", "ML engineer")
    refused(services, lambda: services.jobs.delete_stage_change(ada, app.stages[0].id), "only one")


@pytest.mark.parametrize(
    ("attempt", "words"),
    [
        (lambda s, a, i: s.jobs.add(a, "  ", "ML engineer"), "needs a company"),
        (lambda s, a, i: s.jobs.add(a, "Acme", ""), "needs a role"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "x" * 201), "at most 200"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "ML", stage="hired"), "unknown stage 'hired'"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "ML", url="acme.org"), "https://"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "ML", ad_text="x" * 2_000_001), "give the ad alone"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "ML", ad_text="Python \ud800"), "lone surrogate"),
        (lambda s, a, i: s.jobs.add(a, "Acme", "ML", location="x" * 2_001), "at most 2,000"),
        (lambda s, a, i: s.jobs.update(a, i, company=""), "needs a company"),
        (lambda s, a, i: s.jobs.update(a, i, stage="applied"), "cannot change stage"),
        (lambda s, a, i: s.jobs.update(a, 999, company="Beta"), "no application with id 999"),
        (lambda s, a, i: s.jobs.set_stage(a, i, "hired"), "unknown stage"),
        (lambda s, a, i: s.jobs.set_stage(a, 999, "applied"), "no application"),
        (lambda s, a, i: s.jobs.add_interview(a, i, date(2026, 12, 9), kind="lunch"), "unknown interview kind"),
        (lambda s, a, i: s.jobs.add_interview(a, i, date(2031, 1, 1)), "more than a year ahead"),
        (lambda s, a, i: s.jobs.add_interview(a, i, "2026-12-09"), "must be a day"),
        (lambda s, a, i: s.jobs.add_contact(a, i, " "), "needs a name"),
        (lambda s, a, i: s.jobs.add_contact(a, i, "Grace", email="grace at acme"), "not an email address"),
        (lambda s, a, i: s.jobs.add_contact(a, i, "Grace", email="grace\n@acme.org"), "'grace @acme.org' is not an"),
        (lambda s, a, i: s.jobs.add_note(a, i, "  \n"), "needs some text"),
        (lambda s, a, i: s.jobs.add_note(a, i, "x" * 1_000_001), "at most 1,000,000"),
        (lambda s, a, i: s.jobs.delete_interview(a, 999), "no interview with id 999"),
        (lambda s, a, i: s.jobs.delete_contact(a, 999), "no contact with id 999"),
        (lambda s, a, i: s.jobs.delete_note(a, 999), "no application note with id 999"),
        (lambda s, a, i: s.jobs.update_note(a, 999, "x"), "no application note"),
        (lambda s, a, i: s.jobs.delete_stage_change(a, 999), "no stage change with id 999"),
        (lambda s, a, i: s.jobs.delete(a, 999), "no application"),
        (lambda s, a, i: s.jobs.list(a, stage="hired"), "unknown stage"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(
    services: Services, ada: int, attempt: Any, words: str
) -> None:
    app_id = full(services, ada)
    refused(services, lambda: attempt(services, ada, app_id), words)


def test_another_profiles_application_is_not_found(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    sam = services.profiles.create("Sam").id
    note_id = services.jobs.get(ada, app_id).notes[0].id
    refused(services, lambda: services.jobs.get(sam, app_id), "no application")
    refused(services, lambda: services.jobs.delete_note(sam, note_id), "no application note")
    assert services.jobs.list(sam) == []


def test_an_edit_returns_the_values_before_and_put_back_gives_them_back(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    change = services.jobs.update(ada, app_id, company="Acme GmbH", ad_text="", salary="65k")
    assert (change.before.company, change.after.company, change.after.ad_text) == ("Acme Analytics", "Acme GmbH", "")
    assert services.jobs.gap(ada, app_id) is None
    back = services.jobs.put_back(ada, change.before)
    assert (back.after.company, back.after.ad_text, back.after.salary) == ("Acme Analytics", AD, "60k")
    assert back.after.stages == change.before.stages
    edits = [e for e in services.activity.all(ada) if e.action is ActivityAction.APPLICATION_EDIT]
    # The ad is logged by its length, not its text.
    assert ("ad_text", str(len(AD)), "0") in [(e.field, e.before, e.after) for e in edits]


def test_delete_leaves_tombstones_and_restore_puts_everything_back(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    before = dump(services)
    gone = services.jobs.delete(ada, app_id)
    assert services.jobs.list(ada) == []
    with sqlite3.connect(services.backups._db.path) as conn:
        kinds = sorted(k for (k,) in conn.execute("SELECT kind FROM tombstones"))
        left = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("application_stages", "application_notes")
        ]
    assert kinds == [
        "application", "application_contact", "application_interview", "application_note", "application_stage",
        "application_stage",
    ]  # fmt: skip
    assert left == [0, 0]
    back = services.jobs.restore(ada, gone)
    assert back == gone
    after = dump(services)
    kept = [t for t in before if t not in ("activity", "tombstones") and "_fts" not in t]
    assert {t: after[t] for t in kept} == {t: before[t] for t in kept}
    assert after["tombstones"] == []


def test_interviews_contacts_and_notes_come_in_undo_pairs(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    app = services.jobs.get(ada, app_id)
    (interview,), (contact,), (note,) = app.interviews, app.contacts, app.notes
    assert (interview.kind, interview.on) == (InterviewKind.TECHNICAL, date(2026, 12, 9))
    assert services.jobs.delete_interview(ada, interview.id) == interview
    assert services.jobs.restore_interview(ada, interview) == interview
    assert services.jobs.delete_contact(ada, contact.id) == contact
    assert services.jobs.restore_contact(ada, contact) == contact
    change = services.jobs.update_note(ada, note.id, "Ask about the rota")
    assert (change.before, change.after.text) == (note, "Ask about the rota")
    assert services.jobs.delete_note(ada, note.id) == change.after
    services.jobs.restore_note(ada, change.after)
    assert services.jobs.get(ada, app_id).notes == (change.after,)


def test_the_list_is_newest_stage_first_then_newest_id_and_filters_by_stage(services: Services, ada: int) -> None:
    a = services.jobs.add(ada, "A", "ML", stage="applied", on=date(2026, 11, 1)).id
    b = services.jobs.add(ada, "B", "ML", stage="applied", on=date(2026, 11, 20)).id
    c = services.jobs.add(ada, "C", "ML", stage="applied", on=date(2026, 11, 1)).id
    services.jobs.set_stage(ada, a, "interview", on=date(2026, 11, 25))
    assert [x.id for x in services.jobs.list(ada)] == [a, b, c]
    assert [x.id for x in services.jobs.list(ada, stage="applied")] == [b, c]
    assert [x.id for x in services.jobs.list(ada, stage=Stage.INTERVIEW)] == [a]


def test_every_change_is_in_the_activity_log(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    services.jobs.delete(ada, app_id)
    entries = [e for e in services.activity.all(ada) if e.subject_kind is SubjectKind.APPLICATION]
    assert {e.action for e in entries} >= {
        ActivityAction.APPLICATION_ADD, ActivityAction.APPLICATION_STAGE, ActivityAction.APPLICATION_INTERVIEW_ADD,
        ActivityAction.APPLICATION_CONTACT_ADD, ActivityAction.APPLICATION_NOTE_ADD, ActivityAction.APPLICATION_DELETE,
    }  # fmt: skip
    stage = next(e for e in entries if e.action is ActivityAction.APPLICATION_STAGE)
    assert (stage.before, stage.after, stage.field) == ("applied", "screening", "2026-11-10")
    assert entries[0].kept_title == "ML engineer at Acme Analytics"


def test_the_gap_of_the_stored_ad(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    gap = services.jobs.gap(ada, app_id)
    assert gap is not None
    assert {m.id for m in gap.missing} >= {"skill.python", "skill.sql"}
    assert "Docker" in gap.unknown
    assert services.jobs.gap(ada, services.jobs.add(ada, "B", "ML").id) is None


def test_five_hundred_applications_are_listed_in_a_handful_of_queries(services: Services, ada: int) -> None:
    for n in range(500):
        app = services.jobs.add(ada, f"Company {n}", "ML engineer", stage="applied", on=date(2026, 1, 1 + n % 28))
        if n % 5 == 0:
            services.jobs.add_interview(ada, app.id, date(2026, 2, 1), note="x")
    statements: list[str] = []
    engine = services.backups._db.engine
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        found = services.jobs.list(ada)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len(found) == 500 and sum(len(a.interviews) for a in found) == 100
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 6
