"""The official resources a roadmap file lists on its skills: loaded read-only, checked by
`roadmap check` in one line, and shown apart from the learner's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap_app.content import default_roadmap_path, load_roadmap
from roadmap_app.domain.resources import ResourceKind
from tests.conftest import InProcessCli

PYTHON_DOCS = (
    'resources = [{ title = "The Python Tutorial", url = "https://docs.python.org/3/tutorial/", kind = "docs" }]'
)


def test_the_built_in_roadmap_lists_official_documentation_on_the_main_skills() -> None:
    roadmap = load_roadmap()
    python = roadmap.skill("skill.python")
    assert python is not None
    assert [(r.title, r.url, r.kind) for r in python.resources] == [
        ("The Python Tutorial", "https://docs.python.org/3/tutorial/", ResourceKind.DOCS)
    ]
    listed = {s.id: s.resources for s in roadmap.skills if s.resources}
    assert {"skill.scikit-learn", "skill.pytorch", "skill.sql", "skill.deployment"} <= set(listed)
    for resources in listed.values():
        assert all(r.url.startswith("https://") for r in resources)


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ('resources = "https://docs.python.org"', "skills[0].resources: must be a list of tables"),
        ('resources = [{ title = "T", url = "javascript:alert(1)", kind = "docs" }]',
         "skills[0].resources[0].url: 'javascript:alert(1)' must be an address starting with https://"),
        ('resources = [{ title = "T", url = "https://a.org/x y", kind = "docs" }]', "resources[0].url:"),
        ('resources = [{ title = "T", url = "https://a.org", kind = "podcast" }]',
         "skills[0].resources[0].kind: must be one of: course, book, video, docs, article, other"),
        ('resources = [{ url = "https://a.org", kind = "docs" }]', "resources[0].title: required text is missing"),
        ('resources = [{ title = "T", kind = "docs" }]', "resources[0].url: required text is missing"),
        ('resources = [{ title = "T", url = "https://a.org", kind = "docs", progress = 3 }]',
         "resources[0].progress: unknown key"),
        ('resources = ["https://a.org"]', "resources[0]: must be a table"),
        ('resources = [{ title = "A", url = "https://a.org", kind = "docs" }, '
         '{ title = "B", url = "https://a.org", kind = "docs" }]', "'https://a.org' is given twice"),
        ("resources = [" + ", ".join(f'{{ title = "T{n}", url = "https://a.org/{n}", kind = "docs" }}'
                                     for n in range(9)) + "]", "give at most 8"),
    ],
)  # fmt: skip
def test_a_bad_resource_in_a_roadmap_file_is_refused_in_one_line_naming_the_key(
    run_cli: InProcessCli, tmp_path: Path, replacement: str, expected: str
) -> None:
    text = default_roadmap_path().read_text(encoding="utf-8")
    assert PYTHON_DOCS in text
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(PYTHON_DOCS, replacement, 1), encoding="utf-8")
    result = run_cli("roadmap", "check", str(path))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: mine.toml: "), result.stderr
    assert expected in lines[0]


def test_the_roadmap_s_resources_list_after_the_learner_s_and_cannot_be_changed(run_cli: InProcessCli) -> None:
    mine = run_cli("resource", "add", "skill.python", "Fluent Python", "--kind", "book").stdout.strip()
    rows = json.loads(run_cli("resource", "list", "skill.python", "--json").stdout)
    assert [(r["id"], r["source"]) for r in rows] == [(int(mine), "learner"), ("roadmap:1", "roadmap")]
    assert rows[1] == {
        "id": "roadmap:1", "title": "The Python Tutorial", "url": "https://docs.python.org/3/tutorial/",
        "kind": "docs", "progress": 0, "of": None, "done": False, "source": "roadmap",
    }  # fmt: skip
    refused = run_cli("resource", "remove", "roadmap:1")
    assert refused.returncode == 1 and "cannot be changed" in refused.stderr
    shown = run_cli("show", "skill.python").stdout
    assert "The Python Tutorial" in shown and "Fluent Python" in shown
