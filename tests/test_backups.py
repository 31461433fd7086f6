"""Automatic backups: when they are made, what rotation keeps, and what a restore dialog is given."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services, UserError
from roadmap_app.services.backups import BackupInfo, choose_kept, parse_backup_name
from roadmap_app.storage import backup as sqlite_backup
from roadmap_app.storage.backup import BackupError, copy_database
from roadmap_app.storage.db import Database


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 1, 1, 9, 0, 0))


def open_with(data_dir: Path, clock: Clock) -> Services:
    return open_services(data_dir, clock=clock)[1]


@pytest.fixture
def learner(data_dir: Path, clock: Clock) -> Iterator[Path]:
    """A data folder with one learner's profile and no backups yet."""
    services = open_with(data_dir, clock)
    ada = services.profiles.create("Ada")
    services.progress.set_state(ada.id, "skill.python", "done")
    services.close()
    assert not list((data_dir / "backups").iterdir())
    yield data_dir


def reasons(data_dir: Path) -> list[str]:
    found = (parse_backup_name(p) for p in (data_dir / "backups").iterdir())
    return sorted(b.reason for b in found if b is not None)


def test_no_backup_of_an_empty_database(data_dir: Path, clock: Clock) -> None:
    open_with(data_dir, clock).close()
    clock.advance(days=2)
    open_with(data_dir, clock).close()
    assert reasons(data_dir) == []


def test_a_daily_backup_is_made_on_open_when_the_last_is_over_a_day_old(learner: Path, clock: Clock) -> None:
    open_with(learner, clock).close()
    assert reasons(learner) == ["daily"]
    clock.advance(hours=23)
    open_with(learner, clock).close()
    assert reasons(learner) == ["daily"], "not again within a day"
    clock.advance(hours=2)
    open_with(learner, clock).close()
    assert reasons(learner) == ["daily", "daily"]


def test_the_window_closing_after_changes_makes_a_backup(learner: Path, clock: Clock) -> None:
    services = open_with(learner, clock)
    assert services.backups.on_close() is None, "nothing changed"
    mark = services.backups.change_mark()
    ada = services.profiles.find("Ada")
    services.progress.set_state(ada.id, "skill.sql", "in_progress")
    clock.advance(minutes=5)
    made = services.backups.on_close()
    assert made is not None and made.reason == "on-close"
    assert services.backups.on_close() is None, "nothing changed since the last one"
    assert services.backups.backup_if_changed_since(services.backups.change_mark()) is None
    assert services.backups.backup_if_changed_since(mark) is not None
    services.close()
    summary = made.summary()
    assert summary.profiles == ("Ada",)
    assert summary.items_done == 1


def test_imports_and_restores_are_preceded_by_a_backup(learner: Path, clock: Clock) -> None:
    services = open_with(learner, clock)
    try:
        document = services.transfer.export_profile(services.profiles.find("Ada").id)
        services.transfer.import_profile(document, "Ada again")
        assert "before-import" in reasons(learner)
        clock.advance(minutes=1)
        services.backups.restore()
        assert "before-restore" in reasons(learner)
        # The restore brought back the data as it was before the import.
        assert [p.name for p in services.profiles.all()] == ["Ada"]
    finally:
        services.close()


def test_restore_skips_damaged_backups_and_those_made_before_a_restore(learner: Path, clock: Clock) -> None:
    services = open_with(learner, clock)
    try:
        good = services.backups.create()
        clock.advance(minutes=1)
        services.backups.create("before-restore")
        clock.advance(minutes=1)
        broken = services.backups.create()
        broken.path.write_bytes(b"\x00" * 8192)
        assert services.backups.newest_good() == good
        with pytest.raises(UserError, match="cannot be restored: it is damaged"):
            services.backups.restore(broken.path.name)
    finally:
        services.close()


def info(when: datetime, reason: str = "daily") -> BackupInfo:
    return BackupInfo(Path(f"roadmap-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"), when, reason, 1)


def test_rotation_keeps_7_daily_4_weekly_and_6_monthly() -> None:
    start = datetime(2025, 1, 1, 12, 0)
    backups = [info(start + timedelta(days=d, hours=h)) for d in range(240) for h in (0, 6)]
    backups.sort(key=lambda b: b.created_at, reverse=True)
    kept = sorted(
        (b for b in backups if b.path in choose_kept(backups, dict.fromkeys((b.path for b in backups), True))),
        key=lambda b: b.created_at,
        reverse=True,
    )

    newest = backups[0].created_at
    days = {b.created_at.date() for b in kept}
    last_7 = {(newest - timedelta(days=d)).date() for d in range(7)}
    assert last_7 <= days
    weeks = {b.created_at.isocalendar()[:2] for b in kept}
    assert len(weeks) >= 4
    months = {(b.created_at.year, b.created_at.month) for b in kept}
    assert len(months) == 6
    assert len(kept) <= 7 + 4 + 6
    assert kept[0] == backups[0]
    # One per day at most: the newest of that day.
    assert len(days) == len(kept)


def test_rotation_keeps_manual_backups_and_ten_of_each_before_kind() -> None:
    start = datetime(2025, 1, 1, 12, 0)
    manual = [info(start + timedelta(days=d), "manual") for d in range(40)]
    before = [info(start + timedelta(days=d, hours=1), "before-import") for d in range(40)]
    backups = sorted(manual + before, key=lambda b: b.created_at, reverse=True)
    kept = choose_kept(backups, dict.fromkeys((b.path for b in backups), True))
    assert {b.path for b in manual} <= kept
    assert {b.path for b in before if b.path in kept} == {
        b.path for b in sorted(before, key=lambda b: b.created_at)[-10:]
    }


def test_damaged_backups_fill_no_slot_and_are_never_removed() -> None:
    start = datetime(2025, 6, 1, 12, 0)
    good = [info(start + timedelta(days=d)) for d in range(10)]
    damaged = [info(start + timedelta(days=20 + d, hours=1)) for d in range(10)]
    backups = sorted(good + damaged, key=lambda b: b.created_at, reverse=True)
    is_good = {b.path: b in good for b in backups}
    kept = choose_kept(backups, is_good)
    assert {b.path for b in damaged} <= kept
    # The 7 newest good days are all still there, however many damaged ones came after.
    assert {b.path for b in good[-7:]} <= kept


def test_rotation_through_the_service_removes_old_automatic_backups(learner: Path, clock: Clock) -> None:
    for _ in range(20):
        clock.advance(days=1)
        open_with(learner, clock).close()
    daily = [r for r in reasons(learner) if r == "daily"]
    assert 7 <= len(daily) <= 10
    assert not [p for p in (learner / "backups").iterdir() if p.name.endswith(".tmp")]


def test_a_failed_copy_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    services = open_services(data_dir)[1]
    services.profiles.create("Ada")
    services.close()
    target = tmp_path / "out" / "copy.sqlite3"
    monkeypatch.setattr(sqlite_backup, "quick_check", lambda _p, full=False: "row 3 missing from index")
    with pytest.raises(BackupError, match="failed the check"):
        copy_database(data_dir / "roadmap.sqlite3", target)
    assert list(target.parent.iterdir()) == []


def test_copying_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no database"):
        copy_database(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_a_copy_stands_alone_and_matches_the_source(data_dir: Path, tmp_path: Path) -> None:
    services = open_services(data_dir)[1]
    ada = services.profiles.create("Ada")
    services.progress.set_note(ada.id, "skill.python", "n" * 10_000)
    target = tmp_path / "copy.sqlite3"
    copy_database(data_dir / "roadmap.sqlite3", target)  # while the source is open
    services.close()
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT note FROM item_progress").fetchone()[0] == "n" * 10_000
    conn.close()


def test_the_list_for_a_restore_dialog_has_dates_labels_and_a_summary(learner: Path, clock: Clock) -> None:
    services = open_with(learner, clock)
    try:
        ada = services.profiles.find("Ada")
        project = services.portfolio.add(ada.id, "Sentiment analysis")
        services.portfolio.add_note(ada.id, project.id, "week 1")
        clock.advance(minutes=3)
        services.backups.create()
        listed = services.backups.all()
        assert [b.reason for b in listed] == ["manual", "daily"]
        newest = listed[0]
        assert newest.created_at == clock.now
        assert newest.label == "Made by you"
        text = newest.summary().describe()
        assert text.startswith("1 profile (Ada), 1 item done, 1 project, 1 note; last change 2026-01-01")
        assert newest.problem() is None
    finally:
        services.close()


def test_rotation_removes_half_made_copies_of_killed_processes(learner: Path, clock: Clock) -> None:
    services = open_with(learner, clock)
    try:
        dead = 2**22 + 12345  # above the usual pid limit: no such process
        stale = learner / "backups" / f".roadmap-20260101-090000-daily.sqlite3.{dead}.tmp"
        live = learner / "backups" / f".roadmap-20260101-090000-daily.sqlite3.{os.getpid()}.tmp"
        stale.write_bytes(b"half")
        live.write_bytes(b"in progress")
        services.backups.rotate()
        assert not stale.exists()
        assert live.exists()
    finally:
        services.close()


def test_an_untouched_new_profile_is_not_backed_up_but_the_first_mark_is(data_dir: Path, clock: Clock) -> None:
    services = open_with(data_dir, clock)
    ada = services.profiles.create("Ada")
    services.close()
    clock.advance(days=2)
    open_with(data_dir, clock).close()
    assert reasons(data_dir) == []
    services = open_with(data_dir, clock)
    services.progress.set_state(ada.id, "skill.python", "in_progress")
    assert services.backups.on_close() is not None
    services.close()


def test_a_write_that_changes_no_row_asks_for_no_backup_on_closing(learner: Path) -> None:
    db = Database(learner / "roadmap.sqlite3")
    try:
        mark = db.write_count
        with db.write():
            pass
        with db.write() as session:
            session.execute(text("UPDATE profiles SET name = name WHERE id = -1"))
        assert db.write_count == mark, "nothing changed"
        with db.write() as session:
            session.execute(text("UPDATE profiles SET name = name || '' WHERE name = 'Ada'"))
        assert db.write_count == mark + 1
    finally:
        db.close()
