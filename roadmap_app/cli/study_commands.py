"""Commands about time: log, session list|delete, timer, history, plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from roadmap_app.cli.commands import Context, emit_json, read_text_arg, row_id
from roadmap_app.domain.study import History, StudySession, format_minutes
from roadmap_app.services.errors import InvalidInputError, UserError
from roadmap_app.services.records import quoted
from roadmap_app.services.study import check_hours_per_week, parse_day

if TYPE_CHECKING:
    from roadmap_app.domain.pace import Plan


def session_json(found: StudySession) -> dict[str, Any]:
    return {
        "id": found.id,
        "date": found.day.isoformat(),
        "minutes": found.minutes,
        "item": str(found.subject) or None,
        "title": found.title or None,
        "note": found.note,
    }


def _minutes(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInputError(f"minutes must be a whole number, such as 45; got {quoted(text)}") from None


def log(args: argparse.Namespace, ctx: Context) -> int:
    day = parse_day(args.on, "--on") if args.on else None
    note = read_text_arg(args.note) if args.note is not None else ""
    added = ctx.services.study.log(ctx.profile.id, _minutes(args.minutes), args.item or "", day=day, note=note)
    about = f" on {added.title}" if added.title else ""
    print(f"{added.id}: {format_minutes(added.minutes)}{about}, {added.day.isoformat()}")
    return 0


def session_list(args: argparse.Namespace, ctx: Context) -> int:
    start = parse_day(args.since, "--since") if args.since else None
    end = parse_day(args.until, "--until") if args.until else None
    if args.on:
        start = end = parse_day(args.on, "--on")
    found = ctx.services.study.sessions(ctx.profile.id, start=start, end=end)
    if args.json:
        emit_json([session_json(s) for s in found])
        return 0
    if not found:
        print("No study sessions yet; log one with 'roadmap-app log MINUTES [ITEM]'")
    for s in found:
        about = f"  {s.title}" if s.title else ""
        note = f"  — {s.note.splitlines()[0]}" if s.note else ""
        print(f"{s.id:>5}  {s.day.isoformat()}  {s.minutes:>4} min{about}{note}")
    return 0


def session_delete(args: argparse.Namespace, ctx: Context) -> int:
    if not args.yes:
        raise UserError("deleting a study session needs --yes")
    session_id = row_id(args.id, "study session", "list them with 'roadmap-app session list'")
    gone = ctx.services.study.delete(ctx.profile.id, session_id)
    print(f"deleted session {gone.id} ({format_minutes(gone.minutes)}, {gone.day.isoformat()})")
    return 0


def timer(args: argparse.Namespace, ctx: Context) -> int:
    study = ctx.services.study
    profile_id = ctx.profile.id
    action = args.timer_action
    if action == "start":
        started = study.start_timer(profile_id, args.item or "")
        print(f"timer started at {started.started_at:%H:%M}")
    elif action == "pause":
        study.pause_timer(profile_id)
        print("timer paused")
    elif action == "resume":
        study.resume_timer(profile_id)
        print("timer running")
    elif action == "stop":
        added = study.stop_timer(profile_id, read_text_arg(args.note) if args.note else "")
        print(f"logged session {added.id}: {format_minutes(added.minutes)}" if added else "under a minute: not logged")
    elif action == "discard":
        study.discard_timer(profile_id)
        print("timer discarded, nothing logged")
    else:
        running = study.timer(profile_id)
        if running is None:
            print("no timer; start one with 'roadmap-app timer start [ITEM]'")
        else:
            minutes = running.elapsed_seconds(ctx.services.study.now()) // 60
            state = "running" if running.running else "paused"
            print(f"{state}: {format_minutes(minutes)} since {running.started_at:%Y-%m-%d %H:%M}")
    return 0


def history(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.study.history(ctx.profile.id, args.weeks)
    if args.json:
        emit_json(found.as_dict())
        return 0
    print_history(found)
    return 0


def print_history(found: History) -> None:
    total = sum(d.minutes for d in found.days)
    studied = sum(1 for d in found.days if d.minutes)
    print(f"Last {len(found.days) // 7} weeks: {format_minutes(total)} on {studied} days")
    print(
        f"Streak: {found.current_streak} days (longest {found.longest_streak}); a day counts from {found.min_minutes} min"
    )
    goal = f" of your {format_minutes(found.goal_minutes)} goal" if found.goal_minutes else " (no weekly goal set)"
    print(f"This week (from {found.week_start.isoformat()}): {format_minutes(found.week_minutes)}{goal}")
    print("Last 7 days: " + "  ".join(f"{d.day:%a} {d.minutes}" for d in found.days[-7:]))


def plan(args: argparse.Namespace, ctx: Context) -> int:
    hours = check_hours_per_week(args.hours_per_week) if args.hours_per_week is not None else None
    found = ctx.services.study.plan(ctx.profile.id, hours)
    if args.json:
        emit_json(found.as_dict())
        return 0
    print_plan(found)
    return 0


def print_plan(found: Plan) -> None:
    print(f"At {found.hours_per_week:g} h a week ({found.pace_basis}):")
    for step in found.steps:
        when = step.finish_on.isoformat() if step.finish_on else "done"
        print(f"  Step {step.number}  {step.title:<32} {step.remaining_hours:>6.0f} h  {when}")
    if found.job_ready_on:
        print(f"Job-ready on {found.job_ready_on.isoformat()}")
    else:
        print("Job-ready: not reachable with the items left open; see 'roadmap-app next'")
    for need in found.also_needed:
        print(f"  and {need}")
