"""Backups of the learner's database: make, rotate, list, restore, and check the live file.

Automatic backups ("daily" on open when the newest is more than a day old, "on-close"
when the window closes after changes) are rotated: the newest of each of the last 7
days, 4 weeks and 6 months are kept. Manual backups are never removed automatically;
of each "before-..." kind (before-migration, before-restore, before-import) the newest
10 are kept. Rotation runs only after a new backup has been made and checked, counts only
backups that pass their own check, and never removes a damaged backup or the only copy.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from roadmap_app.services._common import Clock, system_clock
from roadmap_app.services.errors import NotFoundError, UserError
from roadmap_app.services.records import quoted
from roadmap_app.storage import backup as sqlite_backup
from roadmap_app.storage.backup import DatabaseSummary
from roadmap_app.storage.db import Database, StorageError, read_revision
from roadmap_app.storage.faults import Fault, FaultError, as_fault
from roadmap_app.storage.recovery import process_alive
from roadmap_app.storage.schema import KNOWN_REVISIONS

FAILURE_MARK = ".backup-failed"


class BackupFailedError(UserError):
    """A backup could not be made; ``fault`` is the machine's fault behind it, if any."""

    def __init__(self, message: str, fault: Fault | None = None) -> None:
        super().__init__(message)
        self.fault = fault


NAME = re.compile(r"^roadmap-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")

AUTOMATIC = frozenset({"daily", "on-close"})
MANUAL = "manual"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
KEEP_EACH_BEFORE = 10
DAILY_INTERVAL = timedelta(days=1)

LABELS = {
    "daily": "Daily",
    "on-close": "On closing",
    "manual": "Made by you",
    "before-migration": "Before an update",
    "before-restore": "Before a restore",
    "before-import": "Before an import",
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: its path, when and why it was made, its size."""

    path: Path
    created_at: datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        """The reason in words, for a list of backups."""
        return LABELS.get(self.reason, self.reason.replace("-", " ").capitalize())

    def summary(self) -> DatabaseSummary:
        """What the backup holds; ``summary().describe()`` is one line for a list."""
        return sqlite_backup.summarise(self.path)

    def problem(self) -> str | None:
        """Why this backup cannot be restored, or None if it can."""
        verdict = sqlite_backup.quick_check(self.path)
        if verdict != "ok":
            return f"it is damaged ({verdict})"
        try:
            revision = read_revision(self.path)
        except StorageError:
            return "it is not a Roadmap database"
        if revision is None:
            return "it is empty"
        if revision not in KNOWN_REVISIONS:
            return f"it was made by a newer version of Roadmap (schema {revision})"
        return None


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What checking the live database found: fine, or its problems."""

    ok: bool
    problems: tuple[str, ...]


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = NAME.match(path.name)
    if not match:
        return None
    try:
        created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path=path, created_at=created, reason=match.group(3), size=size)


def new_backup_path(folder: Path, when: datetime, reason: str) -> Path:
    """A name for a new backup that no existing backup has."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = folder / f"roadmap-{stamp}-{reason}.sqlite3"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"roadmap-{stamp}-{serial}-{reason}.sqlite3"
    return target


def _day(d: datetime) -> tuple[int, ...]:
    return (d.year, d.month, d.day)


def _week(d: datetime) -> tuple[int, ...]:
    return tuple(d.isocalendar())[:2]


def _month(d: datetime) -> tuple[int, ...]:
    return (d.year, d.month)


def choose_kept(backups: list[BackupInfo], is_good: dict[Path, bool]) -> set[Path]:
    """The backups rotation keeps; every backup not in the set may be removed.

    ``backups`` is newest first. Damaged backups are kept (never removed by rotation) but
    fill no slot, so they never push out a good one.
    """
    kept: set[Path] = {b.path for b in backups if not is_good.get(b.path, False)}
    automatic = [b for b in backups if b.reason in AUTOMATIC and is_good.get(b.path, False)]
    for limit, key_of in ((KEEP_DAILY, _day), (KEEP_WEEKLY, _week), (KEEP_MONTHLY, _month)):
        seen: set[tuple[int, ...]] = set()
        for b in automatic:
            key = key_of(b.created_at)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(key)
            kept.add(b.path)
    if automatic:
        kept.add(automatic[0].path)
    per_kind: dict[str, int] = {}
    for b in backups:
        if b.reason in AUTOMATIC:
            continue
        if b.reason == MANUAL or not b.reason.startswith("before-"):
            kept.add(b.path)
            continue
        if is_good.get(b.path, False):
            per_kind[b.reason] = per_kind.get(b.reason, 0) + 1
            if per_kind[b.reason] <= KEEP_EACH_BEFORE:
                kept.add(b.path)
    return kept


#: Anything recorded: a state or note, a project, an action's feedback, or any activity
#: but making the profile.
_HAS_DATA_SQL = (
    "SELECT EXISTS (SELECT 1 FROM item_progress) OR EXISTS (SELECT 1 FROM projects)"
    " OR EXISTS (SELECT 1 FROM suggestion_feedback) OR EXISTS (SELECT 1 FROM activity WHERE action != 'profile.create')"
)


class BackupService:
    def __init__(self, db: Database, backups_dir: Path, clock: Clock = system_clock) -> None:
        self._db = db
        self._dir = backups_dir
        self._clock = clock
        self._mark = db.write_count

    # --- making backups --------------------------------------------------------------------

    def create(self, reason: str = MANUAL) -> BackupInfo:
        """Copy the database into the backups folder; returns the new backup.

        The copy is checked before it is kept: a damaged database is never backed up.
        """
        target = new_backup_path(self._dir, self._clock(), reason)
        try:
            sqlite_backup.copy_database(self._db.path, target)
        except (sqlite_backup.BackupError, OSError, FaultError) as exc:
            if isinstance(exc, sqlite_backup.BackupError) and exc.damaged:
                # The open may have trusted a clean close; the next one must check the file.
                self._db.damage_suspected = True
            fault = as_fault(exc, self._dir)
            if fault is not None:
                message = f"could not make a backup: {fault}"
            elif isinstance(exc, sqlite_backup.BackupError) and exc.damaged:
                # Not the disk: the database itself. Its good backups are kept, never rotated out for it.
                message = (
                    f"could not make a backup: {exc}; run 'roadmap-app check', then 'roadmap-app restore'"
                    " to restore the newest good backup"
                )
            else:
                message = f"could not make a backup ({exc}); check the free space in {self._dir}"
            raise BackupFailedError(message, fault.fault if fault is not None else None) from exc
        for mark in self._dir.glob(f"{FAILURE_MARK}*"):
            mark.unlink(missing_ok=True)
        info = parse_backup_name(target)
        assert info is not None
        return info

    def failure_is_new(self, error: UserError) -> bool:
        """Whether a failed backup is worth telling: the first time, and again a day later.

        Remembered by an empty file in the backups folder (an empty file still fits on a
        full disk); where even that cannot be made, every failure is told.
        """
        kind = error.fault.value if isinstance(error, BackupFailedError) and error.fault else "other"
        mark = self._dir / f"{FAILURE_MARK}-{kind}"
        try:
            if mark.exists() and time.time() - mark.stat().st_mtime < DAILY_INTERVAL.total_seconds():
                return False
            mark.touch()
        except OSError:
            pass
        return True

    def _has_data(self) -> bool:
        """Whether the learner has recorded anything: a profile made and left untouched is not worth a backup."""
        try:
            with self._db.read_plain() as conn:
                found = conn.execute(_HAS_DATA_SQL).fetchone()
                return bool(found and found[0])
        except sqlite3.Error as exc:
            raise UserError(
                f"could not make a backup: the database cannot be read ({exc}); run 'roadmap-app check'"
            ) from exc

    def create_automatic(self, reason: str) -> BackupInfo | None:
        """A backup made by the app itself, then rotation; None when nothing has been recorded yet."""
        if not self._has_data():
            return None
        info = self.create(reason)
        self.rotate()
        return info

    def backup_if_due(self) -> BackupInfo | None:
        """On open: a "daily" backup when the newest automatic or manual one is over a day old."""
        recent = [b for b in self.all() if b.reason in AUTOMATIC or b.reason == MANUAL]
        if recent and self._clock() - recent[0].created_at < DAILY_INTERVAL:
            return None
        return self.create_automatic("daily")

    def change_mark(self) -> int:
        """A mark to pass to ``backup_if_changed_since`` later."""
        return self._db.write_count

    def backup_if_changed_since(self, mark: int) -> BackupInfo | None:
        """Back up if this process has changed the data since ``mark``; returns the backup or None."""
        if self._db.write_count == mark:
            return None
        info = self.create_automatic("on-close")
        self._mark = self._db.write_count
        return info

    def on_close(self) -> BackupInfo | None:
        """When the window closes: back up if anything changed since the app opened (or the last on-close backup)."""
        return self.backup_if_changed_since(self._mark)

    def rotate(self) -> list[Path]:
        """Remove the backups the rotation no longer keeps; returns the removed paths."""
        backups = self.all()
        is_good = {b.path: sqlite_backup.quick_check(b.path) == "ok" for b in backups}
        kept = choose_kept(backups, is_good)
        removed = self._remove_stale_temporaries()
        for b in backups:
            if b.path not in kept:
                try:
                    b.path.unlink()
                except OSError:
                    continue
                removed.append(b.path)
        return removed

    def _remove_stale_temporaries(self) -> list[Path]:
        """Half-made copies left by a process that was killed while making a backup."""
        removed = []
        for tmp in self._dir.glob(".roadmap-*.tmp"):
            pid = tmp.suffixes[-2].lstrip(".") if len(tmp.suffixes) >= 2 else ""
            if pid.isdigit() and not process_alive(int(pid)):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
        return removed

    # --- listing and restoring -------------------------------------------------------------

    def all(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        if not self._dir.is_dir():
            return []
        found = (parse_backup_name(p) for p in self._dir.glob("roadmap-*.sqlite3"))
        return sorted((b for b in found if b is not None), key=lambda b: (b.created_at, b.path.name), reverse=True)

    def newest_good(self) -> BackupInfo:
        """The newest backup that can be restored (backups made before a restore are skipped)."""
        backups = self.all()
        if not backups:
            raise NotFoundError("there are no backups yet; make one with 'roadmap-app backup'")
        for info in backups:
            if info.reason != "before-restore" and info.problem() is None:
                return info
        raise NotFoundError("no backup can be restored (all are damaged or empty); see 'roadmap-app backups'")

    def find(self, name: str | None) -> BackupInfo:
        if name is None:
            return self.newest_good()
        backups = self.all()
        for info in backups:
            if name in (info.path.name, str(info.path)):
                return info
        path = Path(name)
        if path.is_file():
            info = parse_backup_name(path) or BackupInfo(
                path=path,
                created_at=datetime.fromtimestamp(path.stat().st_mtime),
                reason="file",
                size=path.stat().st_size,
            )
            return info
        raise NotFoundError(f"no backup named {quoted(name)}; list them with 'roadmap-app backups'")

    def restore(self, name: str | None = None) -> BackupInfo:
        """Replace the database's content with a backup (the newest good one by default).

        The current content is backed up first, so a restore can itself be undone. A
        backup from an older schema is brought up to date after it is restored.
        """
        info = self.find(name)
        problem = info.problem()
        if problem is not None:
            raise UserError(
                f"backup {info.path.name} cannot be restored: {problem}; choose another from 'roadmap-app backups'"
            )
        if self._has_data():
            self.create("before-restore")
        try:
            self._db.replace_with(info.path)
        except sqlite_backup.BackupError as exc:
            raise UserError(f"could not restore {info.path.name} ({exc}); nothing was changed") from exc
        return info

    def check(self) -> CheckReport:
        """A full integrity check of the live database and its foreign keys."""
        problems = []
        verdict = sqlite_backup.quick_check(self._db.path, full=True)
        if verdict != "ok":
            problems.append(f"integrity: {verdict}")
        with self._db.engine.connect() as conn:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems.extend(f"foreign key: {row[0]} row {row[1]} points at a missing {row[2]}" for row in broken)
        return CheckReport(ok=not problems, problems=tuple(problems))
