"""What each command does. Every handler returns the exit code."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from roadmap_app.content import ContentError
from roadmap_app.domain.model import Profile
from roadmap_app.services import UserError
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.records import quoted
from roadmap_app.startup import settle
from roadmap_app.storage.db import StorageError, database_errors
from roadmap_app.storage.faults import FaultError, as_fault


class Context:
    """The opened data folder and the profile a command works on."""

    def __init__(self, args: argparse.Namespace) -> None:
        from roadmap_app.bootstrap import open_services

        # A restore must work when the database is damaged: it restores into a fresh file.
        damaged_ok = bool(getattr(args, "opens_damaged", False))
        roadmap = Path(args.roadmap) if args.roadmap else None
        self.paths, self.services = open_services(args.data_dir, roadmap_path=roadmap, replace_damaged=damaged_ok)
        self._profile_name: str | None = args.profile
        self._profile: Profile | None = None
        # The roadmap a command reads holds its profile's own items.
        self.services.roadmaps.use_when_asked(lambda: self.profile.id)

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = self.services.profiles.current(self._profile_name)
            self.services.use_profile(self._profile.id)
        return self._profile

    def close(self) -> None:
        self.services.close()


def dispatch(args: argparse.Namespace) -> int:
    if getattr(args, "standalone", False):
        # A command that reads only the file it is given: no data folder is opened or made.
        settle()
        try:
            standalone: int = args.handler(args, None)
        except (UserError, ContentError) as exc:
            return fail(exc)
        return standalone
    try:
        ctx = Context(args)
    except (UserError, ContentError, StorageError, FaultError) as exc:
        return fail(exc)
    except OSError as exc:
        return fail(as_fault(exc, Path(args.data_dir or ".")) or exc)
    if not getattr(args, "plain", False):
        # The command needs SQLAlchemy: load it while the collector still waits, as the
        # rest of the start, rather than collecting again and again during its import.
        ctx.services.warm_up(mapped=False)
    settle()  # the start is over: collect cycles again during the command's own work
    try:
        result: int = args.handler(args, ctx)
    except (UserError, ContentError, StorageError, FaultError) as exc:
        return fail(exc)
    except Exception as exc:
        if isinstance(exc, BrokenPipeError):
            return 0
        if not isinstance(exc, (*database_errors(), OSError)):
            raise
        fault = as_fault(exc, ctx.paths.data_dir)
        if fault is not None:
            return fail(fault)
        cause = getattr(exc, "orig", exc)  # SQLAlchemy's error wraps the driver's
        if isinstance(cause, sqlite3.OperationalError):
            return fail(UserError(f"the database could not be used ({cause}); try again, or run 'roadmap-app check'"))
        raise
    finally:
        ctx.close()
    if result == 0 and ctx.services.read_only:
        print(f"note: {ctx.services.read_only_note()}", file=sys.stderr)
    return result


def fail(exc: BaseException) -> int:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    print(f"error: {message}", file=sys.stderr)
    return 1


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def read_text_arg(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


#: The largest row id SQLite holds: a larger number names no record.
MAX_ROW_ID = 2**63 - 1


def row_id(text: str, noun: str, hint: str) -> int:
    """A record's id as typed, or a one-line error: not a number, or one no record has."""
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdecimal()):
        article = "an" if noun[0] in "aeiou" else "a"
        raise InvalidInputError(f"{quoted(text)} is not {article} {noun} id; {hint}")
    value = int(cleaned)
    if value > MAX_ROW_ID:
        raise NotFoundError(f"no {noun} with id {cleaned}; {hint}")
    return value


def missing_subcommand(args: argparse.Namespace, ctx: Context) -> int:
    raise InvalidInputError(f"'{args.command}' needs an action; see 'roadmap-app {args.command} --help'")


# --- progress -------------------------------------------------------------------------------


def status(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.profile
    summary = ctx.services.progress.summary(profile.id, profile.current_step_id)
    if args.json:
        emit_json(
            {
                "profile": profile.name,
                "overall": summary.overall.as_dict(),
                "current_step": summary.current_step_id,
                "steps": [{"id": s.id, "number": s.number, "title": s.title, **t.as_dict()} for s, t in summary.steps],
                "skills": summary.skills.as_dict(),
                "skills_by_group": {g.value: t.as_dict() for g, t in summary.skills_by_group.items()},
            }
        )
        return 0
    o = summary.overall
    print(f"Profile: {profile.name}")
    print(f"Overall: {o.percent}% ({o.done} of {o.counted} done, {o.in_progress} in progress, {o.skipped} skipped)")
    print("Steps:")
    for step, t in summary.steps:
        marker = ">" if step.id == summary.current_step_id else " "
        bar = "#" * round(t.fraction * 10)
        print(f" {marker} {step.number}. {step.title:<36} {t.done}/{t.total} done  [{bar:<10}]")
    s = summary.skills
    print(f"Skills: {s.done} done, {s.in_progress} in progress, {s.skipped} skipped, {s.todo} to do (of {s.total})")
    return 0


def set_state(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.progress.set_state(ctx.profile.id, args.item, args.state)
    print(f"{args.item}: {change.before.state.value} -> {change.after.state.value}")
    return 0


def note(args: argparse.Namespace, ctx: Context) -> int:
    ctx.services.progress.set_note(ctx.profile.id, args.item, read_text_arg(args.text))
    print(f"{args.item}: note saved")
    return 0


def next_actions(args: argparse.Namespace, ctx: Context) -> int:
    suggestions = ctx.services.suggestions
    profile_id = ctx.profile.id
    if args.snooze:
        until = suggestions.snooze(profile_id, args.snooze, args.days)
        print(f"{args.snooze}: snoozed until {until.isoformat()}")
        return 0
    if args.dismiss:
        suggestions.dismiss(profile_id, args.dismiss)
        print(f"{args.dismiss}: dismissed until the facts behind it change")
        return 0
    if args.restore:
        before = suggestions.clear_feedback(profile_id, args.restore)
        print(f"{args.restore}: {'shown again' if before else 'was neither snoozed nor dismissed'}")
        return 0
    if args.limit is not None and args.limit < 1:
        raise InvalidInputError("--limit must be at least 1")
    found = suggestions.next_actions(profile_id, args.limit)
    if args.json:
        emit_json([{**s.as_dict(), "fingerprint": s.fingerprint} for s in found])
        return 0
    if not found:
        print("Nothing to suggest right now: every step is done, or you snoozed or dismissed the rest.")
    for number, s in enumerate(found, 1):
        more = f"  (+{len(s.folded)} folded)" if s.folded else ""
        print(f"{number:>2}. {s.title}  [{s.key}]{more}")
        print(f"    {s.reason}")
        for folded in s.folded[:FOLDED_SHOWN]:
            print(f"      - {folded.title}  [{folded.key}]")
        if len(s.folded) > FOLDED_SHOWN:
            print(f"      - and {len(s.folded) - FOLDED_SHOWN} more (see --json)")
    return 0


FOLDED_SHOWN = 3


def today(args: argparse.Namespace, ctx: Context) -> int:
    plan = ctx.services.suggestions.today(ctx.profile.id, args.minutes)
    if args.json:
        emit_json(
            {
                "minutes": plan.minutes,
                "planned_minutes": plan.planned_minutes,
                "why": plan.why,
                "items": [
                    {**item.suggestion.as_dict(), "theme": item.theme.value, "minutes": item.minutes}
                    for item in plan.items
                ],
            }
        )
        return 0
    print(f"Today, in about {plan.planned_minutes} of {plan.minutes} minutes:")
    for number, item in enumerate(plan.items, 1):
        s = item.suggestion
        print(f"{number:>2}. {s.title}  ({item.theme.value}, ~{item.minutes} min)  [{s.key}]")
        print(f"    {s.reason}")
    print(plan.why)
    return 0


def search(args: argparse.Namespace, ctx: Context) -> int:
    if args.limit < 1:
        raise InvalidInputError("--limit must be at least 1")
    hits = ctx.services.search.search(ctx.profile.id, args.text, args.limit)
    if args.json:
        emit_json(
            [
                {
                    "kind": h.kind.value,
                    "title": h.title,
                    "snippet": h.snippet,
                    "project_id": h.project_id,
                    "note_id": h.note_id,
                    "item_id": h.item_id or None,
                    "session_id": h.session_id,
                    "record_id": h.record_id,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(f"Nothing found for '{args.text}'.")
    for h in hits:
        where = {
            "project": f"project {h.project_id}",
            "note": f"note {h.note_id} of project {h.project_id}",
            "session": f"study session {h.session_id}",
            "credential": f"credential {h.record_id}",
            "experience": f"experience {h.record_id}" + (f", note {h.note_id}" if h.note_id else ""),
            "application": f"job {h.record_id}",
            "resource": f"resource {h.record_id} on {h.item_id}",
        }
        print(f"{h.title}  [{where.get(h.kind.value, h.item_id)}]")
        print(f"    {' '.join(h.snippet.split())}")
    return 0
