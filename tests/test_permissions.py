"""The learner's data is private: folders 0700, the database, its companions, backups and exports 0600."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.storage.recovery import DamagedDatabaseError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The usual umask 022 would make new files world-readable unless the app prevents it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_data_folder_database_and_companions_are_private(data_dir: Path) -> None:
    paths, services = open_services(data_dir)
    try:
        ada = services.profiles.create("Ada")
        services.progress.set_note(ada.id, "skill.python", "private")
        assert mode(paths.data_dir) == 0o700
        assert mode(paths.backups_dir) == 0o700
        assert mode(paths.config_dir) == 0o700
        assert mode(paths.database) == 0o600
        for companion in ("-wal", "-shm"):
            path = Path(f"{paths.database}{companion}")
            assert path.exists(), "the write-ahead log is in use while the database is open"
            assert mode(path) == 0o600, companion
        for marker in paths.data_dir.glob(".*.open-*"):
            assert mode(marker) == 0o600
    finally:
        services.close()


def test_backups_and_exports_are_private(data_dir: Path, tmp_path: Path) -> None:
    _paths, services = open_services(data_dir)
    try:
        ada = services.profiles.create("Ada")
        made = services.backups.create()
        assert mode(made.path) == 0o600
        export = tmp_path / "ada.json"
        services.transfer.write_export(ada.id, export)
        assert mode(export) == 0o600
    finally:
        services.close()


def test_a_folder_made_loosely_by_hand_is_tightened(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    paths, services = open_services(data_dir)
    services.close()
    assert mode(paths.data_dir) == 0o700


def test_a_damaged_database_moved_aside_stays_private(data_dir: Path) -> None:
    paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    paths.database.write_bytes(b"not a database" * 100)
    os.chmod(paths.database, 0o600)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_services(data_dir)
    assert mode(paths.damaged_dir) == 0o700
    assert mode(caught.value.moved_to) == 0o600
