"""Markdown notes rendered without ever reaching the network, and links opened only on click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextOption,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_local(url: QUrl) -> bool:
    return url.isLocalFile() or (url.isRelative() and not url.host()) or url.scheme() in ("data", "qrc")


def is_openable(text: str) -> bool:
    """Whether ``text`` is a web or mail address that ``open_link`` would open."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return False
    url = QUrl(text, QUrl.ParsingMode.StrictMode)
    scheme = url.scheme().lower()
    if not url.isValid() or scheme not in OPENABLE_SCHEMES:
        return False
    return scheme == "mailto" or bool(url.host())


def open_link(url: QUrl | str) -> bool:
    """Open a web or mail link in the system's programs; anything else is refused."""
    url = QUrl(url) if isinstance(url, str) else url
    if not url.isValid() or url.scheme().lower() not in OPENABLE_SCHEMES:
        return False
    return QDesktopServices.openUrl(url)


class SafeTextDocument(QTextDocument):
    """A document that loads local resources only: remote images are never fetched."""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if not is_local(url):
            return None
        return super().loadResource(kind, url)


def _mix(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def code_background(palette: QPalette) -> QColor:
    """The shade behind code: the page's colour a little towards the text's, in either theme."""
    return _mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.08)


def is_code_block(block_format: QTextBlockFormat) -> bool:
    return block_format.hasProperty(QTextFormat.Property.BlockCodeFence) or block_format.hasProperty(
        QTextFormat.Property.BlockCodeLanguage
    )


def style_document(document: QTextDocument, palette: QPalette) -> None:
    """Make Markdown readable: code on a shaded background, tables with borders and room.

    Words are never broken inside a table cell (see ``MarkdownView``): a wide table scrolls.
    """
    shade = code_background(palette)
    rule = palette.color(QPalette.ColorRole.Mid)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        if is_code_block(block.blockFormat()):
            code = QTextBlockFormat()
            code.setBackground(shade)
            code.setLeftMargin(4)
            code.setRightMargin(4)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(code)
        else:
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.isValid() and fragment.charFormat().fontFixedPitch():  # `inline code`
                    inline = QTextCharFormat()
                    inline.setBackground(shade)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(inline)
                fragments += 1
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            table_format = frame.format()
            table_format.setBorder(1)
            table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            table_format.setBorderBrush(QBrush(rule))
            table_format.setBorderCollapse(True)
            table_format.setCellSpacing(0)
            table_format.setCellPadding(5)
            frame.setFormat(table_format)
            _shade_header(frame, shade)
    cursor.endEditBlock()


def _shade_header(table: QTextTable, shade: QColor) -> None:
    if not isinstance(table.format(), QTextTableFormat) or table.rows() == 0:
        return
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(shade)
        cell.setFormat(cell_format)


class MarkdownView(QTextBrowser):
    """A read-only rendering of a Markdown note; links open in the browser when clicked.

    Lines wrap between words only, so a narrow table column never splits "Language" into
    "Langu age"; a table or address too wide for the view scrolls sideways instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.anchorClicked.connect(open_link)
        self._markdown = ""

    def set_markdown(self, text: str) -> None:
        self._markdown = text
        self.document().setMarkdown(text)
        style_document(self.document(), self.palette())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.set_markdown(self._markdown)  # the code shade follows the theme

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if not is_local(url):
            return None
        return super().loadResource(kind, url)


class PreviewDialog(QDialog):
    """A note's preview in a window of its own, for long notes and wide tables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note preview")
        self.view = MarkdownView(self)
        self.view.setObjectName("notePreviewLarge")
        self.view.setAccessibleName("Note preview, larger")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        window = parent.window() if parent is not None else None
        if window is not None:
            self.resize(window.size() * 0.8)

    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def set_markdown(self, text: str) -> None:
        self.view.set_markdown(text)
