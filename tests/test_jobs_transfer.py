"""Job applications in export and import (format 4), in search and in backups."""

from __future__ import annotations

import copy
from datetime import date

from roadmap_app.domain.activity import SubjectKind
from roadmap_app.domain.search import HitKind
from roadmap_app.services import Services, export_format
from tests import test_jobs
from tests.test_jobs import full, refused

# The fixtures of the service tests: a clock on 2 December 2026, and a profile.
services = test_jobs.services
ada = test_jobs.ada


def test_the_export_is_version_4_and_carries_applications_with_all_they_hold(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    document = services.transfer.export_profile(ada)
    assert document["version"] == export_format.FORMAT_VERSION == 4
    (exported,) = document["applications"]
    assert (exported["company"], len(exported["stages"]), len(exported["interviews"])) == ("Acme Analytics", 2, 1)
    twin = services.transfer.import_profile(document, "Twin")
    (copied,) = services.jobs.list(twin.id)
    original = services.jobs.get(ada, app_id)
    assert (copied.company, copied.ad_text, copied.stage, copied.applied_on) == (
        original.company, original.ad_text, original.stage, original.applied_on,
    )  # fmt: skip
    assert [(c.stage, c.on, c.note) for c in copied.stages] == [(c.stage, c.on, c.note) for c in original.stages]
    assert [(i.on, i.kind, i.note) for i in copied.interviews] == [(i.on, i.kind, i.note) for i in original.interviews]
    assert [(c.name, c.email) for c in copied.contacts] == [(c.name, c.email) for c in original.contacts]
    assert [(n.text, n.created_at) for n in copied.notes] == [(n.text, n.created_at) for n in original.notes]
    # Activity about it names the twin's own row, not the original's id.
    ids = {e.subject_id for e in services.activity.all(twin.id) if e.subject_kind is SubjectKind.APPLICATION}
    assert ids == {str(copied.id)}
    # In the same database the copy gets new UUIDs: no record is there twice.
    assert copied.uuid != original.uuid and copied.stages[0].uuid != original.stages[0].uuid


def test_a_version_3_export_still_imports(services: Services, ada: int) -> None:
    services.portfolio.add(ada, "Tweets")
    services.experience.add(ada, "Intern")
    document = services.transfer.export_profile(ada)
    del document["applications"]
    document["version"] = 3
    twin = services.transfer.import_profile(document, "Older")
    assert services.jobs.list(twin.id) == []
    assert len(services.portfolio.projects(twin.id)) == 1 and len(services.experience.list(twin.id)) == 1


def test_a_bad_application_in_an_import_changes_nothing(services: Services, ada: int) -> None:
    full(services, ada)
    services.jobs.add(ada, "Beta", "Data scientist")
    document = services.transfer.export_profile(ada)
    for damage, words in (
        (lambda a: a.update(stages=[]), "applications[1].stages: is empty"),
        (lambda a: a["stages"][0].update(stage="hired"), "applications[1].stages[0].stage"),
        (lambda a: a["stages"][0].update(on="2026-02-30"), "applications[1].stages[0].on"),
        (lambda a: a.update(company=""), "applications[1].company"),
        (lambda a: a.update(contacts=[{"name": "x"}]), "applications[1].contacts[0]"),
    ):
        damaged = copy.deepcopy(document)
        damage(damaged["applications"][-1])
        refused(services, lambda d=damaged: services.transfer.import_profile(d, "Broken"), words)


def test_search_finds_company_role_ad_and_every_text_an_application_holds(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    services.jobs.add_interview(ada, app_id, date(2026, 12, 10), note="whiteboard graphs")
    services.jobs.set_stage(ada, app_id, "interview", note="Hiring panel liked the portfolio")
    for words in ("acme", "ML engineer", "pytorch", "on-call", "whiteboard", "grace", "example.org", "panel"):
        hits = [(h.kind, h.record_id, h.title) for h in services.search.search(ada, words)]
        assert (HitKind.APPLICATION, app_id, "ML engineer at Acme Analytics") in hits, words
    services.jobs.delete(ada, app_id)
    assert services.search.search(ada, "whiteboard") == []
    other = services.profiles.create("Bob").id
    assert services.search.search(other, "acme") == []


def test_a_backup_keeps_the_applications(services: Services, ada: int) -> None:
    app_id = full(services, ada)
    backup = services.backups.create()
    services.jobs.delete(ada, app_id)
    services.backups.restore(backup.path)
    assert [len(a.stages) for a in services.jobs.list(ada)] == [2]
