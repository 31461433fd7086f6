"""What proves each skill the learner claims: projects, experience and credentials.

A skill done or in progress is claimed; a done skill that nothing proves is *unproven*.
Only work under way counts as proof: a project being built or done (not an idea), any
experience, and a credential in progress or done (not one only planned).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roadmap_app.domain.model import ItemState, Progress, Project, ProjectStatus, Roadmap
from roadmap_app.domain.records import Credential, CredentialStatus, Experience


class ProofKind(enum.StrEnum):
    PROJECT = "project"
    EXPERIENCE = "experience"
    CREDENTIAL = "credential"


@dataclass(frozen=True, slots=True)
class Proof:
    """A record that shows a skill or does a task: its kind, id and title."""

    kind: ProofKind
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """A skill the learner claims, with the records that prove it."""

    skill_id: str
    title: str
    state: ItemState
    proof: tuple[Proof, ...] = ()

    @property
    def unproven(self) -> bool:
        return self.state is ItemState.DONE and not self.proof


CLAIMED = (ItemState.DONE, ItemState.IN_PROGRESS)


def proofs_by_skill(
    projects: Iterable[Project], experience: Iterable[Experience], credentials: Iterable[Credential]
) -> dict[str, list[Proof]]:
    """Every skill a record proves, with the records: projects, then experience, then credentials."""
    found: dict[str, list[Proof]] = {}

    def add(kind: ProofKind, record_id: int, title: str, skill_ids: Iterable[str]) -> None:
        for skill_id in skill_ids:
            found.setdefault(skill_id, []).append(Proof(kind, record_id, title))

    for p in sorted(projects, key=lambda p: p.id):
        if p.status is not ProjectStatus.IDEA:
            add(ProofKind.PROJECT, p.id, p.title, p.skill_ids)
    for e in sorted(experience, key=lambda e: e.id):
        add(ProofKind.EXPERIENCE, e.id, e.title, e.skill_ids)
    for c in sorted(credentials, key=lambda c: c.id):
        if c.status is not CredentialStatus.PLANNED:
            add(ProofKind.CREDENTIAL, c.id, c.title, c.skill_ids)
    return found


def gather_evidence(
    roadmap: Roadmap,
    states: Mapping[str, Progress],
    projects: Iterable[Project],
    experience: Iterable[Experience],
    credentials: Iterable[Credential],
) -> list[SkillEvidence]:
    """Each skill done or in progress, in the roadmap's order, with what proves it."""
    proofs = proofs_by_skill(projects, experience, credentials)
    found = []
    for skill in roadmap.skills:
        progress = states.get(skill.id)
        if progress is None or progress.state not in CLAIMED:
            continue
        found.append(SkillEvidence(skill.id, skill.title, progress.state, tuple(proofs.get(skill.id, ()))))
    return found
