"""Copies of the database made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from roadmap_app.storage.db import BUSY_TIMEOUT_MS, FILE_MODE


class BackupError(RuntimeError):
    pass


def quick_check(path: Path, *, full: bool = False) -> str:
    """'ok', or SQLite's first complaint about the file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        pragma = "integrity_check" if full else "quick_check"
        row = conn.execute(f"PRAGMA {pragma}").fetchone()
        return str(row[0]) if row else "no answer"
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database into a new file: temp file, checked, fsynced, renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, FILE_MODE)
        verdict = quick_check(tmp)
        if verdict != "ok":
            raise BackupError(f"the copy failed its check ({verdict})")
        _fsync(tmp)
        tmp.replace(target)
        _fsync(target.parent)
    except sqlite3.Error as exc:
        raise BackupError(str(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)


def restore_into(backup: Path, live: Path) -> None:
    """Overwrite the live database's content with a backup's, in one step.

    Uses the backup API in reverse, so other open connections see either the old
    content or the new, never a mix.
    """
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(str(exc)) from exc


def summarise(path: Path) -> dict[str, int]:
    """How much a database holds: profiles, progress rows, projects, notes."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = {}
        for table in ("profiles", "item_progress", "projects", "project_notes"):
            try:
                counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            except sqlite3.Error:
                counts[table] = 0
        return counts
    finally:
        conn.close()
