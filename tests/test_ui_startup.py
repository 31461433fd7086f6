"""`roadmap-app` without a command opens the window; --exit-after-startup quits once painted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from roadmap_app.__main__ import main
from roadmap_app.bootstrap import open_services

REUSE_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(["roadmap-app"])
from roadmap_app.__main__ import main
code = main(["--data-dir", sys.argv[1], "--exit-after-startup"])
assert QApplication.instance() is app
print("exit", code)
"""


def test_main_reuses_the_running_application_and_exits_after_startup(data_dir: Path) -> None:
    # In its own process: a finished event loop would disturb the other window tests.
    result = subprocess.run(
        [sys.executable, "-c", REUSE_SCRIPT, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "exit 0"
    _paths, services = open_services(data_dir)
    try:
        assert services.profiles.count() == 1
    finally:
        services.close()
    assert (data_dir / "config" / "roadmap-app.ini").exists()


def test_an_unknown_profile_is_one_error_line(qapp: QApplication, data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(data_dir), "--profile", "nobody", "--exit-after-startup"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no profile named 'nobody'")
    assert len(err.strip().splitlines()) == 1


def test_the_program_starts_and_quits_in_its_own_process(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), "--exit-after-startup"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
