"""Commands for credentials (step 1) and experience (step 4)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, read_text_arg, row_id
from roadmap_app.domain.records import Credential, Experience
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.record_values import check_skills, parse_day
from roadmap_app.services.records import quoted


def record_id(text: str, what: str) -> int:
    return row_id(text, what, f"list the ids with 'roadmap-app {what} list'")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def credential_json(c: Credential) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "kind": c.kind.value,
        "provider": c.provider,
        "status": c.status.value,
        "started_on": _day(c.started_on),
        "finished_on": _day(c.finished_on),
        "url": c.url,
        "note": c.note,
        "skills": list(c.skill_ids),
        "created_at": c.created_at.isoformat(),
        "updated_at": c.updated_at.isoformat(),
    }


def experience_json(e: Experience, *, notes: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": e.id,
        "title": e.title,
        "kind": e.kind.value,
        "organisation": e.organisation,
        "started_on": _day(e.started_on),
        "finished_on": _day(e.finished_on),
        "summary": e.summary,
        "url": e.url,
        "skills": list(e.skill_ids),
        "created_at": e.created_at.isoformat(),
        "updated_at": e.updated_at.isoformat(),
    }
    if notes:
        data["notes"] = [
            {"id": n.id, "created_at": n.created_at.isoformat(), "updated_at": n.updated_at.isoformat(), "text": n.text}
            for n in e.notes
        ]
    return data


def _dates(args: argparse.Namespace) -> dict[str, date | None]:
    """--started and --finished as given ('' clears one); absent ones are left out."""
    found: dict[str, date | None] = {}
    if args.started is not None:
        found["started_on"] = parse_day(args.started, "start")
    if args.finished is not None:
        found["finished_on"] = parse_day(args.finished, "finish")
    return found


def _span(started: date | None, finished: date | None, *, open_end: str) -> str:
    if started is None and finished is None:
        return ""
    return f"{_day(started) or '?'} – {_day(finished) or open_end}"


def _skill_names(ctx: Context, skill_ids: tuple[str, ...]) -> str:
    return ", ".join(ctx.services.roadmap.title_of(s) for s in skill_ids)


def _edited_skills(ctx: Context, current: tuple[str, ...], add: list[str], remove: list[str], where: str) -> Any:
    """The skills after the edit, or None when no skill option was given."""
    if not add and not remove:
        return None
    add = list(check_skills(ctx.services.roadmap, add))
    remove = [s.strip() for s in remove]
    for skill_id in remove:
        if skill_id not in current:
            raise NotFoundError(f"{where} does not list the skill {quoted(skill_id)}; see its skills with 'show'")
    both = sorted(set(add) & set(remove))
    if both:
        raise InvalidInputError(f"'{both[0]}' is both added and removed; give it once")
    return [s for s in current if s not in remove] + [s for s in add if s not in current]


def _nothing(options: str) -> InvalidInputError:
    return InvalidInputError(f"nothing to change; give at least one of {options}")


def _report_change(what: str, before: object, after: object, names: dict[str, str]) -> None:
    changed = [label for name, label in names.items() if getattr(before, name) != getattr(after, name)]
    print(f"{what}: " + (f"changed {', '.join(changed)}" if changed else "no change"))


# --- credentials ---------------------------------------------------------------------------

_CREDENTIAL_SHOWN = {
    "title": "title",
    "kind": "kind",
    "provider": "provider",
    "status": "status",
    "started_on": "start",
    "finished_on": "finish",
    "url": "link",
    "note": "note",
    "skill_ids": "skills",
}


def credential_add(args: argparse.Namespace, ctx: Context) -> int:
    dates = _dates(args)
    credential = ctx.services.credentials.add(
        ctx.profile.id,
        args.title,
        kind=args.kind,
        provider=args.provider,
        status=args.status,
        started_on=dates.get("started_on"),
        finished_on=dates.get("finished_on"),
        url=args.url,
        note=read_text_arg(args.note),
        skill_ids=args.skill,
    )
    print(credential.id)
    return 0


def credential_list(args: argparse.Namespace, ctx: Context) -> int:
    credentials = ctx.services.credentials.list(ctx.profile.id)
    if args.json:
        emit_json([credential_json(c) for c in credentials])
        return 0
    if not credentials:
        print("No credentials yet. Add one with: roadmap-app credential add TITLE --kind degree")
    for c in credentials:
        provider = f" — {c.provider}" if c.provider else ""
        print(f"{c.id:>4}  {c.status.value:<11}  {c.kind.value:<11}  {c.title}{provider}")
    return 0


def credential_show(args: argparse.Namespace, ctx: Context) -> int:
    c = ctx.services.credentials.get(ctx.profile.id, record_id(args.id, "credential"))
    if args.json:
        emit_json(credential_json(c))
        return 0
    print(f"{c.title}  (#{c.id}, {c.kind.label}, {c.status.label})")
    for label, value in (
        ("Provider", c.provider),
        ("Dates", _span(c.started_on, c.finished_on, open_end="…")),
        ("Link", c.url),
        ("Skills", _skill_names(ctx, c.skill_ids)),
    ):
        if value:
            print(f"{label}: {value}")
    if c.note:
        print(f"\n{c.note}")
    return 0


def credential_edit(args: argparse.Namespace, ctx: Context) -> int:
    service = ctx.services.credentials
    current = service.get(ctx.profile.id, record_id(args.id, "credential"))
    fields: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", args.title),
            ("kind", args.kind),
            ("provider", args.provider),
            ("status", args.status),
            ("url", args.url),
            ("note", read_text_arg(args.note) if args.note is not None else None),
        )
        if value is not None
    }
    fields.update(_dates(args))
    where = f"credential {current.id}"
    skills = _edited_skills(ctx, current.skill_ids, args.add_skill, args.remove_skill, where)
    if not fields and skills is None:
        raise _nothing(
            "--title, --kind, --provider, --status, --started, --finished, --url, --note, --add-skill, --remove-skill"
        )
    change = service.update(ctx.profile.id, current.id, skill_ids=skills, **fields)
    _report_change(where, change.before, change.after, _CREDENTIAL_SHOWN)
    return 0


def credential_delete(args: argparse.Namespace, ctx: Context) -> int:
    c = ctx.services.credentials.get(ctx.profile.id, record_id(args.id, "credential"))
    if not args.yes:
        raise InvalidInputError(f"deleting credential {c.id} '{c.title}' removes it; run again with --yes to confirm")
    gone = ctx.services.credentials.delete(ctx.profile.id, c.id)
    print(f"deleted credential {gone.id} '{gone.title}'")
    return 0


# --- experience ----------------------------------------------------------------------------

_EXPERIENCE_SHOWN = {
    "title": "title",
    "kind": "kind",
    "organisation": "organisation",
    "started_on": "start",
    "finished_on": "finish",
    "summary": "summary",
    "url": "link",
    "skill_ids": "skills",
}


def experience_add(args: argparse.Namespace, ctx: Context) -> int:
    dates = _dates(args)
    experience = ctx.services.experience.add(
        ctx.profile.id,
        args.title,
        kind=args.kind,
        organisation=args.org,
        started_on=dates.get("started_on"),
        finished_on=dates.get("finished_on"),
        summary=read_text_arg(args.summary),
        url=args.url,
        skill_ids=args.skill,
    )
    print(experience.id)
    return 0


def experience_list(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.experience.list(ctx.profile.id)
    if args.json:
        emit_json([experience_json(e, notes=False) for e in found])
        return 0
    if not found:
        print("No experience yet. Add some with: roadmap-app experience add TITLE --kind internship")
    for e in found:
        org = f" — {e.organisation}" if e.organisation else ""
        span = _span(e.started_on, e.finished_on, open_end="now")
        print(f"{e.id:>4}  {e.kind.value:<11}  {e.title}{org}" + (f"  ({span})" if span else ""))
    return 0


def experience_show(args: argparse.Namespace, ctx: Context) -> int:
    e = ctx.services.experience.get(ctx.profile.id, record_id(args.id, "experience"))
    if args.json:
        emit_json(experience_json(e, notes=True))
        return 0
    print(f"{e.title}  (#{e.id}, {e.kind.label})")
    for label, value in (
        ("Organisation", e.organisation),
        ("Dates", _span(e.started_on, e.finished_on, open_end="now")),
        ("Link", e.url),
        ("Skills", _skill_names(ctx, e.skill_ids)),
    ):
        if value:
            print(f"{label}: {value}")
    if e.summary:
        print(f"\n{e.summary}")
    for n in e.notes:
        print(f"\n--- {n.created_at:%Y-%m-%d %H:%M} (note {n.id})\n{n.text}")
    return 0


def experience_edit(args: argparse.Namespace, ctx: Context) -> int:
    service = ctx.services.experience
    current = service.get(ctx.profile.id, record_id(args.id, "experience"))
    fields: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", args.title),
            ("kind", args.kind),
            ("organisation", args.org),
            ("url", args.url),
            ("summary", read_text_arg(args.summary) if args.summary is not None else None),
        )
        if value is not None
    }
    fields.update(_dates(args))
    where = f"experience {current.id}"
    skills = _edited_skills(ctx, current.skill_ids, args.add_skill, args.remove_skill, where)
    if not fields and skills is None:
        raise _nothing("--title, --kind, --org, --started, --finished, --url, --summary, --add-skill, --remove-skill")
    change = service.update(ctx.profile.id, current.id, skill_ids=skills, **fields)
    _report_change(where, change.before, change.after, _EXPERIENCE_SHOWN)
    return 0


def experience_note(args: argparse.Namespace, ctx: Context) -> int:
    note = ctx.services.experience.add_note(ctx.profile.id, record_id(args.id, "experience"), read_text_arg(args.text))
    print(note.id)
    return 0


def _experience_note_id(text: str) -> int:
    return row_id(text, "experience note", "see the ids with 'roadmap-app experience show ID'")


def experience_note_edit(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.experience.update_note(
        ctx.profile.id, _experience_note_id(args.note), read_text_arg(args.text)
    )
    done = "saved" if change.before.text != change.after.text else "unchanged"
    print(f"note {change.after.id} of experience {change.after.experience_id}: {done}")
    return 0


def experience_note_delete(args: argparse.Namespace, ctx: Context) -> int:
    note_id = _experience_note_id(args.note)
    if not args.yes:
        raise InvalidInputError(f"deleting note {note_id} loses its text; run again with --yes to confirm")
    gone = ctx.services.experience.delete_note(ctx.profile.id, note_id)
    print(f"deleted note {gone.id} of experience {gone.experience_id}")
    return 0


def experience_delete(args: argparse.Namespace, ctx: Context) -> int:
    e = ctx.services.experience.get(ctx.profile.id, record_id(args.id, "experience"))
    if not args.yes:
        raise InvalidInputError(
            f"deleting experience {e.id} '{e.title}' removes it with its {len(e.notes)} note(s); "
            "run again with --yes to confirm"
        )
    gone = ctx.services.experience.delete(ctx.profile.id, e.id)
    print(f"deleted experience {gone.id} '{gone.title}' with {len(gone.notes)} note(s)")
    return 0


# --- the parsers ---------------------------------------------------------------------------
