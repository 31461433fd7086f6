"""Commands about the roadmap's items and the learner's goal: items, show, goal."""

from __future__ import annotations

import argparse
import math
from typing import Any

from roadmap_app.cli.commands import Context, emit_json
from roadmap_app.cli.resource_commands import print_resources, resources_json
from roadmap_app.cli.task_link_commands import record_words, records_json
from roadmap_app.domain.evidence import Proof
from roadmap_app.domain.item_facts import ItemFacts, RoadmapFacts
from roadmap_app.domain.model import ItemKind, ItemState, Profile, Progress, Roadmap
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.records import quoted


class _Learner:
    """The learner's saved progress and projects, read once per command."""

    def __init__(self, ctx: Context) -> None:
        profile_id = ctx.profile.id
        self.states = ctx.services.progress.states(profile_id)
        self.archived = {p.item_id: p for p in ctx.services.progress.archived(profile_id, self.states)}
        self.records = ctx.services.task_links.all(profile_id)
        self.projects_by_skill = ctx.services.portfolio.projects_by_skill(profile_id)


def _progress_json(progress: Progress) -> dict[str, Any]:
    return {
        "state": progress.state.value,
        "note": progress.note,
        "updated_at": progress.updated_at.isoformat() if progress.updated_at else None,
    }


def item_json(facts: ItemFacts, learner: _Learner) -> dict[str, Any]:
    """The shape shared by `show --json` and each row of `items --json`."""
    data: dict[str, Any] = {"id": facts.id, "kind": facts.kind.value, "title": facts.title}
    data.update(facts.facts)
    data.update({name: list(ids) for name, ids in facts.links.items()})
    if facts.kind is ItemKind.SKILL:
        data["projects"] = learner.projects_by_skill.get(facts.id, [])
    if facts.kind is ItemKind.TASK:
        data["records"] = records_json(learner.records.get(facts.id, ()))
    if facts.trackable:
        saved = learner.states.get(facts.id) or Progress(facts.id, ItemState.TODO, "", None)
        data.update(_progress_json(saved))
    elif facts.id in learner.archived:
        data.update(_progress_json(learner.archived[facts.id]))
    data["archived"] = facts.id in learner.archived
    return data


def archived_json(progress: Progress, records: tuple[Proof, ...] = ()) -> dict[str, Any]:
    """Saved progress on an id the roadmap in use does not have, with the records that did it."""
    return {
        "id": progress.item_id,
        "kind": None,
        "title": progress.item_id,
        **_progress_json(progress),
        "archived": True,
        "records": records_json(records),
    }


def items(args: argparse.Namespace, ctx: Context) -> int:
    if args.archived:
        return _archived_items(args, ctx)
    kinds = {k.value for k in ItemKind}
    if args.kind and args.kind not in kinds:
        raise InvalidInputError(f"unknown kind {quoted(args.kind)}; use one of: {', '.join(sorted(kinds))}")
    learner = _Learner(ctx)
    rows = [
        item_json(f, learner) for f in RoadmapFacts(ctx.services.roadmap).all() if args.kind in (None, f.kind.value)
    ]
    if args.json:
        emit_json(rows)
        return 0
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        print(f"{r['id']:<{width}}  {r['kind']:<12}  {r.get('state', ''):<11}  {r['title']}")
    return 0


def _archived_items(args: argparse.Namespace, ctx: Context) -> int:
    if args.kind:
        raise InvalidInputError("--archived lists ids the roadmap no longer has, which have no kind; leave out --kind")
    rows = ctx.services.progress.archived(ctx.profile.id)
    roadmap = ctx.services.roadmap
    if args.json:
        links = ctx.services.task_links.all(ctx.profile.id)
        emit_json([_archived_row(p, roadmap, links.get(p.item_id, ())) for p in rows])
        return 0
    if not rows:
        print("No archived progress: the roadmap in use has every item you saved progress or a note on.")
    width = max((len(p.item_id) for p in rows), default=10)
    for p in rows:
        note = f"  note: {' '.join(p.note.split())[:60]}" if p.note else ""
        title = roadmap.title_of(p.item_id)
        named = f"  {title}" if title != p.item_id else ""
        print(f"{p.item_id:<{width}}  {p.state.value:<11}{named}{note}")
    return 0


def _archived_row(progress: Progress, roadmap: Roadmap, records: tuple[Proof, ...]) -> dict[str, Any]:
    item = roadmap.item(progress.item_id)
    if item is None:
        # A removed own item keeps its title; an id from an older roadmap file has only its id.
        return {**archived_json(progress, records), "title": roadmap.title_of(progress.item_id)}
    # The id is still there, but as an item without a state (its kind changed).
    return {**archived_json(progress, records), "kind": item.kind.value, "title": item.title}


def show(args: argparse.Namespace, ctx: Context) -> int:
    roadmap = ctx.services.roadmap
    facts = RoadmapFacts(roadmap).of(args.item)
    learner = _Learner(ctx)
    if facts is None:
        saved = learner.archived.get(args.item)
        kept = resources_json(ctx, args.item)
        if saved is None and not kept:
            raise NotFoundError(f"unknown item {quoted(args.item)}; list the ids with 'roadmap-app items'")
        records = learner.records.get(args.item, ())
        saved = saved or Progress(args.item, ItemState.TODO, "", None)
        if args.json:
            emit_json(archived_json(saved, records))
            return 0
        print(f"{args.item}  (archived: the roadmap in use no longer has this item)")
        _print_progress(saved)
        _print_records(records)
        if kept:
            print("Resources:")
            print_resources(kept)
        return 0
    data = item_json(facts, learner)
    if args.json:
        # The same object as a row of `items --json`; `resource list ITEM --json` has the resources.
        emit_json(data)
        return 0
    resources = resources_json(ctx, facts.id) if facts.trackable else []
    print(f"{facts.title}  [{facts.id}, {facts.kind.value.replace('_', ' ')}]")
    for name, value in facts.facts.items():
        if isinstance(value, dict):
            print(f"{_label(name)}: {value['value']} (source: {value['source']}, {value['date']})")
        elif value != "" and name != "category":
            shown = roadmap.title_of(value) if isinstance(value, str) and name in ("step", "level") else value
            print(f"{_label(name)}: {shown}")
    for name, ids in facts.links.items():
        if ids:
            print(f"{_label(name)}: {', '.join(roadmap.title_of(i) for i in ids)}")
    if data.get("projects"):
        print(f"Your projects showing it: {', '.join(f'#{p}' for p in data['projects'])}")
    if facts.trackable:
        _print_progress(learner.states.get(facts.id) or Progress(facts.id, ItemState.TODO, "", None))
        _print_records(learner.records.get(facts.id, ()))
    elif facts.id in learner.archived:
        print("Saved progress (archived: this item no longer has a state):")
        _print_progress(learner.archived[facts.id])
    if resources:
        print("Resources:")
        print_resources(resources)
    return 0


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize().replace("Category title", "Category")


def _print_records(records: tuple[Proof, ...]) -> None:
    for record in records:
        print(f"Done by {record_words(record)}")


def _print_progress(progress: Progress) -> None:
    print(f"Your state: {progress.state.label}")
    if progress.note:
        print(f"Your note:\n{progress.note}")


# --- goal ------------------------------------------------------------------------------------


def goal_json(profile: Profile, roadmap: Roadmap) -> dict[str, Any]:
    def one(item_id: str, found: bool) -> dict[str, Any] | None:
        if not item_id:
            return None
        return {"id": item_id, "title": roadmap.title_of(item_id), "archived": not found}

    return {
        "profile": profile.name,
        "step": one(profile.current_step_id, roadmap.step(profile.current_step_id) is not None),
        "target": one(profile.target_career_id, roadmap.career_step(profile.target_career_id) is not None),
        "hours_per_week": round(profile.weekly_goal_minutes / 60, 2) if profile.weekly_goal_minutes else None,
        "min_minutes_per_day": profile.min_minutes_per_day,
        "ready_by": profile.ready_by.isoformat() if profile.ready_by else None,
    }


def _hours_to_minutes(hours: float) -> int:
    if not math.isfinite(hours):
        raise InvalidInputError(f"hours per week must be a number such as 6 or 7.5; got {hours}")
    if hours < 0:
        raise InvalidInputError(f"hours per week cannot be negative (got {hours:g}); give 0 to clear the goal")
    return round(hours * 60)


def goal(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap_app.services.study_values import parse_day as study_day

    profile = ctx.profile
    roadmap = ctx.services.roadmap
    ready_text = None if args.ready_by is None else args.ready_by.strip()
    changes: dict[str, Any] = {
        "current_step_id": None if args.step is None else args.step.strip(),
        "target_career_id": None if args.target is None else args.target.strip(),
        "weekly_goal_minutes": None if args.hours_per_week is None else _hours_to_minutes(args.hours_per_week),
        "min_minutes_per_day": args.min_minutes_per_day,
        "ready_by": study_day(ready_text, "ready-by") if ready_text not in (None, "", "none") else None,
        "clear_ready_by": ready_text in ("", "none"),
    }
    if any(v is not None and v is not False for v in changes.values()):
        _before, profile = ctx.services.profiles.set_goal(profile.id, **changes)
    data = goal_json(profile, roadmap)
    if args.json:
        emit_json(data)
        return 0
    for label, key, hint in (
        ("Step", "step", "roadmap-app goal --step ID"),
        ("Target", "target", "roadmap-app goal --target ID"),
    ):
        chosen = data[key]
        if chosen is None:
            print(f"{label}: not chosen (choose with '{hint}')")
        else:
            gone = "  (archived: the roadmap in use no longer has it)" if chosen["archived"] else ""
            print(f"{label}: {chosen['title']}  [{chosen['id']}]{gone}")
    hours = data["hours_per_week"]
    weekly = f"{hours:g} h" if hours else "not set (set it with 'roadmap-app goal --hours-per-week N')"
    print(f"Weekly study goal: {weekly}")
    print(f"A day counts towards a streak from {profile.min_minutes_per_day} min")
    if profile.ready_by:
        print(f"Ready to apply by: {profile.ready_by.isoformat()}")
    return 0
