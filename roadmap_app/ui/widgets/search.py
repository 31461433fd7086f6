"""Search as you type: a box for the toolbar, and the list of matches that drops down under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLineEdit, QListView, QWidget

from roadmap_app.domain.search import MATCH_END, MATCH_START, HitKind, SearchHit

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 20
#: As many as fit the drop-down: fewer matches to rank and cut snippets for.
SHOWN = 20
#: One letter matches nearly every note; searching starts at the second.
MIN_CHARS = 2
_KIND_LABELS = {HitKind.PROJECT: "Project", HitKind.NOTE: "Note", HitKind.ITEM: "Your note on"}


def hit_text(hit: SearchHit) -> str:
    snippet = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
    return f"{_KIND_LABELS[hit.kind]}: {hit.title}\n{snippet}"


class SearchHitsModel(QAbstractListModel):
    """The matches of the last search, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == HIT_ROLE:
            return hit
        return None


class SearchBox(QLineEdit):
    """Finds words in the learner's projects and notes; Enter or a click opens a match.

    ``search`` is called with the text as typed and returns the matches; ``opened`` is
    emitted with the match the learner chose. The matches drop down in a list that is a
    child of ``overlay`` (the main window), so typing never loses focus to a popup.
    """

    opened = Signal(object)  # a SearchHit

    def __init__(self, search: Callable[[str, int], list[SearchHit]], overlay: QWidget) -> None:
        super().__init__()
        self._search = search
        self.setObjectName("searchBox")
        self.setAccessibleName("Search your projects and notes")
        self.setPlaceholderText("Search projects and notes (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(360)
        self.model = SearchHitsModel(self)
        self.results = QListView(overlay)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.hide()
        self.results.clicked.connect(self._open)
        self.textChanged.connect(self._update)
        self.returnPressed.connect(lambda: self._open(self.results.currentIndex()))

    def focus_search(self) -> None:
        """Put the cursor in the box, its text selected (Edit → Find…, Ctrl+K)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _update(self, text: str) -> None:
        hits = self._search(text, SHOWN) if len(text.strip()) >= MIN_CHARS else []
        self.model.set_hits(hits)
        if not hits:
            self.results.hide()
            return
        self.results.setCurrentIndex(self.model.index(0))
        self._place()
        self.results.show()
        self.results.raise_()

    def _place(self) -> None:
        overlay = self.results.parentWidget()
        if overlay is None:
            return
        corner = self.mapTo(overlay, QPoint(0, self.height()))
        width = max(self.width(), 480)
        x = max(0, min(corner.x() + self.width() - width, overlay.width() - width))
        rows = min(self.model.rowCount(), 8)
        height = rows * max(self.results.sizeHintForRow(0), 1) + 2 * self.results.frameWidth()
        self.results.setGeometry(x, corner.y() + 2, width, height)

    def _open(self, index: Index) -> None:
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        self.results.hide()
        self.opened.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.results.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.results.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= row < self.model.rowCount():
                self.results.setCurrentIndex(self.model.index(row))
            return
        if key == Qt.Key.Key_Escape and (self.results.isVisible() or self.text()):
            if self.results.isVisible():
                self.results.hide()
            else:
                self.clear()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.results.hide()
