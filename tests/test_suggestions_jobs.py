"""The job-search rules, one learner state at a time: each fires when it should and only then."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

from job_helpers import application, applied
from test_suggestions import (
    CORE_SKILLS,
    ROADMAP,
    TODAY,
    find,
    keys,
    progress,
    project,
    ready_to_apply,
    snapshot,
)

from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.model import Feedback, ProjectStatus
from roadmap_app.domain.suggestion_facts import Facts, Snapshot
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestions import all_candidates, suggest_next_actions
from roadmap_app.domain.today import Theme, minutes_for, theme_of


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def of_rule(snap: Snapshot, rule: str) -> list[Suggestion]:
    return [s for s in all_candidates(snap) if s.rule == rule]


def rule_keys(snap: Snapshot, rule: str) -> list[str]:
    return [s.key for s in of_rule(snap, rule)]


# --- the facts ------------------------------------------------------------------------------------


def test_the_facts_index_open_applications_and_the_skills_their_ads_lack() -> None:
    apps = (
        applied(1, ago(3)),
        application(2, stages=((Stage.SAVED, ago(2)),)),
        applied(3, ago(9), "", (Stage.REJECTED, ago(1))),
        applied(4, ago(5), "", (Stage.INTERVIEW, ago(1))),
    )
    ads = {
        1: ("skill.spark", "skill.python", "skill.spark", "skill.not-in-the-roadmap"),
        3: ("skill.spark",),
        4: ("skill.python",),
    }
    facts = Facts(snapshot(states=progress(["skill.python"]), applications=apps, ad_skills=ads))
    assert [a.id for a in facts.open_applications] == [1, 4]
    # In the ad's order, each once, and only skills the roadmap knows.
    assert facts.ad_skills == {1: ("skill.spark", "skill.python"), 2: (), 3: ("skill.spark",), 4: ("skill.python",)}
    assert facts.missing_skills == {1: ("skill.spark",), 2: (), 3: ("skill.spark",), 4: ()}
    # A closed application's ad weighs nothing.
    assert {s: [a.id for a in apps] for s, apps in facts.open_asking.items()} == {
        "skill.spark": [1],
        "skill.python": [1, 4],
    }


# --- follow up after 7 days -----------------------------------------------------------------------


def test_an_application_with_no_reply_seven_days_after_applying_asks_for_a_follow_up() -> None:
    app = replace(applied(1, ago(7), "Acme"), contacts=application(1, contacts=["Ana Ruiz"]).contacts)
    found = find(snapshot(applications=(app,)), "follow-up:application:1")
    assert found.title == "Follow up with Acme"
    assert f"applied to Acme for ML Engineer on {ago(7).isoformat()}, 7 days ago" in found.reason
    assert "note to Ana Ruiz" in found.reason
    assert found.action == Action(ActionKind.OPEN_APPLICATION, "1", "note", "Open application")
    assert theme_of(found) is Theme.JOB_SEARCH and minutes_for(found) == 10


def test_no_follow_up_before_seven_days_after_a_reply_an_interview_or_while_only_saved() -> None:
    for app in (
        applied(1, ago(6)),
        applied(1, ago(10), "", (Stage.SCREENING, ago(2))),
        applied(1, ago(10), "", (Stage.WITHDRAWN, ago(2))),
        replace(
            applied(1, ago(10)), interviews=application(1, interviews=[(ahead(5), InterviewKind.PHONE)]).interviews
        ),
        application(1, stages=((Stage.SAVED, ago(30)),)),
    ):
        assert rule_keys(snapshot(applications=(app,)), "follow-up") == []


def test_a_dismissed_follow_up_stays_away_as_the_days_pass() -> None:
    snap = snapshot(applications=(applied(1, ago(8)),))
    (shown,) = of_rule(snap, "follow-up")
    dismissed = {shown.key: Feedback(shown.key, None, shown.fingerprint)}
    later = replace(snap, today=ahead(3), feedback=dismissed)
    assert "follow-up:application:1" not in keys(later)


def test_the_longest_wait_leads_the_follow_ups_and_the_rest_are_folded_into_it() -> None:
    snap = snapshot(
        applications=(applied(1, ago(8), "Acme"), applied(2, ago(12), "Globex"), applied(3, ago(9), "Initech"))
    )
    assert rule_keys(snap, "follow-up") == [f"follow-up:application:{i}" for i in (2, 3, 1)]
    (advice,) = [s for s in suggest_next_actions(snap) if s.rule == "follow-up"]
    assert advice.title == "Follow up with Globex and 2 more employers"
    assert len(advice.folded) == 2


# --- prepare for an interview ---------------------------------------------------------------------


def _interviewing(on: date, stage: Stage = Stage.INTERVIEW) -> Snapshot:
    app = applied(1, ago(20), "Acme", (stage, ago(5)))
    app = replace(app, interviews=application(1, interviews=[(on, InterviewKind.TECHNICAL)]).interviews)
    ads = {1: ("skill.python", "skill.spark", "skill.pytorch")}
    return snapshot(states=progress(["skill.python"]), applications=(app,), ad_skills=ads)


def test_an_interview_in_the_coming_days_asks_to_prepare_naming_the_ad_s_missing_skills() -> None:
    found = find(_interviewing(ahead(2)), "prepare-interview:application:1")
    assert found.title == "Prepare for Acme's technical interview in 2 days"
    assert f"in 2 days ({ahead(2).isoformat()})" in found.reason
    assert "the ad asks for Spark and PyTorch, which you have not marked done" in found.reason
    assert "Python" not in found.reason
    assert found.action == Action(ActionKind.OPEN_APPLICATION, "1", "interview", "Open application")
    assert minutes_for(found) == 30
    assert "interview today" in find(_interviewing(TODAY), "prepare-interview:application:1").title
    assert find(_interviewing(ahead(1)), "prepare-interview:application:1").priority > found.priority


def test_an_interview_four_days_ahead_past_or_of_a_closed_application_needs_no_preparing_yet() -> None:
    assert rule_keys(_interviewing(ahead(4)), "prepare-interview") == []
    assert rule_keys(_interviewing(ago(1)), "prepare-interview") == []
    assert rule_keys(_interviewing(ahead(1), Stage.REJECTED), "prepare-interview") == []


def test_with_every_skill_of_the_ad_done_preparing_means_examples() -> None:
    snap = replace(_interviewing(ahead(1)), states=progress(["skill.python", "skill.spark", "skill.pytorch"]))
    found = find(snap, "prepare-interview:application:1")
    assert "you have done every roadmap skill the ad asks for" in found.reason
    no_ad = replace(snap, ad_skills={})
    assert "go over the ad" in find(no_ad, "prepare-interview:application:1").reason


# --- thank the interviewers -----------------------------------------------------------------------


def test_the_day_after_an_interview_asks_to_thank_the_interviewers_by_name() -> None:
    app = application(
        1,
        "Acme",
        stages=((Stage.APPLIED, ago(10)), (Stage.INTERVIEW, ago(3))),
        interviews=[(ago(1), InterviewKind.ONSITE)],
        contacts=["Ana Ruiz", "Bo Chen"],
    )
    found = find(snapshot(applications=(app,)), "thank-interviewers:application:1")
    assert found.title == "Thank the interviewers at Acme"
    assert f"onsite interview with Acme for ML Engineer was yesterday ({ago(1).isoformat()}):" in found.reason
    assert "send Ana Ruiz and Bo Chen a short thank-you today" in found.reason
    assert found.action == Action(ActionKind.OPEN_APPLICATION, "1", "interview", "Open application")


def test_no_thanks_on_the_day_of_the_interview_two_days_later_or_after_a_rejection() -> None:
    for on, stage in ((TODAY, Stage.INTERVIEW), (ago(2), Stage.INTERVIEW), (ago(1), Stage.REJECTED)):
        app = application(1, stages=((Stage.APPLIED, ago(10)), (stage, ago(1))), interviews=[(on, InterviewKind.PHONE)])
        assert rule_keys(snapshot(applications=(app,)), "thank-interviewers") == []


# --- gone quiet after 21 days ---------------------------------------------------------------------


def test_an_application_silent_for_three_weeks_has_probably_gone_quiet() -> None:
    snap = snapshot(applications=(applied(1, ago(21), "Acme"),))
    found = find(snap, "gone-quiet:application:1")
    assert found.title == "Has Acme gone quiet?"
    assert "21 days ago, and have heard nothing since" in found.reason
    assert "mark it rejected or withdrawn" in found.reason and "last follow-up" in found.reason
    assert found.action == Action(ActionKind.OPEN_APPLICATION, "1", "stage", "Open application")
    assert rule_keys(snap, "follow-up") == [], "the follow-up gives way to it"


def test_twenty_days_of_silence_or_a_reply_is_not_gone_quiet() -> None:
    assert rule_keys(snapshot(applications=(applied(1, ago(20)),)), "gone-quiet") == []
    replied = applied(1, ago(40), "", (Stage.SCREENING, ago(30)))
    assert rule_keys(snapshot(applications=(replied,)), "gone-quiet") == []


# --- the skill most often missing -----------------------------------------------------------------


def _five_open(**ads: tuple[str, ...]) -> Snapshot:
    apps = tuple(
        applied(i, ago(2), name) for i, name in enumerate(["Acme", "Globex", "Initech", "Umbrella", "Hooli"], 1)
    )
    closed = applied(6, ago(30), "Wayne", (Stage.REJECTED, ago(5)))
    by_id = {int(k[1:]): v for k, v in ads.items()}
    return snapshot(states=progress(["skill.python"]), applications=(*apps, closed), ad_skills=by_id)


def test_the_skill_most_open_applications_ask_for_is_counted() -> None:
    spark, torch = "skill.spark", "skill.pytorch"
    snap = _five_open(a1=(spark, torch), a2=(spark,), a3=(spark, torch), a4=("skill.python",), a6=(torch, torch))
    found = of_rule(snap, "missing-skill")
    assert [s.key for s in found] == ["missing-skill:skill.spark", "missing-skill:skill.pytorch"]
    spark_advice = found[0]
    assert spark_advice.reason.startswith("3 of your 5 open applications ask for Spark (Acme, Globex, Initech)")
    assert "you have not started it" in spark_advice.reason
    assert spark_advice.title == "Learn Spark: 3 of your open applications ask for it"
    assert spark_advice.action == Action(ActionKind.SET_STATE, spark, "in_progress", "Start learning")
    # The closed application at Wayne does not count for PyTorch.
    assert found[1].reason.startswith("2 of your 5 open applications ask for PyTorch (Acme, Initech)")
    (shown,) = [s for s in suggest_next_actions(snap) if s.rule == "missing-skill"]
    assert shown.key == "missing-skill:skill.spark" and len(shown.folded) == 1


def test_a_skill_one_ad_asks_for_or_one_already_done_is_not_raised() -> None:
    assert rule_keys(_five_open(a1=("skill.spark",), a2=("skill.pytorch",)), "missing-skill") == []
    assert rule_keys(_five_open(a1=("skill.python",), a2=("skill.python",)), "missing-skill") == []


def test_of_skills_asked_for_as_often_the_target_role_s_comes_first() -> None:
    snap = _five_open(a1=("skill.r", "skill.sql"), a2=("skill.r", "skill.sql"))
    # Without a chosen role the entry level stands for the first job: its duties use SQL, not
    # R, which comes first in the roadmap.
    assert rule_keys(snap, "missing-skill") == ["missing-skill:skill.sql", "missing-skill:skill.r"]
    assert "entry-level ML engineer jobs use it" in of_rule(snap, "missing-skill")[0].reason


# --- job readiness with real applications ---------------------------------------------------------


def test_ready_with_step_five_started_and_no_application_asks_for_the_first_one() -> None:
    snap = ready_to_apply()
    snap = replace(snap, states={**snap.states, **progress(["task.apply.research-companies"])})
    found = find(snap, "apply:first")
    assert found.title == "Add your first job application"
    assert "no application is on record" in found.reason
    assert found.action == Action(ActionKind.OPEN_PAGE, "job_search", label="Open job search")


def test_with_applications_on_record_it_no_longer_says_start_applying() -> None:
    snap = replace(ready_to_apply(), applications=(applied(1, ago(2), "Acme"),))
    found = [s for s in all_candidates(snap) if s.rule == "job-readiness"]
    assert [s.key for s in found] == ["apply:more"]
    assert found[0].reason.startswith("You have applied to 1 job (1 waiting for a reply); only 1 is still open.")
    assert found[0].action == Action(ActionKind.OPEN_PAGE, "job_search", label="Open job search")
    # Nor, part-way, does it say to close the gaps before applying.
    halfway = snapshot(states=progress(CORE_SKILLS), applications=(applied(1, ago(2)),))
    assert [s.key for s in of_rule(halfway, "job-readiness")] == ["apply:more"]


def test_how_the_search_goes_counts_each_stage() -> None:
    apps = (
        applied(1, ago(30), "", (Stage.REJECTED, ago(20))),
        applied(2, ago(30), "", (Stage.WITHDRAWN, ago(20))),
        applied(3, ago(10), "", (Stage.SCREENING, ago(5))),
        application(4, stages=((Stage.SAVED, ago(1)),)),
    )
    (found,) = of_rule(snapshot(applications=apps), "job-readiness")
    assert found.reason.startswith(
        "You have applied to 3 jobs (1 in the employer's process, 1 rejected, 1 withdrawn); "
        "1 saved ad still to send; only 1 is still open."
    )
    closed = snapshot(applications=apps[:2])
    assert "none is open now" in of_rule(closed, "job-readiness")[0].reason


def test_three_open_applications_an_offer_or_a_job_stop_the_nagging() -> None:
    three = tuple(applied(i, ago(2)) for i in (1, 2, 3))
    assert of_rule(snapshot(applications=three), "job-readiness") == []
    offer = (applied(1, ago(20), "", (Stage.OFFER, ago(1))),)
    assert of_rule(snapshot(applications=offer), "job-readiness") == []
    job = (applied(1, ago(40), "", (Stage.ACCEPTED, ago(1))), applied(2, ago(40), "", (Stage.REJECTED, ago(9))))
    assert of_rule(snapshot(applications=job), "job-readiness") == []


def test_only_saved_ads_ask_to_send_the_one_that_fits_best() -> None:
    apps = tuple(application(i, name, stages=((Stage.SAVED, ago(3)),)) for i, name in ((1, "Acme"), (2, "Globex")))
    ads = {1: ("skill.spark", "skill.pytorch"), 2: ("skill.python", "skill.spark")}
    snap = snapshot(states=progress(["skill.python"]), applications=apps, ad_skills=ads)
    (found,) = of_rule(snap, "job-readiness")
    assert found.key == "apply:send-saved" and found.title == "Send your application to Globex"
    assert "saved 2 job ads (Acme, Globex) and applied to none yet" in found.reason
    assert "Globex's ad asks for 1 skill you have not done, the fewest" in found.reason
    assert found.action == Action(ActionKind.OPEN_APPLICATION, "2", "stage", "Open application")


# --- prove the unproven skill that matters most ---------------------------------------------------


def _unproven(*apps_asking: tuple[int, tuple[str, ...]], stage: Stage = Stage.APPLIED) -> Snapshot:
    """R (no role's duty, first in the roadmap) and SQL (the entry level's) done, nothing proving them."""
    apps = tuple(
        applied(i, ago(3)) if stage is Stage.APPLIED else applied(i, ago(9), "", (stage, ago(2)))
        for i, _ in apps_asking
    )
    return snapshot(
        states=progress(["skill.python", "skill.r", "skill.sql"]),
        projects=(project(1, ProjectStatus.DONE, ["skill.python"]),),
        applications=apps,
        ad_skills=dict(apps_asking),
    )


def test_prove_skill_weighs_the_open_applications_ads_before_the_target_role() -> None:
    snap = _unproven((1, ("skill.r",)), (2, ("skill.r", "skill.sql")))
    (found,) = of_rule(snap, "prove-skill")
    assert found.key == "prove-skill:skill.r"
    assert "2 of your 2 open applications ask for it" in found.reason
    assert "add it to “Project 1” or another project or experience where you used it" in found.reason


def test_prove_skill_falls_back_on_the_target_role_when_the_ads_weigh_the_same() -> None:
    even = _unproven((1, ("skill.r",)), (2, ("skill.sql",)))
    assert rule_keys(even, "prove-skill") == ["prove-skill:skill.sql"]
    assert rule_keys(_unproven(), "prove-skill") == ["prove-skill:skill.sql"]
    # Ads of applications no longer open weigh nothing.
    closed = _unproven((1, ("skill.r",)), (2, ("skill.r",)), stage=Stage.REJECTED)
    assert rule_keys(closed, "prove-skill") == ["prove-skill:skill.sql"]


def test_every_job_rule_is_on_the_job_search_and_the_snapshot_defaults_to_no_applications() -> None:
    snap = Snapshot(ROADMAP, TODAY)
    assert snap.applications == () and dict(snap.ad_skills) == {}
    for rule in ("prepare-interview", "thank-interviewers", "follow-up", "gone-quiet", "missing-skill"):
        probe = Suggestion("k", "t", "r", 1, Action(ActionKind.OPEN_APPLICATION, "1"), rule)
        assert theme_of(probe) is Theme.JOB_SEARCH


def test_the_job_rules_are_fast_with_500_applications() -> None:
    stages = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.REJECTED, Stage.SAVED]
    skills = [s.id for s in ROADMAP.skills]
    apps = tuple(
        replace(
            applied(i, ago(i % 40), f"Company {i}", (stages[i % 5], ago(i % 40))),
            interviews=application(i, interviews=[(ahead(i % 7 - 3), InterviewKind.TECHNICAL)]).interviews,
        )
        for i in range(1, 501)
    )
    ads = {i: tuple(skills[(i * 7 + k) % len(skills)] for k in range(8)) for i in range(1, 501)}
    snap = replace(ready_to_apply(), applications=apps, ad_skills=ads)
    suggest_next_actions(snap)
    started = time.perf_counter()
    for _ in range(5):
        suggest_next_actions(snap)
    # The real figure is in docs/next-actions.md; this only catches an accidental blow-up.
    assert (time.perf_counter() - started) / 5 < 0.2
