"""The command line, run as a learner would: separate processes on one data folder."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from roadmap_app import __version__
from tests.conftest import CliRunner


def test_marks_survive_into_a_new_process_and_show_in_status(cli: CliRunner) -> None:
    assert cli("set", "skill.python", "done").returncode == 0
    assert cli("set", "skill.sql", "in_progress").returncode == 0
    assert cli("set", "task.credential.choose-path", "done").returncode == 0
    assert cli("set", "task.credential.check-job-ads", "skipped").returncode == 0

    items = {i["id"]: i for i in json.loads(cli("items", "--json").stdout)}
    assert items["skill.python"]["state"] == "done"
    assert items["skill.sql"]["state"] == "in_progress"
    assert items["task.credential.choose-path"]["state"] == "done"

    status = json.loads(cli("status", "--json").stdout)
    first = status["steps"][0]
    assert first["id"] == "step.credential"
    assert (first["done"], first["skipped"]) == (1, 1)
    assert first["total"] == len([i for i in items.values() if i.get("step") == "step.credential"])
    assert status["skills"]["done"] == 1
    assert status["skills"]["in_progress"] == 1
    assert status["overall"]["done"] == 2


def test_items_lists_every_kind_with_its_fields(cli: CliRunner) -> None:
    rows = json.loads(cli("items", "--json").stdout)
    kinds = {r["kind"] for r in rows}
    assert {"step", "task", "skill", "duty", "level", "career_step", "project_idea"} <= kinds
    for row in rows:
        if row["kind"] == "task":
            assert row["step"].startswith("step.") and row["state"] == "todo"
        if row["kind"] == "skill":
            assert row["group"] in ("technical", "workplace") and row["category"].startswith("category.")
        if row["kind"] not in ("task", "skill"):
            assert "state" not in row
    only_steps = json.loads(cli("items", "--kind", "step", "--json").stdout)
    assert [r["id"] for r in only_steps] == [
        "step.credential",
        "step.skills",
        "step.portfolio",
        "step.experience",
        "step.apply",
    ]


def test_user_mistakes_give_one_line_errors_and_exit_1(cli: CliRunner) -> None:
    for args in (
        ("set", "skill.nope", "done"),
        ("set", "skill.python", "finished"),
        ("set", "step.skills", "done"),
        ("--profile", "ghost", "status"),
        ("project", "show", "42"),
        ("project", "show", "abc"),
        ("project", "add", "X", "--skill", "skill.nope"),
        ("project", "add", "X", "--repo", "ftp://example.org"),
        ("import", "/no/such/file.json"),
        ("items", "--kind", "planet"),
        ("restore", "no-such-backup.sqlite3"),
    ):
        result = cli(*args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(cli: CliRunner) -> None:
    assert cli("frobnicate").returncode == 2
    assert cli("set", "skill.python").returncode == 2
    assert cli("status", "--bogus").returncode == 2


def test_version(cli: CliRunner) -> None:
    result = cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_projects_with_notes_from_stdin(cli: CliRunner) -> None:
    added = cli(
        "project", "add", "Tweet sentiment", "--summary", "NLP on posts", "--skill", "skill.nlp",
        "--skill", "skill.python", "--repo", "https://example.org/me/sentiment", "--status", "building",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    project_id = added.stdout.strip()
    assert project_id.isdigit()
    assert cli("project", "note", project_id, "-", stdin="# Day 1\nCleaned **10k** posts.\n").returncode == 0

    shown = json.loads(cli("project", "show", project_id, "--json").stdout)
    assert shown["title"] == "Tweet sentiment"
    assert shown["status"] == "building"
    assert sorted(shown["skills"]) == ["skill.nlp", "skill.python"]
    assert shown["notes"][0]["text"] == "# Day 1\nCleaned **10k** posts.\n"
    listed = json.loads(cli("project", "list", "--json").stdout)
    assert [p["id"] for p in listed] == [int(project_id)]


def test_profiles_are_separate(cli: CliRunner) -> None:
    first = json.loads(cli("profile", "list", "--json").stdout)[0]["name"]
    assert cli("profile", "create", "Ada").returncode == 0
    assert cli("profile", "create", "Ada").returncode == 1
    assert cli("--profile", "Ada", "set", "skill.r", "done").returncode == 0
    assert cli("profile", "use", "Ada").returncode == 0
    profiles = json.loads(cli("profile", "list", "--json").stdout)
    assert [p["name"] for p in profiles if p["current"]] == ["Ada"]
    assert json.loads(cli("status", "--json").stdout)["skills"]["done"] == 1
    assert json.loads(cli("--profile", first, "status", "--json").stdout)["skills"]["done"] == 0
    assert cli("profile", "delete", "Ada").returncode == 1  # needs --yes
    assert cli("profile", "delete", "Ada", "--yes").returncode == 0
    assert [p["name"] for p in json.loads(cli("profile", "list", "--json").stdout)] == [first]


def test_a_fresh_folder_works_at_once_with_a_first_profile(cli: CliRunner, data_dir: Path) -> None:
    result = cli("profile", "list", "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 1
    assert (data_dir / "roadmap.sqlite3").is_file()


def test_backup_backups_restore_and_check(cli: CliRunner) -> None:
    cli("set", "skill.python", "done")
    backup = Path(cli("backup").stdout.strip())
    assert backup.is_file()
    cli("set", "skill.python", "todo")
    listed = json.loads(cli("backups", "--json").stdout)
    assert backup.name in [b["name"] for b in listed]
    assert cli("restore", backup.name).returncode == 0
    items = {i["id"]: i for i in json.loads(cli("items", "--kind", "skill", "--json").stdout)}
    assert items["skill.python"]["state"] == "done"
    assert cli("check").returncode == 0


def uuids(document: object) -> set[str]:
    """Every UUID in an export document, and the project UUIDs activity entries name."""
    if isinstance(document, dict):
        found = {v for k, v in document.items() if k in ("uuid", "subject_id") and isinstance(v, str) and len(v) == 36}
        return found.union(*(uuids(v) for v in document.values()))
    if isinstance(document, list):
        return set().union(*(uuids(v) for v in document))
    return set()


def without_uuids(document: object) -> object:
    if isinstance(document, dict):
        return {k: without_uuids(v) for k, v in document.items() if k not in ("uuid", "subject_id")}
    if isinstance(document, list):
        return [without_uuids(v) for v in document]
    return document


def test_export_import_export_gives_the_same_document(cli: CliRunner, tmp_path: Path) -> None:
    cli("set", "skill.python", "done")
    cli("note", "skill.python", "Finished the course — 100%")
    pid = cli("project", "add", "Fraud detection", "--skill", "skill.python").stdout.strip()
    cli("project", "note", pid, "Found a dataset <b>with</b> 'quotes'; DROP TABLE x;")
    first = tmp_path / "first.json"
    assert cli("export", "-o", str(first)).returncode == 0
    assert cli("import", str(first), "--as", "Copy").returncode == 0
    second = tmp_path / "second.json"
    assert cli("--profile", "Copy", "export", "-o", str(second)).returncode == 0
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    assert b["profile"].pop("name") == "Copy"
    a["profile"].pop("name")
    # A copy in the same database is a new record of each kind: new UUIDs, the rest the same.
    assert uuids(a).isdisjoint(uuids(b))
    assert without_uuids(a) == without_uuids(b)


def content_dump(database: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    conn = sqlite3.connect(database)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in tables]
    finally:
        conn.close()


def test_bad_imports_change_nothing(cli: CliRunner, tmp_path: Path, data_dir: Path) -> None:
    cli("set", "skill.python", "done")
    good = tmp_path / "good.json"
    cli("export", "-o", str(good))
    text = good.read_text(encoding="utf-8")
    document = json.loads(text)
    wrong_version = dict(document, version=99)
    wrong_state = json.loads(text)
    wrong_state["progress"][0]["state"] = "finished"
    bad_files = {
        "truncated.json": text[: len(text) // 2],
        "malformed.json": "{not json",
        "version.json": json.dumps(wrong_version),
        "state.json": json.dumps(wrong_state),
        "list.json": "[1, 2, 3]",
        "empty.json": "",
    }
    before = content_dump(data_dir / "roadmap.sqlite3")
    for name, body in bad_files.items():
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        result = cli("import", str(path), "--as", "Other")
        assert result.returncode == 1, name
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), (name, result.stderr)
    assert content_dump(data_dir / "roadmap.sqlite3") == before


def test_python_dash_m_and_entry_point_agree(cli: CliRunner) -> None:
    result = cli("status")
    assert result.returncode == 0
    assert "Overall" in result.stdout


def test_the_data_folder_can_be_set_by_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "elsewhere"
    env = dict(os.environ, ROADMAP_APP_DATA_DIR=str(folder))
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_app", "set", "skill.sql", "done"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "roadmap.sqlite3").is_file()
