"""The learner's own tasks and skills: merged into the roadmap, with states, notes, undo pairs,
evidence and suggestions; one-line refusals that change nothing; removal keeps progress archived."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from roadmap_app.content import load_roadmap
from roadmap_app.domain.activity import ActivityAction
from roadmap_app.domain.model import ItemKind, ItemState
from roadmap_app.domain.own_items import OwnItem, OwnItemError, OwnKind, check_own_item, merge_own_items, new_own_id
from roadmap_app.services import Services, UserError
from roadmap_app.services.own_items import NeedsConfirmation


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
    profile = services.profiles.create("Ada")
    services.use_profile(profile.id)
    return profile.id


def skill(item_id: str, title: str, *, category: str = "category.programming", needs: tuple[str, ...] = ()) -> OwnItem:
    return OwnItem(item_id, OwnKind.SKILL, title, category_id=category, prerequisites=needs)


# --- the pure merge -------------------------------------------------------------------------


def test_own_items_join_their_step_and_category_after_the_built_in_ones() -> None:
    roadmap = load_roadmap()
    task = OwnItem("own.task.1", OwnKind.TASK, "Ship it", step_id="step.skills", prerequisites=("skill.python",))
    mlops = OwnItem(
        "own.skill.docker", OwnKind.SKILL, "Docker", category_id="own.category.mlops", category_name="MLOps"
    )
    merged = merge_own_items(roadmap, [task, mlops])
    step = merged.step("step.skills")
    assert step is not None and step.tasks[-1].id == "own.task.1" and step.tasks[-1].skill_ids == ("skill.python",)
    assert merged.category("own.category.mlops") is not None
    own_skill = merged.skill("own.skill.docker")
    assert own_skill is not None and own_skill.category_id == "own.category.mlops"
    item = merged.item("own.task.1")
    assert item is not None and item.kind is ItemKind.TASK and item.trackable
    assert roadmap.item("own.task.1") is None, "the file's roadmap is left as it was"


def test_an_own_item_the_roadmap_in_use_cannot_place_keeps_its_title_but_not_its_place() -> None:
    roadmap = load_roadmap()
    lost = OwnItem("own.task.1", OwnKind.TASK, "On a step that went", step_id="step.gone")
    removed = replace_removed(skill("own.skill.x", "X"))
    merged = merge_own_items(roadmap, [lost, removed])
    assert merged.item("own.task.1") is None and merged.item("own.skill.x") is None
    assert merged.title_of("own.task.1") == "On a step that went"
    assert merged.title_of("own.skill.x") == "X"


def replace_removed(item: OwnItem) -> OwnItem:
    from dataclasses import replace

    return replace(item, removed=True)


def test_a_loop_saved_before_any_check_is_broken_and_unknown_prerequisites_dropped() -> None:
    roadmap = load_roadmap()
    a = skill("own.skill.a", "Aaa", needs=("own.skill.b", "skill.nothing"))
    b = skill("own.skill.b", "Bbb", needs=("own.skill.a",))
    merged = merge_own_items(roadmap, [a, b])
    requires = {s.id: s.requires for s in merged.skills if s.id.startswith("own.")}
    assert requires == {"own.skill.a": ("own.skill.b",), "own.skill.b": ()}


def test_an_own_skill_a_job_ad_names_is_no_longer_outside_the_roadmap() -> None:
    roadmap = load_roadmap()
    outside = roadmap.outside_skills[0].name
    merged = merge_own_items(roadmap, [skill("own.skill.o", outside)])
    assert outside not in {o.name for o in merged.outside_skills}


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (OwnItem("own.task.1", OwnKind.TASK, "T", step_id="step.nope"), "unknown step 'step.nope'"),
        (skill("own.skill.z", "Zed", category="category.nope"), "unknown category 'category.nope'"),
        (skill("own.skill.p", "Python"), "is taken by the skill 'Python'"),
        (skill("own.skill.z", "Zed", needs=("skill.nope",)), "unknown prerequisite 'skill.nope'"),
        (skill("own.skill.z", "Zed", needs=("own.skill.z",)), "cannot be its own prerequisite"),
        (skill("own.skill.z", "!!!"), "has no letter or digit"),
    ],
)
def test_an_own_item_that_does_not_fit_is_refused_in_one_line(item: OwnItem, words: str) -> None:
    with pytest.raises(OwnItemError, match=words):
        check_own_item(load_roadmap(), item)


def test_new_ids_never_reuse_one_the_profile_had() -> None:
    assert new_own_id(OwnKind.TASK, "x", ["own.task.1", "own.task.7"]) == "own.task.8"
    assert new_own_id(OwnKind.SKILL, "Docker & K8s", []) == "own.skill.docker-k8s"
    assert new_own_id(OwnKind.SKILL, "Docker", ["own.skill.docker"]) == "own.skill.docker-2"
    assert new_own_id(OwnKind.SKILL, "機械学習", []) == "own.skill.skill"


# --- the service ------------------------------------------------------------------------------


def test_an_own_skill_has_a_state_a_note_evidence_and_suggestions_like_a_built_in_one(
    services: Services, ada: int
) -> None:
    docker = services.own_items.add(ada, "skill", "Docker", new_category="MLOps", prerequisites=["skill.python"])
    assert docker.id == "own.skill.docker"
    assert services.roadmap.skill(docker.id) is not None
    services.progress.set_state(ada, docker.id, "in_progress")
    services.progress.set_note(ada, docker.id, "compose files")
    assert services.progress.get(ada, docker.id).note == "compose files"
    project = services.portfolio.add(ada, "Model API", skill_ids=[docker.id], status="done")
    credential = services.credentials.add(ada, "Docker course", skill_ids=[docker.id], status="done")
    services.progress.set_state(ada, docker.id, "done")
    shown = {e.skill_id: e for e in services.evidence.evidence(ada)}[docker.id]
    assert shown.title == "Docker" and len(shown.proof) == 2, (project, credential)
    summary = services.progress.summary(ada)
    assert summary.skills.total == len(load_roadmap().skills) + 1


def test_suggestions_name_an_own_skill(services: Services, ada: int) -> None:
    docker = services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    services.progress.set_state(ada, docker.id, "in_progress")
    services.progress.set_state(ada, docker.id, "done")
    found = services.suggestions.next_actions(ada)
    assert any(docker.id in s.key or "Docker" in s.title + s.reason for s in found)


def test_an_own_task_counts_in_its_step(services: Services, ada: int) -> None:
    before = dict((s.id, t.total) for s, t in services.progress.summary(ada).steps)
    task = services.own_items.add(ada, "task", "Read the PEP 8", step_id="step.skills")
    assert task.id == "own.task.1"
    services.progress.set_state(ada, task.id, "done")
    after = {s.id: t for s, t in services.progress.summary(ada).steps}
    assert after["step.skills"].total == before["step.skills"] + 1 and after["step.skills"].done == 1


def test_own_items_belong_to_their_profile_and_the_roadmap_follows_the_profile(services: Services, ada: int) -> None:
    services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    sam = services.profiles.create("Sam").id
    services.use_profile(sam)
    assert services.roadmap.skill("own.skill.docker") is None
    with pytest.raises(UserError, match="unknown item"):
        services.progress.set_state(sam, "own.skill.docker", "done")
    services.use_profile(ada)
    assert services.roadmap.skill("own.skill.docker") is not None


def test_states_and_notes_check_the_items_of_the_profile_they_are_for(services: Services, ada: int) -> None:
    services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    services.use_profile(services.profiles.create("Sam").id)
    # A note typed for Ada and saved once Sam's profile is open still lands on Ada's item.
    services.progress.set_note(ada, "own.skill.docker", "kept for Ada")
    assert services.progress.get(ada, "own.skill.docker").note == "kept for Ada"
    assert services.progress.summary(ada).skills.total == len(load_roadmap().skills) + 1


def test_each_bad_own_item_is_refused_in_one_line_and_changes_nothing(services: Services, ada: int) -> None:
    services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    add = services.own_items.add
    refused(services, lambda: add(ada, "task", "T", step_id="step.nope"), "unknown step")
    refused(services, lambda: add(ada, "skill", "K8s", category_id="category.nope"), "unknown category")
    refused(services, lambda: add(ada, "skill", "docker", new_category="MLOps"), "is taken")
    refused(services, lambda: add(ada, "task", "T"), "give --step ID")
    refused(services, lambda: add(ada, "skill", "T"), "--category ID or --new-category NAME")
    refused(services, lambda: add(ada, "skill", "", new_category="X"), "needs a title")
    refused(services, lambda: add(ada, "skill", "Tea", new_category="Programming"), "has a category 'Programming'")
    refused(services, lambda: add(ada, "skill", "x" * 201, new_category="X"), "at most 200")
    refused(services, lambda: add(ada, "thing", "T", step_id="step.skills"), "unknown kind of item")
    services.own_items.add(ada, "skill", "Kubernetes", new_category="mlops", prerequisites=["own.skill.docker"])
    edit = services.own_items.edit
    refused(
        services, lambda: edit(ada, "own.skill.docker", prerequisites=["own.skill.kubernetes"]), "prerequisite loop"
    )
    refused(services, lambda: edit(ada, "own.skill.docker", title="Kubernetes"), "is taken")
    refused(services, lambda: edit(ada, "skill.python", title="Py"), "built-in item")
    refused(services, lambda: edit(ada, "own.skill.nope", title="Py"), "no own item")


def test_a_second_skill_in_a_new_category_joins_the_first(services: Services, ada: int) -> None:
    services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    k8s = services.own_items.add(ada, "skill", "Kubernetes", new_category="mlops")
    assert k8s.category_name == "MLOps"
    assert [c.title for c in services.roadmap.categories].count("MLOps") == 1


def test_an_edit_comes_back_with_put_back(services: Services, ada: int) -> None:
    item = services.own_items.add(ada, "task", "Draft", step_id="step.skills", description="first")
    change = services.own_items.edit(ada, item.id, title="Final", description="second")
    assert services.roadmap.title_of(item.id) == "Final"
    services.own_items.put_back(ada, change.before)
    again = services.own_items.get(ada, item.id)
    assert (again.title, again.description) == ("Draft", "first")
    actions = [a.action for a in services.activity.all(ada)]
    assert ActivityAction.ITEM_ADD in actions and ActivityAction.ITEM_EDIT in actions


def test_removing_an_item_with_progress_asks_first_and_keeps_its_state_and_note(services: Services, ada: int) -> None:
    item = services.own_items.add(ada, "skill", "Docker", new_category="MLOps")
    services.progress.set_state(ada, item.id, "done")
    services.progress.set_note(ada, item.id, "my note")
    refused(services, lambda: services.own_items.remove(ada, item.id), "--yes")
    with pytest.raises(NeedsConfirmation):
        services.own_items.remove(ada, item.id)
    gone = services.own_items.remove(ada, item.id, confirmed=True)
    assert services.roadmap.item(item.id) is None
    (archived,) = services.progress.archived(ada)
    assert (archived.item_id, archived.state, archived.note) == (item.id, ItemState.DONE, "my note")
    assert services.roadmap.title_of(item.id) == "Docker"
    assert [i.id for i in services.own_items.list(ada, removed=True)] == [item.id]
    tombstones = dump(services)["tombstones"]
    assert any(row[0] == gone.uuid for row in tombstones)
    services.own_items.restore(ada, gone)
    assert services.progress.get(ada, item.id).state is ItemState.DONE
    assert services.progress.archived(ada) == []
    assert not any(row[0] == gone.uuid for row in dump(services)["tombstones"])


def test_an_item_without_progress_is_removed_without_asking(services: Services, ada: int) -> None:
    item = services.own_items.add(ada, "task", "Nothing yet", step_id="step.apply")
    services.own_items.remove(ada, item.id)
    assert services.progress.archived(ada) == []
    nxt = services.own_items.add(ada, "task", "Next", step_id="step.apply")
    assert nxt.id == "own.task.2", "an id is never given twice"


def test_a_skill_the_gap_check_does_not_know_is_added_in_one_action(services: Services, ada: int) -> None:
    ad = "We use Terraform and PyTorch."
    assert "Terraform" in services.gap.check(ada, ad).unknown
    added = services.own_items.add_unknown_skill(ada, "Terraform")
    assert added.category_name == "From job ads"
    gap = services.gap.check(ada, ad)
    assert "Terraform" not in gap.unknown and added.id in [m.id for m in gap.missing]
