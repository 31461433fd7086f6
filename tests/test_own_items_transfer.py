"""Own items in export and import (format 4), in search, and after the roadmap in use changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.search import HitKind
from roadmap_app.services import Services, UserError
from roadmap_app.services.export_format import FORMAT_VERSION


def with_own_items(services: Services) -> int:
    ada = services.profiles.create("Ada").id
    services.use_profile(ada)
    services.own_items.add(ada, "skill", "Docker", new_category="MLOps", description="images and compose")
    task = services.own_items.add(ada, "task", "Containerise the API", step_id="step.portfolio")
    services.progress.set_state(ada, task.id, "done")
    gone = services.own_items.add(ada, "skill", "Airflow", new_category="MLOps")
    services.progress.set_note(ada, gone.id, "DAGs")
    services.own_items.remove(ada, gone.id, confirmed=True)
    return ada


def test_an_export_carries_own_items_and_an_import_brings_them_back(services: Services) -> None:
    ada = with_own_items(services)
    document = services.transfer.export_profile(ada)
    assert document["version"] == FORMAT_VERSION == 4
    assert [i["id"] for i in document["own_items"]] == ["own.skill.docker", "own.task.1", "own.skill.airflow"]
    copy = services.transfer.import_profile(document, name="Ada 2")
    services.use_profile(copy.id)
    assert services.roadmap.skill("own.skill.docker") is not None
    assert services.progress.get(copy.id, "own.task.1").state is ItemState.DONE
    (archived,) = services.progress.archived(copy.id)
    assert (archived.item_id, archived.note) == ("own.skill.airflow", "DAGs")
    assert services.roadmap.title_of("own.skill.airflow") == "Airflow"


def test_a_version_3_export_without_own_items_still_imports(services: Services) -> None:
    ada = services.profiles.create("Ada").id
    services.progress.set_state(ada, "skill.python", "done")
    document = services.transfer.export_profile(ada)
    document["version"] = 3
    del document["own_items"]
    copy = services.transfer.import_profile(document, name="Old")
    assert services.progress.get(copy.id, "skill.python").state is ItemState.DONE
    assert services.own_items.list(copy.id) == []


def test_an_own_item_whose_step_this_roadmap_lacks_is_imported_as_archived(services: Services) -> None:
    ada = with_own_items(services)
    document = services.transfer.export_profile(ada)
    document["own_items"][1]["step"] = "step.from-another-roadmap"
    copy = services.transfer.import_profile(document, name="Elsewhere")
    services.use_profile(copy.id)
    assert services.roadmap.task("own.task.1") is None
    archived = {p.item_id: p for p in services.progress.archived(copy.id)}
    assert archived["own.task.1"].state is ItemState.DONE
    assert services.roadmap.title_of("own.task.1") == "Containerise the API"


def test_an_own_item_id_that_could_be_the_roadmaps_is_refused(services: Services) -> None:
    ada = with_own_items(services)
    document = services.transfer.export_profile(ada)
    document["own_items"][0]["id"] = "skill.python"
    before = len(services.profiles.all())
    with pytest.raises(UserError) as caught:
        services.transfer.import_profile(document, name="Bad")
    assert "own_items[0].id" in str(caught.value) and "\n" not in str(caught.value)
    assert len(services.profiles.all()) == before


def test_search_finds_an_own_item_by_its_title_and_description(services: Services) -> None:
    ada = with_own_items(services)
    hits = services.search.search(ada, "compose")
    assert [(h.kind, h.item_id) for h in hits] == [(HitKind.ITEM, "own.skill.docker")]
    assert services.search.search(ada, "Containerise")[0].title == "Containerise the API"
    assert [h.item_id for h in services.search.search(ada, "Airflow")] == [], "a removed item is not offered"


def test_own_items_survive_a_restart_and_a_backup_restore(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    ada = with_own_items(services)
    backup = services.backups.create()
    services.own_items.remove(ada, "own.skill.docker")
    services.close()
    _paths, services = open_services(data_dir)
    try:
        services.use_profile(ada)
        assert services.roadmap.skill("own.skill.docker") is None
        services.backups.restore(backup.path.name)
        services.roadmaps.changed()
        assert services.roadmap.skill("own.skill.docker") is not None
        assert json.dumps(services.transfer.export_profile(ada)["own_items"][0]["title"]) == '"Docker"'
    finally:
        services.close()
