"""The composition root: paths, database, content and services, built once and passed down."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from roadmap_app.content import load_roadmap
from roadmap_app.paths import AppPaths, resolve_paths
from roadmap_app.services import Services, UserError
from roadmap_app.services._common import Clock, system_clock
from roadmap_app.services.backups import BackupInfo, new_backup_path
from roadmap_app.storage.backup import BackupError, copy_database
from roadmap_app.storage.db import NewerSchemaError, StorageError
from roadmap_app.storage.engine import writable
from roadmap_app.storage.faults import FaultError, as_fault
from roadmap_app.storage.recovery import DamagedDatabaseError, open_checked

# The window catches these without reaching into storage itself.
__all__ = [
    "DamagedDatabaseError",
    "FaultError",
    "NewerSchemaError",
    "StorageError",
    "open_services",
    "restore_after_damage",
]

log = logging.getLogger(__name__)


def _backup_before_migration(paths: AppPaths, clock: Clock) -> None:
    target = new_backup_path(paths.backups_dir, clock(), "before-migration")
    try:
        copy_database(paths.database, target)
    except BackupError as exc:
        # Without a backup the file is not changed at all.
        raise StorageError(
            f"could not back up {paths.database} before updating it ({exc}); nothing was changed"
        ) from exc


def open_services(
    data_dir: str | Path | None = None,
    *,
    clock: Clock = system_clock,
    roadmap_path: Path | None = None,
    replace_damaged: bool = False,
) -> tuple[AppPaths, Services]:
    """Open (creating on first use) the learner's data and build the services over it.

    The database is checked first. A damaged one is moved into ``paths.damaged_dir`` and
    ``DamagedDatabaseError`` raised; with ``replace_damaged`` a fresh database is opened
    instead, ready for ``services.backups.restore()``. A daily backup is made when due.
    Call ``services.close()`` at the end: it records the clean shutdown.
    """
    roadmap = load_roadmap(roadmap_path)  # first: a bad roadmap file must leave the data folder alone
    paths = resolve_paths(data_dir)
    # A write-protected share or a backup drive: the data is shown, and every write refused.
    read_only = is_read_only(paths)
    if not read_only:
        try:
            paths.ensure()
        except OSError as exc:
            raise (as_fault(exc, paths.data_dir) or exc) from exc
    db = open_checked(
        paths.database,
        paths.damaged_dir,
        before_migration=lambda _p: _backup_before_migration(paths, clock),
        replace_damaged=replace_damaged,
        read_only=read_only,
        clock=clock,
    )
    services = Services.build(db, roadmap, clock)
    if not services.read_only:
        try:
            services.backups.backup_if_due()
        except UserError as exc:
            # A missed daily backup must not keep the learner from their data; the next open
            # retries, and a failure that keeps happening is told once a day, not on every command.
            if services.backups.failure_is_new(exc):
                log.warning("%s", exc)
    return paths, services


def is_read_only(paths: AppPaths) -> bool:
    """Whether the data is there but cannot be changed (a read-only folder or file)."""
    database = paths.database
    if database.is_file():
        return not (writable(paths.data_dir) and os.access(database, os.W_OK))
    return paths.data_dir.is_dir() and not writable(paths.data_dir)


def restore_after_damage(
    data_dir: str | Path | None = None, *, clock: Clock = system_clock, roadmap_path: Path | None = None
) -> tuple[AppPaths, Services, BackupInfo]:
    """After ``DamagedDatabaseError``: a fresh database with the newest good backup restored into it.

    Raises ``UserError`` (a ``NotFoundError``) when no backup can be restored; an empty
    database is then in place, and ``open_services`` starts the learner anew.
    """
    paths, services = open_services(data_dir, clock=clock, roadmap_path=roadmap_path, replace_damaged=True)
    try:
        info = services.backups.restore()
    except BaseException:
        services.close()
        raise
    return paths, services, info
