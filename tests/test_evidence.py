"""Evidence: what proves each skill claimed, the *unproven* flag, the `evidence` command,
and the prove-skill rule (one case that triggers it, and ones that do not)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from roadmap_app.content import load_roadmap
from roadmap_app.domain.model import ItemState, Progress, Project, ProjectStatus
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.domain.suggestions import Snapshot, all_candidates
from roadmap_app.services import Services
from tests.conftest import InProcessCli

ROADMAP = load_roadmap()
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)


def done(*ids: str) -> dict[str, Progress]:
    return {i: Progress(i, ItemState.DONE, "", NOW) for i in ids}


def project(status: ProjectStatus, *skills: str) -> Project:
    return Project(1, "Churn model", "", status, "", "", "", None, None, NOW, NOW, skill_ids=skills)


def prove(snap: Snapshot) -> list[str]:
    return [s.key for s in all_candidates(snap) if s.rule == "prove-skill"]


def test_a_done_skill_nothing_proves_is_flagged_and_each_kind_of_record_proves_it(services: Services) -> None:
    ada = services.profiles.create("Ada").id
    for skill in ("skill.python", "skill.sql", "skill.pytorch", "skill.descriptive-statistics"):
        services.progress.set_state(ada, skill, "done")
    services.progress.set_state(ada, "skill.nlp", "in_progress")
    p = services.portfolio.add(ada, "Tweets", status="building", skill_ids=["skill.python"])
    services.portfolio.add(ada, "Only an idea", skill_ids=["skill.descriptive-statistics"])
    e = services.experience.add(ada, "Intern", kind="internship", skill_ids=["skill.pytorch", "skill.python"])
    c = services.credentials.add(ada, "SQL course", status="done", skill_ids=["skill.sql"])
    services.credentials.add(ada, "Stats course", status="planned", skill_ids=["skill.descriptive-statistics"])
    found = {x.skill_id: x for x in services.evidence.evidence(ada)}
    assert set(found) == {"skill.python", "skill.sql", "skill.pytorch", "skill.descriptive-statistics", "skill.nlp"}
    assert [(q.kind.value, q.id) for q in found["skill.python"].proof] == [("project", p.id), ("experience", e.id)]
    assert [(q.kind.value, q.id) for q in found["skill.sql"].proof] == [("credential", c.id)]
    # An idea and a planned credential prove nothing yet; a skill in progress is never unproven.
    assert found["skill.descriptive-statistics"].proof == () and found["skill.descriptive-statistics"].unproven
    assert not found["skill.nlp"].unproven
    assert [x for x in found if found[x].unproven] == ["skill.descriptive-statistics"]


def test_one_skill_s_evidence_is_the_same_as_in_the_whole_list(services: Services) -> None:
    ada = services.profiles.create("Ada").id
    for skill in ("skill.python", "skill.sql", "skill.nlp"):
        services.progress.set_state(ada, skill, "done")
    services.portfolio.add(ada, "Tweets", status="building", skill_ids=["skill.python", "skill.nlp"])
    services.portfolio.add(ada, "Queries", status="done", skill_ids=["skill.python"])
    services.portfolio.add(ada, "Only an idea", skill_ids=["skill.sql"])
    services.experience.add(ada, "Intern", kind="internship", skill_ids=["skill.python"])
    services.credentials.add(ada, "NLP course", status="done", skill_ids=["skill.nlp"])
    whole = {x.skill_id: x for x in services.evidence.evidence(ada)}
    assert set(whole) == {"skill.python", "skill.sql", "skill.nlp"}
    for skill_id, expected in whole.items():
        assert services.evidence.of_skill(ada, skill_id) == expected
    assert whole["skill.sql"].unproven  # an idea proves nothing
    assert services.evidence.of_skill(ada, "skill.r") is None  # not claimed


def test_the_evidence_command_gives_the_documented_shape(run_cli: InProcessCli) -> None:
    assert run_cli("set", "skill.python", "done").returncode == 0
    assert run_cli("set", "skill.sql", "done").returncode == 0
    eid = run_cli("experience", "add", "Intern", "--skill", "skill.python").stdout.strip()
    result = run_cli("evidence", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["skill.python"] == {
        "id": "skill.python",
        "title": "Python",
        "state": "done",
        "proof": [{"kind": "experience", "id": int(eid), "title": "Intern"}],
        "unproven": False,
    }
    assert rows["skill.sql"]["unproven"] is True and rows["skill.sql"]["proof"] == []
    text = run_cli("evidence").stdout
    assert "SQL  [skill.sql, done]  UNPROVEN" in text and "1 done skill without proof." in text


def test_prove_skill_triggers_for_a_done_skill_nothing_proves() -> None:
    snap = Snapshot(ROADMAP, TODAY, states=done("skill.python", "skill.sql"))
    found = [s for s in all_candidates(snap) if s.rule == "prove-skill"]
    assert len(found) == 1
    assert found[0].key.startswith("prove-skill:skill.")
    assert found[0].action.kind in (ActionKind.START_PROJECT, ActionKind.OPEN_ITEM)
    assert "interviewer" in found[0].reason


def test_prove_skill_picks_the_skill_the_target_role_asks_for() -> None:
    wanted = next(s for d in ROADMAP.duties for s in d.skill_ids if ROADMAP.skill(s) is not None)
    unused = next(s.id for s in ROADMAP.skills if all(s.id not in d.skill_ids for d in ROADMAP.duties))
    snap = Snapshot(ROADMAP, TODAY, states=done(unused, wanted))
    assert prove(snap) == [f"prove-skill:{wanted}"]


def test_prove_skill_does_not_trigger_when_every_done_skill_is_proven() -> None:
    assert prove(Snapshot(ROADMAP, TODAY)) == []
    states = done("skill.python", "skill.sql")
    assert prove(Snapshot(ROADMAP, TODAY, states=states, record_skills=frozenset({"skill.python", "skill.sql"}))) == []
    projects = (project(ProjectStatus.BUILDING, "skill.python", "skill.sql"),)
    assert prove(Snapshot(ROADMAP, TODAY, states=states, projects=projects)) == []
    # A project that is only an idea proves nothing.
    ideas = (project(ProjectStatus.IDEA, "skill.python", "skill.sql"),)
    assert prove(Snapshot(ROADMAP, TODAY, states=states, projects=ideas)) != []


def test_the_suggestions_read_experience_and_credentials_as_proof(services: Services) -> None:
    ada = services.profiles.create("Ada").id
    services.progress.set_state(ada, "skill.python", "done")
    assert "prove-skill:skill.python" in prove(services.suggestions.snapshot(ada))
    services.credentials.add(ada, "Python course", status="planned", skill_ids=["skill.python"])
    assert "prove-skill:skill.python" in prove(services.suggestions.snapshot(ada))
    services.experience.add(ada, "Open source fixes", kind="open_source", skill_ids=["skill.python"])
    assert prove(services.suggestions.snapshot(ada)) == []


def test_the_unproven_skills_are_those_the_whole_evidence_flags(services: Services, data_dir: Path) -> None:
    ada = services.profiles.create("Ada").id
    bob = services.profiles.create("Bob").id
    skills = ("skill.python", "skill.sql", "skill.pytorch", "skill.nlp", "skill.r", "skill.descriptive-statistics")
    for skill in skills:
        services.progress.set_state(ada, skill, "done")
    services.progress.set_state(ada, "skill.spark", "in_progress")
    services.portfolio.add(ada, "Tweets", status="building", skill_ids=["skill.python"])
    services.portfolio.add(ada, "Only an idea", skill_ids=["skill.sql"])
    later = services.portfolio.add(ada, "From a newer version", status="done", skill_ids=["skill.r"])
    services.experience.add(ada, "Intern", kind="internship", skill_ids=["skill.pytorch"])
    services.credentials.add(ada, "NLP course", status="in_progress", skill_ids=["skill.nlp"])
    services.credentials.add(ada, "Stats course", status="planned", skill_ids=["skill.descriptive-statistics"])
    # Another learner's records prove nothing for Ada.
    services.portfolio.add(bob, "Bob's queries", status="done", skill_ids=["skill.sql"])
    services.experience.add(bob, "Bob's job", skill_ids=["skill.descriptive-statistics"])
    # A status this version does not know reads as an idea, in both.
    with sqlite3.connect(data_dir / "roadmap.sqlite3") as db:
        db.execute("UPDATE projects SET status = 'shipped' WHERE id = ?", (later.id,))
    db.close()  # the context manager commits; it does not close

    flagged = [e for e in services.evidence.evidence(ada) if e.unproven]
    assert [e.skill_id for e in flagged] == ["skill.r", "skill.sql", "skill.descriptive-statistics"]
    assert services.evidence.unproven(ada) == flagged
    assert services.evidence.unproven(bob) == []
