"""The SQLite engine every part of storage opens files with: pragmas and real transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 10_000


def create_sqlite_engine(path: Path, *, for_migration: bool = False) -> Engine:
    """An engine whose transactions are real SQLite transactions.

    pysqlite's own transaction handling starts transactions late and never for DDL, so
    we turn it off and emit BEGIN ourselves (the recipe in SQLAlchemy's SQLite docs).
    A connection with the execution option ``sqlite_begin="IMMEDIATE"`` takes the write
    lock at BEGIN, so a writer waits for another writer instead of failing half-way.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit that has returned survives a power cut, not just a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        # Migrations rebuild tables; they check foreign keys themselves before commit.
        cursor.execute(f"PRAGMA foreign_keys = {'OFF' if for_migration else 'ON'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
