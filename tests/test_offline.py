"""Offline and private: the app never opens an internet socket (checked with strace)."""

from __future__ import annotations

import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

STRACE = shutil.which("strace")
pytestmark = pytest.mark.skipif(
    STRACE is None or not sys.platform.startswith("linux"),
    reason="strace is not installed (apt-get install strace); it records the sockets the app opens",
)
INTERNET = re.compile(r"\b(AF_INET6?|PF_INET6?)\b")

# Several commands in one interpreter: the same code the installed command runs, one start-up.
COMMANDS = textwrap.dedent(
    """
    import sys
    from roadmap_app.__main__ import main

    data, export = sys.argv[1], sys.argv[2]
    runs = [
        ["status"],
        ["set", "skill.python", "done"],
        ["note", "skill.python", "offline"],
        ["project", "add", "Sentiment analysis", "--skill", "skill.python"],
        ["project", "list"],
        ["next"],
        ["export", "-o", export],
        ["import", export, "--as", "Copy"],
        ["backup"],
        ["backups"],
        ["restore"],
        ["check"],
    ]
    for args in runs:
        code = main(["--data-dir", data, *args])
        if code != 0:
            sys.exit(f"{args} exited {code}")
    """
)


def traced(args: list[str], trace: Path, *, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    assert STRACE is not None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def internet_calls(trace: Path) -> list[str]:
    return [line for line in trace.read_text().splitlines() if INTERNET.search(line)]


def test_the_command_line_opens_no_internet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = traced([sys.executable, "-c", COMMANDS, str(tmp_path / "data"), str(tmp_path / "export.json")], trace)
    assert result.returncode == 0, result.stderr
    assert trace.stat().st_size >= 0
    assert internet_calls(trace) == []


def test_the_check_itself_would_see_an_internet_socket(tmp_path: Path) -> None:
    # The control: a program that does open one is caught by the same check.
    trace = tmp_path / "trace.txt"
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()"
    traced([sys.executable, "-c", code], trace)
    assert internet_calls(trace)


def window_is_built() -> bool:
    """Whether `roadmap-app` without a command opens a window yet, rather than saying it is not built."""
    from roadmap_app import __main__ as entry

    return importlib.util.find_spec("roadmap_app.ui.app.run") is not None and "not built" not in inspect.getsource(
        entry
    )


def test_the_window_starts_without_opening_an_internet_socket(tmp_path: Path) -> None:
    if not window_is_built():
        pytest.skip("the window is not built yet")
    trace = tmp_path / "trace.txt"
    args = [sys.executable, "-m", "roadmap_app", "--data-dir", str(tmp_path / "data"), "--exit-after-startup"]
    result = traced(args, trace)
    if "window is not built" in result.stderr:
        pytest.skip("the window is not built yet")
    assert result.returncode == 0, result.stderr
    assert internet_calls(trace) == []
