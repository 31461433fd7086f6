"""The portfolio as PDF, with Qt's own writer (QTextDocument printed on a QPdfWriter):
no other dependency. Used by the window and, for `portfolio export --format pdf`, the
command line, which loads Qt only then."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

#: The page's text area is A4 less these margins, in millimetres.
MARGIN_MM = 18.0


def pdf_document(html: str) -> QTextDocument:
    """The HTML laid out on A4 pages as the PDF has them, for a preview or for printing."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    return document


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
    document.print_(writer)
    del writer  # closes the file
    # QPdfWriter does not say when the disk refuses the file: look for it.
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(28, "the file could not be written", str(path))
