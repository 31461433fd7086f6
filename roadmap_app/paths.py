"""Where Roadmap keeps its files. One switch (``--data-dir``) moves them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "roadmap-app"
DATA_DIR_ENV = "ROADMAP_APP_DATA_DIR"
DIR_MODE = 0o700


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "roadmap.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def damaged_dir(self) -> Path:
        return self.data_dir / "damaged"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "roadmap-app.ini"

    def ensure(self) -> None:
        """Create the folders, readable by their owner only."""
        for folder in (self.data_dir, self.backups_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, DIR_MODE)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: ``--data-dir``, else ``ROADMAP_APP_DATA_DIR``, else the OS's."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config")
    import platformdirs

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
