"""Markdown in the portfolio: summaries are rendered in the HTML and the PDF (headings,
lists, emphasis, code, links), their headings placed under the record's own, and the page
stays self-contained and safe."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from roadmap_app.services import Services
from tests.conftest import CliResult, CliRunner, InProcessCli

SUMMARY = """## What I did
Built a **churn model** for *40 000* customers:

- cleaned the tables with `pandas`
- AUC **0.84**
  - tuned with cross-validation

| Model | AUC |
| --- | --- |
| Trees | 0.84 |

See the [write-up](https://example.org/churn). <img src="https://evil.org/p.png"> ![x](https://evil.org/y.png)"""


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def seed(run_cli: InProcessCli) -> None:
    ok(run_cli("profile", "create", "Ada"))
    ok(run_cli("experience", "add", "Data intern", "--summary", SUMMARY, "--skill", "skill.sql"))
    ok(run_cli("project", "add", "Churn", "--status", "done", "--summary", "# Results\n1. first\n2. second"))
    ok(run_cli("set", "skill.sql", "done"))


def test_the_html_renders_summaries_and_loads_nothing(run_cli: InProcessCli) -> None:
    seed(run_cli)
    page = ok(run_cli("portfolio", "export", "--format", "html"))
    assert "<h4>What I did</h4>" in page and "<h4>Results</h4>" in page
    assert "<strong>churn model</strong>" in page and "<em>40 000</em>" in page
    assert "<code>pandas</code>" in page and "<ul><li>tuned with cross-validation</li></ul>" in page
    assert "<ol><li>first</li><li>second</li></ol>" in page and "<th>Model</th>" in page
    assert "**" not in page and "## " not in page
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["https://example.org/churn"]
    assert "&lt;img" in page and "<img" not in page


def test_the_markdown_puts_a_summarys_headings_under_the_records(run_cli: InProcessCli) -> None:
    seed(run_cli)
    text = ok(run_cli("portfolio", "export"))
    assert "### Data intern" in text and "\n#### What I did\n" in text and "\n#### Results\n" in text
    assert "\n## What I did" not in text and "\n# Results" not in text


def test_the_pdf_shows_rendered_text_not_markdown(run_cli: InProcessCli, cli: CliRunner, data_dir: Path) -> None:
    seed(run_cli)
    out = data_dir.parent / "portfolio.pdf"
    made = cli("portfolio", "export", "--format", "pdf", "-o", str(out))
    assert made.returncode == 0, made.stderr
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("What I did", "churn model", "tuned with cross-validation", "write-up", "Results"):
        assert words in text
    assert "**" not in text and "##" not in text and "](" not in text


def test_a_summary_heading_in_the_pdf_keeps_its_point_size(qapp: object) -> None:
    from PySide6.QtGui import QTextFormat

    from roadmap_app.ui.portfolio_pdf import pdf_document

    document = pdf_document("<style>h4 { font-size: 10.5pt; }</style><h4>What I did</h4><p>text</p>")
    heading = document.begin().begin().fragment().charFormat()
    # Qt's size step for <h4> would print it smaller than the text under it.
    assert not heading.hasProperty(QTextFormat.Property.FontSizeAdjustment)
    assert heading.fontPointSize() == 10.5


def test_a_long_pdf_has_every_project_and_no_empty_page(services: Services, tmp_path: Path, qapp: object) -> None:
    from roadmap_app.domain.portfolio_document import to_html
    from roadmap_app.ui.portfolio_pdf import write_pdf

    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext and pdfinfo are not installed")
    ada = services.profiles.create("Ada").id
    for n in range(1, 19):
        summary = (
            f"A **model** for task {n}.\n\n- point one\n- point two with `code`\n\nSee [docs](https://example.org/{n})."
        )
        services.portfolio.add(ada, f"Project {n:02d}", status="building", summary=summary)
    out = tmp_path / "long.pdf"
    write_pdf(to_html(services.portfolio_document.content(ada)), out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages > 1
    texts = [
        subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(out), "-"], capture_output=True, text=True).stdout
        for p in range(1, pages + 1)
    ]
    assert all(t.strip() for t in texts), "an empty page"
    found = [title for t in texts for title in re.findall(r"Project \d\d", t)]
    assert sorted(set(found)) == [f"Project {n:02d}" for n in range(1, 19)]
    assert len(found) == 18, "a line printed on two pages"


def test_the_preview_reads_as_paper_in_the_dark_theme(services: Services, qtbot: object, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from roadmap_app.ui.dialogs.portfolio_export_dialog import PortfolioExportDialog
    from roadmap_app.ui.window.theme import ThemeMode, apply_theme, contrast_ratio

    ada = services.profiles.create("Ada").id
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeMode.DARK)
    try:
        dialog = PortfolioExportDialog(services.portfolio_document.content(ada), tmp_path)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.show()
        viewport = dialog.preview.viewport()
        image = viewport.grab().toImage()
        paper = image.pixelColor(image.width() - 40, image.height() - 20)
        assert paper.lightness() > 245
        title = dialog.preview.document().begin().begin().fragment().charFormat().foreground().color()
        assert contrast_ratio(title, paper) > 7
    finally:
        apply_theme(app, ThemeMode.LIGHT)
