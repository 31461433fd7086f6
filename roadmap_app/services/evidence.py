"""Evidence: for every skill claimed, the projects, experience and credentials that prove it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from roadmap_app.domain.evidence import SkillEvidence, gather_evidence
from roadmap_app.domain.model import Roadmap
from roadmap_app.domain.records import CredentialStatus
from roadmap_app.services.credentials import CredentialService
from roadmap_app.services.experience import ExperienceService
from roadmap_app.services.portfolio import PortfolioService
from roadmap_app.services.progress import ProgressService
from roadmap_app.storage.tables import CredentialRow, CredentialSkillRow, ExperienceRow, ExperienceSkillRow


class EvidenceService:
    def __init__(
        self,
        roadmap: Roadmap,
        progress: ProgressService,
        portfolio: PortfolioService,
        credentials: CredentialService,
        experience: ExperienceService,
    ) -> None:
        self._roadmap = roadmap
        self._progress = progress
        self._portfolio = portfolio
        self._credentials = credentials
        self._experience = experience

    def evidence(self, profile_id: int) -> list[SkillEvidence]:
        """Each skill done or in progress, in the roadmap's order, with its proof."""
        return gather_evidence(
            self._roadmap,
            self._progress.states(profile_id),
            self._portfolio.projects(profile_id),
            self._experience.list(profile_id),
            self._credentials.list(profile_id),
        )


def record_skills(session: Session, profile_id: int) -> frozenset[str]:
    """The skills an experience or a credential under way proves, for the suggestions."""
    used = select(ExperienceSkillRow.skill_id).join(ExperienceRow).where(ExperienceRow.profile_id == profile_id)
    covered = (
        select(CredentialSkillRow.skill_id)
        .join(CredentialRow)
        .where(CredentialRow.profile_id == profile_id, CredentialRow.status != CredentialStatus.PLANNED.value)
    )
    return frozenset(session.scalars(used.union(covered)))
