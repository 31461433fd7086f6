"""A damaged database is found on open, moved aside (never deleted), and a backup restores the data."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_app.__main__ import main
from roadmap_app.bootstrap import open_services
from roadmap_app.services import UserError
from roadmap_app.storage import backup as sqlite_backup
from roadmap_app.storage import recovery
from roadmap_app.storage.db import StorageError
from roadmap_app.storage.recovery import DamagedDatabaseError, marker_path, stale_markers

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema-0001.sqlite3"


def learner_data(data: Path) -> Path:
    """A data folder with a profile that has progress and a project, and one good backup."""
    _paths, services = open_services(data)
    try:
        ada = services.profiles.create("Ada")
        services.profiles.use(ada.id)
        services.progress.set_state(ada.id, "skill.python", "done")
        services.progress.set_note(ada.id, "skill.python", "typed & tested")
        project = services.portfolio.add(ada.id, "Sentiment analysis", skill_ids=["skill.python"])
        services.portfolio.add_note(ada.id, project.id, "week 1")
        services.backups.create()
    finally:
        services.close()
    return data / "roadmap.sqlite3"


def truncate_to_half(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2)


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def zero_header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"\x00" * 100)


def text_file(path: Path) -> None:
    path.write_text("These are my notes, not a database.\n" * 50, encoding="utf-8")


def corrupt_pages(path: Path) -> None:
    # Header intact, pages after the first overwritten: only SQLite's own check sees it.
    with path.open("r+b") as f:
        f.seek(4096)
        f.write(os.urandom(path.stat().st_size - 4096))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate_to_half,
    "random-bytes": random_bytes,
    "zeroed-header": zero_header,
    "not-a-database": text_file,
    "damaged-pages": corrupt_pages,
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damage_is_found_on_open_and_the_file_is_moved_aside_not_deleted(kind: str, data_dir: Path) -> None:
    db = learner_data(data_dir)
    DAMAGE[kind](db)
    damaged_bytes = db.read_bytes()

    with pytest.raises(DamagedDatabaseError) as caught:
        open_services(data_dir)

    error = caught.value
    assert isinstance(error, StorageError)
    assert error.path == db
    assert error.moved_to.parent == data_dir / "damaged"
    assert error.moved_to.read_bytes() == damaged_bytes
    assert not db.exists()
    assert error.problem
    assert "\n" not in str(error)
    assert "roadmap-app restore" in str(error)
    assert str(error.moved_to) in str(error)


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_after_damage_restore_brings_back_the_newest_good_backup(kind: str, data_dir: Path) -> None:
    db = learner_data(data_dir)
    DAMAGE[kind](db)
    with pytest.raises(DamagedDatabaseError):
        open_services(data_dir)

    _paths, services = open_services(data_dir)  # a fresh, empty file
    try:
        assert services.profiles.count() == 0
        restored = services.backups.restore()
        assert restored.reason == "manual"
        ada = services.profiles.find("Ada")
        assert services.progress.get(ada.id, "skill.python").note == "typed & tested"
        assert [p.title for p in services.portfolio.projects(ada.id)] == ["Sentiment analysis"]
        assert services.backups.check().ok
    finally:
        services.close()


def test_the_damaged_file_keeps_its_wal_and_shm_beside_it(data_dir: Path) -> None:
    db = learner_data(data_dir)
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    wal.write_bytes(b"wal content")
    shm.write_bytes(b"shm content")
    random_bytes(db)

    with pytest.raises(DamagedDatabaseError) as caught:
        open_services(data_dir)

    moved = caught.value.moved_to
    assert Path(f"{moved}-wal").read_bytes() == b"wal content"
    assert Path(f"{moved}-shm").read_bytes() == b"shm content"
    assert not wal.exists() and not shm.exists()


def test_a_second_damage_does_not_overwrite_the_first_one_moved_aside(data_dir: Path) -> None:
    db = learner_data(data_dir)
    text_file(db)
    with pytest.raises(DamagedDatabaseError) as first:
        open_services(data_dir)
    db.write_bytes(b"x" * 5000)
    with pytest.raises(DamagedDatabaseError) as second:
        open_services(data_dir)
    assert first.value.moved_to != second.value.moved_to
    assert first.value.moved_to.exists() and second.value.moved_to.exists()


def test_a_roadmap_database_of_another_program_is_refused_but_not_moved(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / "roadmap.sqlite3")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not one of Roadmap's"):
        open_services(data_dir)
    assert (data_dir / "roadmap.sqlite3").exists()


def test_an_unclean_shutdown_triggers_the_full_integrity_check(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    learner_data(data_dir)
    db = data_dir / "roadmap.sqlite3"
    checks: list[bool] = []
    real = sqlite_backup.quick_check

    def spy(path: Path, *, full: bool = False) -> str:
        if path == db:
            checks.append(full)
        return real(path, full=full)

    monkeypatch.setattr(recovery, "quick_check", spy)

    _paths, services = open_services(data_dir)
    services.close()
    assert checks == [], "a file unchanged since a clean close needs no check"

    # A process that opened the file and was killed left its marker behind.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    marker_path(db, int(dead.stdout)).write_text("")
    assert stale_markers(db)
    checks.clear()
    _paths, services = open_services(data_dir)
    services.close()
    assert checks == [True]
    assert not stale_markers(db), "the marker goes once the full check has passed"


def test_a_clean_close_removes_the_marker_and_an_open_keeps_it(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    db = data_dir / "roadmap.sqlite3"
    assert marker_path(db).exists()
    assert not stale_markers(db), "a live process's marker is not stale"
    services.close()
    assert not marker_path(db).exists()


def test_a_damaged_database_is_never_backed_up_and_old_backups_stay(data_dir: Path) -> None:
    db = learner_data(data_dir)
    _paths, services = open_services(data_dir)
    try:
        before = sorted(p.name for p in (data_dir / "backups").iterdir())
        corrupt_pages(db)
        with pytest.raises(UserError, match="could not make a backup"):
            services.backups.create_automatic("daily")
        # Made by hand (File → Back up now): the message names the damage and what to do,
        # not the disk.
        with pytest.raises(UserError, match="could not make a backup") as raised:
            services.backups.create()
        assert sorted(p.name for p in (data_dir / "backups").iterdir()) == before
        message = str(raised.value)
        assert "damaged" in message and "roadmap-app restore" in message
        assert "free space" not in message and "\n" not in message
    finally:
        services.close()


def run_cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    """The command line in this process (the same code path as the installed command, faster)."""
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_names_the_problem_and_restore_then_restore_works(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = learner_data(data_dir)
    random_bytes(db)

    code, _out, err = run_cli(capsys, data_dir, "status")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: the database was damaged")
    assert "roadmap-app restore" in lines[0]
    assert len(list((data_dir / "damaged").iterdir())) == 1

    code, _out, err = run_cli(capsys, data_dir, "restore")
    assert code == 0, err
    code, out, err = run_cli(capsys, data_dir, "--profile", "Ada", "project", "list")
    assert code == 0, err
    assert "Sentiment analysis" in out


def test_restore_works_as_the_first_command_on_a_damaged_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = learner_data(data_dir)
    zero_header(db)
    code, _out, err = run_cli(capsys, data_dir, "restore")
    assert code == 0, err
    assert len(list((data_dir / "damaged").iterdir())) == 1
    code, out, err = run_cli(capsys, data_dir, "check")
    assert code == 0, err
    assert out.startswith("ok:")


def test_the_installed_command_exits_1_with_one_line_on_damage(
    data_dir: Path, cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    text_file(learner_data(data_dir))
    result = cli("status")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "roadmap-app restore" in result.stderr


def test_restoring_an_older_schema_backup_upgrades_it(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    try:
        backups = data_dir / "backups"
        shutil.copy(FIXTURE, backups / "roadmap-20260301-120000-manual.sqlite3")
        services.backups.restore("roadmap-20260301-120000-manual.sqlite3")
        ada = services.profiles.find("Ada Lovelace")
        assert services.progress.get(ada.id, "skill.python").state.value == "done"
        assert services.backups.check().ok
    finally:
        services.close()


def test_the_window_can_restore_the_newest_good_backup_after_damage(data_dir: Path) -> None:
    from roadmap_app.bootstrap import DamagedDatabaseError as Exported
    from roadmap_app.bootstrap import restore_after_damage

    assert Exported is DamagedDatabaseError
    random_bytes(learner_data(data_dir))
    with pytest.raises(Exported):
        open_services(data_dir)
    _paths, services, restored = restore_after_damage(data_dir)
    try:
        assert restored.reason == "manual"
        assert services.profiles.find("Ada")
    finally:
        services.close()


def test_without_any_backup_restore_after_damage_says_so(data_dir: Path) -> None:
    from roadmap_app.bootstrap import restore_after_damage

    db = learner_data(data_dir)
    for backup in (data_dir / "backups").iterdir():
        backup.unlink()
    text_file(db)
    with pytest.raises(UserError, match="no backups yet"):
        restore_after_damage(data_dir)
    assert len(list((data_dir / "damaged").iterdir())) == 1
