"""Commands for learning resources: resource add, list, edit, progress, done, remove."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, missing_subcommand, row_id
from roadmap_app.domain.resources import Resource, ResourceKind, RoadmapResource
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.records import quoted

KINDS = ", ".join(k.value for k in ResourceKind)
ROADMAP_PREFIX = "roadmap:"


def resource_json(r: Resource) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "url": r.url,
        "kind": r.kind.value,
        "progress": r.progress,
        "of": r.of,
        "done": r.done,
        "source": "learner",
    }


def roadmap_resource_json(number: int, r: RoadmapResource) -> dict[str, Any]:
    """One of the roadmap's own: read-only, with an id that says so ('roadmap:1')."""
    return {
        "id": f"{ROADMAP_PREFIX}{number}",
        "title": r.title,
        "url": r.url,
        "kind": r.kind.value,
        "progress": 0,
        "of": None,
        "done": False,
        "source": "roadmap",
    }


def resources_json(ctx: Context, item_id: str) -> list[dict[str, Any]]:
    """The learner's resources on an item, then the roadmap's."""
    own = ctx.services.resources.list(ctx.profile.id, item_id)
    official = ctx.services.resources.of_roadmap(item_id)
    return [resource_json(r) for r in own] + [roadmap_resource_json(n, r) for n, r in enumerate(official, 1)]


def print_resources(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        mark = "✓" if r["done"] else " "
        parts = f"  {r['progress']} of {r['of']}" if r["of"] is not None else ""
        if r["of"] is None and r["progress"]:
            parts = f"  {r['progress']} done"
        link = f"  {r['url']}" if r["url"] else ""
        print(f"{r['id']!s:>10}  [{mark}] {r['kind']:<7}  {r['title']}{parts}{link}")


def _resource_id(text: str) -> int:
    if text.strip().lower().startswith(ROADMAP_PREFIX):
        raise InvalidInputError(
            f"'{text}' is one of the roadmap's resources, which cannot be changed; "
            "keep your own copy with 'roadmap-app resource add ITEM TITLE --url URL'"
        )
    return row_id(text, "resource", "list an item's with 'roadmap-app resource list ITEM'")


def resource_add(args: argparse.Namespace, ctx: Context) -> int:
    added = ctx.services.resources.add(ctx.profile.id, args.item, args.title, url=args.url, kind=args.kind, of=args.of)
    print(added.id)
    return 0


def resource_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = resources_json(ctx, args.item)
    if not rows and ctx.services.roadmap.item(args.item) is None:
        # An id the roadmap dropped still lists the resources kept on it; any other is a typo.
        raise NotFoundError(f"unknown item {quoted(args.item)}; list the ids with 'roadmap-app items'")
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(f"No resources on {args.item} yet; add one with 'roadmap-app resource add {args.item} TITLE --url URL'")
    print_resources(rows)
    return 0


def resource_edit(args: argparse.Namespace, ctx: Context) -> int:
    fields: dict[str, Any] = {
        k: v for k, v in (("title", args.title), ("url", args.url), ("kind", args.kind)) if v is not None
    }
    if args.of is not None:
        fields["of"] = None if args.of.strip() == "" else args.of
    if not fields:
        raise InvalidInputError("give at least one of --title, --url, --kind or --of to change")
    change = ctx.services.resources.update(ctx.profile.id, _resource_id(args.id), **fields)
    print(f"resource {change.after.id} '{change.after.title}' changed")
    return 0


def resource_progress(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.resources.set_progress(ctx.profile.id, _resource_id(args.id), args.progress)
    print(f"resource {change.after.id} '{change.after.title}': {change.after.progress_text or '0'}")
    return 0


def resource_done(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.resources.set_done(ctx.profile.id, _resource_id(args.id), not args.not_done)
    word = "done" if change.after.done else "not done"
    print(f"resource {change.after.id} '{change.after.title}' marked {word}")
    return 0


def resource_remove(args: argparse.Namespace, ctx: Context) -> int:
    gone = ctx.services.resources.delete(ctx.profile.id, _resource_id(args.id))
    print(f"removed resource {gone.id} '{gone.title}'")
    return 0


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The 'resource' command, added to the main parser's ``sub``."""
    text = "learning resources on a task or skill: add, list, edit, progress, done, remove"
    top = sub.add_parser("resource", help=text, description=text)
    top.set_defaults(handler=missing_subcommand)
    rsub = top.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = rsub.add_parser("add", help="keep a course, book, video, docs or article on an item and print its id")
    p.set_defaults(handler=resource_add)
    p.add_argument("item", metavar="ITEM", help="a task or skill id")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--url", default="", metavar="URL", help="its link, starting with https://")
    p.add_argument("--kind", default="other", metavar="K", help=f"{KINDS} (default: other)")
    p.add_argument("--of", metavar="N", help="how many parts it has (modules, chapters, videos)")
    p = rsub.add_parser("list", help="an item's resources: yours, then the roadmap's (ids roadmap:N)")
    p.set_defaults(handler=resource_list)
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--json", action="store_true")
    p = rsub.add_parser("edit", help="change a resource's title, link, kind or parts; a bad value changes nothing")
    p.set_defaults(handler=resource_edit)
    p.add_argument("id", metavar="RID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--url", metavar="URL", help="its link ('' clears it)")
    p.add_argument("--kind", metavar="K", help=KINDS)
    p.add_argument("--of", metavar="N", help="how many parts it has ('' clears it)")
    p = rsub.add_parser("progress", help="how many of its parts you have done")
    p.set_defaults(handler=resource_progress)
    p.add_argument("id", metavar="RID")
    p.add_argument("progress", metavar="N")
    p = rsub.add_parser("done", help="mark a resource done (--not: not done)")
    p.set_defaults(handler=resource_done)
    p.add_argument("id", metavar="RID")
    p.add_argument("--not", dest="not_done", action="store_true", help="mark it not done again")
    p = rsub.add_parser("remove", help="remove one of your resources")
    p.set_defaults(handler=resource_remove)
    p.add_argument("id", metavar="RID")
