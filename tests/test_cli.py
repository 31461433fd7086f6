"""The command line: most tests run `main(argv)` in this process; a few run real processes end to end."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_app import __version__
from tests.conftest import CliRunner, InProcessCli


def test_marks_survive_into_a_new_process_and_show_in_status(run_cli: InProcessCli) -> None:
    assert run_cli("set", "skill.python", "done").returncode == 0
    assert run_cli("set", "skill.sql", "in_progress").returncode == 0
    assert run_cli("set", "task.credential.choose-path", "done").returncode == 0
    assert run_cli("set", "task.credential.check-job-ads", "skipped").returncode == 0

    items = {i["id"]: i for i in json.loads(run_cli("items", "--json").stdout)}
    assert items["skill.python"]["state"] == "done"
    assert items["skill.sql"]["state"] == "in_progress"
    assert items["task.credential.choose-path"]["state"] == "done"

    status = json.loads(run_cli("status", "--json").stdout)
    first = status["steps"][0]
    assert first["id"] == "step.credential"
    assert (first["done"], first["skipped"]) == (1, 1)
    assert first["total"] == len([i for i in items.values() if i.get("step") == "step.credential"])
    assert status["skills"]["done"] == 1
    assert status["skills"]["in_progress"] == 1
    assert status["overall"]["done"] == 2


def test_items_lists_every_kind_with_its_fields(run_cli: InProcessCli) -> None:
    rows = json.loads(run_cli("items", "--json").stdout)
    kinds = {r["kind"] for r in rows}
    assert {"step", "task", "skill", "duty", "level", "career_step", "project_idea"} <= kinds
    for row in rows:
        if row["kind"] == "task":
            assert row["step"].startswith("step.") and row["state"] == "todo"
        if row["kind"] == "skill":
            assert row["group"] in ("technical", "workplace") and row["category"].startswith("category.")
        if row["kind"] not in ("task", "skill"):
            assert "state" not in row
    only_steps = json.loads(run_cli("items", "--kind", "step", "--json").stdout)
    assert [r["id"] for r in only_steps] == [
        "step.credential",
        "step.skills",
        "step.portfolio",
        "step.experience",
        "step.apply",
    ]


def test_user_mistakes_give_one_line_errors_and_exit_1(run_cli: InProcessCli) -> None:
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
        result = run_cli(*args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(run_cli: InProcessCli) -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("set", "skill.python").returncode == 2
    assert run_cli("status", "--bogus").returncode == 2


def test_version(run_cli: InProcessCli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_projects_with_notes_from_stdin(run_cli: InProcessCli) -> None:
    added = run_cli(
        "project", "add", "Tweet sentiment", "--summary", "NLP on posts", "--skill", "skill.nlp",
        "--skill", "skill.python", "--repo", "https://example.org/me/sentiment", "--status", "building",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    project_id = added.stdout.strip()
    assert project_id.isdigit()
    assert run_cli("project", "note", project_id, "-", stdin="# Day 1\nCleaned **10k** posts.\n").returncode == 0

    shown = json.loads(run_cli("project", "show", project_id, "--json").stdout)
    assert shown["title"] == "Tweet sentiment"
    assert shown["status"] == "building"
    assert sorted(shown["skills"]) == ["skill.nlp", "skill.python"]
    assert shown["notes"][0]["text"] == "# Day 1\nCleaned **10k** posts.\n"
    listed = json.loads(run_cli("project", "list", "--json").stdout)
    assert [p["id"] for p in listed] == [int(project_id)]


def test_profiles_are_separate(run_cli: InProcessCli) -> None:
    first = json.loads(run_cli("profile", "list", "--json").stdout)[0]["name"]
    assert run_cli("profile", "create", "Ada").returncode == 0
    assert run_cli("profile", "create", "Ada").returncode == 1
    assert run_cli("--profile", "Ada", "set", "skill.r", "done").returncode == 0
    assert run_cli("profile", "use", "Ada").returncode == 0
    profiles = json.loads(run_cli("profile", "list", "--json").stdout)
    assert [p["name"] for p in profiles if p["current"]] == ["Ada"]
    assert json.loads(run_cli("status", "--json").stdout)["skills"]["done"] == 1
    assert json.loads(run_cli("--profile", first, "status", "--json").stdout)["skills"]["done"] == 0
    assert run_cli("profile", "delete", "Ada").returncode == 1  # needs --yes
    assert run_cli("profile", "delete", "Ada", "--yes").returncode == 0
    assert [p["name"] for p in json.loads(run_cli("profile", "list", "--json").stdout)] == [first]


def test_a_fresh_folder_works_at_once_with_a_first_profile(run_cli: InProcessCli, data_dir: Path) -> None:
    result = run_cli("profile", "list", "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 1
    assert (data_dir / "roadmap.sqlite3").is_file()


def test_backup_backups_restore_and_check(run_cli: InProcessCli) -> None:
    run_cli("set", "skill.python", "done")
    backup = Path(run_cli("backup").stdout.strip())
    assert backup.is_file()
    run_cli("set", "skill.python", "todo")
    listed = json.loads(run_cli("backups", "--json").stdout)
    assert backup.name in [b["name"] for b in listed]
    assert run_cli("restore", backup.name).returncode == 0
    items = {i["id"]: i for i in json.loads(run_cli("items", "--kind", "skill", "--json").stdout)}
    assert items["skill.python"]["state"] == "done"
    assert run_cli("check").returncode == 0


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


def test_export_import_export_gives_the_same_document(run_cli: InProcessCli, tmp_path: Path) -> None:
    run_cli("set", "skill.python", "done")
    run_cli("note", "skill.python", "Finished the course — 100%")
    pid = run_cli("project", "add", "Fraud detection", "--skill", "skill.python").stdout.strip()
    run_cli("project", "note", pid, "Found a dataset <b>with</b> 'quotes'; DROP TABLE x;")
    first = tmp_path / "first.json"
    assert run_cli("export", "-o", str(first)).returncode == 0
    assert run_cli("import", str(first), "--as", "Copy").returncode == 0
    second = tmp_path / "second.json"
    assert run_cli("--profile", "Copy", "export", "-o", str(second)).returncode == 0
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


def test_bad_imports_change_nothing(run_cli: InProcessCli, tmp_path: Path, data_dir: Path) -> None:
    run_cli("set", "skill.python", "done")
    good = tmp_path / "good.json"
    run_cli("export", "-o", str(good))
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
        result = run_cli("import", str(path), "--as", "Other")
        assert result.returncode == 1, name
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), (name, result.stderr)
    assert content_dump(data_dir / "roadmap.sqlite3") == before


# --- end to end, in real processes ------------------------------------------------------------


def test_the_entry_point_and_python_dash_m_agree(cli: CliRunner, data_dir: Path) -> None:
    script = Path(sys.executable).with_name("roadmap-app")
    if not script.is_file():
        pytest.skip(f"no roadmap-app script beside {sys.executable}; install the package with pip")
    assert cli("set", "skill.python", "done").returncode == 0
    entry = subprocess.run(
        [str(script), "--data-dir", str(data_dir), "status", "--json"], capture_output=True, text=True, timeout=120
    )
    assert entry.returncode == 0, entry.stderr
    assert json.loads(entry.stdout) == json.loads(cli("status", "--json").stdout)


def test_a_process_reads_a_note_from_standard_input(cli: CliRunner) -> None:
    project_id = cli("project", "add", "Tweet sentiment").stdout.strip()
    assert cli("project", "note", project_id, "-", stdin="# Day 1\nCleaned **10k** posts.\n").returncode == 0
    assert cli("note", "skill.nlp", "-", stdin="tokenisers — first pass\n").returncode == 0
    shown = json.loads(cli("project", "show", project_id, "--json").stdout)
    assert shown["notes"][0]["text"] == "# Day 1\nCleaned **10k** posts.\n"
    assert json.loads(cli("show", "skill.nlp", "--json").stdout)["note"] == "tokenisers — first pass\n"


def test_a_process_exits_0_1_and_2_with_one_error_line(cli: CliRunner) -> None:
    assert cli("--version").returncode == 0
    failed = cli("set", "skill.nope", "done")
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: ") and failed.stderr.count("\n") == 1
    assert cli("frobnicate").returncode == 2
    assert "Traceback" not in failed.stderr


def test_the_data_folder_can_be_set_by_environment(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    env = dict(os.environ, ROADMAP_APP_DATA_DIR=str(folder))
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_app", "set", "skill.sql", "done"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "roadmap.sqlite3").is_file()
