"""Which tables have been written since a moment, and whether that is all that changed.

A cache of rows read from the database may keep what no write touched. This tells which
tables were written through the engine since the last look, and says "anything may have
changed" whenever it cannot be sure:

- another connection committed (another process, a restore, a second connection of this
  one): the connection looked through sees a new ``PRAGMA data_version``;
- a write on that connection bypassed the engine (the driver's own cursor): its
  ``total_changes`` moved while no statement was seen;
- a statement is not a plain INSERT, UPDATE or DELETE (DDL, a schema pragma, a CTE that
  writes), or a look is made through another connection or engine than the last one.

Deleting a row also changes the tables whose foreign keys cascade from it, and a write runs
the table's triggers: both are read from the file's own schema.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

_WRITE = re.compile(
    r"\s*(INSERT|REPLACE|UPDATE|DELETE)\b(?:\s+OR\s+(\w+))?(?:\s+INTO|\s+FROM)?\s+[\"`\[]?(\w+)", re.IGNORECASE
)
_READ = re.compile(r"\s*(SELECT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|END)\b", re.IGNORECASE)
_PRAGMA = re.compile(r"\s*PRAGMA\b", re.IGNORECASE)
_WITH = re.compile(r"\s*WITH\b", re.IGNORECASE)
_WRITE_WORD = re.compile(r"\b(INSERT|REPLACE|UPDATE|DELETE)\b", re.IGNORECASE)
_TRIGGER_WRITES = re.compile(r"\b(?:INSERT\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`\[]?(\w+)", re.IGNORECASE)


def written_tables(statement: str) -> tuple[str, str] | None:
    """(table, "delete" or "write") for a write, ("", "read") for a read, None when unsure."""
    found = _WRITE.match(statement)
    if found:
        verb, conflict, table = found.group(1).upper(), (found.group(2) or "").upper(), found.group(3).lower()
        deletes = verb in ("DELETE", "REPLACE") or conflict == "REPLACE"
        return table, "delete" if deletes else "write"
    if _READ.match(statement):
        return "", "read"
    if _PRAGMA.match(statement):
        return ("", "read") if "=" not in statement else None
    if _WITH.match(statement) and not _WRITE_WORD.search(statement):
        return "", "read"
    return None


class Schema:
    """What else a write to a table changes: cascading foreign keys and triggers."""

    def __init__(self, driver: sqlite3.Connection) -> None:
        self.on_delete: dict[str, set[str]] = {}
        self.on_update: dict[str, set[str]] = {}
        self.triggers: dict[str, set[str]] = {}
        rows = driver.execute(
            'SELECT m.name, f."table", f.on_update, f.on_delete FROM sqlite_master AS m,'
            " pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'"
        ).fetchall()
        for child, parent, on_update, on_delete in rows:
            if str(on_delete).upper() not in ("NO ACTION", "RESTRICT"):
                self.on_delete.setdefault(parent.lower(), set()).add(child.lower())
            if str(on_update).upper() not in ("NO ACTION", "RESTRICT"):
                self.on_update.setdefault(parent.lower(), set()).add(child.lower())
        for table, sql in driver.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
            body = (sql or "").split("BEGIN", 1)[-1]  # the header's "UPDATE OF" names no table
            targets = {t.lower() for t in _TRIGGER_WRITES.findall(body)}
            self.triggers.setdefault(table.lower(), set()).update(targets)

    def reach(self, table: str, kind: str) -> set[str]:
        """The table and every table the write may change through cascades and triggers."""
        seen: set[tuple[str, str]] = set()
        todo = [(table, kind)]
        while todo:
            name, how = todo.pop()
            if (name, how) in seen:
                continue
            seen.add((name, how))
            # Cascades may update (SET NULL) or delete the children; count both as deletes.
            children = self.on_delete.get(name, set()) if how == "delete" else set()
            children = children | self.on_update.get(name, set())
            todo.extend((child, "delete") for child in children)
            todo.extend((target, "delete") for target in self.triggers.get(name, ()))
        return {name for name, _how in seen}


class WriteWatch:
    """Tables written through an engine since the last ``look``; see the module's docstring."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._schema: Schema | None = None
        self._written: set[str] = set()
        self._unsure = True
        # The connection of the last look, its data version then, and its change count.
        self._driver: sqlite3.Connection | None = None
        self._version = -1
        self._changes = -1

    def watch(self, engine: Engine) -> None:
        """Listen to ``engine`` (again when the database has a new one)."""
        from sqlalchemy import event

        with self._lock:
            if engine is self._engine:
                return
            old, self._engine = self._engine, engine
            self._unsure = True
        if old is not None and event.contains(old, "before_cursor_execute", self._before):
            event.remove(old, "before_cursor_execute", self._before)
            event.remove(old, "after_cursor_execute", self._after)
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def stop(self) -> None:
        """Stop listening; the next look reads everything."""
        with self._lock:
            engine, self._engine = self._engine, None
            self._unsure = True
        if engine is None:
            return
        from sqlalchemy import event

        if event.contains(engine, "before_cursor_execute", self._before):
            event.remove(engine, "before_cursor_execute", self._before)
            event.remove(engine, "after_cursor_execute", self._after)

    def look(self, engine: Engine, driver: sqlite3.Connection) -> set[str] | None:
        """The tables written since the last look, or None when anything may have changed.

        Call inside the read transaction whose rows are kept: its data version is the one
        of the rows it reads. From now on, changes are counted from this moment.
        """
        self.watch(engine)
        version = int(driver.execute("PRAGMA data_version").fetchone()[0])
        with self._lock:
            same = (
                not self._unsure
                and driver is self._driver
                and version == self._version
                and driver.total_changes == self._changes
            )
            written = self._written
            if same and self._schema is not None:
                schema = self._schema
            else:
                schema = self._schema = Schema(driver)
            self._written = set()
            self._unsure = False
            self._driver, self._version, self._changes = driver, version, driver.total_changes
        if not same:
            return None
        reached: set[str] = set()
        for entry in written:
            table, kind = entry.split(" ", 1)
            reached |= schema.reach(table, kind)
        return reached

    def forget(self) -> None:
        """The rows of the last look were not kept: the next look reads everything."""
        with self._lock:
            self._unsure = True

    # --- the engine's events -----------------------------------------------------------

    def _before(self, _conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        driver: sqlite3.Connection | None = getattr(cursor, "connection", None)
        found = written_tables(statement)
        with self._lock:
            # Only the connection in use is read: the watched one may have been closed since.
            if driver is not None and driver is self._driver and driver.total_changes != self._changes:
                self._unsure = True  # something wrote on it unseen
            if found is None:
                self._unsure = True
            elif found[1] != "read":
                self._written.add(f"{found[0]} {found[1]}")

    def _after(self, _conn: Any, cursor: Any, *_args: Any) -> None:
        driver: sqlite3.Connection | None = getattr(cursor, "connection", None)
        with self._lock:
            if driver is not None and driver is self._driver:
                self._changes = driver.total_changes


def touched(parts: dict[str, frozenset[str]], tables: Iterable[str]) -> set[str]:
    """The names of the parts that read any of ``tables``."""
    changed = set(tables)
    return {name for name, reads in parts.items() if reads & changed}
