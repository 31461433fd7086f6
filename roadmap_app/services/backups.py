"""Backups of the learner's database: make, list, restore, and check the live file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from roadmap_app.services._common import Clock, system_clock
from roadmap_app.services.errors import NotFoundError, UserError
from roadmap_app.storage import backup as sqlite_backup
from roadmap_app.storage.db import Database

NAME = re.compile(r"^roadmap-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str
    size: int

    def summary(self) -> dict[str, int]:
        return sqlite_backup.summarise(self.path)


@dataclass(frozen=True, slots=True)
class CheckReport:
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


class BackupService:
    def __init__(self, db: Database, backups_dir: Path, clock: Clock = system_clock) -> None:
        self._db = db
        self._dir = backups_dir
        self._clock = clock

    def create(self, reason: str = "manual") -> BackupInfo:
        """Copy the database into the backups folder; returns the new backup."""
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        target = self._dir / f"roadmap-{stamp}-{reason}.sqlite3"
        serial = 1
        while target.exists():
            serial += 1
            target = self._dir / f"roadmap-{stamp}-{serial}-{reason}.sqlite3"
        try:
            sqlite_backup.copy_database(self._db.path, target)
        except (sqlite_backup.BackupError, OSError) as exc:
            raise UserError(f"could not make a backup ({exc}); check the free space in {self._dir}") from exc
        info = parse_backup_name(target)
        assert info is not None
        return info

    def all(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        if not self._dir.is_dir():
            return []
        found = (parse_backup_name(p) for p in self._dir.glob("roadmap-*.sqlite3"))
        return sorted((b for b in found if b is not None), key=lambda b: (b.created_at, b.path.name), reverse=True)

    def find(self, name: str | None) -> BackupInfo:
        backups = self.all()
        if not backups:
            raise NotFoundError("there are no backups yet; make one with 'roadmap-app backup'")
        if name is None:
            return backups[0]
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
        raise NotFoundError(f"no backup named '{name}'; list them with 'roadmap-app backups'")

    def restore(self, name: str | None = None) -> BackupInfo:
        """Replace the database's content with a backup (the newest by default).

        The current content is backed up first, so a restore can itself be undone.
        """
        info = self.find(name)
        verdict = sqlite_backup.quick_check(info.path)
        if verdict != "ok":
            raise UserError(
                f"backup {info.path.name} is damaged ({verdict}); choose another from 'roadmap-app backups'"
            )
        self.create("before-restore")
        try:
            sqlite_backup.restore_into(info.path, self._db.path)
        except sqlite_backup.BackupError as exc:
            raise UserError(f"could not restore {info.path.name} ({exc}); nothing was changed") from exc
        self._db.close()
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
