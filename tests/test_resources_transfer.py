"""Learning resources in exports, imports and search, and against hostile input: carried
whole (format 4), older files still import, a bad one is refused in one line, and any text
the learner types round-trips exactly or is refused with nothing changed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.search import HitKind
from roadmap_app.services import Services, UserError
from roadmap_app.services.export_format import FORMAT_VERSION
from roadmap_app.services.transfer import ImportFormatError, parse_document
from tests.conftest import InProcessCli
from tests.test_cli_roadmap_change import DROPPED_SKILL
from tests.test_cli_roadmap_change import later_roadmap as later_roadmap  # a fixture
from tests.test_hostile_input import dump

PYTHON = "skill.python"
FUZZ = settings(
    max_examples=int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _with_resources(services: Services) -> int:
    ada = services.profiles.current().id
    services.resources.add(ada, PYTHON, "The Python Tutorial", kind="docs", url="https://docs.python.org/3/", of=16)
    second = services.resources.add(ada, PYTHON, "Fluent Python ✓ <b>2nd</b>", kind="book")
    services.resources.set_done(ada, second.id)
    services.resources.add(ada, "task.skills.sql", "SQLBolt", kind="course", of=20, progress=7)
    return ada


def _shape(services: Services, profile_id: int) -> list[tuple[Any, ...]]:
    return [
        (r.item_id, r.title, r.url, r.kind, r.progress, r.of, r.done, r.position)
        for r in services.resources.all(profile_id)
    ]


def test_an_export_carries_every_resource_and_an_import_brings_them_back_whole(services: Services) -> None:
    ada = _with_resources(services)
    document = services.transfer.export_profile(ada)
    assert document["version"] == FORMAT_VERSION == 4
    assert {r["item"] for r in document["resources"]} == {PYTHON, "task.skills.sql"}
    assert set(document["resources"][0]) == {
        "uuid", "item", "title", "url", "kind", "progress", "of", "done", "position", "created_at", "updated_at",
    }  # fmt: skip
    twin = services.transfer.import_profile(parse_document(json.dumps(document).encode()), "Twin")
    assert _shape(services, twin.id) == _shape(services, ada)
    # A copy beside its original: its resources get their own UUIDs.
    assert {r.uuid for r in services.resources.all(twin.id)}.isdisjoint({r.uuid for r in services.resources.all(ada)})


def test_a_version_3_export_still_imports_with_no_resources(services: Services) -> None:
    ada = _with_resources(services)
    document = services.transfer.export_profile(ada)
    document["version"] = 3
    del document["resources"]
    old = services.transfer.import_profile(document, "From version 3")
    assert services.resources.all(old.id) == []
    assert services.progress.states(old.id) == services.progress.states(ada)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"url": "javascript:alert(1)"}, "resources[0].url: must be an address"),
        ({"progress": 20}, "resources[0].progress: is above its 16 parts"),
        ({"progress": -1}, "resources[0].progress: must be from 0"),
        ({"of": 0}, "resources[0].of: must be from 1"),
        ({"kind": "podcast"}, "resources[0].kind: must be one of"),
        ({"done": "yes"}, "resources[0].done: must be true or false"),
        ({"title": ""}, "resources[0].title"),
        ({"item": ""}, "resources[0].item"),
    ],
)
def test_a_bad_resource_in_an_import_is_refused_in_one_line_and_nothing_is_written(
    services: Services, change: dict[str, Any], words: str
) -> None:
    ada = _with_resources(services)
    document = services.transfer.export_profile(ada)
    document["resources"][0].update(change)
    before = dump(services)
    with pytest.raises(ImportFormatError) as refused:
        services.transfer.import_profile(document, "Broken")
    assert words in str(refused.value) and "\n" not in str(refused.value)
    assert dump(services) == before


def test_resources_on_an_item_this_roadmap_lacks_import_and_are_kept(data_dir: Path, later_roadmap: Path) -> None:
    _paths, today = open_services(data_dir)
    ada = today.profiles.current().id
    today.resources.add(ada, DROPPED_SKILL, "Caffe tutorial", kind="docs", of=4, progress=1)
    document = today.transfer.export_profile(ada)
    today.close()
    _paths, later = open_services(data_dir, roadmap_path=later_roadmap)
    try:
        moved = later.transfer.import_profile(document, "On the later roadmap")
        (kept,) = later.resources.list(moved.id, DROPPED_SKILL)
        assert (kept.title, kept.progress, kept.of) == ("Caffe tutorial", 1, 4)
    finally:
        later.close()


def test_search_finds_a_resource_by_its_title_and_its_link(services: Services, run_cli: InProcessCli) -> None:
    ada = _with_resources(services)
    (hit,) = services.search.search(ada, "tutorial")
    assert (hit.kind, hit.title, hit.item_id) == (HitKind.RESOURCE, "The Python Tutorial", PYTHON)
    assert hit.record_id == services.resources.list(ada, PYTHON)[0].id
    assert [h.title for h in services.search.search(ada, "docs.python")] == ["The Python Tutorial"]
    services.resources.update(ada, hit.record_id or 0, title="Official tutorial")
    assert [h.title for h in services.search.search(ada, "offic")] == ["Official tutorial"]
    services.resources.delete(ada, hit.record_id or 0)
    assert services.search.search(ada, "official") == []
    services.close()
    found = json.loads(run_cli("search", "sqlbolt", "--json").stdout)
    assert [(f["kind"], f["item_id"]) for f in found] == [("resource", "task.skills.sql")]
    assert "resource " in run_cli("search", "sqlbolt").stdout


TRICKY = ["'; DROP TABLE resources; --", "<script>alert(1)</script>", "emoji 📘 and ✓", "NUL\x00inside", "ﬁ ligature"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_titles_round_trip_through_an_export_exactly(services: Services, text: str) -> None:
    ada = services.profiles.current().id
    title = " ".join(text.split())
    services.resources.add(ada, PYTHON, title, url="https://example.org/?q='x'&y=<z>")
    exported = json.dumps(services.transfer.export_profile(ada), ensure_ascii=False).encode("utf-8")
    twin = services.transfer.import_profile(parse_document(exported), "Tricky")
    (copy,) = services.resources.list(twin.id, PYTHON)
    assert (copy.title, copy.url) == (title, "https://example.org/?q='x'&y=<z>")


@FUZZ
@given(
    title=st.text(max_size=250),
    url=st.text(max_size=60) | st.sampled_from(["https://x.org/a", "http://y", "ftp://z", "https://a b", ""]),
    kind=st.text(max_size=10) | st.sampled_from(["course", "Book", "DOCS", "video "]),
    of=st.none() | st.integers(-5, 200_000) | st.text(max_size=6),
    progress=st.integers(-5, 200_000) | st.text(max_size=6),
)
def test_any_input_to_add_is_stored_as_checked_or_refused_in_one_line_with_nothing_changed(
    services: Services, title: str, url: str, kind: str, of: Any, progress: Any
) -> None:
    ada = services.profiles.current().id
    before = dump(services)
    try:
        added = services.resources.add(ada, PYTHON, title, url=url, kind=kind, of=of, progress=progress)
    except UserError as exc:
        assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 600
        assert dump(services) == before
        return
    assert added.title == " ".join(title.split()) and added.title
    assert added.url == url.strip() and (not added.url or added.url.lower().startswith(("http://", "https://")))
    assert added.progress >= 0 and (added.of is None or 1 <= added.progress <= added.of or added.progress == 0)
    assert services.resources.get(ada, added.id) == added
