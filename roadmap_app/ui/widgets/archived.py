"""Saved progress on items the roadmap in use no longer has (an earlier version had them, or
the learner removed one of their own): shown, never edited or lost, not counted in progress."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from roadmap_app.domain.model import Progress
from roadmap_app.ui.widgets.common import Card, muted_label
from roadmap_app.ui.widgets.models import Column, RecordTableModel

ArchivedRow = tuple[str, str, str]  # item id, state, note

EXPLANATION = (
    "These come from an earlier version of the roadmap, which had items this one no longer "
    "has, or are items of your own that you removed. Your state and note on each are kept, "
    "read-only, and not counted in your progress, in case the item comes back."
)


class ArchivedProgressBox(Card):
    """An “Archived” panel, hidden while there is nothing to show."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "archivedProgress") -> None:
        super().__init__("Archived: no longer in the roadmap", parent)
        self.setObjectName(name)
        #: The titles kept for removed own items, by id; other ids show as they are.
        self._titles: dict[str, str] = {}
        self.hint = muted_label(EXPLANATION)
        self.model: RecordTableModel[ArchivedRow] = RecordTableModel(
            [
                Column("Item", lambda r: self._titles.get(r[0], r[0])),
                Column("State", lambda r: r[1]),
                Column("Note", lambda r: r[2]),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("archivedView")
        self.view.setAccessibleName("Saved progress on items no longer in the roadmap")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setMaximumHeight(140)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.view)
        self.hide()

    def set_progress(self, archived: list[Progress], titles: Mapping[str, str] | None = None) -> None:
        self._titles = dict(titles or {})
        rows = [(p.item_id, p.state.label, " ".join(p.note.split())) for p in archived]
        self.model.set_rows(rows)
        self.setVisible(bool(rows))

    def rows(self) -> list[ArchivedRow]:
        return [self.model.record(i) for i in range(self.model.rowCount())]
