"""Opening the SQLite database: pragmas, transactions and migrations on open."""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_app.storage import held_files
from roadmap_app.storage.engine import (
    BUSY_TIMEOUT_MS,
    FILE_MODE,
    connect_plain,
    connect_read_only,
    create_sqlite_engine,
)
from roadmap_app.storage.errors import StorageError
from roadmap_app.storage.faults import Fault, FaultError, as_fault, disk_full, is_corruption
from roadmap_app.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

__all__ = ["BUSY_TIMEOUT_MS", "FILE_MODE", "Database", "StorageError", "create_sqlite_engine", "open_database"]


class NewerSchemaError(StorageError):
    """The database was written by a newer version of the app."""


class MigrationError(StorageError):
    """A schema upgrade failed; the file was left as it was before."""


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, before SQLite opens it.

    SQLite gives the -wal and -shm files the database file's permissions, so creating
    the file 0600 first means no companion file is ever readable by others.
    """
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def secure_file(path: Path) -> None:
    """Make the database and its companions readable by their owner only."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with suppress(FileNotFoundError):
            os.chmod(candidate, FILE_MODE)


def read_revision(path: Path, *, immutable: bool = False) -> str | None:
    """The schema revision stored in the file, without loading Alembic.

    None for an empty or new file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = connect_read_only(path, immutable=immutable)
    except sqlite3.Error as exc:
        fault = as_fault(exc, path.parent)
        if fault is not None:
            raise fault from exc
        raise StorageError(f"{path} is not a readable database ({exc}); run 'roadmap-app restore'") from exc
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            other = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if other:
                raise StorageError(
                    f"{path} is a database, but not one of Roadmap's; move it away or "
                    "choose another folder with --data-dir"
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        fault = as_fault(exc, path.parent)
        if fault is not None:
            raise fault from exc
        raise StorageError(f"{path} is not a readable database ({exc}); run 'roadmap-app restore'") from exc
    finally:
        conn.close()


class Database:
    """One SQLite file: sessions for reading and writing, plain reads, and its change counter.

    SQLAlchemy is loaded when a session is first asked for: reads through ``read_plain``
    (the window's first paint, the commands that only read) run on the driver alone.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        *,
        refusing: Fault | None = None,
        immutable: bool = False,
    ) -> None:
        self.path = path
        self._engine = engine
        #: Why writes are refused (a read-only folder, a full disk), or None: reads still work.
        self.refusing = refusing
        # A full disk's file is read as immutable (see engine.read_only_uri).
        self._immutable = immutable
        #: Committed write transactions made through this object; see ``write``.
        self.write_count = 0
        #: Set when SQLite or a check of a copy (the daily backup's) found the file damaged: a
        #: close then leaves no clean-close record, so the next open checks the file.
        self.damage_suspected = False
        self._on_close: list[Callable[[], object]] = []
        self._identity = _identity(path)
        # Raw reads of the file's bytes go through this descriptor (see storage.held_files).
        self._held = held_files.hold(path)
        # The driver's own connections for ``read_plain``, one per thread that reads.
        self._plain = threading.local()
        self._plain_all: list[sqlite3.Connection] = []
        self._plain_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            read_only = self.refusing is not None
            self._engine = create_sqlite_engine(self.path, read_only=read_only, immutable=self._immutable)
        return self._engine

    @property
    def engine_made(self) -> bool:
        """Whether SQLAlchemy's engine exists yet (the window makes it right after its first paint)."""
        return self._engine is not None

    def _dispose(self) -> None:
        """Close every connection: the engine's and the plain ones."""
        if self._engine is not None:
            self._engine.dispose()
        with self._plain_lock:
            plain, self._plain_all = self._plain_all, []
            self._plain = threading.local()
        for conn in plain:
            with suppress(sqlite3.Error):
                conn.close()

    def _check_present(self) -> None:
        """The file is still the one opened: a folder removed (a drive unplugged) or replaced
        under an open connection would take every later write with it, unseen."""
        if _identity(self.path) != self._identity:
            raise FaultError(Fault.GONE, self.path.parent)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session that sees one consistent snapshot."""
        from sqlalchemy.orm import Session

        with self._faults_named(), self.engine.connect() as conn, Session(bind=conn) as session, session.begin():
            yield session

    @contextmanager
    def read_plain(self) -> Iterator[sqlite3.Connection]:
        """The driver's connection, in one read transaction that sees one consistent snapshot.

        For reads written as SQL text (see ``storage.plain`` for the values): they need
        neither SQLAlchemy nor the ORM. Rows come back as tuples; nothing may be written.
        A read inside another one (a service calling another) shares its snapshot.
        """
        with self._faults_named():
            conn = self._plain_connection()
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.rollback()

    def _plain_connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._plain, "conn", None)
        if conn is None:
            if self.refusing is not None:
                conn = connect_read_only(self.path, immutable=self._immutable)
                conn.isolation_level = None
            else:
                conn = connect_plain(self.path)
            with self._plain_lock:
                self._plain_all.append(conn)
                self._plain.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed, all or nothing, when the block ends.

        A fault of the machine (a full disk, a failing drive, a read-only folder) raises
        ``FaultError``; the transaction is rolled back, so nothing of it remains.
        """
        if self.refusing is not None:
            self._writable_again()
        self._check_present()
        from sqlalchemy.orm import Session

        with self._faults_named(), self.engine.connect() as conn:
            driver = conn.connection.dbapi_connection
            before = driver.total_changes if driver is not None else -1
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
            # A transaction that changed no row (a note saved as it was) is no change: it
            # asks for no backup on closing.
            changed = driver is None or driver.total_changes != before
        if changed:
            self.write_count += 1
        secure_file(self.path)

    @property
    def read_only(self) -> bool:
        return self.refusing is not None

    def _writable_again(self) -> None:
        """A disk that was full may have room now: write again without a restart."""
        if not self._room_again():
            raise FaultError(self.refusing or Fault.READ_ONLY, self.path.parent)

    def _room_again(self) -> bool:
        """Leave the full-disk reading (of the file alone, as immutable) once there is room:
        from then on changes by other processes are seen, and writes work."""
        if self.refusing is not Fault.FULL or disk_full(self.path.parent):
            return False
        self._dispose()
        self._engine = None
        self.refusing = None
        self._immutable = False
        return True

    @contextmanager
    def _faults_named(self) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            if not isinstance(exc, (*database_errors(), OSError)):
                raise
            if is_corruption(exc):
                self.damage_suspected = True
            fault = as_fault(exc, self.path.parent)
            if fault is None:
                raise
            raise fault from exc

    def replace_with(self, backup: Path) -> None:
        """Replace the whole content with a backup's, then bring it to the current schema.

        Every connection is closed first; other processes see the old content or the new,
        never a mix. Raises ``BackupError`` when the backup cannot be read, leaving the file
        as it was.
        """
        from roadmap_app.storage.backup import restore_into

        if self.refusing is not None:
            raise FaultError(self.refusing, self.path.parent)
        self._check_present()
        self._dispose()
        restore_into(backup, self.path)
        # The restored content is a new file under the same name: hold that one now.
        held_files.release(self._held)
        self._held = held_files.hold(self.path)
        self.write_count += 1
        if read_revision(self.path) != HEAD_REVISION:
            from roadmap_app.storage.migrate import upgrade

            try:
                upgrade(self.path)
            except Exception as exc:
                fault = as_fault(exc, self.path.parent)
                if fault is not None:
                    raise fault from exc
                raise MigrationError(
                    f"the backup was restored but could not be updated to this version of Roadmap ({exc}); "
                    "restore another one with 'roadmap-app restore NAME'"
                ) from exc
        secure_file(self.path)

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file."""
        self._check_present()
        if self.refusing is Fault.FULL:
            self._room_again()
        with self._faults_named(), self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())

    def call_on_close(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once when the database is closed cleanly."""
        self._on_close.append(callback)

    def close(self) -> None:
        """Close every connection; the clean-shutdown callbacks run last."""
        self._dispose()
        held_files.release(self._held)
        self._held = None
        callbacks, self._on_close = self._on_close, []
        for callback in callbacks:
            callback()


def database_errors() -> tuple[type[Exception], ...]:
    """The errors a database call raises: the driver's, and SQLAlchemy's once it is loaded."""
    errors = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.Error,) if errors is None else (sqlite3.Error, errors.DBAPIError)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def open_database(
    path: Path,
    *,
    before_migration: Callable[[Path], object] | None = None,
    read_only: Fault | None = None,
    before_writing: Callable[[], object] | None = None,
) -> Database:
    """Open (creating if needed) the database, migrating it to the current schema.

    Alembic is imported only when a migration is due, which keeps normal starts fast.
    ``before_migration`` is called with the path before an existing database is changed,
    so the caller can back it up. ``read_only`` (a folder that cannot be written, a full
    disk) opens an existing file without creating, migrating or changing anything.
    ``before_writing`` is called once the file is known to be one this version may change,
    before anything is written to it.
    """
    if read_only is not None:
        return _open_read_only(path, read_only)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private_file(path)
    except OSError as exc:
        fault = as_fault(exc, path.parent)
        raise (fault or exc) from exc
    revision = read_revision(path)
    _refuse_newer(path, revision)
    if before_writing is not None:
        try:
            before_writing()
        except OSError as exc:
            raise (as_fault(exc, path.parent) or exc) from exc
    if revision != HEAD_REVISION:
        if revision is not None and before_migration is not None:
            before_migration(path)
        from roadmap_app.storage.migrate import upgrade

        try:
            upgrade(path)
        except Exception as exc:
            fault = as_fault(exc, path.parent)
            if fault is not None:
                raise fault from exc
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            backed_up = ", and a backup was made before trying" if revision is not None and before_migration else ""
            raise MigrationError(
                f"could not update {path} to this version of Roadmap ({first}); the file was left as it was{backed_up}"
            ) from exc
    secure_file(path)
    return Database(path)


def _refuse_newer(path: Path, revision: str | None) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(
            f"{path} was written by a newer version of Roadmap (schema {revision}); "
            "install the newer version to open it"
        )


def _open_read_only(path: Path, because: Fault) -> Database:
    if not path.is_file():
        raise FaultError(because, path.parent)
    immutable = because is Fault.FULL
    revision = read_revision(path, immutable=immutable)
    _refuse_newer(path, revision)
    if revision != HEAD_REVISION:
        raise FaultError(because, path.parent, "the file needs an update to this version of Roadmap")
    return Database(path, refusing=because, immutable=immutable)
