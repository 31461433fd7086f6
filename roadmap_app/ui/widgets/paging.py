"""Long lists that know their length at once and read a page of rows when a view first shows one."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from roadmap_app.domain.model import Project
from roadmap_app.services.portfolio import ProjectQuery, ProjectSort
from roadmap_app.ui.widgets.models import ACCESSIBLE, DISPLAY, ID_ROLE, OBJECT_ROLE, TOOLTIP

Index = QModelIndex | QPersistentModelIndex
PAGE = 100
#: Pages kept in memory; a page further away is read again when it is shown again.
KEPT_PAGES = 50


@dataclass(frozen=True, slots=True)
class ProjectSource:
    """Where a list's rows come from: how many there are, one page of them, a project's row."""

    count: Callable[[], int]
    read: Callable[[int, int], list[Project]]  # offset, limit
    locate: Callable[[int], int | None]  # a project's id -> its row, or None


#: Builds the source of the projects a query asks for.
Lister = Callable[[ProjectQuery], ProjectSource]

EMPTY = ProjectSource(lambda: 0, lambda _offset, _limit: [], lambda _id: None)

COLUMNS = ("Title", "Status", "Updated")
#: The roles a row answers (the others get None at once, before its page is read).
_ROLES = frozenset({DISPLAY, TOOLTIP, ACCESSIBLE, int(ID_ROLE), int(OBJECT_ROLE)})
#: What clicking each column's header sorts by, and which way first.
COLUMN_SORTS = (ProjectSort.TITLE, ProjectSort.STATUS, ProjectSort.UPDATED)
FIRST_DESCENDING = {ProjectSort.TITLE: False, ProjectSort.STATUS: False, ProjectSort.UPDATED: True}
TITLE, STATUS, UPDATED = range(3)

_ORDER_TEXT = {
    (ProjectSort.UPDATED, True): "recently changed first",
    (ProjectSort.UPDATED, False): "least recently changed first",
    (ProjectSort.TITLE, False): "by title, A to Z",
    (ProjectSort.TITLE, True): "by title, Z to A",
    (ProjectSort.STATUS, False): "by status, ideas first",
    (ProjectSort.STATUS, True): "by status, done first",
    (ProjectSort.CREATED, True): "newest first",
    (ProjectSort.CREATED, False): "oldest first",
}


def order_text(query: ProjectQuery) -> str:
    """The order a list is in, in words: "recently changed first"."""
    return _ORDER_TEXT[(query.sort, query.descending)]


def count_text(shown: int, total: int, query: ProjectQuery) -> str:
    """ "2,000 projects" or "12 of 2,000 match", with the order."""
    if query.filtered:
        counted = f"{shown:,} of {total:,} match" if shown else f"none of {total:,} match"
    else:
        counted = f"{total:,} project{'' if total == 1 else 's'}"
    return f"{counted} · {order_text(query)}"


def skills_text(project: Project) -> str:
    count = len(project.skill_ids)
    return f"{count} skill{'' if count == 1 else 's'}"


class PagedProjectsModel(QAbstractTableModel):
    """Projects as a query filters and orders them; ``rowCount`` is the true count at once.

    A row's page (``PAGE`` projects) is read the first time ``data`` asks for one of its rows,
    so the scroll bar spans the whole list, End reaches the last project, and a portfolio of
    thousands costs one count and a page or two to show. Sorting (a header click) asks the
    database for the new order.
    """

    #: The query changed (filter or order): the list was read again.
    query_changed = Signal()

    def __init__(self, parent: Any = None, *, page: int = PAGE) -> None:
        super().__init__(parent)
        self._page = page
        self._lister: Lister = lambda _query: EMPTY
        self._source = EMPTY
        self._query = ProjectQuery()
        self._total = 0
        self._pages: OrderedDict[int, list[Project]] = OrderedDict()
        self._reload_queued = False
        self._recounted = False

    # --- the list --------------------------------------------------------------------

    def set_lister(self, lister: Lister) -> None:
        """Read from ``lister`` from now on, starting again from the first page."""
        self._lister = lister
        self.reload()

    @property
    def query(self) -> ProjectQuery:
        return self._query

    def set_query(self, query: ProjectQuery) -> None:
        """Show the projects ``query`` asks for, in its order."""
        if query != self._query:
            self.reload(query)
            self.query_changed.emit()

    def reload(self, query: ProjectQuery | None = None) -> None:
        """Count again and forget every page read (the data changed)."""
        self.beginResetModel()
        self._query = query or self._query
        self._source = self._lister(self._query)
        self._pages.clear()
        self._total = max(self._source.count(), 0)
        self._reload_queued = False
        self._recounted = False
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def item(self, row: int) -> Project | None:
        """The project of a row, reading its page if needed; None past the end of what is stored."""
        if not 0 <= row < self._total:
            return None
        number, at = divmod(row, self._page)
        page = self._pages.get(number)
        if page is None:
            page = self._source.read(number * self._page, self._page)
            self._pages[number] = page
            if len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
            if len(page) < min(self._page, self._total - number * self._page):
                self._queue_reload()  # the list shrank under us: count again soon
        else:
            self._pages.move_to_end(number)
        return page[at] if at < len(page) else None

    def row_of_key(self, project_id: int) -> int:
        """The row of a project (asking the database when its page was not read), or -1."""
        for number, page in self._pages.items():
            for at, project in enumerate(page):
                if project.id == project_id:
                    return number * self._page + at
        row = self._source.locate(project_id)
        return -1 if row is None or not 0 <= row < self._total else row

    def loaded_rows(self) -> int:
        """How many rows are held in memory (for tests and benchmarks)."""
        return sum(len(page) for page in self._pages.values())

    def _queue_reload(self) -> None:
        # Never reset the model while a view paints it: count again once control returns to
        # the loop, and only once, so a source whose count and rows disagree cannot loop.
        if not self._reload_queued and not self._recounted:
            self._reload_queued = True
            QTimer.singleShot(0, self, self._recount)

    def _recount(self) -> None:
        self.reload()
        self._recounted = True

    # --- Qt's model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < self._total:
            return None
        project = self.item(index.row())
        if project is None:
            return None
        column = index.column()
        if role == DISPLAY:
            if column == TITLE:
                return project.title
            if column == STATUS:
                return project.status.label
            return f"{project.updated_at:%d %b %Y}"
        if role == TOOLTIP:
            lines = [project.title, f"{project.status.label} · {skills_text(project)}"]
            if project.summary.strip():
                lines.append(project.summary.strip()[:300])
            return "\n".join(lines)
        if role == ACCESSIBLE:
            return f"{project.title}: {project.status.label}, {skills_text(project)}, updated {project.updated_at:%d %B %Y}"
        if role == ID_ROLE:
            return project.id
        return project

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sort by {COLUMNS[section].lower()}"
            if role == Qt.ItemDataRole.InitialSortOrderRole:  # a first click on Updated: newest first
                descending = FIRST_DESCENDING[COLUMN_SORTS[section]]
                return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMN_SORTS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self._query, sort=COLUMN_SORTS[column], descending=descending))

    def sort_column(self) -> int:
        """The column the list is sorted by (-1 when the order has no column)."""
        return COLUMN_SORTS.index(self._query.sort) if self._query.sort in COLUMN_SORTS else -1
