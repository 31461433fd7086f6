"""Markdown in the portfolio: summaries are rendered in the HTML and the PDF (headings,
lists, emphasis, code, links), their headings placed under the record's own, and the page
stays self-contained and safe."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
