"""Tasks done by a record: `set TASK done --by KIND:ID` and `unlink TASK KIND:ID`."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli import commands as c
from roadmap_app.cli.commands import Context, row_id
from roadmap_app.domain.evidence import Proof, ProofKind
from roadmap_app.domain.task_links import KIND_NAMES, parse_record_ref
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.progress import parse_state
from roadmap_app.services.records import quoted


def record_ref(text: str) -> tuple[ProofKind, int]:
    """``credential:3`` as its kind and id, or a one-line error saying how to write one."""
    parsed = parse_record_ref(text)
    if parsed is None:
        forms = ", ".join(f"{k}:ID" for k in KIND_NAMES)
        raise InvalidInputError(f"{quoted(text)} names no record; give one of {forms}")
    kind, typed = parsed
    return kind, row_id(typed, kind.value, f"list them with 'roadmap-app {kind.value} list'")


def records_json(records: tuple[Proof, ...]) -> list[dict[str, Any]]:
    """The shape of `show --json`'s "records"."""
    return [{"kind": r.kind.value, "id": r.id, "title": r.title} for r in records]


def record_words(record: Proof) -> str:
    return f"{record.kind.value} {record.id}: {record.title}"


def set_state(args: argparse.Namespace, ctx: Context) -> int:
    """`set ITEM STATE`, and with `--by KIND:ID` the task done by that record."""
    if args.by is None:
        return c.set_state(args, ctx)
    if parse_state(args.state).value != "done":
        raise InvalidInputError(f"--by marks a task done; write 'roadmap-app set {args.item} done --by {args.by}'")
    kind, record_id = record_ref(args.by)
    change = ctx.services.task_links.link(ctx.profile.id, args.item, kind, record_id)
    before, after = change.progress.before.state.value, change.progress.after.state.value
    print(f"{args.item}: {before} -> {after}, done by {record_words(change.link.record)}")
    return 0


def unlink(args: argparse.Namespace, ctx: Context) -> int:
    kind, record_id = record_ref(args.record)
    change = ctx.services.task_links.unlink(ctx.profile.id, args.item, kind, record_id)
    state = change.progress.after.state.value
    print(f"{args.item}: no longer done by {record_words(change.link.record)} (its state stays {state})")
    return 0
