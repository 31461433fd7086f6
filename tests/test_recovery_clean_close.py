"""The quick check on open is skipped only for a file unchanged since a clean close.

A clean close records the file's size, mtime, inode and first-page checksum beside it;
any change to those, a crash, another writer, or a write-ahead log left behind means the
next open checks the file as before. Silent damage that leaves all of them alone is found
by the daily backup's check, and the open after that moves the file aside.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.storage import backup as sqlite_backup
from roadmap_app.storage import recovery
from roadmap_app.storage.recovery import (
    DamagedDatabaseError,
    clean_record_path,
    stale_markers,
    unchanged_since_clean_close,
)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bool]]:
    """Every check the open runs on a file: (path, full)."""
    seen: list[tuple[Path, bool]] = []
    real = sqlite_backup.quick_check

    def spy(path: Path, *, full: bool = False) -> str:
        seen.append((path, full))
        return real(path, full=full)

    monkeypatch.setattr(recovery, "quick_check", spy)
    return seen


def learner_data(data: Path, notes: int = 1) -> Path:
    """Ada with progress, a project with ``notes`` notes, and a manual backup; closed cleanly."""
    _paths, services = open_services(data)
    try:
        ada = services.profiles.create("Ada")
        services.profiles.use(ada.id)
        services.progress.set_state(ada.id, "skill.python", "done")
        project = services.portfolio.add(ada.id, "Sentiment analysis", skill_ids=["skill.python"])
        for n in range(notes):
            services.portfolio.add_note(ada.id, project.id, f"week {n}: " + "x" * 900)
        services.backups.create()
    finally:
        services.close()
    return data / "roadmap.sqlite3"


def reopen(data: Path) -> None:
    _paths, services = open_services(data)
    services.close()


def test_a_clean_close_leaves_a_record_and_the_next_open_skips_the_check(
    data_dir: Path, checks: list[tuple[Path, bool]]
) -> None:
    db = learner_data(data_dir)
    assert clean_record_path(db).is_file()
    assert oct(clean_record_path(db).stat().st_mode & 0o777) == "0o600"
    reopen(data_dir)
    assert checks == []


def test_the_record_is_gone_while_the_file_is_open_for_writing(data_dir: Path) -> None:
    db = learner_data(data_dir)
    _paths, services = open_services(data_dir)
    try:
        assert not clean_record_path(db).exists(), "an open that may write removes the record first"
        ada = services.profiles.find("Ada")
        services.progress.set_state(ada.id, "skill.sql", "done")
    finally:
        services.close()
    assert unchanged_since_clean_close(db), "the close after the write records the file anew"


def test_a_process_that_ends_without_closing_leaves_no_record_and_the_full_check_runs(
    data_dir: Path, checks: list[tuple[Path, bool]]
) -> None:
    db = learner_data(data_dir)
    code = (
        "import os, sys\n"
        "from roadmap_app.bootstrap import open_services\n"
        "_paths, services = open_services(sys.argv[1])\n"
        "ada = services.profiles.find('Ada')\n"
        "services.progress.set_state(ada.id, 'skill.sql', 'done')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True)
    assert not clean_record_path(db).exists()
    assert stale_markers(db)
    reopen(data_dir)
    assert checks == [(db, True)], "after a crash the full integrity check runs"
    assert unchanged_since_clean_close(db)


def test_another_program_writing_the_file_means_a_check(data_dir: Path, checks: list[tuple[Path, bool]]) -> None:
    db = learner_data(data_dir)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE profiles SET name = 'Ada L.'")
    conn.commit()
    conn.close()
    reopen(data_dir)
    assert checks == [(db, False)]


def test_a_write_ahead_log_left_beside_the_file_means_a_check(data_dir: Path, checks: list[tuple[Path, bool]]) -> None:
    db = learner_data(data_dir)
    keeper = sqlite3.connect(db)  # holds the log open, so it is not folded back into the file
    try:
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("UPDATE profiles SET name = 'Ada L.'")
        keeper.commit()
        assert Path(f"{db}-wal").stat().st_size > 0
        assert not unchanged_since_clean_close(db)
        reopen(data_dir)
    finally:
        keeper.close()
    assert checks == [(db, False)]


def corrupt_keeping_the_mtime(db: Path, start: int) -> None:
    """Damage a clean close's record cannot see: pages changed in place, the mtime put back."""
    before = db.stat()
    with db.open("r+b") as f:
        f.seek(start)
        f.write(os.urandom(before.st_size - start))
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda db: db.write_bytes(db.read_bytes()[: db.stat().st_size // 2]), id="size"),
        pytest.param(lambda db: corrupt_in_place(db, keep_header=True), id="mtime"),
        pytest.param(lambda db: corrupt_in_place(db, keep_header=False, keep_mtime=True), id="header"),
    ],
)
def test_damage_after_a_clean_close_that_changes_size_mtime_or_header_is_caught(damage: object, data_dir: Path) -> None:
    db = learner_data(data_dir)
    assert callable(damage)
    damage(db)
    with pytest.raises(DamagedDatabaseError):
        open_services(data_dir)
    assert not db.exists()


def corrupt_in_place(db: Path, *, keep_header: bool, keep_mtime: bool = False) -> None:
    before = db.stat()
    with db.open("r+b") as f:
        if keep_header:
            f.seek(4096)
            f.write(os.urandom(before.st_size - 4096))
        else:
            f.seek(20)
            f.write(b"\xff" * 8)
    if keep_mtime:
        os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_record_as_new_as_the_file_is_not_trusted(data_dir: Path) -> None:
    # On a coarse clock a write in the same tick as the close would leave the mtime alone.
    db = learner_data(data_dir)
    mtime = db.stat().st_mtime_ns
    os.utime(clean_record_path(db), ns=(mtime, mtime))
    assert not unchanged_since_clean_close(db)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": 99, "file": {}}', b"\x00" * 64])
def test_a_damaged_or_foreign_record_is_ignored(
    content: bytes, data_dir: Path, checks: list[tuple[Path, bool]]
) -> None:
    db = learner_data(data_dir)
    clean_record_path(db).write_bytes(content)
    reopen(data_dir)
    assert checks == [(db, False)]


def test_a_file_restored_in_place_of_the_recorded_one_is_checked(
    data_dir: Path, checks: list[tuple[Path, bool]]
) -> None:
    db = learner_data(data_dir)
    copy = db.with_name("copy.sqlite3")
    copy.write_bytes(db.read_bytes())
    os.utime(copy, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns))
    os.replace(copy, db)  # same bytes, size and mtime: another file all the same
    reopen(data_dir)
    assert checks == [(db, False)]


def test_silent_damage_that_sqlite_meets_on_open_is_checked_and_moved_aside(
    data_dir: Path, checks: list[tuple[Path, bool]]
) -> None:
    db = learner_data(data_dir)
    corrupt_keeping_the_mtime(db, 4096)
    assert unchanged_since_clean_close(db), "nothing the record holds has changed"
    with pytest.raises(DamagedDatabaseError):
        open_services(data_dir)
    assert checks == [(db, False)], "reading the schema revision failed, so the check ran after all"
    assert not db.exists()


def test_silent_damage_is_found_by_the_daily_backup_and_the_next_open_moves_the_file_aside(
    data_dir: Path, checks: list[tuple[Path, bool]], caplog: pytest.LogCaptureFixture
) -> None:
    db = learner_data(data_dir, notes=40)
    corrupt_keeping_the_mtime(db, db.stat().st_size - 2 * 4096)  # the last two pages only
    assert unchanged_since_clean_close(db), "nothing the record holds has changed"

    # A day later: the open trusts the record, and the daily backup's check finds the damage.
    tomorrow = datetime.now() + timedelta(days=2)
    _paths, services = open_services(data_dir, clock=lambda: tomorrow)
    services.close()
    assert checks == []
    assert "its copy failed the check" in caplog.text
    assert not list((data_dir / "backups").glob("*-daily.sqlite3")), "a damaged file is never backed up"
    assert not clean_record_path(db).exists(), "a close after damage was seen records nothing"

    with pytest.raises(DamagedDatabaseError):
        open_services(data_dir, clock=lambda: tomorrow)
    assert checks == [(db, False)]
    assert not db.exists()


def test_damage_sqlite_meets_during_a_session_leaves_no_record(data_dir: Path) -> None:
    db = learner_data(data_dir, notes=40)
    corrupt_keeping_the_mtime(db, db.stat().st_size - 2 * 4096)
    _paths, services = open_services(data_dir)
    try:
        ada = services.profiles.find("Ada")
        with pytest.raises(Exception, match="malformed"):
            services.activity.all(ada.id)  # the last pages hold the activity log
    finally:
        services.close()
    assert not clean_record_path(db).exists()
    with pytest.raises(DamagedDatabaseError):
        open_services(data_dir)
