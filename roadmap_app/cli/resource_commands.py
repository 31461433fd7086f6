"""Commands for learning resources: resource add, list, edit, progress, done, remove."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, row_id
from roadmap_app.domain.resources import Resource, RoadmapResource
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.records import quoted

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
