"""Opening the database safely: damage detection, moving a damaged file aside, clean-shutdown markers.

On open the file gets SQLite's quick check; after an unclean shutdown (a process that
opened the file ended without closing it) the full integrity check. A damaged file is
moved, with its -wal and -shm, into the ``damaged`` folder, never deleted, and
``DamagedDatabaseError`` says where it went and what to do.

The quick check is skipped when the file is provably the one a clean close left: that
close wrote a record beside the database (``.roadmap.sqlite3.clean``) of the file's size,
mtime, inode and a checksum of its first page, and the open finds all of them unchanged,
no write-ahead log, and no other process's marker. Every writable open removes the record
before it writes anything, so it never describes a file that has been written since.
Damage that leaves all of those alone (a bit flipped in place by a failing drive, with
the mtime put back) is found when SQLite meets it (reading the schema revision on open
runs the check after all; an error during the session) or by the daily backup's check of
its copy: the close then writes no record, and the next open checks the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from roadmap_app.storage.backup import quick_check
from roadmap_app.storage.db import FILE_MODE, Database, StorageError, open_database
from roadmap_app.storage.engine import log_is_empty
from roadmap_app.storage.faults import Fault, FaultError, as_fault, is_corruption
from roadmap_app.storage.held_files import read_start

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


def markers(database: Path) -> list[Path]:
    """Every marker beside the database: of processes that have it open, or that ended without closing it."""
    prefix = _marker_prefix(database)
    with suppress(FileNotFoundError):
        return [entry for entry in database.parent.iterdir() if entry.name.startswith(prefix)]
    return []


def stale_markers(database: Path) -> list[Path]:
    """Markers left by processes that ended without closing the database."""
    prefix = _marker_prefix(database)
    stale = []
    for entry in markers(database):
        pid_text = entry.name[len(prefix) :]
        if not pid_text.isdigit() or not process_alive(int(pid_text)):
            stale.append(entry)
    return stale


def write_marker(database: Path) -> Path:
    marker = marker_path(database)
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, datetime.now().isoformat(timespec="seconds").encode())
    finally:
        os.close(fd)
    return marker


# --- the clean-close record -----------------------------------------------------------------

CLEAN_RECORD_FORMAT = 1
#: How long a close waits, at most, for the file system's clock to pass the file's mtime.
_RACY_WAIT_S = 0.05


def clean_record_path(database: Path) -> Path:
    """The record a clean close leaves beside the database: what the file was when it was closed."""
    return database.with_name(f".{database.name}.clean")


def file_state(database: Path) -> dict[str, int | str] | None:
    """Size, mtime, inode and first-page checksum of a whole database file; None when it is not
    whole by itself (a write-ahead log with content beside it) or cannot be read."""
    try:
        wal = Path(f"{database}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        start, info = read_start(database, 65536)
        if len(start) < 100:
            return None
        page_size = int.from_bytes(start[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        first_page = start[: min(page_size, 65536)]
    except OSError:
        return None
    return {
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "inode": info.st_ino,
        "page1": hashlib.sha256(first_page).hexdigest(),
    }


def forget_clean_close(database: Path) -> None:
    """Remove the record: from now on the file may be written, so the next open checks it
    unless this process closes cleanly."""
    clean_record_path(database).unlink(missing_ok=True)


def unchanged_since_clean_close(database: Path) -> bool:
    """Whether the file is the one the last clean close recorded, and nobody else has it open."""
    record = clean_record_path(database)
    try:
        with record.open("rb") as f:
            written_ns = os.fstat(f.fileno()).st_mtime_ns
            saved = json.loads(f.read(4096))
    except (OSError, ValueError):
        return False
    if not isinstance(saved, dict) or saved.get("format") != CLEAN_RECORD_FORMAT:
        return False
    state = file_state(database)
    if state is None or saved.get("file") != state:
        return False
    # A write after the record would give the file an mtime at or after the record's own;
    # an mtime equal to the record's cannot tell "before" from "after" (a coarse clock).
    if not int(state["mtime_ns"]) < written_ns:
        return False
    return not markers(database)


def _fold_in_log(database: Path) -> None:
    with suppress(sqlite3.Error, OSError):
        conn = sqlite3.connect(database, timeout=0.1, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def record_clean_close(database: Path, own_marker: Path) -> None:
    """After the last connection closed: write what the file is now, for the next open to trust.

    Written only when the file is whole by itself and no other process has it open (or
    left it unclosed); and removed again when another opener appeared meanwhile. A record
    that cannot be written is no loss: the next open checks the file, as without one.
    """
    record = clean_record_path(database)
    if any(m != own_marker for m in markers(database)):
        return
    state = file_state(database)
    if state is None:
        # A log left by a crash is folded back into the file by the last writer to close; a
        # process that only read never was one, so fold it in now, as that close would have.
        _fold_in_log(database)
        state = file_state(database)
        if state is None:
            return
    text = json.dumps({"format": CLEAN_RECORD_FORMAT, "file": state}).encode()
    tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    deadline = time.monotonic() + _RACY_WAIT_S
    try:
        while True:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            try:
                os.write(fd, text)
                written_ns = os.fstat(fd).st_mtime_ns
            finally:
                os.close(fd)
            # The record is trusted only when its mtime is past the file's (see above): on a
            # file system with a coarse clock, wait for the next tick rather than leave a
            # record the next open would not trust.
            if int(state["mtime_ns"]) < written_ns or time.monotonic() > deadline:
                break
            time.sleep(0.002)
        os.replace(tmp, record)
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    if any(m != own_marker for m in markers(database)) or file_state(database) != state:
        forget_clean_close(database)


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
    with suppress(OSError):
        forget_clean_close(database)
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
        # Nothing here writes the file: a record from a clean close stays valid, and is used.
        problem = None if unchanged_since_clean_close(database) else diagnose(database)
        if problem is not None:
            raise StorageError(
                f"the database in {database.parent} is damaged ({problem}), and the folder is read-only; "
                "make it writable, then run 'roadmap-app restore'"
            )
        return open_database(database, read_only=Fault.READ_ONLY)
    stale = stale_markers(database)
    trusted = not stale and unchanged_since_clean_close(database)
    try:
        problem = None if trusted else diagnose(database, full=bool(stale))
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
        # Before anything is written the record goes: the file is no longer the one it describes.
        db = open_database(
            database, before_migration=before_migration, before_writing=lambda: forget_clean_close(database)
        )
    except FaultError as exc:
        marker.unlink(missing_ok=True)
        return _open_on_full_disk(database, exc)
    except StorageError as exc:
        marker.unlink(missing_ok=True)
        if not (trusted and is_corruption(exc)):
            raise
        # The clean close was trusted, yet SQLite finds the file damaged: check it after all.
        forget_clean_close(database)
        return open_checked(
            database,
            damaged_dir,
            before_migration=before_migration,
            replace_damaged=replace_damaged,
            clock=clock,
        )
    except BaseException:
        marker.unlink(missing_ok=True)
        raise
    # Only now is the earlier unclean shutdown dealt with: the file passed its check.
    for old in stale:
        old.unlink(missing_ok=True)
    db.call_on_close(lambda: _closed_cleanly(db, marker))
    return db


def _closed_cleanly(db: Database, marker: Path) -> None:
    if not db.damage_suspected:
        record_clean_close(db.path, marker)
    marker.unlink(missing_ok=True)


def _open_on_full_disk(database: Path, fault: FaultError) -> Database:
    """On a full disk the learner can still read their data, when the file alone holds all of it."""
    if fault.fault is not Fault.FULL or not database.is_file() or not log_is_empty(database):
        raise fault
    return open_database(database, read_only=Fault.FULL)
