"""Commands for job applications (step 5): `roadmap-app job add|list|show|stage|interview|
contact|note|edit|delete`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, read_text_arg, row_id
from roadmap_app.cli.gap_commands import print_gap, read_ad
from roadmap_app.domain.jobs import Application
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.job_values import EDITABLE, application_title
from roadmap_app.services.record_values import parse_day

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
