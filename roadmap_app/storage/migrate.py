"""Alembic upgrades, each run as one SQLite transaction."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from roadmap_app.storage.engine import create_sqlite_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the file to ``revision``; on any failure nothing of the upgrade remains."""
    engine = create_sqlite_engine(path, for_migration=True)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                config = alembic_config()
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"migration broke foreign keys: {problems[:3]}")
    finally:
        engine.dispose()
