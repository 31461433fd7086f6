"""Reading a live database file's bytes never drops this process's locks on it.

Closing any descriptor of a file releases every POSIX lock the process holds on it. Were
the header check or a backup to open and close the live file itself, another process
closing next would take itself for the last user, fold the write-ahead log away, and this
process's connections would go on reading an old state.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services
from roadmap_app.storage import held_files
from roadmap_app.storage.backup import header_problem, quick_check
from roadmap_app.storage.recovery import file_state


def create_profile_elsewhere(data_dir: Path, name: str) -> None:
    command = [sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), "profile", "create", name]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


READS: dict[str, Callable[[Services, Path], object]] = {
    "header check": lambda services, database: header_problem(database),
    "quick check": lambda services, database: quick_check(database),
    "clean-close state": lambda services, database: file_state(database),
    "backup": lambda services, database: services.backups.create(),
}


@pytest.mark.parametrize("read", list(READS), ids=list(READS))
def test_other_processes_writes_stay_seen_after_a_raw_read(data_dir: Path, read: str) -> None:
    paths, services = open_services(data_dir)
    try:
        services.profiles.create("Ada")
        create_profile_elsewhere(data_dir, "Grace")
        assert services.profiles.count() == 2
        READS[read](services, paths.database)
        for n, name in enumerate(("Katherine", "Dorothy", "Mary"), start=3):
            create_profile_elsewhere(data_dir, name)
            assert services.profiles.count() == n, f"a write from another process went unseen after the {read}"
    finally:
        services.close()


def test_a_held_file_is_read_through_the_kept_descriptor(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"SQLite format 3\x00" + bytes(200))
    key = held_files.hold(target)
    second = held_files.hold(target)
    assert key is not None and key == second
    head, info = held_files.read_start(target, 16)
    assert head == b"SQLite format 3\x00" and info.st_size == 216
    held_files.release(key)
    assert held_files.read_start(target, 6)[0] == b"SQLite"  # one holder left
    held_files.release(second)
    held_files.release(second)  # a release too many changes nothing
    assert held_files.read_start(target, 6)[0] == b"SQLite"  # read by opening the file
    assert held_files.hold(tmp_path / "missing") is None
