"""Long lists read a page at a time as they scroll, through the views' fetchMore protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from roadmap_app.domain.model import Project
from roadmap_app.ui.widgets.models import ProjectsModel

Index = QModelIndex | QPersistentModelIndex
PAGE = 100

#: Reads ``limit`` projects from ``offset`` in the list's order.
PageReader = Callable[[int, int], list[Project]]


class PagedProjectsModel(ProjectsModel):
    """The learner's projects, newest first; rows are read when the view scrolls to them.

    A view asks ``canFetchMore``/``fetchMore`` when it shows the last loaded row, so a
    portfolio of thousands of projects costs one page to open and one page per scroll.
    """

    def __init__(self, parent: Any = None, *, page: int = PAGE) -> None:
        super().__init__(parent)
        self._page = page
        self._read: PageReader = lambda _offset, _limit: []
        self._total = 0

    def set_source(self, read: PageReader, total: int, *, at_least: int = 0) -> None:
        """Start again from the first page (and as many as needed to hold ``at_least`` rows)."""
        self._read = read
        self._total = total
        wanted = min(total, max(self._page, at_least))
        self.set_items(read(0, wanted) if wanted else [])

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._items) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._read(len(self._items), self._page)
        if not more:  # the list shrank under us: stop asking
            self._total = len(self._items)
            return
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(more) - 1)
        self._items.extend(more)
        self.endInsertRows()
