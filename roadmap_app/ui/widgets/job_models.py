"""The Job search page's models: applications grouped by stage, and the figures above them.

The tree has one row per stage that holds applications (the open stages first, in the
order of the road, then saved and the closed ones), each with its count, and under it the
applications, the most recently moved first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from roadmap_app.domain.jobs import OPEN_STAGES, Application, Stage
from roadmap_app.ui.widgets.common import plural
from roadmap_app.ui.widgets.models import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    HEADER_ROLE,
    ID_ROLE,
    OBJECT_ROLE,
    SELECTABLE,
    TOOLTIP,
)

Index = QModelIndex | QPersistentModelIndex

#: The groups' order: still going somewhere first, then not sent yet, then closed.
STAGE_ORDER: tuple[Stage, ...] = (
    *(s for s in Stage if s in OPEN_STAGES),
    *(s for s in Stage if s not in OPEN_STAGES),
)
APPLICATION, SINCE = 0, 1
_HEADERS = ("Application", "Since")
#: internalId of a group row; an application's is its group's row + 1.
_GROUP = 0
#: The roles each kind of row answers (the others get None at once).
_GROUP_ROLES = frozenset({DISPLAY, ACCESSIBLE, FONT, int(HEADER_ROLE), int(ID_ROLE)})
_APPLICATION_ROLES = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, int(HEADER_ROLE), int(ID_ROLE), int(OBJECT_ROLE)})
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled  # reached by the arrows (Left and Right fold it), never selected


@lru_cache(maxsize=4096)
def short_day(day: date | None) -> str:
    """``day`` as "05 Mar 2026" (remembered: the tree paints each row's day at every repaint)."""
    return f"{day:%d %b %Y}" if day else ""


def application_title(application: Application) -> str:
    return f"{application.company} — {application.role}"


@dataclass(frozen=True, slots=True)
class StageGroup:
    stage: Stage
    applications: tuple[Application, ...]

    @property
    def title(self) -> str:
        return f"{self.stage.label} · {len(self.applications)}"


def _newest_first(application: Application) -> tuple[int, int]:
    on = application.stage_on
    return (-(on.toordinal() if on else 0), -application.id)


def stage_groups(applications: Iterable[Application]) -> list[StageGroup]:
    """The stages that hold applications, in STAGE_ORDER; in each, the latest moved first (then by id)."""
    by_stage: dict[Stage, list[Application]] = {}
    for application in applications:
        by_stage.setdefault(application.stage, []).append(application)
    return [
        StageGroup(stage, tuple(sorted(by_stage[stage], key=_newest_first)))
        for stage in STAGE_ORDER
        if stage in by_stage
    ]


class ApplicationsModel(QAbstractItemModel):
    """Stage groups (not selectable, with their counts) and their applications, two columns."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[StageGroup] = []
        self._bold: QFont | None = None  # the groups' font, made at the first paint

    def set_applications(self, applications: Iterable[Application]) -> None:
        self.beginResetModel()
        self._groups = stage_groups(applications)
        self.endResetModel()

    @property
    def groups(self) -> list[StageGroup]:
        return list(self._groups)

    def application(self, index: Index) -> Application | None:
        """The application at ``index`` (any column); None for a group row or nothing."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1].applications[index.row()]

    def index_of(self, application_id: int, column: int = APPLICATION) -> QModelIndex:
        """Where an application is listed; an invalid index when it is not."""
        for group_row, group in enumerate(self._groups):
            for row, application in enumerate(group.applications):
                if application.id == application_id:
                    return self.createIndex(row, column, group_row + 1)
        return QModelIndex()

    def group_index(self, stage: Stage) -> QModelIndex:
        row = next((i for i, g in enumerate(self._groups) if g.stage is stage), -1)
        return self.createIndex(row, 0, _GROUP) if row >= 0 else QModelIndex()

    def stage_at(self, index: Index) -> Stage | None:
        """The stage of a group row, or of the group an application is listed in."""
        if not index.isValid():
            return None
        group_row = index.row() if index.internalId() == _GROUP else index.internalId() - 1
        return self._groups[group_row].stage

    # --- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(_HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _GROUP or parent.column() != 0:
            return QModelIndex()
        if row < len(self._groups[parent.row()].applications):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].applications)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(_HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if index.internalId() == _GROUP else SELECTABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        internal = index.internalId()
        if internal == _GROUP:
            if role not in _GROUP_ROLES:
                return None
            return self._group_data(self._groups[index.row()], index.column(), role)
        if role not in _APPLICATION_ROLES:
            return None
        application = self._groups[internal - 1].applications[index.row()]
        return self._application_data(application, index.column(), role)

    def _group_data(self, group: StageGroup, column: int, role: int) -> Any:
        if role == DISPLAY and column == APPLICATION:
            return group.title
        if role == ACCESSIBLE and column == APPLICATION:
            return f"{group.stage.label}: {plural(len(group.applications), 'application')}"
        if role == FONT:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == HEADER_ROLE:
            return True
        if role == ID_ROLE:
            return group.stage.value
        return None

    def _application_data(self, application: Application, column: int, role: int) -> Any:
        if role == DISPLAY:
            return application_title(application) if column == APPLICATION else short_day(application.stage_on)
        if role == ACCESSIBLE:
            since = f" since {short_day(application.stage_on)}" if application.stage_on else ""
            return f"{application.company}, {application.role}: {application.stage.label.lower()}{since}"
        if role == TOOLTIP:
            # Rich text built here, so that what the learner typed is never read as markup.
            where = " · ".join(p for p in (application.location, application.salary) if p)
            title = escape(application_title(application))
            return f"<p>{title}<br>{escape(where)}</p>" if where else f"<p>{title}</p>"
        if role == HEADER_ROLE:
            return False
        if role == ID_ROLE:
            return application.id
        if role == OBJECT_ROLE:
            return application
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section] if 0 <= section < len(_HEADERS) else None
        return None
