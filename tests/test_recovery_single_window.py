"""One writer window per data folder: a second start asks the first to come forward; a lock
left by a killed window does not block the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from roadmap_app.ui.app.single_instance import LOCK_NAME, SingleInstance, server_name


def test_a_second_instance_asks_the_first_to_come_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.acquire()
        assert first.is_primary
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert not second.acquire()
        assert not second.is_primary
    finally:
        second.release()
        first.release()


def test_after_the_first_quits_the_next_start_is_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    first.release()
    again = SingleInstance(tmp_path)
    try:
        assert again.acquire()
    finally:
        again.release()


def test_different_data_folders_do_not_share_a_window(qtbot: QtBot, tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert a.acquire()
        assert b.acquire()
    finally:
        a.release()
        b.release()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from roadmap_app.ui.app.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    print("primary" if instance.acquire() else "second", flush=True)
    time.sleep(120)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_lock_left_by_a_killed_window_is_recovered(qtbot: QtBot, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "primary"
        # While it runs, it is the one window.
        probe = SingleInstance(tmp_path)
        assert not probe.acquire()
        probe.release()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (tmp_path / LOCK_NAME).exists(), "the killed window could not clean up"

    after = SingleInstance(tmp_path)
    try:
        assert after.acquire()
        # And it listens again, although the crashed window's socket was left behind.
        with qtbot.waitSignal(after.activation_requested, timeout=5000):
            assert not SingleInstance(tmp_path).acquire()
    finally:
        after.release()


def test_an_empty_lock_file_from_a_power_cut_does_not_block(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_bytes(b"")
    instance = SingleInstance(tmp_path)
    try:
        assert instance.acquire()
    finally:
        instance.release()
