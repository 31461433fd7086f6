"""The services, used as the window and the command line use them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.content import default_roadmap_path
from roadmap_app.domain.activity import ActivityAction
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.services import InvalidInputError, NotFoundError, Services, UserError


def test_a_first_profile_is_created_on_demand(services: Services) -> None:
    assert services.profiles.count() == 0
    profile = services.profiles.current()
    assert profile.name
    assert services.profiles.current().id == profile.id
    assert services.profiles.count() == 1


def test_setting_a_state_returns_before_and_after_and_restore_undoes_it(services: Services) -> None:
    me = services.profiles.current()
    change = services.progress.set_state(me.id, "skill.python", ItemState.DONE)
    assert (change.before.state, change.after.state) == (ItemState.TODO, ItemState.DONE)
    services.progress.restore(me.id, change.before)
    assert services.progress.get(me.id, "skill.python").state is ItemState.TODO
    log = [a.action for a in services.activity.recent(me.id)]
    assert log.count(ActivityAction.ITEM_STATE) == 2


def test_notes_are_kept_per_item_and_per_profile(services: Services) -> None:
    me = services.profiles.current()
    other = services.profiles.create("Grace")
    services.progress.set_note(me.id, "skill.sql", "Window functions next")
    assert services.progress.get(me.id, "skill.sql").note == "Window functions next"
    assert services.progress.get(other.id, "skill.sql").note == ""


def test_step_progress_is_derived_from_its_tasks(services: Services) -> None:
    me = services.profiles.current()
    step = services.roadmap.steps[1]
    first, second = step.tasks[0], step.tasks[1]
    services.progress.set_state(me.id, first.id, "done")
    services.progress.set_state(me.id, second.id, "skipped")
    tally = services.progress.summary(me.id).step_tally(step.id)
    assert (tally.done, tally.skipped, tally.total) == (1, 1, len(step.tasks))
    assert tally.fraction == pytest.approx(1 / (len(step.tasks) - 1))


def test_the_current_step_is_the_first_unfinished_one(services: Services) -> None:
    me = services.profiles.current()
    assert services.progress.summary(me.id).current_step_id == "step.credential"
    for task in services.roadmap.steps[0].tasks:
        services.progress.set_state(me.id, task.id, "done")
    assert services.progress.summary(me.id).current_step_id == "step.skills"
    assert services.progress.summary(me.id, chosen_step="step.portfolio").current_step_id == "step.portfolio"


def test_only_tasks_and_skills_take_a_state(services: Services) -> None:
    me = services.profiles.current()
    with pytest.raises(NotFoundError, match="unknown item"):
        services.progress.set_state(me.id, "skill.cobol", "done")
    with pytest.raises(InvalidInputError, match="only tasks and skills"):
        services.progress.set_state(me.id, "duty.design-models", "done")
    with pytest.raises(InvalidInputError, match="unknown state"):
        services.progress.set_state(me.id, "skill.python", "finished")


def test_project_lifecycle_with_skills_notes_and_undoable_delete(services: Services) -> None:
    me = services.profiles.current()
    project = services.portfolio.add(me.id, "  Fraud   detection ", skill_ids=["skill.python", "skill.sql"])
    assert project.title == "Fraud detection" and project.status is ProjectStatus.IDEA
    change = services.portfolio.update(me.id, project.id, status="done", repo_url="https://example.org/fraud")
    assert change.after.started_on is not None and change.after.finished_on is not None
    note = services.portfolio.add_note(me.id, project.id, "## Results\nF1 = 0.91")
    edited = services.portfolio.update_note(me.id, note.id, "## Results\nF1 = 0.93")
    assert edited.before.text.endswith("0.91") and edited.after.text.endswith("0.93")
    services.portfolio.set_skills(me.id, project.id, ["skill.scikit-learn"])
    assert [p.id for p in services.portfolio.with_skill(me.id, "skill.scikit-learn")] == [project.id]

    gone = services.portfolio.delete(me.id, project.id)
    assert services.portfolio.projects(me.id) == []
    back = services.portfolio.restore(me.id, gone)
    assert back.id == project.id
    assert [n.text for n in services.portfolio.get(me.id, project.id).notes] == ["## Results\nF1 = 0.93"]
    assert services.portfolio.get(me.id, project.id).skill_ids == ("skill.scikit-learn",)


def test_projects_reject_bad_links_titles_and_foreign_profiles(services: Services) -> None:
    me = services.profiles.current()
    other = services.profiles.create("Grace")
    with pytest.raises(InvalidInputError, match="https://"):
        services.portfolio.add(me.id, "X", repo_url="javascript:alert(1)")
    with pytest.raises(InvalidInputError, match="title"):
        services.portfolio.add(me.id, "   ")
    mine = services.portfolio.add(me.id, "Mine")
    with pytest.raises(NotFoundError):
        services.portfolio.get(other.id, mine.id)


def test_starting_a_project_from_an_idea_carries_its_skills(services: Services) -> None:
    me = services.profiles.current()
    idea = services.roadmap.project_ideas[0]
    project = services.portfolio.start_from_idea(me.id, idea.id)
    assert project.idea_id == idea.id and set(project.skill_ids) == set(idea.skill_ids)


def test_profiles_rename_delete_and_name_rules(services: Services) -> None:
    ada = services.profiles.create("Ada")
    with pytest.raises(UserError, match="already exists"):
        services.profiles.create("Ada")
    with pytest.raises(InvalidInputError):
        services.profiles.create("  ")
    services.profiles.rename(ada.id, "Ada L.")
    assert services.profiles.find("Ada L.").id == ada.id
    services.progress.set_state(ada.id, "skill.python", "done")
    services.profiles.delete(ada.id)
    with pytest.raises(NotFoundError):
        services.profiles.find("Ada L.")


def test_goal_is_validated_against_the_content(services: Services) -> None:
    me = services.profiles.current()
    _before, after = services.profiles.set_goal(
        me.id, current_step_id="step.portfolio", target_career_id="career.ml-architect"
    )
    assert after.current_step_id == "step.portfolio"
    with pytest.raises(NotFoundError):
        services.profiles.set_goal(me.id, target_career_id="career.astronaut")


def test_progress_for_items_a_later_content_drops_is_kept(data_dir: Path, tmp_path: Path) -> None:
    _paths, services = open_services(data_dir)
    me = services.profiles.current()
    services.progress.set_state(me.id, "skill.theano", "done")
    services.close()
    source = default_roadmap_path()
    trimmed = tmp_path / "trimmed.toml"
    text = source.read_text(encoding="utf-8")
    start = text.index('id = "skill.theano"')
    block_start = text.rindex("[[skills]]", 0, start)
    block_end = text.index("[[", start)
    trimmed.write_text(text[:block_start] + text[block_end:], encoding="utf-8")
    _paths, later = open_services(data_dir, roadmap_path=trimmed)
    assert later.roadmap.item("skill.theano") is None
    assert later.progress.states(me.id)["skill.theano"].state is ItemState.DONE
    later.close()


def test_writes_use_the_injected_clock(data_dir: Path) -> None:
    moment = datetime(2025, 3, 1, 9, 30)
    _paths, services = open_services(data_dir, clock=lambda: moment)
    me = services.profiles.current()
    services.progress.set_state(me.id, "skill.python", "in_progress")
    assert services.progress.get(me.id, "skill.python").updated_at == moment
    project = services.portfolio.add(me.id, "Spam filter", status="building")
    assert project.started_on == date(2025, 3, 1)
    assert services.activity.recent(me.id)[0].at == moment
    assert services.profiles.get(me.id).created_at == moment
    services.close()


def test_a_project_edit_with_fields_and_skills_is_one_transaction(services: Services) -> None:
    me = services.profiles.current()
    project = services.portfolio.add(me.id, "Churn", skill_ids=["skill.python"])
    with pytest.raises(UserError, match="unknown skill"):
        services.portfolio.update(me.id, project.id, title="Churn v2", skill_ids=["skill.python", "skill.nope"])
    unchanged = services.portfolio.get(me.id, project.id)
    assert (unchanged.title, unchanged.skill_ids) == ("Churn", ("skill.python",))

    change = services.portfolio.update(me.id, project.id, title="Churn v2", skill_ids=["skill.python", "skill.sql"])
    assert (change.after.title, set(change.after.skill_ids)) == ("Churn v2", {"skill.python", "skill.sql"})
