"""Learning resources on a task or skill: the learner's courses, books, videos, docs and
articles with their progress, and the few official ones a roadmap file may list."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

MAX_PARTS = 100_000
"""The most parts (modules, chapters, videos) a resource may have."""


class ResourceKind(enum.StrEnum):
    COURSE = "course"
    BOOK = "book"
    VIDEO = "video"
    DOCS = "docs"
    ARTICLE = "article"
    OTHER = "other"

    @property
    def label(self) -> str:
        return "Documentation" if self is ResourceKind.DOCS else self.value.capitalize()


@dataclass(frozen=True, slots=True)
class RoadmapResource:
    """An official resource the roadmap file lists on a skill: read-only, the roadmap's."""

    title: str
    url: str
    kind: ResourceKind


@dataclass(frozen=True, slots=True)
class Resource:
    """A resource the learner keeps on an item, with how far they got through it."""

    id: int
    item_id: str
    title: str
    url: str
    kind: ResourceKind
    progress: int
    of: int | None
    """How many parts it has (modules, chapters); None when the learner gave none."""
    done: bool
    position: int
    created_at: datetime
    updated_at: datetime
    uuid: str = ""

    @property
    def progress_text(self) -> str:
        """'3 of 10', '3' or '' (no progress and no size)."""
        if self.of is not None:
            return f"{self.progress} of {self.of}"
        return str(self.progress) if self.progress else ""


def list_order(resource: Resource) -> tuple[int, int]:
    """The learner's order on an item: by position, ties by id."""
    return (resource.position, resource.id)
