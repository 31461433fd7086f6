"""Commands for portfolio projects and their notes."""

from __future__ import annotations

import argparse
from typing import Any

from roadmap_app.cli.commands import Context, emit_json, read_text_arg, row_id
from roadmap_app.domain.model import Project
from roadmap_app.services.errors import InvalidInputError, NotFoundError
from roadmap_app.services.portfolio import clean_link, clean_title, parse_status
from roadmap_app.services.records import quoted


def project_id(text: str) -> int:
    return row_id(text, "project", "list the ids with 'roadmap-app project list'")


def note_id(text: str) -> int:
    return row_id(text, "note", "see the ids with 'roadmap-app project show ID'")


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
    if args.title is None:
        if not args.idea:
            raise InvalidInputError("a project needs a TITLE, or --idea ID to start from one of the roadmap's ideas")
        if args.skill or args.summary or args.repo or args.demo or args.status != "idea":
            raise InvalidInputError("without a TITLE the project is the idea as it is; add a TITLE to set other fields")
        print(ctx.services.portfolio.start_from_idea(ctx.profile.id, args.idea).id)
        return 0
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


def project_edit(args: argparse.Namespace, ctx: Context) -> int:
    portfolio = ctx.services.portfolio
    profile_id = ctx.profile.id
    project = portfolio.get(profile_id, project_id(args.id))
    # Every value is checked before anything is written, so a bad one changes nothing.
    fields: dict[str, Any] = {}
    if args.title is not None:
        fields["title"] = clean_title(args.title)
    if args.summary is not None:
        fields["summary"] = args.summary
    if args.status is not None:
        fields["status"] = parse_status(args.status)
    if args.repo is not None:
        fields["repo_url"] = clean_link(args.repo, "repository")
    if args.demo is not None:
        fields["demo_url"] = clean_link(args.demo, "demo")
    skills = _edited_skills(ctx, project, args.add_skill, args.remove_skill)
    if not fields and skills is None:
        raise InvalidInputError(
            "nothing to change; give at least one of --title, --summary, --status, --repo, --demo, "
            "--add-skill, --remove-skill"
        )
    before = project
    after = portfolio.update(profile_id, project.id, skill_ids=skills, **fields).after
    changed = [name for name in _SHOWN if _value(before, name) != _value(after, name)]
    print(f"project {project.id}: " + (f"changed {', '.join(_SHOWN[n] for n in changed)}" if changed else "no change"))
    return 0


_SHOWN = {
    "title": "title",
    "summary": "summary",
    "status": "status",
    "repo_url": "repository",
    "demo_url": "demo",
    "skill_ids": "skills",
}


def _value(project: Project, name: str) -> object:
    value = getattr(project, name)
    return set(value) if name == "skill_ids" else value


def _edited_skills(ctx: Context, project: Project, add: list[str], remove: list[str]) -> list[str] | None:
    """The project's skills after the edit, or None when no skill option was given."""
    if not add and not remove:
        return None
    roadmap = ctx.services.roadmap
    add = [s.strip() for s in add]
    remove = [s.strip() for s in remove]
    for skill_id in add:
        if roadmap.skill(skill_id) is None:
            raise NotFoundError(f"unknown skill {quoted(skill_id)}; list them with 'roadmap-app items --kind skill'")
    for skill_id in remove:
        if skill_id not in project.skill_ids:
            raise NotFoundError(
                f"project {project.id} does not list the skill '{skill_id}'; see 'roadmap-app project show {project.id}'"
            )
    both = sorted(set(add) & set(remove))
    if both:
        raise InvalidInputError(f"'{both[0]}' is both added and removed; give it once")
    # A skill the roadmap in use dropped may stay on the project: it is the learner's record.
    return [s for s in project.skill_ids if s not in remove] + [s for s in add if s not in project.skill_ids]


def project_delete(args: argparse.Namespace, ctx: Context) -> int:
    project = ctx.services.portfolio.get(ctx.profile.id, project_id(args.id))
    if not args.yes:
        raise InvalidInputError(
            f"deleting project {project.id} '{project.title}' removes it with its {len(project.notes)} note(s); "
            "run again with --yes to confirm"
        )
    gone = ctx.services.portfolio.delete(ctx.profile.id, project.id)
    print(f"deleted project {gone.id} '{gone.title}' with {len(gone.notes)} note(s)")
    return 0


def project_note_edit(args: argparse.Namespace, ctx: Context) -> int:
    change = ctx.services.portfolio.update_note(ctx.profile.id, note_id(args.note), read_text_arg(args.text))
    done = "saved" if change.before.text != change.after.text else "unchanged"
    print(f"note {change.after.id} of project {change.after.project_id}: {done}")
    return 0


def project_note_delete(args: argparse.Namespace, ctx: Context) -> int:
    # Looked up first, so that a wrong id says so rather than asking for --yes.
    note = ctx.services.portfolio.note(ctx.profile.id, note_id(args.note))
    if not args.yes:
        raise InvalidInputError(
            f"deleting note {note.id} of project {note.project_id} loses its text; run again with --yes to confirm"
        )
    gone = ctx.services.portfolio.delete_note(ctx.profile.id, note.id)
    print(f"deleted note {gone.id} of project {gone.project_id}")
    return 0
