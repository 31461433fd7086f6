"""Commands for portfolio projects and their notes."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, read_text_arg
from roadmap_app.domain.model import Project
from roadmap_app.services.errors import InvalidInputError


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
