"""The portfolio document for employers, gathered from the learner's records."""

from __future__ import annotations

from roadmap_app.domain.model import ItemState, ProjectStatus, Roadmap
from roadmap_app.domain.portfolio_document import PortfolioContent
from roadmap_app.domain.records import CredentialStatus
from roadmap_app.services.credentials import CredentialService
from roadmap_app.services.evidence import EvidenceService
from roadmap_app.services.experience import ExperienceService
from roadmap_app.services.portfolio import PortfolioService
from roadmap_app.services.profiles import ProfileService
from roadmap_app.services.roadmap_source import RoadmapSource


class PortfolioDocumentService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(
        self,
        roadmap: RoadmapSource,
        profiles: ProfileService,
        portfolio: PortfolioService,
        credentials: CredentialService,
        experience: ExperienceService,
        evidence: EvidenceService,
    ) -> None:
        self._roadmaps = roadmap
        self._profiles = profiles
        self._portfolio = portfolio
        self._credentials = credentials
        self._experience = experience
        self._evidence = evidence

    def content(self, profile_id: int) -> PortfolioContent:
        """What an employer reads: only work under way or done, and only proven skills.

        Ideas and planned credentials are left out; a skill is listed only when done,
        with the records that show it.
        """
        profile = self._profiles.get(profile_id)
        career = self._roadmap.career_step(profile.target_career_id)
        projects = [p for p in self._portfolio.projects(profile_id) if p.status is not ProjectStatus.IDEA]
        return PortfolioContent(
            name=profile.name,
            target_role=career.title if career else "",
            credentials=tuple(
                c for c in self._credentials.list(profile_id) if c.status is not CredentialStatus.PLANNED
            ),
            experience=tuple(self._experience.list(profile_id)),
            projects=tuple(projects),
            skills=tuple(s for s in self._evidence.evidence(profile_id) if s.proof and s.state is ItemState.DONE),
            skill_titles={s.id: s.title for s in self._roadmap.skills},
        )
