"""The window's data safety: one window per data folder, a backup on closing, recovery from a
damaged database at start, and restoring a backup from the File menu."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.services.backups import parse_backup_name
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.undo import SetStateCommand


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def run_app(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmap_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def backup_reasons(data_dir: Path) -> list[str]:
    found = (parse_backup_name(p) for p in (data_dir / "backups").iterdir())
    return sorted(b.reason for b in found if b is not None)


def learner_with_a_backup(data_dir: Path) -> None:
    """Ada has Python done, and a backup holds it."""
    _paths, services = open_services(data_dir)
    ada = services.profiles.create("Ada")
    services.profiles.use(ada.id)
    services.progress.set_state(ada.id, "skill.python", "done")
    services.backups.create()
    services.close()


def state_shown(window: MainWindow, item_id: str) -> ItemState:
    model = window.skills.model
    return model.row_at(model.row_of(item_id)).state


# --- one window per data folder --------------------------------------------------------------

SECOND_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["roadmap-app"])
from roadmap_app.__main__ import main
from roadmap_app.ui.window.main_window import MainWindow

data = sys.argv[1]

def second_start():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    window.showMinimized()
    print("second", main(["--data-dir", data, "--exit-after-startup"]), flush=True)

    def raised():
        if window.isMinimized():
            QTimer.singleShot(20, raised)
        else:
            print("raised", flush=True)
            window.close()

    raised()
    QTimer.singleShot(15000, window.close)

QTimer.singleShot(0, second_start)
print("first", main(["--data-dir", data]), flush=True)
"""


def test_a_second_start_on_the_same_folder_returns_0_and_brings_the_first_forward(data_dir: Path) -> None:
    learner_with_a_backup(data_dir)
    # In its own process: a finished event loop would disturb the other window tests.
    result = subprocess.run(
        [sys.executable, "-c", SECOND_START, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["second 0", "raised", "first 0"], result.stdout
    # The first window gave the folder up when it quit: the next start is a window again.
    again = run_app(data_dir, "--exit-after-startup")
    assert again.returncode == 0, again.stderr


# --- a backup on closing ----------------------------------------------------------------------


def test_closing_after_a_change_leaves_an_on_close_backup(open_window: WindowOpener, data_dir: Path) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    window.skills.select_skill("skill.python")
    # Typed and not yet saved: closing saves it before the backup is made.
    window.skills.note.setPlainText("typed just before closing")
    assert window.ctx.run(SetStateCommand(window.ctx, "skill.python", ItemState.DONE))
    open_window.close(window)
    assert backup_reasons(data_dir) == ["on-close"]
    backup = next((data_dir / "backups").iterdir())
    restored = data_dir.parent / "check"
    _paths, services = open_services(restored)
    try:
        services.backups.restore(str(backup))
        progress = services.progress.get(services.profiles.current().id, "skill.python")
        assert (progress.state, progress.note) == (ItemState.DONE, "typed just before closing")
    finally:
        services.close()

    # Opened and closed again without a change: no new backup.
    open_window.close(open_window())
    assert backup_reasons(data_dir) == ["on-close"]


def test_the_program_makes_no_backup_when_nothing_changed(data_dir: Path) -> None:
    learner_with_a_backup(data_dir)
    assert run_app(data_dir, "--exit-after-startup").returncode == 0
    assert backup_reasons(data_dir) == ["manual"]


# --- a damaged database at start -----------------------------------------------------------


def damage(data_dir: Path) -> None:
    database = data_dir / "roadmap.sqlite3"
    database.write_bytes(os.urandom(database.stat().st_size))


def test_a_damaged_database_is_replaced_by_the_newest_good_backup_at_start(data_dir: Path) -> None:
    learner_with_a_backup(data_dir)
    damage(data_dir)

    result = run_app(data_dir, "--exit-after-startup")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "restored the backup" in lines[0], result.stderr
    assert len(list((data_dir / "damaged").iterdir())) >= 1

    _paths, services = open_services(data_dir)
    try:
        ada = services.profiles.current()
        assert ada.name == "Ada"
        assert services.progress.get(ada.id, "skill.python").state is ItemState.DONE
    finally:
        services.close()


def test_a_damaged_database_without_a_backup_starts_fresh(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    services.profiles.create("Ada")
    services.close()
    damage(data_dir)

    result = run_app(data_dir, "--exit-after-startup")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No backup could be restored" in lines[0], result.stderr
    assert len(list((data_dir / "damaged").iterdir())) >= 1


def test_a_database_from_a_newer_version_is_one_error_and_exit_1(data_dir: Path) -> None:
    import sqlite3

    _paths, services = open_services(data_dir)
    services.close()
    with sqlite3.connect(data_dir / "roadmap.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    conn.close()
    result = run_app(data_dir, "--exit-after-startup")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- backing up and restoring from the window ----------------------------------------------


def test_back_up_now_and_restore_a_chosen_backup_from_the_window(
    qtbot: QtBot, open_window: WindowOpener, data_dir: Path
) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    assert window.ctx.run(SetStateCommand(window.ctx, "skill.python", ItemState.DONE))
    made = window.backups.back_up_now()
    assert made is not None and made.path.exists()
    assert str(made.path) in window.status_label.text()

    assert window.ctx.run(SetStateCommand(window.ctx, "skill.spark", ItemState.DONE))
    assert window.ctx.run(SetStateCommand(window.ctx, "skill.python", ItemState.SKIPPED))
    assert state_shown(window, "skill.spark") is ItemState.DONE
    # A damaged backup is listed, marked, and cannot be chosen.
    broken = data_dir / "backups" / "roadmap-20200101-000000-manual.sqlite3"
    broken.write_bytes(os.urandom(8192))

    dialog = window.backups.open_restore_dialog()
    qtbot.waitExposed(dialog)
    names = [str(row.data(0, 256)) for row in dialog.rows]
    assert names[0] == made.path.name and names[-1] == broken.name
    assert broken.name in dialog.problems
    assert dialog.rows[-1].text(3).startswith("⚠")
    assert dialog.select(broken.name)
    assert not dialog.restore_button.isEnabled()
    assert dialog.select(made.path.name)
    assert dialog.restore_button.isEnabled()
    assert dialog.view.accessibleName() and dialog.restore_button.accessibleName()
    dialog.restore_button.click()

    assert state_shown(window, "skill.spark") is ItemState.TODO
    assert state_shown(window, "skill.python") is ItemState.DONE
    assert not window.ctx.undo_stack.canUndo()
    assert "Restored" in window.status_label.text()
    # The data from before the restore was kept in a backup of its own.
    assert "before-restore" in backup_reasons(data_dir)
    # And the window keeps working on the restored data.
    assert window.ctx.run(SetStateCommand(window.ctx, "skill.spark", ItemState.IN_PROGRESS))
    assert window.services.progress.get(window.ctx.profile_id, "skill.spark").state is ItemState.IN_PROGRESS
