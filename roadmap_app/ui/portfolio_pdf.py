"""The portfolio as PDF, with Qt's own writer (QTextDocument printed on a QPdfWriter):
no other dependency. Used by the window and, for `portfolio export --format pdf`, the
command line, which loads Qt only then."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

#: The page's text area is A4 less these margins, in millimetres.
MARGIN_MM = 18.0


def pdf_document(html: str, parent: QObject | None = None) -> QTextDocument:
    """The HTML laid out on A4 pages as the PDF has them, for a preview or for printing."""
    document = QTextDocument(parent)
    document.setDocumentMargin(0)
    document.setHtml(html)
    keep_point_sizes(document)
    return document


def keep_point_sizes(document: QTextDocument) -> None:
    """Let the style sheet's point sizes hold in headings.

    Qt's HTML reader gives every heading a size step as well (``<h4>`` step 0, the body's
    size), and a printed document goes by the step: a summary's ``<h4>`` of 10.5 pt came out
    smaller than the text under it. Text with a point size of its own drops the step.
    """
    adjustment, point_size = QTextFormat.Property.FontSizeAdjustment, QTextFormat.Property.FontPointSize
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                char_format = fragment.charFormat()
                if char_format.hasProperty(adjustment) and char_format.hasProperty(point_size):
                    char_format.clearProperty(adjustment)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(char_format)
                fragments += 1
        block = block.next()


def last_line_bottom(document: QTextDocument) -> float:
    """Where the document's last line of text ends, below any margin after it."""
    layout = document.documentLayout()
    layout.documentSize()  # lays the whole document out: Qt lays out later blocks lazily
    bottom = 0.0
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount():
            last = lines.lineAt(lines.lineCount() - 1)
            bottom = max(bottom, layout.blockBoundingRect(block).top() + last.y() + last.height())
        block = block.next()
    return bottom


def print_pages(document: QTextDocument, writer: QPdfWriter) -> None:
    """Print the paginated document a page at a time, each clipped to its own page.

    Not ``QTextDocument.print_``: it counts a page for a list's bottom margin, and a
    portfolio whose text ends near the foot of a page came out with an empty last page.
    """
    page = document.pageSize()
    pages = max(1, math.ceil(last_line_bottom(document) / page.height() - 1e-6))
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            view = QRectF(0, number * page.height(), page.width(), page.height())
            painter.save()
            painter.translate(0, -view.top())
            painter.setClipRect(view)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = view
            # Printed on white whatever the window's theme: the text's own colour, or black.
            context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            document.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()


def write_pdf(html: str, path: Path) -> None:
    """Write the HTML as an A4 PDF to ``path``. Needs a QGuiApplication (made if none)."""
    if QGuiApplication.instance() is None:
        # The command line has no window: Qt lays out text without a display.
        QGuiApplication(["roadmap-app", "-platform", "offscreen"])
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle("Portfolio")
    writer.setCreator("Roadmap")
    # The document lays out text at screen resolution; the writer at the same one keeps
    # point sizes true on the page (at its default 1200 dpi the text came out tiny).
    writer.setResolution(96)
    document = pdf_document(html)
    layout = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(layout.width(), layout.height()))
    print_pages(document, writer)
    del writer  # closes the file
    # QPdfWriter does not say when the disk refuses the file: look for it.
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(28, "the file could not be written", str(path))
