"""The SQLite engine every part of storage opens files with: pragmas and real transactions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from sqlalchemy import Engine

FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 10_000


def writable(folder: Path) -> bool:
    """Whether files in ``folder`` can be created and changed (False on a read-only mount)."""
    return os.access(folder, os.W_OK)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that reads ``path`` and never creates or changes a file.

    In a folder that cannot be written, SQLite cannot make the shared-memory file a reader of
    a WAL database needs; when no write-ahead log is left, the file alone is the whole
    database and is opened as immutable. ``immutable`` asks for that in any folder (a full
    disk, where the shared-memory file cannot grow), for a file whose log is empty.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    if (immutable or not writable(path.parent)) and log_is_empty(path):
        uri += "&immutable=1"
    return uri


def log_is_empty(path: Path) -> bool:
    """Whether the database's write-ahead log holds nothing (or is gone): the file is whole."""
    try:
        return Path(f"{path}-wal").stat().st_size == 0
    except FileNotFoundError:
        return True


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def prepare(conn: sqlite3.Connection, *, read_only: bool = False, for_migration: bool = False) -> None:
    """The pragmas every connection to the file gets, and transactions begun by hand."""
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that has returned survives a power cut, not just a crash.
    conn.execute("PRAGMA synchronous = FULL")
    # Migrations rebuild tables; they check foreign keys themselves before commit.
    conn.execute(f"PRAGMA foreign_keys = {'OFF' if for_migration else 'ON'}")


def connect_plain(path: Path) -> sqlite3.Connection:
    """A driver connection with the engine's pragmas, for reads that need no SQLAlchemy."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    prepare(conn)
    return conn


def create_sqlite_engine(
    path: Path, *, for_migration: bool = False, read_only: bool = False, immutable: bool = False
) -> Engine:
    """An engine whose transactions are real SQLite transactions.

    pysqlite's own transaction handling starts transactions late and never for DDL, so
    we turn it off and emit BEGIN ourselves (the recipe in SQLAlchemy's SQLite docs).
    A connection with the execution option ``sqlite_begin="IMMEDIATE"`` takes the write
    lock at BEGIN, so a writer waits for another writer instead of failing half-way.
    ``read_only`` opens the file without ever writing to it or beside it.
    """
    from sqlalchemy import create_engine, event

    if read_only:
        engine = create_engine("sqlite://", creator=lambda: connect_read_only(path, immutable=immutable))
    else:
        engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        prepare(dbapi_conn, read_only=read_only, for_migration=for_migration)

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
