"""Saved progress on items the roadmap in use no longer has: shown, never edited or lost."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from roadmap_app.domain.model import Progress
from roadmap_app.ui.widgets.common import Card, muted_label
from roadmap_app.ui.widgets.models import Column, RecordTableModel

ArchivedRow = tuple[str, str, str]  # item id, state, note

EXPLANATION = (
    "These come from an earlier version of the roadmap, which had items this one no longer "
    "has. Your state and note on each are kept, read-only, in case a later version brings "
    "the item back."
)


class ArchivedProgressBox(Card):
    """A “No longer in the roadmap” panel, hidden while there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("No longer in the roadmap", parent)
        self.setObjectName("archivedProgress")
        self.hint = muted_label(EXPLANATION)
        self.model: RecordTableModel[ArchivedRow] = RecordTableModel(
            [Column("Item", lambda r: r[0]), Column("State", lambda r: r[1]), Column("Note", lambda r: r[2])], self
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

    def set_progress(self, archived: list[Progress]) -> None:
        rows = [(p.item_id, p.state.label, " ".join(p.note.split())) for p in archived]
        self.model.set_rows(rows)
        self.setVisible(bool(rows))

    def rows(self) -> list[ArchivedRow]:
        return [self.model.record(i) for i in range(self.model.rowCount())]
