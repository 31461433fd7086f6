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
    """A done skill nothing proves: prove the one most open applications' ads ask for, then the target role."""
    proofs = [p for p in f.snap.projects if p.status is not ProjectStatus.IDEA]
    proven = {s for p in proofs for s in p.skill_ids} | f.snap.record_skills
    unproven = [s for s in f.roadmap.skills if f.state(s.id) is ItemState.DONE and s.id not in proven]
    if not unproven:
        return
    # How much a skill matters: how many open applications' ads ask for it, whether the
    # target role's duties use it, then how many duties across all levels do; ties keep
    # the roadmap's order.
    asked = {s.id: len(f.open_asking.get(s.id, ())) for s in unproven}
    duty_count = {s.id: 0 for s in unproven}
    for duty in f.roadmap.duties:
        for skill_id in duty.skill_ids:
            if skill_id in duty_count:
                duty_count[skill_id] += 1
    order = {s.id: i for i, s in enumerate(unproven)}
    pick = min(unproven, key=lambda s: (-asked[s.id], s.id not in f.target_skills, -duty_count[s.id], order[s.id]))
    wanted = pick.id in f.target_skills
    why = []
    if asked[pick.id]:
        why.append(f"{asked[pick.id]} of your {len(f.open_applications)} open applications ask for it")
    if wanted and f.target_uses:
        why.append(f.target_uses)
    idea = next((i for i in f.ideas_by_skill.get(pick.id, ()) if i.id not in f.started_ideas), None)
    others = len(unproven) - 1
    more = f" ({others} other done skill{'s' if others != 1 else ''} lack proof too)" if others else ""
    # The project touched last is the likeliest place the learner used the skill.
    recent = max(proofs, key=lambda p: (p.updated_at, p.id), default=None)
    existing = (
        f"add it to “{recent.title}” or another project or experience"
        if recent
        else "add it to a project or experience"
    )
    if idea is not None:
        way = f"start the project idea “{idea.title}”, which trains it, or {existing} where you used it"
        action = Action(ActionKind.START_PROJECT, idea.id, "", "Start project")
    else:
        way = f"{existing} where you used it, or to the credential that taught it"
        action = Action(ActionKind.OPEN_ITEM, pick.id, "", "Show skill")
    yield make_suggestion(
        "prove-skill",
        f"prove-skill:{pick.id}",
        f"Prove your {pick.title} skill",
        f"You marked {pick.title} done, but no project, experience or credential shows it"
        f"{''.join('; ' + w for w in why)}{more}; an interviewer will ask where you used it: {way}.",
        44 + (6 if wanted else 0) + min(others, 4) + 3 * min(asked[pick.id], 4),
        action,
        pick.id,
        len(unproven),
        idea.id if idea else "",
        asked[pick.id],
        subject=pick.title,
    )
