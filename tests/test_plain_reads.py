"""Reads on the driver alone (``Database.read_plain``): what the first paint and the reading
commands see is what the ORM sessions see, through every change of the file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services
from roadmap_app.storage.db import Database, open_database
from roadmap_app.storage.faults import Fault


def test_a_read_inside_another_shares_its_snapshot(services: Services, data_dir: Path) -> None:
    profile = services.profiles.current()
    db = Database(data_dir / "roadmap.sqlite3")
    try:
        with db.read_plain() as outer:
            before = outer.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0]
            services.profiles.rename(profile.id, "Ada")  # another connection commits meanwhile
            with db.read_plain() as inner:
                assert inner is outer
                assert inner.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0] == before
            assert outer.in_transaction, "the inner read leaves the outer one open"
        with db.read_plain() as after:
            assert after.execute("SELECT name FROM profiles WHERE id = ?", (profile.id,)).fetchone()[0] == "Ada"
    finally:
        db.close()


def test_another_process_writes_are_seen_by_the_next_plain_read(services: Services, data_dir: Path) -> None:
    first = services.profiles.current()
    assert [p.name for p in services.profiles.all()] == [first.name]
    command = [sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), "profile", "create", "Grace"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert services.profiles.count() == 2  # read on the driver
    assert "Grace" in [p.name for p in services.profiles.all()]  # and through the ORM


def test_a_plain_read_after_a_restore_sees_the_restored_data(services: Services) -> None:
    profile = services.profiles.current()
    skill = services.roadmap.skills[0].id
    services.progress.set_state(profile.id, skill, "done")
    services.backups.create()
    services.progress.set_state(profile.id, skill, "in_progress")
    assert services.progress.states(profile.id)[skill].state.value == "in_progress"
    services.backups.restore()
    # The plain connection was closed with the engine's: it reads the restored file, not the old one.
    assert services.progress.states(profile.id)[skill].state.value == "done"
    assert services.progress.summary(profile.id).overall.done >= 1


def test_a_database_opened_read_only_is_read_on_the_driver(data_dir: Path) -> None:
    paths, services = open_services(data_dir)
    profile = services.profiles.current()
    services.progress.set_state(profile.id, services.roadmap.skills[0].id, "done")
    services.close()
    db = open_database(paths.database, read_only=Fault.READ_ONLY)
    try:
        with db.read_plain() as conn:
            assert conn.execute("SELECT count(*) FROM item_progress").fetchone()[0] == 1
            with pytest.raises(sqlite3.OperationalError):
                conn.execute("DELETE FROM item_progress")
        assert not db.engine_made, "reading needed no SQLAlchemy engine"
    finally:
        db.close()


def test_the_commands_that_only_read_do_not_load_sqlalchemy(services: Services, data_dir: Path) -> None:
    profile = services.profiles.current()
    services.progress.set_state(profile.id, services.roadmap.skills[0].id, "done")
    services.study.log(profile.id, 45, services.roadmap.skills[0].id)
    code = (
        "import sys\n"
        "from roadmap_app.__main__ import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, 'status'])\n"
        "print('sqlalchemy' in sys.modules, code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["False", "0"], done.stdout
