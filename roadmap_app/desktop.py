"""The desktop entry: `roadmap-app --install-desktop-entry` puts Roadmap in the learner's menu.

Writes the freedesktop entry, the AppStream metainfo and the icons under the user's data
folder (``$XDG_DATA_HOME``, else ``~/.local/share``), with the entry starting this very
installation of Roadmap. ``--uninstall-desktop-entry`` removes exactly those files.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from roadmap_app.resources import resource

APP_ID = "org.roadmapapp.Roadmap"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def data_home() -> Path:
    chosen = os.environ.get("XDG_DATA_HOME", "")
    return Path(chosen) if os.path.isabs(chosen) else Path.home() / ".local" / "share"


def _targets(home: Path) -> dict[Path, Path]:
    """Where each shipped file goes, by its source."""
    icons = home / "icons" / "hicolor"
    targets = {
        resource("desktop", f"{APP_ID}.desktop"): home / "applications" / f"{APP_ID}.desktop",
        resource("desktop", f"{APP_ID}.metainfo.xml"): home / "metainfo" / f"{APP_ID}.metainfo.xml",
        resource("icons", "roadmap-app.svg"): icons / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        targets[resource("icons", f"roadmap-app-{size}.png")] = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return targets


def launch_command() -> list[str]:
    """The command that starts this installation: its `roadmap-app` script, else the module."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "roadmap-app" and script.is_file():
        return [str(script)]
    found = shutil.which("roadmap-app")
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "roadmap_app"]


def _exec_value(command: list[str]) -> str:
    """The Exec key's value: each argument quoted as the desktop entry specification asks."""

    def quoted(arg: str) -> str:
        if not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`"):
            return arg
        escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
        return f'"{escaped}"'

    return " ".join(quoted(arg) for arg in command).replace("%", "%%")


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the entry, the metainfo and the icons; returns the files written."""
    home = home or data_home()
    written = []
    for source, target in _targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".desktop":
            lines = source.read_text(encoding="utf-8").splitlines()
            exec_line = f"Exec={_exec_value(command or launch_command())}"
            text = "\n".join(exec_line if line.startswith("Exec=") else line for line in lines) + "\n"
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; returns the files removed."""
    removed = []
    for target in _targets(home or data_home()).values():
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed


def run(action: str) -> int:
    """`--install-desktop-entry` and `--uninstall-desktop-entry`: one line of output, exit code."""
    try:
        if action == "install":
            written = install()
            print(f"installed the desktop entry {written[0]} with its icons; Roadmap is in your menu")
        else:
            removed = uninstall()
            print(
                f"removed {len(removed)} file(s) of the desktop entry" if removed else "no desktop entry was installed"
            )
    except OSError as exc:
        print(
            f"error: could not write under {data_home()} ({exc.strerror}); check that the folder is writable",
            file=sys.stderr,
        )
        return 1
    return 0
