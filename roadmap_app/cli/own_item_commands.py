"""Your own tasks and skills: `roadmap-app item add|edit|remove`."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, missing_subcommand, read_text_arg


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


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'item' command, added to the main parser's ``sub``."""
    text = "your own tasks and skills: add, edit, remove"
    top = sub.add_parser("item", help=text, description=text)
    top.set_defaults(handler=missing_subcommand)
    isub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = isub.add_parser("add", help="add a task to a step or a skill to a category, and print its id")
    p.set_defaults(handler=item_add)
    p.add_argument("kind", choices=("task", "skill"), metavar="task|skill")
    p.add_argument("title", metavar="TITLE")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--step", metavar="ID", help="the step a task goes on")
    where.add_argument("--category", metavar="ID", help="the category a skill goes in")
    where.add_argument("--new-category", metavar="NAME", help="a category of your own for the skill")
    p.add_argument("--description", default="", metavar="TEXT", help="('-' reads standard input)")
    p.add_argument(
        "--prerequisite", action="append", default=[], metavar="ID",
        help="a skill it needs: a skill's requirement, or a skill a task trains (repeatable)",
    )  # fmt: skip
    p = isub.add_parser("edit", help="change an own item's title, description or prerequisites")
    p.set_defaults(handler=item_edit)
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--description", metavar="TEXT", help="('' clears it, '-' reads standard input)")
    p.add_argument(
        "--prerequisite", action="append", default=[], metavar="ID", help="replace the prerequisites (repeatable)"
    )
    p.add_argument("--no-prerequisites", action="store_true", help="clear the prerequisites")
    p = isub.add_parser("remove", help="take an own item out of the roadmap (with progress on it: needs --yes)")
    p.set_defaults(handler=item_remove)
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm: its state and note are kept, archived")
