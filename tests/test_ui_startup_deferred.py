"""What the window leaves until it is used works at once after the first paint: its
shortcuts, its menus and the dialogs they open, and the next actions."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from roadmap_app import __version__
from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.services import Services
from roadmap_app.ui.window.main_window import MainWindow

Opened = list[tuple[MainWindow, Services]]


@pytest.fixture
def opened() -> Iterator[Opened]:
    windows: Opened = []
    yield windows
    for window, services in windows:
        window.close()
        services.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def first_painted(data_dir: Path, qtbot: QtBot, opened: Opened, *, then: object = None) -> MainWindow:
    """A window just painted, nothing in it used yet (the tests' usual opener builds every page)."""
    paths, services = open_services(data_dir)
    window = MainWindow(services, paths, services.profiles.current())
    opened.append((window, services))
    if callable(then):
        window.first_painted.connect(lambda: QTimer.singleShot(0, then))
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def test_the_shortcuts_work_right_after_the_first_paint(qtbot: QtBot, data_dir: Path, opened: Opened) -> None:
    window = first_painted(data_dir, qtbot, opened)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.skills
    window.skills.select_skill("skill.python")
    qtbot.keyClick(window.skills.view, Qt.Key.Key_D)
    services, profile = window.services, window.ctx.profile_id
    assert services.progress.get(profile, "skill.python").state is ItemState.DONE
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.progress.get(profile, "skill.python").state is ItemState.TODO
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard


# Offscreen Qt has no window manager to raise a menu or give it the keyboard.
@pytest.mark.qt_log_ignore("^This plugin does not support (raise|grabbing the keyboard)")
def test_the_profile_menu_lists_the_profiles_when_opened(qtbot: QtBot, data_dir: Path, opened: Opened) -> None:
    _paths, services = open_services(data_dir)
    services.profiles.current()
    services.profiles.create("Bo")
    services.close()
    window = first_painted(data_dir, qtbot, opened)
    menu = window.profiles_menu
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    names = [a.text() for a in menu.actions() if a.isCheckable()]
    assert sorted(names) == sorted(p.name for p in window.services.profiles.all())
    assert "Bo" in names
    checked = [a.text() for a in menu.actions() if a.isChecked()]
    assert checked == [window.ctx.profile.name]
    assert "&New profile…" in [a.text() for a in menu.actions()]
    menu.hide()


def test_the_menus_open_their_dialogs_and_back_up_at_once(qtbot: QtBot, data_dir: Path, opened: Opened) -> None:
    window = first_painted(data_dir, qtbot, opened)
    action(window, "&About Roadmap").trigger()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and f"Roadmap {__version__}" in boxes[0].text()
    boxes[0].close()
    before = len(window.services.backups.all())
    action(window, "&Back up now").trigger()
    assert len(window.services.backups.all()) == before + 1
    assert window.status_label.text().startswith("Backed up to ")
    action(window, "R&estore from backup…").trigger()
    dialog = window.backups.restore_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.reject()


def test_a_window_hidden_at_once_reads_the_next_actions_when_shown_again(
    qtbot: QtBot, data_dir: Path, opened: Opened
) -> None:
    hidden: list[bool] = []

    def hide() -> None:
        window.hide()
        hidden.append(True)

    window = first_painted(data_dir, qtbot, opened, then=hide)
    qtbot.waitUntil(lambda: bool(hidden), timeout=3000)
    dashboard = window.dashboard
    qtbot.wait(50)  # the turn of the event loop that would have read them
    assert dashboard.suggestions_model.rowCount() == 0
    assert dashboard.stale
    window.show()
    qtbot.waitUntil(lambda: dashboard.suggestions_model.rowCount() > 0, timeout=3000)
    assert not dashboard.stale


def test_the_window_opens_without_the_code_its_menus_open(tmp_path: Path) -> None:
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
from roadmap_app.bootstrap import open_services
from roadmap_app.ui.window.main_window import MainWindow
app = QApplication([])
paths, services = open_services({str(tmp_path / "data")!r})
window = MainWindow(services, paths, services.profiles.current())
from PySide6.QtCore import QTimer
window.first_painted.connect(lambda: QTimer.singleShot(0, window.close))
window.closed.connect(app.quit)
window.show()
app.exec()
print("\\n".join(m for m in sys.modules if m.startswith("roadmap_app.ui.")))
services.close()
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    loaded = set(result.stdout.split())
    assert "roadmap_app.ui.pages.dashboard" in loaded
    for later in (
        "roadmap_app.ui.dialogs.welcome",
        "roadmap_app.ui.dialogs.help",
        "roadmap_app.ui.dialogs.restore_dialog",
        "roadmap_app.ui.dialogs.confirm",
        "roadmap_app.ui.window.transfer_actions",
        "roadmap_app.ui.window.actions",
        "roadmap_app.ui.window.undo",
    ):
        assert later not in loaded, later


def test_a_window_closed_as_it_opened_leaves_its_settings_file_alone(
    qtbot: QtBot, data_dir: Path, opened: Opened
) -> None:
    window = first_painted(data_dir, qtbot, opened)
    assert len(window.pages) == window.navigation.count()  # every page, with its splitters
    window.close()
    settings_file = Path(window.settings.fileName())
    written = settings_file.stat().st_mtime_ns, settings_file.read_bytes()
    again = first_painted(data_dir, qtbot, opened)
    assert len(again.pages) == again.navigation.count()
    again.close()
    assert (settings_file.stat().st_mtime_ns, settings_file.read_bytes()) == written
    third = first_painted(data_dir, qtbot, opened)
    qtbot.keyClick(third, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    third.close()
    assert b"page=roadmap" in settings_file.read_bytes()
    fourth = first_painted(data_dir, qtbot, opened)
    assert fourth.stack.currentWidget() is fourth.roadmap


def test_the_first_paint_reads_the_learners_data_without_sqlalchemy(tmp_path: Path) -> None:
    """The dashboard's reads run on the driver: SQLAlchemy and the 24 mapped classes load
    right after the first paint, and a change made then is saved and seen."""
    data = tmp_path / "data"
    _paths, services = open_services(data)
    profile_id = services.profiles.current().id
    skill = services.roadmap.skills[0].id
    services.progress.set_state(profile_id, skill, "done")
    project = services.portfolio.add(profile_id, "Churn model")
    services.portfolio.add_note(profile_id, project.id, "Tried gradient boosting")
    services.study.log(profile_id, 30, skill)
    services.profiles.set_goal(profile_id, weekly_goal_minutes=300)  # the dashboard shows the pace plan
    services.credentials.add(profile_id, "Deep learning course", status="in_progress")
    services.experience.add(profile_id, "Data intern")
    services.jobs.add(profile_id, "Acme", "ML engineer")
    services.close()
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
from roadmap_app.bootstrap import open_services
from roadmap_app.ui.window.main_window import MainWindow
app = QApplication([])
paths, services = open_services({str(data)!r})
window = MainWindow(services, paths, services.profiles.current())
from PySide6.QtCore import QTimer
seen = []
def first_paint():
    seen.append(("sqlalchemy" in sys.modules, "roadmap_app.storage.tables" in sys.modules))
    seen.append(window.dashboard.greeting.text())
def later():
    seen.append("roadmap_app.storage.tables" in sys.modules)
    profile = services.profiles.current()
    services.progress.set_state(profile.id, services.roadmap.skills[1].id, "done")
    seen.append(services.progress.states(profile.id)[services.roadmap.skills[1].id].state.value)
    window.close()
window.first_painted.connect(first_paint)
window.first_painted.connect(lambda: QTimer.singleShot(200, later))
window.closed.connect(app.quit)
window.show()
app.exec()
services.close()
print(repr(seen))
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    first, greeting, warmed, state = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert first == (False, False), result.stdout
    assert greeting.startswith("Hello, ")
    assert warmed, "the ORM classes load in the turns after the first paint"
    assert state == "done"


def test_the_job_ready_forecast_follows_the_first_paint(qtbot: QtBot, data_dir: Path, opened: Opened) -> None:
    """The forecast weighs the whole history: the dashboard paints its place first, then fills it."""
    _paths, services = open_services(data_dir)
    profile = services.profiles.current()
    services.profiles.set_goal(profile.id, weekly_goal_minutes=300)
    services.study.log(profile.id, 60, services.roadmap.skills[0].id)
    services.close()
    paths, services = open_services(data_dir)
    window = MainWindow(services, paths, services.profiles.current())
    opened.append((window, services))
    at_paint: list[str] = []
    window.first_painted.connect(lambda: at_paint.append(window.dashboard.ready_label.text()))
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert at_paint == ["Job-ready: …"]
    qtbot.waitUntil(lambda: window.dashboard.ready_label.text() != "Job-ready: …", timeout=3000)
    text = window.dashboard.ready_label.text()
    assert text.endswith("at 5 h a week") or text == "Job-ready: not with what is left open", text


def test_without_a_weekly_goal_the_dashboard_asks_for_one_at_the_first_paint(
    qtbot: QtBot, data_dir: Path, opened: Opened
) -> None:
    texts: list[str] = []
    _paths, services = open_services(data_dir)
    services.profiles.current()
    services.close()
    paths, services = open_services(data_dir)
    window = MainWindow(services, paths, services.profiles.current())
    opened.append((window, services))
    window.first_painted.connect(lambda: texts.append(window.dashboard.ready_label.text()))
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert texts == ["Set a weekly goal on the Time page to see when you are job-ready."]


def test_the_pages_not_shown_are_laid_out_and_painted_once_in_idle_time(
    qtbot: QtBot, data_dir: Path, opened: Opened
) -> None:
    painted: set[int] = set()

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                painted.add(id(watched))
            return False

    paints = Paints()
    QApplication.instance().installEventFilter(paints)  # type: ignore[union-attr]
    try:
        window = first_painted(data_dir, qtbot, opened)
        first = window.stack.currentWidget()
        qtbot.waitUntil(lambda: window.pages_warm, timeout=10_000)
    finally:
        QApplication.instance().removeEventFilter(paints)  # type: ignore[union-attr]
    assert window.stack.currentWidget() is first  # nothing was shown meanwhile
    area = window.stack.contentsRect()
    for page in window.pages:
        if page is first:
            continue
        assert not page.isVisible()
        assert page.geometry() == area  # laid out at the size it will be shown at
        assert id(page) in painted, type(page).__name__
    # Laid out while hidden at their final size: showing the Career page changes no table's columns.
    tables = window.career.findChildren(QTableView)
    assert tables

    def columns() -> list[list[int]]:
        return [
            [t.viewport().width(), *(t.horizontalHeader().sectionSize(c) for c in range(t.model().columnCount()))]
            for t in tables
        ]

    hidden = columns()
    assert all(width > 200 for width, *_ in hidden)
    window.show_page("career")
    qtbot.waitUntil(lambda: window.career.isVisible())
    QApplication.processEvents()
    assert columns() == hidden
