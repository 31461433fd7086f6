"""Opening the database safely: damage detection, moving a damaged file aside, clean-shutdown markers.

On every open the file gets SQLite's quick check; after an unclean shutdown (a process
that opened the file ended without closing it) the full integrity check. A damaged file
is moved, with its -wal and -shm, into the ``damaged`` folder, never deleted, and
``DamagedDatabaseError`` says where it went and what to do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from roadmap_app.storage.backup import quick_check
from roadmap_app.storage.db import FILE_MODE, Database, StorageError, open_database
from roadmap_app.storage.engine import log_is_empty
from roadmap_app.storage.faults import Fault, FaultError, as_fault

DIR_MODE = 0o700
COMPANIONS = ("-wal", "-shm", "-journal")


class DamagedDatabaseError(StorageError):
    """The database failed its check and was moved aside; a backup can replace it.

    ``path`` is where the database was, ``moved_to`` where it is now (its -wal and -shm
    sit beside it), ``problem`` what the check found.
    """

    def __init__(self, path: Path, moved_to: Path, problem: str) -> None:
        self.path = path
        self.moved_to = moved_to
        self.problem = " ".join(problem.split())[:200]
        super().__init__(
            f"the database was damaged ({self.problem}) and was moved to {moved_to}; "
            "run 'roadmap-app restore' to restore the newest good backup"
        )


# --- clean-shutdown markers ---------------------------------------------------------------


def _marker_prefix(database: Path) -> str:
    return f".{database.name}.open-"


def marker_path(database: Path, pid: int | None = None) -> Path:
    """The marker a process keeps beside the database while it has it open."""
    return database.with_name(f"{_marker_prefix(database)}{os.getpid() if pid is None else pid}")


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_markers(database: Path) -> list[Path]:
    """Markers left by processes that ended without closing the database."""
    prefix = _marker_prefix(database)
    found = []
    with suppress(FileNotFoundError):
        for entry in database.parent.iterdir():
            if not entry.name.startswith(prefix):
                continue
            pid_text = entry.name[len(prefix) :]
            if not pid_text.isdigit() or not process_alive(int(pid_text)):
                found.append(entry)
    return found


def write_marker(database: Path) -> Path:
    marker = marker_path(database)
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, datetime.now().isoformat(timespec="seconds").encode())
    finally:
        os.close(fd)
    return marker


# --- damage -------------------------------------------------------------------------------


def diagnose(database: Path, *, full: bool = False) -> str | None:
    """What is wrong with the database file, or None if it is sound (or absent or empty)."""
    try:
        if database.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    verdict = quick_check(database, full=full)
    return None if verdict == "ok" else verdict


def move_aside(database: Path, damaged_dir: Path, when: datetime | None = None) -> Path:
    """Move the database and its companion files into ``damaged_dir``; returns the new path."""
    damaged_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(damaged_dir, DIR_MODE)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem = f"{database.stem}-{stamp}"
    target = damaged_dir / f"{stem}{database.suffix}"
    serial = 1
    while any(Path(f"{target}{c}").exists() for c in ("", *COMPANIONS)):
        serial += 1
        target = damaged_dir / f"{stem}-{serial}{database.suffix}"
    os.replace(database, target)
    for companion in COMPANIONS:
        with suppress(FileNotFoundError):
            os.replace(f"{database}{companion}", f"{target}{companion}")
    return target


def open_checked(
    database: Path,
    damaged_dir: Path,
    *,
    before_migration: Callable[[Path], object] | None = None,
    replace_damaged: bool = False,
    read_only: bool = False,
    clock: Callable[[], datetime] = datetime.now,
) -> Database:
    """Open the database after checking it; the returned one removes its marker on ``close``.

    A damaged file is moved aside and ``DamagedDatabaseError`` raised, unless
    ``replace_damaged`` is set, in which case a fresh empty database is opened in its
    place (for restoring a backup into). A fault of the machine (a full disk, a failing
    drive) is no damage: ``FaultError`` is raised and the file stays where it is.
    ``read_only`` (a folder that cannot be written) checks and opens the file without
    writing anything beside it. On a full disk the data is opened the same way, and writes
    work again once there is room.
    """
    if read_only:
        problem = diagnose(database)
        if problem is not None:
            raise StorageError(
                f"the database in {database.parent} is damaged ({problem}), and the folder is read-only; "
                "make it writable, then run 'roadmap-app restore'"
            )
        return open_database(database, read_only=Fault.READ_ONLY)
    stale = stale_markers(database)
    try:
        problem = diagnose(database, full=bool(stale))
    except FaultError as exc:
        return _open_on_full_disk(database, exc)
    if problem is not None:
        moved = move_aside(database, damaged_dir, clock())
        for marker in stale:
            marker.unlink(missing_ok=True)
        if not replace_damaged:
            raise DamagedDatabaseError(database, moved, problem)
    try:
        marker = write_marker(database)
    except OSError as exc:
        fault = as_fault(exc, database.parent)
        if fault is None:
            raise
        return _open_on_full_disk(database, fault)
    try:
        db = open_database(database, before_migration=before_migration)
    except FaultError as exc:
        marker.unlink(missing_ok=True)
        return _open_on_full_disk(database, exc)
    except BaseException:
        marker.unlink(missing_ok=True)
        raise
    # Only now is the earlier unclean shutdown dealt with: the file passed its check.
    for old in stale:
        old.unlink(missing_ok=True)
    db.call_on_close(lambda: marker.unlink(missing_ok=True))
    return db


def _open_on_full_disk(database: Path, fault: FaultError) -> Database:
    """On a full disk the learner can still read their data, when the file alone holds all of it."""
    if fault.fault is not Fault.FULL or not database.is_file() or not log_is_empty(database):
        raise fault
    return open_database(database, read_only=Fault.FULL)
