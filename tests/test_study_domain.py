"""Time in the domain: streaks, the history's days and week, heatmap shades, the pace plan and
the three next-action rules about time, built from domain objects alone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from roadmap_app.domain.model import (
    Duty,
    Effort,
    ItemState,
    Level,
    Progress,
    Roadmap,
    Skill,
    SkillCategory,
    SkillGroup,
    Step,
    Task,
)
from roadmap_app.domain.pace import DEFAULT_HOURS, IN_PROGRESS_LEFT, PACE_LIMITS, Plan, make_plan
from roadmap_app.domain.study import TimeFacts, make_history, shade, streaks
from roadmap_app.domain.suggestion_facts import Facts, Snapshot
from roadmap_app.domain.suggestion_rules_time import behind_goal, plan_slipping, streak_at_risk

TODAY = date(2026, 3, 4)  # a Wednesday
NOW = datetime(2026, 3, 4, 9, 0)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# --- streaks ---------------------------------------------------------------------------------


def test_the_current_streak_counts_today_once_studied() -> None:
    assert streaks({ago(0): 30, ago(1): 30, ago(2): 30}, TODAY, 10) == (3, 3)


def test_the_current_streak_stays_alive_until_today_ends() -> None:
    # Nothing yet today: the run up to yesterday still counts.
    assert streaks({ago(1): 30, ago(2): 30}, TODAY, 10) == (2, 2)
    # Nothing yesterday either: the streak is over, the longest run is kept.
    assert streaks({ago(2): 30, ago(3): 30}, TODAY, 10) == (0, 2)


def test_a_day_counts_from_the_minimum_and_not_below_it() -> None:
    minutes = {ago(0): 10, ago(1): 9, ago(2): 10, ago(3): 10}
    assert streaks(minutes, TODAY, 10) == (1, 2)
    assert streaks(minutes, TODAY, 9) == (4, 4)
    assert streaks(minutes, TODAY, 11) == (0, 0)


def test_the_longest_streak_is_over_all_time_and_gaps_break_runs() -> None:
    old_run = {ago(400 + n): 60 for n in range(5)}
    recent = {ago(0): 15, ago(1): 15, ago(3): 15, ago(4): 15, ago(5): 15}
    assert streaks(old_run | recent, TODAY, 10) == (2, 5)
    assert streaks(recent, TODAY, 10) == (2, 3)


def test_days_after_today_do_not_make_a_streak() -> None:
    assert streaks({TODAY + timedelta(days=1): 60, TODAY + timedelta(days=2): 60}, TODAY, 10) == (0, 0)


# --- the history -------------------------------------------------------------------------------


def test_the_history_lists_every_day_of_the_period_with_zeros() -> None:
    history = make_history({ago(3): 25, ago(20): 40}, {ago(3): 2, ago(5): 1}, TODAY, weeks=2)
    days = [d.day for d in history.days]
    assert days == [ago(13 - n) for n in range(14)]
    by_day = {d.day: d for d in history.days}
    assert (by_day[ago(3)].minutes, by_day[ago(3)].changes) == (25, 2)
    assert (by_day[ago(5)].minutes, by_day[ago(5)].changes) == (0, 1)
    assert sum(d.minutes for d in history.days) == 25  # the day 20 days ago is outside the period
    assert history.as_dict()["days"][-1] == {"date": TODAY.isoformat(), "minutes": 0, "changes": 0}


def test_the_week_starts_on_the_first_weekday_given() -> None:
    sunday, monday = date(2026, 3, 1), date(2026, 3, 2)
    totals = {ago(7): 100, sunday: 30, monday: 20, TODAY: 5}
    from_monday = make_history(totals, {}, TODAY, weeks=1, goal_minutes=360, first_weekday=0)
    assert (from_monday.week_start, from_monday.week_minutes) == (monday, 25)
    from_sunday = make_history(totals, {}, TODAY, weeks=1, goal_minutes=360, first_weekday=6)
    assert (from_sunday.week_start, from_sunday.week_minutes) == (sunday, 55)
    assert from_sunday.as_dict()["week"] == {"minutes": 55, "goal_minutes": 360}
    assert from_sunday.today_minutes == 5


def test_the_history_streaks_reach_back_before_the_period() -> None:
    totals = {ago(n): 20 for n in range(30)}
    history = make_history(totals, {}, TODAY, weeks=1, min_minutes=10)
    assert len(history.days) == 7
    assert (history.current_streak, history.longest_streak) == (30, 30)
    assert make_history(totals, {}, TODAY, weeks=1, min_minutes=21).current_streak == 0


# --- heatmap shades ----------------------------------------------------------------------------


def test_shade_is_zero_for_nothing_and_darkest_for_the_busiest_day() -> None:
    assert shade(0, 240) == 0
    assert shade(30, 0) == 0
    assert shade(240, 240) == 4
    assert shade(240, 240, levels=6) == 6
    assert shade(1, 1000) == 1  # a short day is still visible


def test_shade_follows_a_square_root_not_a_straight_line() -> None:
    # A quarter of the busiest day is half the shades on a square-root scale (a quarter linearly).
    assert shade(100, 400, levels=4) == 2
    assert shade(100, 400, levels=8) == 4
    # sqrt(60 / 240) is exactly half: shade 3 starts just above a quarter of the busiest day,
    # where a straight line would start it at three quarters.
    assert (shade(60, 240), shade(61, 240)) == (2, 3)
    shades = [shade(m, 240) for m in range(0, 241)]
    assert shades == sorted(shades)


# --- the pace plan -----------------------------------------------------------------------------


def hours(h: float) -> Effort:
    return Effort(h, f"{h:g} h course")


ROADMAP = Roadmap(
    id="tiny",
    title="Tiny road",
    version=1,
    summary="",
    steps=(
        Step(
            "step.a",
            1,
            "A",
            "",
            "",
            (
                Task("task.a1", "step.a", "A1", skill_ids=("skill.core1",), effort=hours(10)),
                Task("task.a2", "step.a", "A2", effort=hours(20)),
            ),
        ),
        Step("step.b", 2, "B", "", "", (Task("task.b1", "step.b", "B1", skill_ids=("skill.core2",), effort=hours(5)),)),
        Step("step.c", 3, "C", "", "", (Task("task.c1", "step.c", "C1", effort=hours(30)),)),
    ),
    categories=(SkillCategory("cat.x", "X", SkillGroup.TECHNICAL), SkillCategory("cat.y", "Y", SkillGroup.TECHNICAL)),
    skills=(
        Skill("skill.core1", "Core 1", "cat.x", SkillGroup.TECHNICAL, effort=hours(8)),
        Skill("skill.core2", "Core 2", "cat.y", SkillGroup.TECHNICAL),  # no estimate
        Skill("skill.extra", "Extra", "cat.x", SkillGroup.TECHNICAL, effort=hours(4)),  # no task trains it
    ),
    duties=(Duty("duty.d", "D", "", "", "", ("skill.core1", "skill.core2")),),
    levels=(Level("level.entry", "Entry", "", "0-2", ("duty.d",)),),
    career_steps=(),
    project_ideas=(),
    figures=(),
    self_checks=(),
    use_cases=(),
)


def states(**by_id: ItemState) -> dict[str, Progress]:
    return {i.replace("_", "."): Progress(i.replace("_", "."), s, "", NOW) for i, s in by_id.items()}


def plan_items(plan: Plan) -> dict[str, list[tuple[str, float]]]:
    return {s.id: [(i.id, i.hours) for i in s.items] for s in plan.steps}


def test_the_plan_goes_step_by_step_with_each_items_estimate() -> None:
    plan = make_plan(ROADMAP, {}, {}, 7, TODAY)  # an hour a day: a finish day is the hours so far
    assert plan_items(plan) == {
        "step.a": [("task.a1", 10), ("task.a2", 20), ("skill.core1", 8), ("skill.extra", 4)],
        "step.b": [("task.b1", 5), ("skill.core2", DEFAULT_HOURS)],
        "step.c": [("task.c1", 30)],
    }
    assert [s.finish_on for s in plan.steps] == [ago(-42), ago(-57), ago(-87)]
    # Ready once tasks of steps 1-2 and both core skills are done: the end of step B.
    assert plan.job_ready_on == ago(-57) and plan.ready_hours == 57
    assert plan.pace == 1.0


def test_skipped_and_done_items_need_no_time() -> None:
    plan = make_plan(ROADMAP, states(task_a2=ItemState.SKIPPED, skill_core1=ItemState.DONE), {}, 7, TODAY)
    assert plan_items(plan)["step.a"] == [("task.a1", 10), ("skill.extra", 4)]
    all_done = states(task_c1=ItemState.DONE)
    assert make_plan(ROADMAP, all_done, {}, 7, TODAY).steps[2].finish_on is None


def test_an_item_in_progress_needs_its_estimate_less_its_logged_time_with_a_floor() -> None:
    started = states(task_a2=ItemState.IN_PROGRESS)
    assert dict(plan_items(make_plan(ROADMAP, started, {"task.a2": 6 * 60}, 7, TODAY))["step.a"])["task.a2"] == 14
    nearly = make_plan(ROADMAP, started, {"task.a2": 19 * 60}, 7, TODAY)
    assert dict(plan_items(nearly)["step.a"])["task.a2"] == 20 * IN_PROGRESS_LEFT
    # Time logged on an item not started yet does not shorten it.
    assert dict(plan_items(make_plan(ROADMAP, {}, {"task.a2": 6 * 60}, 7, TODAY))["step.a"])["task.a2"] == 20


def test_the_learners_own_pace_scales_what_remains_after_enough_logged_time() -> None:
    done = states(task_a2=ItemState.DONE)
    slow = make_plan(ROADMAP, done, {"task.a2": 40 * 60}, 7, TODAY)
    assert slow.pace == 2.0
    assert plan_items(slow)["step.a"] == [("task.a1", 20), ("skill.core1", 16), ("skill.extra", 8)]
    # Below ten hours of estimates on finished items the roadmap's estimates stand.
    little = make_plan(ROADMAP, states(skill_core1=ItemState.DONE), {"skill.core1": 30 * 60}, 7, TODAY)
    assert little.pace == 1.0
    # Time on an unfinished item says nothing of the pace.
    assert make_plan(ROADMAP, {}, {"task.a2": 40 * 60}, 7, TODAY).pace == 1.0


def test_the_own_pace_is_kept_within_its_limits() -> None:
    done = states(task_a2=ItemState.DONE)
    assert make_plan(ROADMAP, done, {"task.a2": 500 * 60}, 7, TODAY).pace == PACE_LIMITS[1]
    assert make_plan(ROADMAP, done, {"task.a2": 30}, 7, TODAY).pace == PACE_LIMITS[0]


def test_more_hours_a_week_bring_the_job_ready_day_earlier() -> None:
    days = [make_plan(ROADMAP, {}, {}, h, TODAY).job_ready_on for h in (3, 7, 14, 40)]
    assert all(d is not None for d in days)
    assert days == sorted(days, reverse=True) and len(set(days)) == 4
    with pytest.raises(ValueError):
        make_plan(ROADMAP, {}, {}, 0, TODAY)


def test_a_roadmap_without_the_learners_ids_plans_without_failing() -> None:
    gone = {"skill.gone": Progress("skill.gone", ItemState.DONE, "", NOW)}
    plan = make_plan(ROADMAP, gone, {"skill.gone": 90 * 60, "task.gone": 30}, 7, TODAY)
    assert plan.pace == 1.0
    assert plan.remaining_hours == make_plan(ROADMAP, {}, {}, 7, TODAY).remaining_hours


# --- next actions about time --------------------------------------------------------------


def facts(**time: object) -> Facts:
    base: dict[str, object] = dict(
        goal_minutes=420, week_minutes=0, week_start=ago(2), today_minutes=0, min_minutes=10, current_streak=0
    )
    return Facts(Snapshot(ROADMAP, TODAY, time=TimeFacts(**(base | time))))  # type: ignore[arg-type]


def test_behind_the_weekly_goal_fires_when_what_is_left_needs_much_more_than_a_day() -> None:
    # Day 5 of the week, 1 h of 7 h done: 6 h over 3 days is twice the daily hour.
    (found,) = behind_goal(facts(week_start=ago(4), week_minutes=60))
    assert found.rule == "behind-goal"
    assert "1 h of your 7 h this week" in found.reason
    assert list(behind_goal(facts(week_start=ago(4), week_minutes=240))) == []
    assert list(behind_goal(facts(week_start=ago(4), week_minutes=420))) == []
    assert list(behind_goal(facts(goal_minutes=0))) == []


def test_a_streak_about_to_break_fires_only_while_today_is_short_of_the_minimum() -> None:
    (found,) = streak_at_risk(facts(current_streak=5, today_minutes=4))
    assert found.rule == "streak-at-risk" and "6 min more today" in found.reason
    assert list(streak_at_risk(facts(current_streak=5, today_minutes=10))) == []
    assert list(streak_at_risk(facts(current_streak=1))) == []


def test_the_plan_slipping_past_the_ready_by_day_fires_only_when_it_does() -> None:
    late = facts(ready_by=ago(-30), job_ready_on=ago(-100), ready_hours=70.0)
    (found,) = plan_slipping(late)
    assert found.rule == "plan-slipping" and ago(-100).isoformat() in found.reason
    assert list(plan_slipping(facts(ready_by=ago(-30), job_ready_on=ago(-20), ready_hours=10.0))) == []
    assert list(plan_slipping(facts(ready_by=None, job_ready_on=ago(-100)))) == []
