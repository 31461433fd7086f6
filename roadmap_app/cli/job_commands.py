"""Commands for job applications (step 5): `roadmap-app job add|list|show|stage|interview|
contact|note|edit|delete`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, missing_subcommand, read_text_arg, row_id
from roadmap_app.cli.gap_commands import print_gap, read_ad
from roadmap_app.domain.jobs import Application, InterviewKind, Stage
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.job_values import EDITABLE, application_title
from roadmap_app.services.record_values import parse_day

STAGES = ", ".join(s.value for s in Stage)
KINDS = ", ".join(k.value for k in InterviewKind)
AD_LINES = 3  # the first lines of a stored ad that 'job show' prints
_FIELD_WORDS = {"company": "company", "role": "role", "url": "link", "ad_text": "ad", "location": "location",
                "salary": "salary", "source": "source"}  # fmt: skip


def _id(text: str) -> int:
    return row_id(text, "application", "list the ids with 'roadmap-app job list'")


def _given_day(text: str, what: str) -> date:
    day = parse_day(text, what)
    if day is None:
        raise InvalidInputError(f"the {what} date is empty; give it as YYYY-MM-DD, such as 2026-11-02")
    return day


def _on(text: str | None, what: str) -> date | None:
    """A --on day as typed; absent is None (today)."""
    return None if text is None else _given_day(text, what)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def application_json(a: Application) -> dict[str, Any]:
    return {
        "id": a.id,
        "company": a.company,
        "role": a.role,
        "stage": a.stage.value,
        "stage_on": _day(a.stage_on),
        "applied_on": _day(a.applied_on),
        "url": a.url,
        "location": a.location,
        "salary": a.salary,
        "source": a.source,
    }


def _details_json(a: Application) -> dict[str, Any]:
    return {
        **application_json(a),
        "ad": a.ad_text,
        "stages": [{"id": c.id, "stage": c.stage.value, "on": c.on.isoformat(), "note": c.note} for c in a.stages],
        "interviews": [
            {"id": i.id, "on": i.on.isoformat(), "kind": i.kind.value, "note": i.note} for i in a.interviews
        ],
        "contacts": [{"id": c.id, "name": c.name, "role": c.role, "email": c.email} for c in a.contacts],
        "notes": [{"id": n.id, "text": n.text, "created_at": n.created_at.isoformat()} for n in a.notes],
    }


# --- reading -------------------------------------------------------------------------------


def job_list(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.jobs.list(ctx.profile.id, stage=args.stage)
    if args.json:
        emit_json([application_json(a) for a in found])
        return 0
    if not found:
        print(
            f"No applications at the stage {args.stage}." if args.stage else
            "No applications yet. Add one with: roadmap-app job add COMPANY ROLE --stage applied"
        )  # fmt: skip
    for a in found:
        where = f"  ({a.location})" if a.location else ""
        print(f"{a.id:>4}  {a.stage.value:<10} {_day(a.stage_on) or '':<10}  {application_title(a)}{where}")
    return 0


def job_show(args: argparse.Namespace, ctx: Context) -> int:
    a = ctx.services.jobs.get(ctx.profile.id, _id(args.id))
    gap = ctx.services.jobs.gap(ctx.profile.id, a.id)
    if args.json:
        data = _details_json(a)
        if gap is not None:
            data["gap"] = gap.as_dict()
        emit_json(data)
        return 0
    print(f"{application_title(a)}  (#{a.id}, {a.stage.label} since {_day(a.stage_on)})")
    for label, value in (
        ("Applied", _day(a.applied_on)),
        ("Link", a.url),
        ("Location", a.location),
        ("Salary", a.salary),
        ("Source", a.source),
    ):
        if value:
            print(f"{label}: {value}")
    print("\nTimeline:")
    for c in a.stages:
        note = f" — {c.note}" if c.note else ""
        print(f"  {c.on.isoformat()}  {c.stage.label}{note}  (stage change {c.id})")
    if a.interviews:
        print("\nInterviews:")
        for i in a.interviews:
            note = f" — {i.note}" if i.note else ""
            print(f"  {i.on.isoformat()}  {i.kind.label}{note}  (interview {i.id})")
    if a.contacts:
        print("\nContacts:")
        for p in a.contacts:
            role = f", {p.role}" if p.role else ""
            email = f" <{p.email}>" if p.email else ""
            print(f"  {p.name}{role}{email}  (contact {p.id})")
    for n in a.notes:
        print(f"\n--- {n.created_at:%Y-%m-%d %H:%M} (note {n.id})\n{n.text}")
    if gap is not None:
        lines = a.ad_text.strip().splitlines()
        print(f"\nAd ({len(a.ad_text.split()):,} words):")
        for line in lines[:AD_LINES]:
            print(f"  {line}")
        if len(lines) > AD_LINES:
            more = len(lines) - AD_LINES
            print(f"  … ({more} more line{'s' if more > 1 else ''}; the whole ad is in 'job show {a.id} --json')")
        print("\nGap check of the ad:")
        print_gap(gap, indent="  ")
    return 0


# --- changes -------------------------------------------------------------------------------


def job_add(args: argparse.Namespace, ctx: Context) -> int:
    app = ctx.services.jobs.add(
        ctx.profile.id,
        args.company,
        args.role,
        stage=args.stage,
        on=_on(args.on, "stage"),
        url=args.url,
        ad_text=read_ad(args.ad) if args.ad is not None else "",
        location=args.location,
        salary=args.salary,
        source=args.source,
    )
    print(app.id)
    return 0


def job_stage(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.jobs.set_stage(
        ctx.profile.id, _id(args.id), args.stage, on=_on(args.on, "stage"), note=read_text_arg(args.note or "")
    )
    now = ctx.services.jobs.get(ctx.profile.id, change.application_id)
    print(f"application {now.id}: {change.stage.value} on {change.on.isoformat()}; now {now.stage.value}")
    return 0


def job_interview(args: argparse.Namespace, ctx: Context) -> int:
    interview = ctx.services.jobs.add_interview(
        ctx.profile.id,
        _id(args.id),
        _given_day(args.on, "interview"),
        kind=args.kind,
        note=read_text_arg(args.note or ""),
    )
    print(interview.id)
    return 0


def job_contact(args: argparse.Namespace, ctx: Context) -> int:
    contact = ctx.services.jobs.add_contact(ctx.profile.id, _id(args.id), args.name, role=args.role, email=args.email)
    print(contact.id)
    return 0


def job_note(args: argparse.Namespace, ctx: Context) -> int:
    note = ctx.services.jobs.add_note(ctx.profile.id, _id(args.id), read_text_arg(args.text))
    print(note.id)
    return 0


def job_edit(args: argparse.Namespace, ctx: Context) -> int:
    app_id = _id(args.id)
    fields: dict[str, Any] = {
        name: value
        for name, value in (
            ("company", args.company),
            ("role", args.role),
            ("url", args.url),
            ("location", args.location),
            ("salary", args.salary),
            ("source", args.source),
        )
        if value is not None
    }
    if args.ad is not None:
        # '' clears the stored ad; anything else is a file, or '-' for standard input.
        fields["ad_text"] = read_ad(args.ad) if args.ad else ""
    if not fields:
        raise InvalidInputError(
            "nothing to change; give at least one of --company, --role, --url, --ad, --location, --salary, --source"
        )
    change = ctx.services.jobs.update(ctx.profile.id, app_id, **fields)
    changed = [_FIELD_WORDS[k] for k in EDITABLE if getattr(change.before, k) != getattr(change.after, k)]
    print(f"application {app_id}: " + (f"changed {', '.join(changed)}" if changed else "no change"))
    return 0


def job_delete(args: argparse.Namespace, ctx: Context) -> int:
    a = ctx.services.jobs.get(ctx.profile.id, _id(args.id))
    held = f"{len(a.stages)} stage change(s), {len(a.interviews)} interview(s), {len(a.contacts)} contact(s)"
    held += f" and {len(a.notes)} note(s)"
    if not args.yes:
        raise InvalidInputError(
            f"deleting application {a.id} '{application_title(a)}' removes it with its {held}; "
            "run again with --yes to confirm"
        )
    gone = ctx.services.jobs.delete(ctx.profile.id, a.id)
    print(f"deleted application {gone.id} '{application_title(gone)}' with its {held}")
    return 0


# --- the parsers ---------------------------------------------------------------------------


def _fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    """--url, --ad, --location, --salary and --source, shared by add and edit."""
    clears = " ('' clears it)" if editing else ""
    default = None if editing else ""
    p.add_argument("--url", default=default, metavar="URL", help=f"the ad's link{clears}")
    p.add_argument(
        "--ad", default=None, metavar="FILE", help=f"a text file holding the ad ('-' reads standard input){clears}"
    )
    p.add_argument("--location", default=default, metavar="L", help=f"the city, or remote{clears}")
    p.add_argument("--salary", default=default, metavar="TEXT", help=f"the salary as the ad gives it{clears}")
    p.add_argument(
        "--source", default=default, metavar="S", help=f"where you found it (a job board, a referral){clears}"
    )


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'job' commands, added to the main parser's ``sub``."""
    text = "job applications (step 5): add, list, show, stage, interview, contact, note, edit, delete"
    top = sub.add_parser("job", help=text, description=text)
    top.set_defaults(handler=missing_subcommand)
    jsub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = jsub.add_parser("add", help="record an application and print its id")
    p.set_defaults(handler=job_add)
    p.add_argument("company", metavar="COMPANY")
    p.add_argument("role", metavar="ROLE")
    p.add_argument("--stage", default="saved", metavar="STAGE", help=f"{STAGES} (default: saved)")
    p.add_argument("--on", metavar="DATE", help="the day it reached that stage (YYYY-MM-DD; default: today)")
    _fields(p, editing=False)
    p = jsub.add_parser("list", help="your applications, the newest stage reached first")
    p.set_defaults(handler=job_list)
    p.add_argument("--stage", metavar="STAGE", help="only those now at this stage")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("show", help="one application with its timeline, interviews, contacts, notes and gap")
    p.set_defaults(handler=job_show)
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("stage", help="date a new stage of an application (never a future day)")
    p.set_defaults(handler=job_stage)
    p.add_argument("id", metavar="ID")
    p.add_argument("stage", metavar="STAGE", help=STAGES)
    p.add_argument("--on", metavar="DATE", help="the day it happened (YYYY-MM-DD; default: today)")
    p.add_argument("--note", metavar="TEXT", help="what happened ('-' reads standard input)")
    p = jsub.add_parser("interview", help="add an interview, done or planned, and print its id")
    p.set_defaults(handler=job_interview)
    p.add_argument("id", metavar="ID")
    p.add_argument("--on", required=True, metavar="DATE", help="its day (YYYY-MM-DD)")
    p.add_argument("--kind", default="phone", metavar="KIND", help=f"{KINDS} (default: phone)")
    p.add_argument("--note", metavar="TEXT", help="how it went, or what to prepare ('-' reads standard input)")
    p = jsub.add_parser("contact", help="add a person you deal with and print their id")
    p.set_defaults(handler=job_contact)
    p.add_argument("id", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", default="", metavar="R", help="their role, such as recruiter")
    p.add_argument("--email", default="", metavar="E")
    p = jsub.add_parser("note", help="add a dated Markdown note ('-' reads standard input) and print its id")
    p.set_defaults(handler=job_note)
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")
    p = jsub.add_parser("edit", help="change an application's fields; a bad value changes nothing")
    p.set_defaults(handler=job_edit)
    p.add_argument("id", metavar="ID")
    p.add_argument("--company", metavar="C")
    p.add_argument("--role", metavar="R")
    _fields(p, editing=True)
    p = jsub.add_parser("delete", help="delete an application with all it holds (needs --yes)")
    p.set_defaults(handler=job_delete)
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
