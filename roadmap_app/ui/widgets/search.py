"""Search as you type: a box for the toolbar, and the list of matches that drops down under it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from roadmap_app.domain.search import MATCH_END, MATCH_START, HitKind, SearchHit, fold
from roadmap_app.ui.window.theme import muted_colour

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 20
#: The kind of a match, as shown at the start of its row: Project, Note, Task or Skill.
KIND_ROLE = Qt.ItemDataRole.UserRole + 21
#: The title and snippet as rich text, the matched words in <b>.
HTML_ROLE = Qt.ItemDataRole.UserRole + 22
#: The title and the snippet as runs of (text, matched).
SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 23
#: As many as fit the drop-down: fewer matches to rank and cut snippets for.
SHOWN = 20
#: Rows the drop-down shows before it scrolls.
VISIBLE_ROWS = 9
#: One letter matches nearly every note; searching starts at the second.
MIN_CHARS = 2
_KIND_LABELS = {
    HitKind.PROJECT: "Project",
    HitKind.NOTE: "Note",
    HitKind.CREDENTIAL: "Credential",
    HitKind.EXPERIENCE: "Experience",
    HitKind.SESSION: "Study",
    HitKind.APPLICATION: "Application",
    HitKind.RESOURCE: "Resource",
}

Segments = list[tuple[str, bool]]
_WORD = re.compile(r"\w+")

# Markdown a snippet may hold, written as the words it marks up.
_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url), ![alt](url)
    (re.compile(r"<((?:https?|mailto):[^>\s]*)>"), r"\1"),  # <https://…>
    (re.compile(r"(\*\*|__|~~|`+)"), ""),  # bold, strike-through, code
    (re.compile(r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"), ""),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])"), ""),  # _emphasis_, not snake_case
    (re.compile(r"(?:^|(?<=\s))(?:#{1,6}|>|[-*+]|-{3,}|\*{3,})(?=\s|$)"), ""),  # headings, quotes, lists, rules
]


def plain_text(markdown: str) -> str:
    """One line of Markdown as the words a reader sees (match marks kept)."""
    text = markdown
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def segments(marked: str) -> Segments:
    """A text with «matches» marked, as runs of (text, matched)."""
    runs: Segments = []
    for i, part in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", marked)):
        if part:
            runs.append((part, i % 2 == 1))
    return runs


def mark_words(text: str, query: str) -> str:
    """``text`` with the words of ``query`` marked as the search matches them (the last as a prefix)."""
    wanted = [fold(w) for w in _WORD.findall(query)]
    if not wanted:
        return text
    whole, prefix = set(wanted[:-1]), wanted[-1]

    def mark(found: re.Match[str]) -> str:
        word = fold(found.group())
        return f"{MATCH_START}{found.group()}{MATCH_END}" if word in whole or word.startswith(prefix) else found.group()

    return _WORD.sub(mark, text)


def _without_prefix(runs: Segments, prefix: str) -> Segments:
    """``runs`` less their first characters when those read ``prefix``, else nothing."""
    if not "".join(t for t, _ in runs).startswith(prefix):
        return []
    left, rest = len(prefix), []
    for text, matched in runs:
        cut = min(left, len(text))
        left -= cut
        if text[cut:]:
            rest.append((text[cut:], matched))
    return rest


def as_html(runs: Segments) -> str:
    return "".join(f"<b>{html.escape(t)}</b>" if bold else html.escape(t) for t, bold in runs)


def default_item_kind(item_id: str) -> str:
    """Task or Skill, from an item id such as ``skill.python``."""
    return "Skill" if item_id.split(".", 1)[0].endswith("skill") else "Task"


class SearchHitsModel(QAbstractListModel):
    """The matches of the last search, best first.

    ``item_kind`` names the kind of an item by its id (Task or Skill); the search box is
    given one that asks the roadmap.
    """

    def __init__(self, parent: QObject | None = None, item_kind: Callable[[str], str] = default_item_kind) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._query = ""
        self._item_kind = item_kind

    def set_hits(self, hits: Sequence[SearchHit], query: str = "") -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._query = query
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def kind(self, hit: SearchHit) -> str:
        return _KIND_LABELS.get(hit.kind) or self._item_kind(hit.item_id)

    def title_runs(self, hit: SearchHit) -> Segments:
        return segments(mark_words(" ".join(hit.title.split()), self._query))

    def snippet_runs(self, hit: SearchHit) -> Segments:
        runs = segments(plain_text(hit.snippet))
        if hit.kind is HitKind.PROJECT:
            # A project's text is "title — summary"; the title is on the line above already.
            runs = _without_prefix(runs, " ".join(hit.title.split()) + " — ") or runs
        return runs

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            snippet = "".join(t for t, _ in self.snippet_runs(hit))
            return f"{self.kind(hit)}: {hit.title}\n{snippet}"
        if role in (HTML_ROLE, Qt.ItemDataRole.ToolTipRole):
            return (
                f"{html.escape(self.kind(hit))}: {as_html(self.title_runs(hit))}<br>{as_html(self.snippet_runs(hit))}"
            )
        if role == KIND_ROLE:
            return self.kind(hit)
        if role == SEGMENTS_ROLE:
            return (self.title_runs(hit), self.snippet_runs(hit))
        if role == HIT_ROLE:
            return hit
        return None


def _paint_runs(painter: QPainter, rect: QRect, runs: Segments, font: QFont) -> None:
    """Draw runs left to right on one line, the matched ones bold; the last one that does not fit is elided."""
    bold = QFont(font)
    bold.setBold(True)
    x = rect.left()
    for text, matched in runs:
        painter.setFont(bold if matched else font)
        metrics = QFontMetrics(bold if matched else font)
        room = rect.right() - x
        width = metrics.horizontalAdvance(text)
        shown = text if width <= room else metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter.drawText(QRect(x, rect.top(), room, rect.height()), Qt.AlignmentFlag.AlignVCenter, shown)
        if width > room:
            return
        x += width


class SearchHitDelegate(QStyledItemDelegate):
    """Two lines per match: its kind and title, then the words around the match, matches in bold."""

    PADDING = 4
    KIND_WIDTH_CHARS = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(200, 2 * line + 3 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        runs = index.data(SEGMENTS_ROLE)
        if not runs:
            return
        title, snippet = runs
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        font = QFont(option.font)
        line = QFontMetrics(font).height()
        rect: QRect = option.rect.adjusted(2 * self.PADDING, self.PADDING, -2 * self.PADDING, 0)
        painter.save()
        kind_font = QFont(font)
        kind_font.setPointSizeF(font.pointSizeF() * 0.9)
        kind_width = QFontMetrics(kind_font).averageCharWidth() * self.KIND_WIDTH_CHARS
        painter.setPen(text_colour if selected else muted_colour(palette))
        painter.setFont(kind_font)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(first, Qt.AlignmentFlag.AlignVCenter, str(index.data(KIND_ROLE)))
        painter.setPen(text_colour)
        _paint_runs(painter, first.adjusted(kind_width, 0, 0, 0), title, font)
        second = QRect(rect.left() + kind_width, rect.top() + line + self.PADDING, rect.width() - kind_width, line)
        _paint_runs(painter, second, snippet, font)
        painter.restore()


class SearchBox(QLineEdit):
    """Finds words in the learner's projects and notes; Enter or a click opens a match.

    ``search`` is called with the text as typed and returns the matches; ``opened`` is
    emitted with the match the learner chose. The matches drop down in a list that is a
    child of ``overlay`` (the main window), so typing never loses focus to a popup.
    """

    opened = Signal(object)  # a SearchHit

    def __init__(
        self,
        search: Callable[[str, int], list[SearchHit]],
        overlay: QWidget,
        item_kind: Callable[[str], str] = default_item_kind,
    ) -> None:
        super().__init__()
        self._search = search
        self.setObjectName("searchBox")
        self.setAccessibleName("Search your projects and notes")
        self.setPlaceholderText("Search projects and notes (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(360)
        self.model = SearchHitsModel(self, item_kind)
        self.results = QListView(overlay)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Long titles and snippets are elided in their row: the list never scrolls sideways.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.model.set_hits(hits, text)
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
        width = min(max(self.width(), 520), overlay.width())
        x = max(0, min(corner.x() + self.width() - width, overlay.width() - width))
        row = max(self.results.sizeHintForRow(0), 1)
        frame = 2 * self.results.frameWidth()
        room = max(row, overlay.height() - corner.y() - 8 - frame)  # never below the window's edge
        rows = max(1, min(self.model.rowCount(), VISIBLE_ROWS, room // row))
        self.results.setGeometry(x, corner.y() + 2, width, rows * row + frame)

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
