"""Use cases over the learner's data. No Qt here: the window and the CLI both use these."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from roadmap_app.services._clock import Clock, system_clock
from roadmap_app.services.errors import InvalidInputError, NotFoundError, UserError
from roadmap_app.storage.errors import StorageError as DataError

if TYPE_CHECKING:
    from roadmap_app.domain.model import Roadmap
    from roadmap_app.services.activity import ActivityService
    from roadmap_app.services.backups import BackupService
    from roadmap_app.services.credentials import CredentialService
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


class Services:
    """Every service, built by the composition root and handed down.

    Each is made (and its module imported) the first time it is asked for, and is the same
    object from then on: a command that reads its progress loads neither the job search
    nor the suggestions. The backups are made at once, as they count writes from the open.
    """

    def __init__(self, db: Database, file_roadmap: Roadmap, clock: Clock = system_clock) -> None:
        self._db = db
        self._file_roadmap = file_roadmap
        self._clock = clock

    @classmethod
    def build(cls, db: Database, file_roadmap: Roadmap, clock: Clock = system_clock) -> Services:
        services = cls(db, file_roadmap, clock)
        services.backups  # noqa: B018 - made now: it counts the writes made after the open
        return services

    @cached_property
    def roadmaps(self) -> RoadmapSource:
        from roadmap_app.services.roadmap_source import RoadmapSource

        return RoadmapSource(self._db, self._file_roadmap)

    @cached_property
    def profiles(self) -> ProfileService:
        from roadmap_app.services.profiles import ProfileService

        return ProfileService(self._db, self.roadmaps, self._clock)

    @cached_property
    def progress(self) -> ProgressService:
        from roadmap_app.services.progress import ProgressService

        return ProgressService(self._db, self.roadmaps, self._clock)

    @cached_property
    def portfolio(self) -> PortfolioService:
        from roadmap_app.services.portfolio import PortfolioService

        return PortfolioService(self._db, self.roadmaps, self._clock)

    @cached_property
    def activity(self) -> ActivityService:
        from roadmap_app.services.activity import ActivityService

        return ActivityService(self._db)

    @cached_property
    def transfer(self) -> TransferService:
        from roadmap_app.services.transfer import TransferService

        return TransferService(self._db, self.roadmaps, self._clock)

    @cached_property
    def backups(self) -> BackupService:
        from roadmap_app.services.backups import BackupService

        return BackupService(self._db, self._db.path.parent / "backups", self._clock)

    @cached_property
    def suggestions(self) -> SuggestionService:
        from roadmap_app.services.suggestions import SuggestionService

        return SuggestionService(self._db, self.roadmaps, self.gap, self._clock)

    @cached_property
    def search(self) -> SearchService:
        from roadmap_app.services.search import SearchService

        return SearchService(self._db, self.roadmaps)

    @cached_property
    def study(self) -> StudyService:
        from roadmap_app.services.study import StudyService

        return StudyService(self._db, self.roadmaps, self._clock)

    @cached_property
    def credentials(self) -> CredentialService:
        from roadmap_app.services.credentials import CredentialService

        return CredentialService(self._db, self.roadmaps, self._clock)

    @cached_property
    def experience(self) -> ExperienceService:
        from roadmap_app.services.experience import ExperienceService

        return ExperienceService(self._db, self.roadmaps, self._clock)

    @cached_property
    def evidence(self) -> EvidenceService:
        from roadmap_app.services.evidence import EvidenceService

        return EvidenceService(
            self._db, self.roadmaps, self.progress, self.portfolio, self.credentials, self.experience
        )

    @cached_property
    def portfolio_document(self) -> PortfolioDocumentService:
        from roadmap_app.services.portfolio_document import PortfolioDocumentService

        return PortfolioDocumentService(
            self.roadmaps, self.profiles, self.portfolio, self.credentials, self.experience, self.evidence
        )

    @cached_property
    def gap(self) -> GapService:
        from roadmap_app.services.gap import GapService

        return GapService(self._db, self.roadmaps, self.progress, self.portfolio)

    @cached_property
    def jobs(self) -> JobService:
        from roadmap_app.services.jobs import JobService

        return JobService(self._db, lambda: self.gap, self._clock)

    @cached_property
    def roadmap_updates(self) -> RoadmapUpdateService:
        from roadmap_app.services.roadmap_updates import RoadmapUpdateService

        return RoadmapUpdateService(self._db, self._file_roadmap)

    @cached_property
    def task_links(self) -> TaskLinkService:
        from roadmap_app.services.task_links import TaskLinkService

        return TaskLinkService(self._db, self.roadmaps, self._clock)

    @cached_property
    def own_items(self) -> OwnItemService:
        from roadmap_app.services.own_items import OwnItemService

        return OwnItemService(self._db, self.roadmaps, self._clock)

    @cached_property
    def resources(self) -> ResourceService:
        from roadmap_app.services.resources import ResourceService

        return ResourceService(self._db, self.roadmaps, self._clock)

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
        from roadmap_app.storage.faults import read_only_note

        refusing = self._db.refusing
        return read_only_note(refusing, self._db.path.parent) if refusing is not None else ""

    def data_version(self) -> int:
        """Changes when another process commits to the database; the window polls it."""
        return self._db.data_version()

    def warm_up(self, *, mapped: bool = True) -> None:
        """Load what the first change needs (SQLAlchemy, its engine, the ORM classes) ahead of it.

        The window's first paint reads through the driver alone; it calls this right after,
        so that a click does not wait for the imports. A command that reads with SQLAlchemy
        loads it (without the ORM classes, ``mapped=False``) before it runs.
        """
        import sqlalchemy.orm  # the import is the work

        self._db.engine  # noqa: B018  (made on first use)
        if mapped:
            import roadmap_app.storage.tables  # noqa: F401

            sqlalchemy.orm.configure_mappers()

    def close(self) -> None:
        self._db.close()
