"""Evidence: for every skill claimed, the projects, experience and credentials that prove it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roadmap_app.domain.evidence import SkillEvidence, gather_evidence
from roadmap_app.domain.model import ItemState, Project, ProjectStatus, Roadmap
from roadmap_app.domain.records import CredentialStatus
from roadmap_app.services.credentials import CredentialService
from roadmap_app.services.experience import ExperienceService
from roadmap_app.services.portfolio import PortfolioService
from roadmap_app.services.progress import ProgressService
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.storage.db import Database

_PROJECT_UNDER_WAY = tuple(s.value for s in ProjectStatus if s is not ProjectStatus.IDEA)
_CREDENTIAL_UNDER_WAY = tuple(s.value for s in CredentialStatus if s is not CredentialStatus.PLANNED)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


# Which of some skills a record proves: a project being built or done, any experience, a
# credential in progress or done. Each test stops at the first record found (the indexes on
# skill_id), so a long portfolio is not read through for the dashboard's warning.
_PROVEN_AMONG = (
    "WITH wanted(skill_id) AS (VALUES {wanted}) SELECT skill_id FROM wanted w WHERE"
    " EXISTS (SELECT 1 FROM project_skills s JOIN projects p ON p.id = s.project_id"
    f" WHERE s.skill_id = w.skill_id AND p.profile_id = ? AND p.status IN ({_marks(_PROJECT_UNDER_WAY)}))"
    " OR EXISTS (SELECT 1 FROM experience_skills s JOIN experiences e ON e.id = s.experience_id"
    " WHERE s.skill_id = w.skill_id AND e.profile_id = ?)"
    " OR EXISTS (SELECT 1 FROM credential_skills s JOIN credentials c ON c.id = s.credential_id"
    f" WHERE s.skill_id = w.skill_id AND c.profile_id = ? AND c.status IN ({_marks(_CREDENTIAL_UNDER_WAY)}))"
)
_SKILLS_PER_READ = 400  # with the other parameters, under SQLite's limit


class EvidenceService:
    @property
    def _roadmap(self) -> Roadmap:
        """The roadmap with the own items of the profile in use."""
        return self._roadmaps.current

    def __init__(
        self,
        db: Database,
        roadmap: RoadmapSource,
        progress: ProgressService,
        portfolio: PortfolioService,
        credentials: CredentialService,
        experience: ExperienceService,
    ) -> None:
        self._db = db
        self._roadmaps = roadmap
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

    def unproven(self, profile_id: int) -> list[SkillEvidence]:
        """The done skills nothing proves, in the roadmap's order (what `evidence` flags as
        unproven), from the skills each kind of record proves rather than every record:
        the dashboard names them on every refresh."""
        states = self._progress.states(profile_id)
        done = [
            skill
            for skill in self._roadmap.skills
            if (p := states.get(skill.id)) is not None and p.state is ItemState.DONE
        ]
        proven: set[str] = set()
        with self._db.read_plain() as conn:
            for start in range(0, len(done), _SKILLS_PER_READ):
                wanted = [skill.id for skill in done[start : start + _SKILLS_PER_READ]]
                query = _PROVEN_AMONG.format(wanted=", ".join("(?)" for _ in wanted))
                params = (*wanted, profile_id, *_PROJECT_UNDER_WAY, profile_id, profile_id, *_CREDENTIAL_UNDER_WAY)
                proven.update(skill for (skill,) in conn.execute(query, params))
        return [SkillEvidence(skill.id, skill.title, ItemState.DONE) for skill in done if skill.id not in proven]

    def of_skill(
        self, profile_id: int, skill_id: str, projects: Sequence[Project] | None = None
    ) -> SkillEvidence | None:
        """One skill's evidence (None unless it is done or in progress), reading only the
        projects that list it (``projects`` when the caller has them already): the Skills
        page asks this on every skill it shows."""
        progress = self._progress.get(profile_id, skill_id)
        found = gather_evidence(
            self._roadmap,
            {skill_id: progress},
            projects if projects is not None else self._portfolio.with_skill(profile_id, skill_id),
            [e for e in self._experience.list(profile_id) if skill_id in e.skill_ids],
            [c for c in self._credentials.list(profile_id) if skill_id in c.skill_ids],
        )
        return found[0] if found else None


_RECORD_SKILLS = (
    "SELECT s.skill_id FROM experience_skills AS s JOIN experiences AS e ON s.experience_id = e.id"
    " WHERE e.profile_id = ?"
    " UNION SELECT s.skill_id FROM credential_skills AS s JOIN credentials AS c ON s.credential_id = c.id"
    " WHERE c.profile_id = ? AND c.status != ?"
)


def record_skills(driver: Any, profile_id: int) -> frozenset[str]:
    """The skills an experience or a credential under way proves, for the suggestions."""
    rows = driver.execute(_RECORD_SKILLS, (profile_id, profile_id, CredentialStatus.PLANNED.value))
    return frozenset(skill_id for (skill_id,) in rows)
