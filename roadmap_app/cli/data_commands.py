"""Commands for profiles, export and import, and backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_app.cli.commands import Context, emit_json
from roadmap_app.services import UserError
from roadmap_app.services.errors import InvalidInputError


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
