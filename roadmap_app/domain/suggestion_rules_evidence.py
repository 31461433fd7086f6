"""The suggestion rule about evidence: a skill marked done that nothing proves.

Same contract as ``suggestion_rules``: it reads the precomputed facts and yields its
suggestions, best first. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.suggestion_facts import Facts
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.domain.suggestion_wording import make_suggestion


def prove_unproven_skill(f: Facts) -> Iterator[Suggestion]:
    """A done skill no project, experience or credential proves: prove the one the target role asks for most."""
    proven = {s for p in f.snap.projects if p.status is not ProjectStatus.IDEA for s in p.skill_ids}
    proven |= f.snap.record_skills
    unproven = [s for s in f.roadmap.skills if f.state(s.id) is ItemState.DONE and s.id not in proven]
    if not unproven:
        return
    # How much the target role asks for a skill: whether its duties use it, then how many
    # duties across all levels do; ties keep the roadmap's order.
    duty_count = {s.id: 0 for s in unproven}
    for duty in f.roadmap.duties:
        for skill_id in duty.skill_ids:
            if skill_id in duty_count:
                duty_count[skill_id] += 1
    order = {s.id: i for i, s in enumerate(unproven)}
    pick = min(unproven, key=lambda s: (s.id not in f.target_skills, -duty_count[s.id], order[s.id]))
    wanted = pick.id in f.target_skills
    why = f"; {f.target_uses}" if wanted and f.target_uses else ""
    idea = next((i for i in f.ideas_by_skill.get(pick.id, ()) if i.id not in f.started_ideas), None)
    others = len(unproven) - 1
    more = f" ({others} other done skill{'s' if others != 1 else ''} lack proof too)" if others else ""
    if idea is not None:
        way = f"start the project idea “{idea.title}”, which trains it, or add it to a project or experience of yours"
        action = Action(ActionKind.START_PROJECT, idea.id, "", "Start project")
    else:
        way = "add it to a project or an experience where you used it, or to the credential that taught it"
        action = Action(ActionKind.OPEN_ITEM, pick.id, "", "Show skill")
    yield make_suggestion(
        "prove-skill",
        f"prove-skill:{pick.id}",
        f"Prove your {pick.title} skill",
        f"You marked {pick.title} done, but no project, experience or credential shows it{why}{more}; "
        f"an interviewer will ask where you used it: {way}.",
        44 + (6 if wanted else 0) + min(others, 4),
        action,
        pick.id,
        len(unproven),
        idea.id if idea else "",
        subject=pick.title,
    )
