"""`portfolio export`: Markdown, self-contained HTML and a PDF from Qt's own writer, with
credentials, experience, projects and only the proven skills."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliResult, CliRunner, InProcessCli


def ok(result: CliResult) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def seed(run_cli: InProcessCli) -> None:
    ok(run_cli("profile", "create", "Ada Lovelace"))
    ok(run_cli("profile", "use", "Ada Lovelace"))
    ok(run_cli("goal", "--target", "career.ml-engineer"))
    ok(run_cli("credential", "add", "BSc Maths", "--kind", "degree", "--status", "done", "--skill", "skill.python"))
    ok(run_cli("credential", "add", "Planned MOOC", "--status", "planned", "--skill", "skill.r"))
    ok(
        run_cli(
            "experience", "add", "ML intern", "--kind", "internship", "--org", "ACME <Labs>",
            "--summary", "Churn model <script>alert(1)</script>", "--skill", "skill.sql",
        )
    )  # fmt: skip
    ok(run_cli("project", "add", "Tweets", "--status", "done", "--repo", "https://x.org/t", "--skill", "skill.nlp"))
    ok(run_cli("project", "add", "Just an idea", "--skill", "skill.java"))
    for skill in ("skill.python", "skill.sql", "skill.nlp", "skill.r", "skill.java", "skill.calculus"):
        ok(run_cli("set", skill, "done"))


def test_markdown_lists_records_and_only_proven_skills(run_cli: InProcessCli) -> None:
    seed(run_cli)
    text = ok(run_cli("portfolio", "export"))
    assert text.startswith("# Ada Lovelace\n")
    assert "**Machine Learning Engineer**" in text
    skills = text.split("## Skills", 1)[1].split("## ", 1)[0]
    assert "**Python**: BSc Maths (credential)" in skills
    assert "**SQL**: ML intern (experience)" in skills
    assert "**Natural language processing**: Tweets (project)" in skills
    # Done but unproven, or shown only by an idea or a planned credential: left out.
    for left_out in ("Calculus", "**R**", "Java"):
        assert left_out not in skills
    assert "Just an idea" not in text and "Planned MOOC" not in text
    assert "[Code](https://x.org/t)" in text


def test_html_is_self_contained_and_escapes_the_learners_text(run_cli: InProcessCli, data_dir: Path) -> None:
    seed(run_cli)
    out = data_dir.parent / "portfolio.html"
    assert ok(run_cli("portfolio", "export", "--format", "html", "-o", str(out))).strip() == f"wrote {out}"
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page and "ACME &lt;Labs&gt;" in page
    # No remote resource: the only addresses are the learner's own links.
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["https://x.org/t"]
    assert "<link" not in page and "@import" not in page


def test_pdf_has_the_portfolio_on_its_pages(run_cli: InProcessCli, cli: CliRunner, data_dir: Path) -> None:
    seed(run_cli)
    out = data_dir.parent / "portfolio.pdf"
    # In a process of its own: the command line makes its own Qt application for the PDF.
    made = cli("portfolio", "export", "--format", "pdf", "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Ada Lovelace", "Machine Learning Engineer", "ML intern", "Tweets", "BSc Maths"):
        assert words in text
    assert "Calculus" not in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("portfolio", "export", "--format", "doc"), "unknown format 'doc'"),
        (("portfolio", "export", "--format", "pdf"), "needs a file"),
        (("portfolio",), "needs an action"),
    ],
)
def test_bad_options_give_one_error_line(run_cli: InProcessCli, args: tuple[str, ...], words: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 1 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_folder_that_cannot_be_written_is_one_error_line(run_cli: InProcessCli, data_dir: Path) -> None:
    result = run_cli("portfolio", "export", "-o", str(data_dir.parent / "missing" / "p.md"))
    assert result.returncode == 1 and result.stderr.startswith("error: cannot write")
