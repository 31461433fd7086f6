"""Copies of the database made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from roadmap_app.storage.engine import BUSY_TIMEOUT_MS, FILE_MODE, connect_read_only
from roadmap_app.storage.faults import as_fault, is_corruption
from roadmap_app.storage.held_files import read_start

#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(RuntimeError):
    """A copy could not be made; ``damaged`` when the source itself failed the check."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


def _open_read_only(path: Path) -> sqlite3.Connection:
    # Read-only and without creating anything: a check must never change the file it checks.
    return connect_read_only(path)


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's SQLite header, or None if it looks like a database."""
    try:
        head, info = read_start(path, 100)
        size = info.st_size
    except OSError as exc:
        fault = as_fault(exc, path.parent)
        if fault is not None:
            raise fault from exc
        return f"cannot read the file ({exc.strerror})"
    if len(head) < 100:
        return f"the file is only {size} bytes long, too short for a database"
    if head[:16] != SQLITE_HEADER:
        if not head.strip(b"\x00"):
            return "the file's header is zeroed"
        return "the file is not an SQLite database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"the header names an impossible page size ({page_size})"
    pages = int.from_bytes(head[28:32], "big")
    # The page count is valid only when the change counter matches "version valid for",
    # and the file may lag behind it while a write-ahead log holds newer pages.
    counts_valid = head[24:28] == head[92:96] and pages > 0
    wal = Path(f"{path}-wal")
    wal_in_use = wal.exists() and wal.stat().st_size > 0
    if counts_valid and not wal_in_use and size < pages * page_size:
        return f"the file is truncated ({size:,} of {pages * page_size:,} bytes)"
    return None


def quick_check(path: Path, *, full: bool = False) -> str:
    """'ok', or the first problem found: a bad header, or SQLite's first complaint.

    Raises ``FaultError`` when the machine, not the file, is at fault (a full disk, a
    failing drive, a read-only or vanished folder): that is no reason to move the file aside.
    """
    problem = header_problem(path)
    if problem is not None:
        return problem
    try:
        conn = _open_read_only(path)
        try:
            pragma = "integrity_check" if full else "quick_check"
            row = conn.execute(f"PRAGMA {pragma}").fetchone()
            return str(row[0]) if row else "no answer"
        finally:
            conn.close()
    except sqlite3.Error as exc:
        fault = as_fault(exc, path.parent)
        if fault is not None:
            raise fault from exc
        return str(exc)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems cannot fsync a folder; the file itself was synced.
        if not path.is_dir():
            raise
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database into a new file: temp file, checked, fsynced, renamed.

    The copy is made with SQLite's backup API, so it is consistent even while another
    process writes. A source that fails its check is never copied, and ``target``
    appears only once the copy is complete, checked and on disk.
    """
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    verdict = header_problem(source)
    if verdict is not None:
        raise BackupError(f"the database is damaged ({verdict})", damaged=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        src = _open_read_only(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # A copy stands alone: no write-ahead log beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, FILE_MODE)
        verdict = quick_check(tmp)
        if verdict != "ok":
            raise BackupError(f"the database is damaged; its copy failed the check ({verdict})", damaged=True)
        _fsync(tmp)
        tmp.replace(target)
        _fsync(target.parent)
    except sqlite3.Error as exc:
        # SQLite found the source's pages, read for the copy, damaged.
        damaged = is_corruption(exc)
        raise BackupError(f"the database is damaged ({exc})" if damaged else str(exc), damaged=damaged) from exc
    except OSError as exc:
        raise BackupError(exc.strerror or str(exc)) from exc
    finally:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        with suppress(OSError):
            Path(f"{tmp}-journal").unlink(missing_ok=True)


def restore_into(backup: Path, live: Path) -> None:
    """Overwrite the live database's content with a backup's, in one step.

    Uses the backup API in reverse, so other open connections see either the old
    content or the new, never a mix.
    """
    try:
        src = _open_read_only(backup)
        try:
            dst = sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dst)
                # The backup was stored without a log; the live file keeps its own.
                dst.execute("PRAGMA journal_mode = WAL")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(str(exc)) from exc


@dataclass(frozen=True, slots=True)
class DatabaseSummary:
    """What a database file holds, for choosing a backup to restore."""

    profiles: tuple[str, ...] = ()
    items_done: int = 0
    progress_rows: int = 0
    projects: int = 0
    project_notes: int = 0
    last_change: datetime | None = None
    revision: str | None = None

    def describe(self) -> str:
        """One line such as '1 profile (Ada), 12 items done, 2 projects, 5 notes; last change 2026-11-20 18:04'."""
        if not self.profiles:
            return "no profiles"
        names = ", ".join(self.profiles[:3]) + (", ..." if len(self.profiles) > 3 else "")
        parts = [
            f"{len(self.profiles)} profile{'s' if len(self.profiles) != 1 else ''} ({names})",
            f"{self.items_done} item{'s' if self.items_done != 1 else ''} done",
            f"{self.projects} project{'s' if self.projects != 1 else ''}",
            f"{self.project_notes} note{'s' if self.project_notes != 1 else ''}",
        ]
        text = ", ".join(parts)
        if self.last_change is not None:
            text += f"; last change {self.last_change:%Y-%m-%d %H:%M}"
        return text


def summarise(path: Path) -> DatabaseSummary:
    """How much a database holds: profiles, progress, projects, notes, last change."""
    try:
        conn = _open_read_only(path)
    except sqlite3.Error:
        return DatabaseSummary()

    def scalar(sql: str) -> object:
        try:
            row = conn.execute(sql).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    try:
        try:
            names = tuple(str(r[0]) for r in conn.execute("SELECT name FROM profiles ORDER BY id"))
        except sqlite3.Error:
            names = ()
        last = scalar("SELECT max(at) FROM activity")
        try:
            last_change = datetime.fromisoformat(str(last)) if last else None
        except ValueError:
            last_change = None
        revision = scalar("SELECT version_num FROM alembic_version")
        return DatabaseSummary(
            profiles=names,
            items_done=int(str(scalar("SELECT count(*) FROM item_progress WHERE state = 'done'") or 0)),
            progress_rows=int(str(scalar("SELECT count(*) FROM item_progress") or 0)),
            projects=int(str(scalar("SELECT count(*) FROM projects") or 0)),
            project_notes=int(str(scalar("SELECT count(*) FROM project_notes") or 0)),
            last_change=last_change,
            revision=str(revision) if revision is not None else None,
        )
    finally:
        conn.close()
