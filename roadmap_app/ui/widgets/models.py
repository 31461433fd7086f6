"""Item models over domain objects: every list and table of the window reads one of these."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from roadmap_app.domain.evidence import Proof
from roadmap_app.domain.model import ItemState, Progress, Project, ProjectNote, Roadmap, Step
from roadmap_app.domain.progress import Tally, tally
from roadmap_app.domain.suggestion_types import Suggestion

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 5
TALLY_ROLE = Qt.ItemDataRole.UserRole + 6
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 7
HAS_NOTE_ROLE = Qt.ItemDataRole.UserRole + 8
#: What did a task, in words ("" when no record did): shown under the task's title.
DONE_BY_ROLE = Qt.ItemDataRole.UserRole + 9

# Roles and flags as plain values, looked up once: a view asks data() a dozen roles per cell
# at every paint, and most of them get None.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
FONT = int(Qt.ItemDataRole.FontRole)
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LIST_ROLES = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, int(OBJECT_ROLE), int(ID_ROLE)})
_TABLE_ROLES = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, int(OBJECT_ROLE)})


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """A task or skill with its state, or (``header``) the title of the group that follows."""

    item_id: str
    title: str
    detail: str = ""
    header: bool = False
    state: ItemState = ItemState.TODO
    has_note: bool = False
    counts: str = ""
    done_by: str = ""


class ChecklistModel(QAbstractListModel):
    """Tasks or skills with their states; optional group header rows that cannot be selected."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []

    def set_rows(self, rows: Sequence[ChecklistRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: Sequence[ChecklistRow]) -> None:
        """Take new states and counts; reset only when the set of rows changed."""
        if [(r.item_id, r.header) for r in rows] != [(r.item_id, r.header) for r in self._rows]:
            self.set_rows(rows)
            return
        for row, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row), self.index(row))

    def row_at(self, row: int) -> ChecklistRow:
        return self._rows[row]

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.item_id == item_id and not r.header), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].header:
            return Qt.ItemFlag.NoItemFlags
        return SELECTABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if row.header:
                return f"{row.title}, {row.counts}"
            return f"{row.title}: {row.state.label}" + (f", {row.done_by}" if row.done_by else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.detail or None
        if role == ID_ROLE:
            return row.item_id
        if role == STATE_ROLE:
            return None if row.header else row.state.value
        if role == HEADER_ROLE:
            return row.header
        if role == DETAIL_ROLE:
            return row.counts if row.header else row.detail
        if role == HAS_NOTE_ROLE:
            return row.has_note
        if role == DONE_BY_ROLE:
            return row.done_by
        return None


def skill_rows(roadmap: Roadmap, states: dict[str, Progress], needle: str = "") -> list[ChecklistRow]:
    """The skills grouped by category (technical groups first), keeping those that match ``needle``."""
    needle = needle.strip().casefold()
    rows: list[ChecklistRow] = []
    categories = sorted(roadmap.categories, key=lambda c: c.group.value != "technical")
    for category in categories:
        skills = [s for s in roadmap.skills if s.category_id == category.id]
        shown = [
            s
            for s in skills
            if not needle or needle in s.title.casefold() or needle in s.description.casefold() or needle in s.id
        ]
        if needle and not shown and needle not in category.title.casefold():
            continue
        if needle and not shown:
            shown = skills
        counts = tally(states, (s.id for s in skills))
        rows.append(ChecklistRow(category.id, category.title, header=True, counts=_count_text(counts)))
        for skill in shown:
            found = states.get(skill.id)
            rows.append(
                ChecklistRow(
                    skill.id,
                    skill.title,
                    skill.description,
                    state=found.state if found else ItemState.TODO,
                    has_note=bool(found and found.note.strip()),
                )
            )
    return rows


def task_rows(
    step: Step, states: dict[str, Progress], done_by: Mapping[str, Sequence[Proof]] | None = None
) -> list[ChecklistRow]:
    """A step's tasks; ``done_by`` gives the records that did each (by task id)."""
    rows = []
    for task in step.tasks:
        found = states.get(task.id)
        records = (done_by or {}).get(task.id, ())
        rows.append(
            ChecklistRow(
                task.id,
                task.title,
                task.detail,
                state=found.state if found else ItemState.TODO,
                has_note=bool(found and found.note.strip()),
                done_by=done_by_words(records),
            )
        )
    return rows


def done_by_words(records: Sequence[Proof]) -> str:
    """'Done by credential “BSc CS”' or 'Done by project “A” and 2 more' ("" for none)."""
    if not records:
        return ""
    first = records[0]
    more = f" and {len(records) - 1} more" if len(records) > 1 else ""
    return f"Done by {first.kind.value} “{first.title}”{more}"


def _count_text(counts: Tally) -> str:
    text = f"{counts.done} of {counts.counted} done"
    if counts.in_progress:
        text += f", {counts.in_progress} in progress"
    if counts.skipped:
        text += f", {counts.skipped} skipped"
    return text


class ObjectListModel(QAbstractListModel, Generic[T]):
    """A list of domain objects shown through a text function; the object is under OBJECT_ROLE."""

    def __init__(
        self,
        text: Callable[[T], str],
        parent: Any = None,
        *,
        tooltip: Callable[[T], str] | None = None,
        key: Callable[[T], Any] = id,
    ) -> None:
        super().__init__(parent)
        self._items: list[T] = []
        self._text = text
        self._tooltip = tooltip
        self._key = key

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def row_of_key(self, key: Any) -> int:
        return next((i for i, x in enumerate(self._items) if self._key(x) == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _LIST_ROLES or not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (DISPLAY, ACCESSIBLE):
            return self._text(item)
        if role == TOOLTIP and self._tooltip is not None:
            return self._tooltip(item) or None
        if role == OBJECT_ROLE:
            return item
        if role == ID_ROLE:
            return self._key(item)
        return None


def project_text(project: Project) -> str:
    return f"{project.title}\n{project.status.label} · {len(project.skill_ids)} skills"


def note_text(note: ProjectNote) -> str:
    first = next((line.strip("# ").strip() for line in note.text.splitlines() if line.strip()), "(empty note)")
    return f"{note.created_at:%d %b %Y, %H:%M}\n{first[:80]}"


class ProjectsModel(ObjectListModel[Project]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(project_text, parent, tooltip=lambda p: p.summary, key=lambda p: p.id)


class NotesModel(ObjectListModel[ProjectNote]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(note_text, parent, key=lambda n: n.id)


class SuggestionsModel(ObjectListModel[Suggestion]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda s: f"{s.title}\n{s.reason}", parent, key=lambda s: s.key)


class StepsModel(QAbstractListModel):
    """The five steps in order, with their progress and which one is current."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._steps: list[tuple[Step, Tally]] = []
        self._current = ""

    def set_steps(self, steps: Sequence[tuple[Step, Tally]], current_id: str) -> None:
        if [s.id for s, _ in steps] == [s.id for s, _ in self._steps]:
            # The same steps: only the rows whose step, progress or "current" mark changed
            # are told, one each, so that the view repaints those rows alone.
            before, was_current = self._steps, self._current
            self._steps = list(steps)
            self._current = current_id
            for row, (new, old) in enumerate(zip(self._steps, before, strict=True)):
                step = new[0]
                if new != old or (step.id == current_id) != (step.id == was_current):
                    self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginResetModel()
        self._steps = list(steps)
        self._current = current_id
        self.endResetModel()

    def step(self, row: int) -> Step:
        return self._steps[row][0]

    def row_of(self, step_id: str) -> int:
        return next((i for i, (s, _) in enumerate(self._steps) if s.id == step_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return None
        step, counts = self._steps[index.row()]
        current = step.id == self._current
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{step.number}. {step.title}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Step {step.number}, {step.title}: {counts.percent}% done{', current step' if current else ''}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.description
        if role == ID_ROLE:
            return step.id
        if role == TALLY_ROLE:
            return counts
        if role == CURRENT_ROLE:
            return current
        if role == DETAIL_ROLE:
            return _count_text(counts)
        return None


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    title: str
    value: Callable[[T], str]


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows of records, one column per field: career steps, duties, levels, figures, activity."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _TABLE_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        return row if role == OBJECT_ROLE else self._columns[index.column()].value(row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None
