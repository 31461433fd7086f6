"""Hostile input to own items: any title, description, category name or prerequisite is either
refused in one line with nothing changed, or saved and read back exactly as cleaned."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services, UserError

EXAMPLES = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TRICKY = [
    "'; DROP TABLE own_items; --",
    "<script>alert(1)</script>",
    "🐳 Docker",
    "Ｄｏｃｋｅｒ",
    "a\u0000b",
    "\u202eevil",
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, int]]:
    _paths, services = open_services(tmp_path_factory.mktemp("own-hostile") / "data")
    ada = services.profiles.create("Ada").id
    services.use_profile(ada)
    yield services, ada
    services.close()


def dump(services: Services) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{services.backups._db.path}?mode=ro", uri=True)
    try:
        return sorted(conn.execute("SELECT * FROM own_items").fetchall()) + sorted(
            conn.execute("SELECT * FROM activity").fetchall()
        )
    finally:
        conn.close()


def try_add(services: Services, ada: int, **fields: Any) -> None:
    before = dump(services)
    try:
        item = services.own_items.add(ada, **fields)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc)
        assert dump(services) == before
        return
    saved = services.own_items.get(ada, item.id)
    assert saved.title == " ".join(fields["title"].split())
    assert saved.description == fields.get("description", "").strip()
    assert services.roadmap.title_of(item.id) == saved.title
    services.own_items.remove(ada, item.id)


@FUZZ
@given(
    title=st.text(max_size=250),
    description=st.text(max_size=300),
    category=st.text(max_size=80),
    needs=st.lists(
        st.sampled_from(["skill.python", "own.skill.x", "", "step.skills"]) | st.text(max_size=20), max_size=4
    ),
)
def test_any_own_skill_is_saved_exactly_or_refused_in_one_line(
    shared: tuple[Services, int], title: str, description: str, category: str, needs: list[str]
) -> None:
    services, ada = shared
    try_add(
        services, ada, kind="skill", title=title, new_category=category, description=description, prerequisites=needs
    )


@FUZZ
@given(title=st.text(max_size=250), step=st.sampled_from(["step.skills", "step.apply", "", "step.x"]) | st.text())
def test_any_own_task_is_saved_exactly_or_refused_in_one_line(
    shared: tuple[Services, int], title: str, step: str
) -> None:
    services, ada = shared
    try_add(services, ada, kind="task", title=title, step_id=step)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_in_own_items_round_trips_through_export_and_import(
    shared: tuple[Services, int], text: str
) -> None:
    services, ada = shared
    item = services.own_items.add(ada, "task", f"Task {text}", step_id="step.skills", description=text)
    document = services.transfer.export_profile(ada)
    twin = services.transfer.import_profile(document, name=f"Twin {len(services.profiles.all())}")
    copy = services.own_items.get(twin.id, item.id)
    assert (copy.title, copy.description) == (item.title, item.description)
    services.own_items.remove(ada, item.id)
