"""The 'evidence' command: what proves each skill you claim."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, emit_json
from roadmap_app.domain.evidence import SkillEvidence


def evidence_json(found: SkillEvidence) -> dict[str, Any]:
    return {
        "id": found.skill_id,
        "title": found.title,
        "state": found.state.value,
        "proof": [{"kind": p.kind.value, "id": p.id, "title": p.title} for p in found.proof],
        "unproven": found.unproven,
    }


def evidence(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.evidence.evidence(ctx.profile.id)
    if args.json:
        emit_json([evidence_json(e) for e in found])
        return 0
    if not found:
        print("No skill done or in progress yet. Mark one with: roadmap-app set SKILL done")
        return 0
    for e in found:
        flag = "  UNPROVEN" if e.unproven else ""
        print(f"{e.title}  [{e.skill_id}, {e.state.value}]{flag}")
        for p in e.proof:
            print(f"    {p.kind.value} {p.id}: {p.title}")
        if e.unproven:
            print("    nothing shows it yet: add it to a project, an experience or a credential")
    unproven = sum(e.unproven for e in found)
    if unproven:
        print(f"\n{unproven} done skill{'s' if unproven != 1 else ''} without proof.")
    return 0
