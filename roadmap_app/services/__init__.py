"""Use cases over the learner's data. No Qt here: the window and the CLI both use these."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_app.domain.model import Roadmap
from roadmap_app.services._common import Clock, system_clock
from roadmap_app.services.activity import ActivityService
from roadmap_app.services.backups import BackupService
from roadmap_app.services.credentials import CredentialService
from roadmap_app.services.errors import InvalidInputError, NotFoundError, UserError
from roadmap_app.services.evidence import EvidenceService
from roadmap_app.services.experience import ExperienceService
from roadmap_app.services.gap import GapService
from roadmap_app.services.jobs import JobService
from roadmap_app.services.own_items import OwnItemService
from roadmap_app.services.portfolio import PortfolioService
from roadmap_app.services.portfolio_document import PortfolioDocumentService
from roadmap_app.services.profiles import ProfileService
from roadmap_app.services.progress import ProgressService
from roadmap_app.services.resources import ResourceService
from roadmap_app.services.roadmap_source import RoadmapSource
from roadmap_app.services.roadmap_updates import RoadmapUpdateService
from roadmap_app.services.search import SearchService
from roadmap_app.services.study import StudyService
from roadmap_app.services.suggestions import SuggestionService
from roadmap_app.services.task_links import TaskLinkService
from roadmap_app.services.transfer import TransferService
from roadmap_app.storage.db import Database
from roadmap_app.storage.errors import StorageError as DataError
from roadmap_app.storage.faults import read_only_note

# What a call of the services can fail with: each carries a one-line message for the learner
# (a refused input, or the machine refusing a write: a full disk, a read-only folder).
FAILURES: tuple[type[Exception], ...] = (UserError, DataError)

__all__ = [
    "FAILURES",
    "DataError",
    "InvalidInputError",
    "NotFoundError",
    "Services",
    "UserError",
]


@dataclass(frozen=True)
class Services:
    """Every service, built once by the composition root and handed down."""

    roadmaps: RoadmapSource
    profiles: ProfileService
    progress: ProgressService
    portfolio: PortfolioService
    activity: ActivityService
    transfer: TransferService
    backups: BackupService
    suggestions: SuggestionService
    search: SearchService
    study: StudyService
    credentials: CredentialService
    experience: ExperienceService
    evidence: EvidenceService
    portfolio_document: PortfolioDocumentService
    gap: GapService
    jobs: JobService
    roadmap_updates: RoadmapUpdateService
    task_links: TaskLinkService
    own_items: OwnItemService
    resources: ResourceService
    _db: Database

    @classmethod
    def build(cls, db: Database, file_roadmap: Roadmap, clock: Clock = system_clock) -> Services:
        roadmap = RoadmapSource(db, file_roadmap)
        progress = ProgressService(db, roadmap, clock)
        portfolio = PortfolioService(db, roadmap, clock)
        credentials = CredentialService(db, roadmap, clock)
        experience = ExperienceService(db, roadmap, clock)
        profiles = ProfileService(db, roadmap, clock)
        evidence = EvidenceService(roadmap, progress, portfolio, credentials, experience)
        gap = GapService(roadmap, progress, portfolio, credentials, experience)
        return cls(
            roadmaps=roadmap,
            profiles=profiles,
            progress=progress,
            portfolio=portfolio,
            activity=ActivityService(db),
            transfer=TransferService(db, roadmap, clock),
            backups=BackupService(db, db.path.parent / "backups", clock),
            suggestions=SuggestionService(db, roadmap, gap, clock),
            search=SearchService(db, roadmap),
            study=StudyService(db, roadmap, clock),
            credentials=credentials,
            experience=experience,
            evidence=evidence,
            portfolio_document=PortfolioDocumentService(
                roadmap, profiles, portfolio, credentials, experience, evidence
            ),
            gap=gap,
            jobs=JobService(db, gap, clock),
            roadmap_updates=RoadmapUpdateService(db, file_roadmap),
            task_links=TaskLinkService(db, roadmap, clock),
            own_items=OwnItemService(db, roadmap, clock),
            resources=ResourceService(db, roadmap, clock),
            _db=db,
        )

    @property
    def roadmap(self) -> Roadmap:
        """The roadmap in use, with the own items of the profile in use (see ``use_profile``)."""
        return self.roadmaps.current

    def use_profile(self, profile_id: int) -> None:
        """Read the roadmap with this profile's own items from now on (the window's, a command's profile)."""
        self.roadmaps.use(profile_id)

    @property
    def read_only(self) -> bool:
        """The data was opened from a read-only folder or a full disk: every change is refused."""
        return self._db.read_only

    def read_only_note(self) -> str:
        """Why the data cannot be changed, in one line; empty when it can."""
        refusing = self._db.refusing
        return read_only_note(refusing, self._db.path.parent) if refusing is not None else ""

    def data_version(self) -> int:
        """Changes when another process commits to the database; the window polls it."""
        return self._db.data_version()

    def close(self) -> None:
        self._db.close()
