"""What each command does. Every handler returns the exit code."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from roadmap_app.content import ContentError
from roadmap_app.domain.model import ItemKind, ItemState, Profile, Project
from roadmap_app.services import UserError
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.storage.db import StorageError


class Context:
    """The opened data folder and the profile a command works on."""

    def __init__(self, args: argparse.Namespace) -> None:
        from roadmap_app.bootstrap import open_services

        # A restore must work when the database is damaged: it restores into a fresh file.
        damaged_ok = getattr(args, "handler", None) is restore
        self.paths, self.services = open_services(args.data_dir, replace_damaged=damaged_ok)
        self._profile_name: str | None = args.profile
        self._profile: Profile | None = None

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = self.services.profiles.current(self._profile_name)
        return self._profile

    def close(self) -> None:
        self.services.close()


def dispatch(args: argparse.Namespace) -> int:
    try:
        ctx = Context(args)
    except (UserError, ContentError, StorageError, OSError) as exc:
        return fail(exc)
    try:
        result: int = args.handler(args, ctx)
        return result
    except (UserError, ContentError, StorageError) as exc:
        return fail(exc)
    except OperationalError as exc:
        return fail(UserError(f"the database could not be used ({exc.orig}); try again, or run 'roadmap-app check'"))
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


def fail(exc: BaseException) -> int:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    print(f"error: {message}", file=sys.stderr)
    return 1


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def read_text_arg(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


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


def items(args: argparse.Namespace, ctx: Context) -> int:
    roadmap = ctx.services.roadmap
    kinds = {k.value for k in ItemKind}
    if args.kind and args.kind not in kinds:
        raise InvalidInputError(f"unknown kind '{args.kind}'; use one of: {', '.join(sorted(kinds))}")
    states = ctx.services.progress.states(ctx.profile.id)
    rows = []
    for item in roadmap.items:
        if args.kind and item.kind.value != args.kind:
            continue
        row: dict[str, Any] = {"id": item.id, "kind": item.kind.value, "title": item.title}
        if item.trackable:
            found = states.get(item.id)
            row["state"] = (found.state if found else ItemState.TODO).value
        if item.kind is ItemKind.TASK:
            row["step"] = item.step_id
        if item.kind is ItemKind.SKILL:
            row["category"] = item.category_id
            row["group"] = item.group
        rows.append(row)
    if args.json:
        emit_json(rows)
        return 0
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        print(f"{r['id']:<{width}}  {r['kind']:<12}  {r.get('state', ''):<11}  {r['title']}")
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
        print(f"{number:>2}. {s.title}  [{s.key}]")
        print(f"    {s.reason}")
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
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(f"Nothing found for '{args.text}'.")
    for h in hits:
        where = {"project": f"project {h.project_id}", "note": f"note {h.note_id} of project {h.project_id}"}
        print(f"{h.title}  [{where.get(h.kind.value, h.item_id)}]")
        print(f"    {' '.join(h.snippet.split())}")
    return 0


# --- projects -------------------------------------------------------------------------------


def project_id(text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInputError(f"'{text}' is not a project id; list the ids with 'roadmap-app project list'")
    return int(text)


def project_json(project: Project, *, notes: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": project.id,
        "title": project.title,
        "summary": project.summary,
        "status": project.status.value,
        "repo_url": project.repo_url,
        "demo_url": project.demo_url,
        "idea": project.idea_id,
        "skills": list(project.skill_ids),
        "started_on": project.started_on.isoformat() if project.started_on else None,
        "finished_on": project.finished_on.isoformat() if project.finished_on else None,
        "created_at": project.created_at.isoformat(),
        "updated_at": project.updated_at.isoformat(),
    }
    if notes:
        data["notes"] = [
            {"id": n.id, "created_at": n.created_at.isoformat(), "updated_at": n.updated_at.isoformat(), "text": n.text}
            for n in project.notes
        ]
    return data


def project_add(args: argparse.Namespace, ctx: Context) -> int:
    project = ctx.services.portfolio.add(
        ctx.profile.id,
        args.title,
        summary=args.summary,
        status=args.status,
        repo_url=args.repo,
        demo_url=args.demo,
        idea_id=args.idea,
        skill_ids=args.skill,
    )
    print(project.id)
    return 0


def project_list(args: argparse.Namespace, ctx: Context) -> int:
    projects = ctx.services.portfolio.projects(ctx.profile.id)
    if args.json:
        emit_json([project_json(p, notes=False) for p in projects])
        return 0
    if not projects:
        print("No projects yet. Add one with: roadmap-app project add TITLE")
    for p in projects:
        skills = f"  [{', '.join(p.skill_ids)}]" if p.skill_ids else ""
        print(f"{p.id:>4}  {p.status.value:<8}  {p.title}{skills}")
    return 0


def project_show(args: argparse.Namespace, ctx: Context) -> int:
    project = ctx.services.portfolio.get(ctx.profile.id, project_id(args.id))
    if args.json:
        emit_json(project_json(project, notes=True))
        return 0
    print(f"{project.title}  (#{project.id}, {project.status.label})")
    if project.summary:
        print(project.summary)
    for label, value in (("Repository", project.repo_url), ("Demo", project.demo_url)):
        if value:
            print(f"{label}: {value}")
    if project.skill_ids:
        names = [ctx.services.roadmap.item(s).title if ctx.services.roadmap.item(s) else s for s in project.skill_ids]  # type: ignore[union-attr]
        print(f"Skills: {', '.join(names)}")
    for n in project.notes:
        print(f"\n--- {n.created_at:%Y-%m-%d %H:%M} (note {n.id})\n{n.text}")
    return 0


def project_note(args: argparse.Namespace, ctx: Context) -> int:
    note = ctx.services.portfolio.add_note(ctx.profile.id, project_id(args.id), read_text_arg(args.text))
    print(note.id)
    return 0


# --- profiles -------------------------------------------------------------------------------


def profile_list(args: argparse.Namespace, ctx: Context) -> int:
    current = ctx.services.profiles.current().id
    profiles = ctx.services.profiles.all()
    if args.json:
        emit_json(
            [
                {"id": p.id, "name": p.name, "created_at": p.created_at.isoformat(), "current": p.id == current}
                for p in profiles
            ]
        )
        return 0
    for p in profiles:
        print(f"{'*' if p.id == current else ' '} {p.name}")
    return 0


def profile_create(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.services.profiles.create(args.name)
    print(f"created profile '{profile.name}'; switch to it with: roadmap-app profile use '{profile.name}'")
    return 0


def profile_use(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.services.profiles.use(ctx.services.profiles.find(args.name).id)
    print(f"now using profile '{profile.name}'")
    return 0


def profile_rename(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.services.profiles.rename(ctx.services.profiles.find(args.name).id, args.new_name)
    print(f"renamed to '{profile.name}'")
    return 0


def profile_delete(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.services.profiles.find(args.name)
    if not args.yes:
        raise InvalidInputError(
            f"deleting '{profile.name}' removes all its progress; run again with --yes to confirm "
            "(make a backup first with 'roadmap-app backup')"
        )
    ctx.services.profiles.delete(profile.id)
    print(f"deleted profile '{profile.name}'")
    return 0


# --- export, import, backups ------------------------------------------------------------------


def export(args: argparse.Namespace, ctx: Context) -> int:
    if args.output:
        ctx.services.transfer.write_export(ctx.profile.id, Path(args.output))
        print(f"exported '{ctx.profile.name}' to {args.output}", file=sys.stderr)
    else:
        emit_json(ctx.services.transfer.export_profile(ctx.profile.id))
    return 0


def import_(args: argparse.Namespace, ctx: Context) -> int:
    transfer = ctx.services.transfer
    if args.file == "-":
        from roadmap_app.services.transfer import parse_document

        document = parse_document(sys.stdin.buffer.read(), "standard input")
    else:
        document = transfer.read_document(Path(args.file))
    profile = transfer.import_profile(document, args.as_name)
    print(f"imported as profile '{profile.name}'; switch to it with: roadmap-app profile use '{profile.name}'")
    return 0


def backup(args: argparse.Namespace, ctx: Context) -> int:
    print(ctx.services.backups.create().path)
    return 0


def backups(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.backups.all()
    if args.json:
        emit_json(
            [
                {
                    "name": b.path.name,
                    "path": str(b.path),
                    "created_at": b.created_at.isoformat(),
                    "reason": b.reason,
                    "size": b.size,
                }
                for b in found
            ]
        )
        return 0
    if not found:
        print("No backups yet. Make one with: roadmap-app backup")
    for b in found:
        print(f"{b.created_at:%Y-%m-%d %H:%M:%S}  {b.reason:<16} {b.size:>10,} bytes  {b.path.name}")
    return 0


def restore(args: argparse.Namespace, ctx: Context) -> int:
    info = ctx.services.backups.restore(args.backup)
    print(f"restored {info.path.name}; the data before the restore was backed up first")
    return 0


def check(args: argparse.Namespace, ctx: Context) -> int:
    report = ctx.services.backups.check()
    if report.ok:
        print(f"ok: {ctx.paths.database} has no problems")
        return 0
    for problem in report.problems:
        print(problem)
    raise UserError(f"the database has {len(report.problems)} problem(s); restore a backup with 'roadmap-app restore'")
