"""Your own tasks and skills: `roadmap-app item add|edit|remove`."""

from __future__ import annotations

import argparse

from roadmap_app.cli.commands import Context, read_text_arg


def item_add(args: argparse.Namespace, ctx: Context) -> int:
    item = ctx.services.own_items.add(
        ctx.profile.id,
        args.kind,
        args.title,
        step_id=args.step or "",
        category_id=args.category or "",
        new_category=args.new_category or "",
        description=read_text_arg(args.description),
        prerequisites=args.prerequisite,
    )
    print(item.id)
    return 0


def item_edit(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.own_items.edit(
        ctx.profile.id,
        args.id.strip(),
        title=args.title,
        description=None if args.description is None else read_text_arg(args.description),
        prerequisites=args.prerequisite if args.prerequisite or args.no_prerequisites else None,
    )
    if change.before == change.after:
        print(f"{change.after.id}: nothing to change")
    else:
        print(f"{change.after.id}: {change.after.title}")
    return 0


def item_remove(args: argparse.Namespace, ctx: Context) -> int:
    gone = ctx.services.own_items.remove(ctx.profile.id, args.id.strip(), confirmed=args.yes)
    kept = " (your state and note on it are kept: 'roadmap-app items --archived')" if args.yes else ""
    print(f"Removed {gone.id}: {gone.title}{kept}")
    return 0
