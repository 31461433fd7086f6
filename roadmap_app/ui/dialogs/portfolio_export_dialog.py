"""File → Export portfolio…: a preview of the portfolio employers read, and saving it as
PDF, HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.portfolio_document import PortfolioContent, to_html, to_markdown
from roadmap_app.ui.portfolio_pdf import pdf_document, write_pdf
from roadmap_app.ui.widgets.common import muted_label

#: (label, suffix) of each format, PDF first: what a hiring manager opens.
FORMATS = (("PDF document", "pdf"), ("Web page (HTML)", "html"), ("Markdown", "md"))


class PortfolioExportDialog(QDialog):
    def __init__(self, content: PortfolioContent, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.folder = folder
        self.saved: Path | None = None
        self.setObjectName("portfolioExportDialog")
        self.setWindowTitle("Export portfolio")
        self.resize(760, 820)
        self.preview = QTextBrowser()
        self.preview.setObjectName("portfolioPreview")
        self.preview.setAccessibleName("Preview of your portfolio")
        # The page as it prints: dark text on white paper, in a dark theme too (the page's
        # own colours are a printed page's).
        self.preview.setStyleSheet("QTextBrowser { background-color: white; color: #1f2328; }")
        # The learner's links are shown, never followed from the preview.
        self.preview.setOpenLinks(False)
        # The document the PDF prints, so that the preview reads as the page will.
        document = pdf_document(to_html(content), self.preview)
        document.setDocumentMargin(16)
        self.preview.setDocument(document)
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for shown, suffix in FORMATS:
            self.format_box.addItem(shown, suffix)
        row = QHBoxLayout()
        label = QLabel("&Format")
        label.setBuddy(self.format_box)
        row.addWidget(label)
        row.addWidget(self.format_box)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save…")
        buttons.accepted.connect(self._ask_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted_label("Only proven skills, work under way or done, and credentials in progress or done are included.")
        )
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.error = muted_label()
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def suffix(self) -> str:
        return str(self.format_box.currentData())

    def _ask_and_save(self) -> None:
        suffix = self.suffix()
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in self.content.name).strip("-") or "portfolio"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export portfolio", str(self.folder / f"{name}-portfolio.{suffix}"), f"*.{suffix}"
        )
        if chosen and self.save_to(Path(chosen)):
            self.accept()

    def save_to(self, path: Path) -> bool:
        """Write the portfolio in the chosen format; False (said in the dialog) when the disk refuses."""
        suffix = self.suffix()
        try:
            if suffix == "pdf":
                write_pdf(to_html(self.content), path)
            else:
                text = to_html(self.content) if suffix == "html" else to_markdown(self.content)
                path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.error.setText(f"The portfolio was not saved: cannot write {path} ({exc.strerror}).")
            self.error.show()
            return False
        self.saved = path
        return True
