"""The composition root: paths, database, content and services, built once and passed down."""

from __future__ import annotations

from pathlib import Path

from roadmap_app.content import load_roadmap
from roadmap_app.paths import AppPaths, resolve_paths
from roadmap_app.services import Services
from roadmap_app.services._common import Clock, system_clock
from roadmap_app.storage.backup import copy_database
from roadmap_app.storage.db import open_database


def _backup_before_migration(paths: AppPaths, clock: Clock) -> None:
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    copy_database(paths.database, paths.backups_dir / f"roadmap-{stamp}-before-migration.sqlite3")


def open_services(
    data_dir: str | Path | None = None, *, clock: Clock = system_clock, roadmap_path: Path | None = None
) -> tuple[AppPaths, Services]:
    """Open (creating on first use) the learner's data and build the services over it."""
    paths = resolve_paths(data_dir)
    paths.ensure()
    roadmap = load_roadmap(roadmap_path)
    db = open_database(paths.database, before_migration=lambda _p: _backup_before_migration(paths, clock))
    return paths, Services.build(db, roadmap, clock)
