"""Test set-up: Qt offscreen, and every test in its own temporary data and config folders."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Without a display Qt aborts; the tests never need one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Test modules load the roadmap as they are imported, before any fixture runs: the cache of
# validated roadmaps it writes goes to a temporary folder, never the user's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="roadmap-test-cache-")

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services

atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user folder at a temporary one, so no test touches real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    (home / "run").mkdir(mode=0o700)
    monkeypatch.delenv("ROADMAP_APP_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    _paths, built = open_services(data_dir)
    yield built
    built.close()


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(data_dir: Path) -> CliRunner:
    """Run `roadmap-app --data-dir DATA ARGS...` in a new process."""

    def run(*args: str, stdin: str | None = None, data: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "roadmap_app", "--data-dir", str(data or data_dir), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of the command line returned and printed."""

    returncode: int
    stdout: str
    stderr: str


InProcessCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> InProcessCli:
    """Run `roadmap-app --data-dir DATA ARGS...` through `main(argv)` in this process: fast, same code."""
    from roadmap_app.__main__ import main

    def run(*args: str, stdin: str | None = None, data: Path | None = None) -> CliResult:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(["--data-dir", str(data or data_dir), *args])
        except SystemExit as exc:  # argparse exits for usage errors, --help and --version
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


# --- a small disk, for the tests of faults from below ----------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs, unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root on Linux")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered: a buffer left over when the disk fills would fail again on close.
    with filler.open("wb", buffering=0) as f:
        block = b"\0" * 65536
        try:
            while True:
                f.write(block)
        except OSError:
            pass
        try:  # the last, partial block
            while f.write(b"\0" * 512):
                pass
        except OSError:
            pass
    return filler
