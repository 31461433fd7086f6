"""`roadmap check FILE`: a good file is described, a bad one refused in one line naming
file, key and problem, and no learner's data is opened or made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import InProcessCli

from roadmap_app.content import default_roadmap_path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "roadmap-format.md"


def check(run_cli: InProcessCli, path: Path) -> tuple[int, str, str]:
    result = run_cli("roadmap", "check", str(path))
    return result.returncode, result.stdout, result.stderr


def test_the_built_in_roadmap_passes_and_no_data_folder_is_made(run_cli: InProcessCli, data_dir: Path) -> None:
    code, out, err = check(run_cli, default_roadmap_path())
    assert (code, err) == (0, "")
    assert out.startswith("ml-engineer.toml: ok: roadmap 'ml-engineer' version ")
    assert "5 steps" in out and "note:" not in out  # every task and skill has an estimate
    assert not data_dir.exists()


def test_the_example_of_the_format_page_passes(run_cli: InProcessCli, tmp_path: Path) -> None:
    example = re.search(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert example is not None
    path = tmp_path / "data-engineer.toml"
    path.write_text(example.group(1), encoding="utf-8")
    code, out, _err = check(run_cli, path)
    assert code == 0
    assert "1 step, 1 task, 1 skill in 1 category, 1 project idea, 1 outside skill" in out


def built_in() -> str:
    return default_roadmap_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace('category = "category.maths"', 'category = "category.mathz"', 1),
         "skills[5].category: unknown category 'category.mathz'"),
        (lambda t: t.replace("hours = 40\n", "hours = -3\n", 1), ".hours: must be a number of hours above 0"),
        (lambda t: re.sub(r'hours_basis = "[^"]*"\n', "", t, count=1), ".hours_basis: required text is missing"),
        (lambda t: t.replace('aliases = ["java", "JVM"]', 'aliases = ["java", "python"]', 1), "python"),
        (lambda t: t.replace("version = 1\n", 'version = "one"\n', 1), "roadmap.version: must be a whole number"),
        (lambda t: t.replace('id = "skill.r"', 'id = "skill.python"', 1), "'skill.python' is already used by"),
    ],
)  # fmt: skip
def test_a_broken_file_is_refused_in_one_line_naming_the_key(
    run_cli: InProcessCli, tmp_path: Path, change: object, expected: str
) -> None:
    path = tmp_path / "mine.toml"
    changed = change(built_in())  # type: ignore[operator]
    assert changed != built_in()
    path.write_text(changed, encoding="utf-8")
    code, out, err = check(run_cli, path)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: mine.toml: "), err
    assert expected in lines[0]


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "not toml"])
def test_an_unreadable_file_is_refused_in_one_line(run_cli: InProcessCli, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.toml"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "not toml":
        path.write_text("[roadmap\nid = ", encoding="utf-8")
    code, _out, err = check(run_cli, path)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err
