"""Reading the bytes of a database file this process has open, without losing its locks.

POSIX record locks belong to a process and a file: closing *any* descriptor of the file
releases every lock the process holds on it, SQLite's included. A plain open, read and close
of a live database file lets another process believe it is the last one using the file, and
fold the write-ahead log away under this one's connections, which then read an old state
and could write over a newer one. SQLite guards its own connections against this; the raw
reads here (the header check, the clean-close record) go through one descriptor that is
kept open while a `Database` of this process has the file open, and closed only after it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

Key = tuple[int, int]  # (device, inode): the lock belongs to the file, whatever its name

_lock = threading.Lock()
_held: dict[Key, list[int]] = {}  # key -> [descriptor, holders]


def _key(path: Path) -> Key:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def hold(path: Path) -> Key | None:
    """Keep a descriptor of ``path`` open until `release`; None when it cannot be opened."""
    try:
        key = _key(path)
    except OSError:
        return None
    with _lock:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
            return key
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        _held[key] = [descriptor, 1]
    return key


def release(key: Key | None) -> None:
    """One holder less; the descriptor closes with the last (after SQLite closed its own)."""
    if key is None:
        return
    with _lock:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del _held[key]
            os.close(entry[0])


def read_start(path: Path, size: int) -> tuple[bytes, os.stat_result]:
    """The first ``size`` bytes of the file and its status. Raises ``OSError``."""
    key = _key(path)
    with _lock:
        entry = _held.get(key)
        if entry is not None:
            return os.pread(entry[0], size, 0), os.fstat(entry[0])
    with path.open("rb") as file:
        return file.read(size), os.fstat(file.fileno())
