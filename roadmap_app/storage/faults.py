"""Faults of the machine under the app (a full disk, a failing drive, a read-only or vanished
folder), told apart from damage to the database and put into words that name the fix.

A damaged file is moved aside and a backup restored; a fault is not the file's doing, so
the file is left where it is and the learner is told what to do about the machine.
"""

from __future__ import annotations

import enum
import errno
import shutil
import sqlite3
from pathlib import Path

from roadmap_app.storage.errors import StorageError


class Fault(enum.Enum):
    FULL = "full"
    IO = "io"
    READ_ONLY = "read-only"
    GONE = "gone"


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_CODES = {
    13: Fault.FULL,  # SQLITE_FULL
    10: Fault.IO,  # SQLITE_IOERR
    8: Fault.READ_ONLY,  # SQLITE_READONLY
    14: Fault.GONE,  # SQLITE_CANTOPEN
}
_ERRNOS = {
    errno.ENOSPC: Fault.FULL,
    errno.EDQUOT: Fault.FULL,
    errno.EIO: Fault.IO,
    errno.EROFS: Fault.READ_ONLY,
    errno.EACCES: Fault.READ_ONLY,
    errno.EPERM: Fault.READ_ONLY,
    errno.ENOENT: Fault.GONE,
    errno.ENODEV: Fault.GONE,
    errno.ENXIO: Fault.GONE,
    errno.ESTALE: Fault.GONE,
}


class FaultError(StorageError):
    """The machine refused a read or a write; the message says what to do. Nothing was changed."""

    def __init__(self, fault: Fault, folder: Path, detail: str = "") -> None:
        self.fault = fault
        self.folder = folder
        self.detail = detail
        super().__init__(explain(fault, folder))


def classify(exc: BaseException) -> Fault | None:
    """The fault behind an exception from sqlite3, SQLAlchemy or the OS, or None for any other."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, FaultError):
            return current.fault
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
                return _SQLITE_CODES[code & 0xFF]
            return _from_message(str(current))
        if isinstance(current, OSError) and current.errno in _ERRNOS:
            return _ERRNOS[current.errno]
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def is_corruption(exc: BaseException) -> bool:
    """Whether SQLite found the file itself damaged (SQLITE_CORRUPT, SQLITE_NOTADB)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if isinstance(code, int):
                return (code & 0xFF) in (11, 26)
            return "malformed" in str(current) or "not a database" in str(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return False


def _from_message(message: str) -> Fault | None:
    # Older sqlite3 modules carry no error code; their messages are SQLite's fixed texts.
    text = message.lower()
    if "disk is full" in text:
        return Fault.FULL
    if "disk i/o error" in text:
        return Fault.IO
    if "readonly database" in text or "read-only" in text:
        return Fault.READ_ONLY
    if "unable to open database" in text:
        return Fault.GONE
    return None


def explain(fault: Fault, folder: Path) -> str:
    """One line: the cause, and what the learner can do about it."""
    if fault is Fault.FULL:
        return f"the disk that holds {folder} is full; free some space on it and try again (nothing was changed)"
    if fault is Fault.IO:
        return (
            f"the drive that holds {folder} reported an error; check that it is connected and healthy, "
            "then try again (nothing was changed)"
        )
    if fault is Fault.READ_ONLY:
        return (
            f"{folder} is read-only, so Roadmap can show your data but not change it; make the folder "
            "writable, or copy it elsewhere and open the copy with --data-dir"
        )
    return f"{folder} cannot be reached (was its drive removed?); reconnect it and try again (nothing was changed)"


LOW_SPACE = 256 * 1024
"""Less free space than this, and a failed write is put down to a full disk."""


def disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def as_fault(exc: BaseException, folder: Path) -> FaultError | None:
    """``exc`` as a FaultError about ``folder``, or None when it is no fault of the machine.

    SQLite reports a full disk as an I/O error when it cannot grow its shared-memory file,
    so an I/O error on a disk with next to no free space is taken for a full disk.
    """
    fault = classify(exc)
    if fault is Fault.IO and disk_full(folder):
        fault = Fault.FULL
    return FaultError(fault, folder, str(exc)) if fault is not None else None


def read_only_note(fault: Fault, folder: Path) -> str:
    """One line for a window or a command that shows the data but cannot change it."""
    if fault is Fault.FULL:
        return f"the disk that holds {folder} is full: your data is shown, and changes can be made once you free some space"
    return f"{folder} is read-only: your data is shown, and nothing can be changed"
