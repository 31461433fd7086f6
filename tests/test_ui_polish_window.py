"""The window fits the screen it opens on: small, scaled or large."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.ui.window.geometry import PREFERRED, first_geometry, fit_on_screen, minimum_size


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


@pytest.mark.parametrize(
    ("available", "size"),
    [
        (QRect(0, 0, 1024, 640), QSize(921, 576)),  # a small laptop
        (QRect(0, 0, 1366, 860), QSize(1180, 774)),
        (QRect(0, 0, 683, 430), QSize(614, 387)),  # 1366×860 at scale 2
        (QRect(0, 0, 2560, 1440), PREFERRED),  # a large screen: no 2,000 px window
    ],
)
def test_the_first_window_fits_the_free_area_of_the_screen(available: QRect, size: QSize) -> None:
    geometry = first_geometry(available)
    assert geometry.size() == size
    assert available.contains(geometry)
    assert geometry.center() == available.center() or (geometry.center() - available.center()).manhattanLength() <= 1
    assert minimum_size(available).boundedTo(geometry.size()) == minimum_size(available)


def test_the_free_area_may_start_beside_a_panel() -> None:
    available = QRect(70, 28, 1850, 1052)  # a dock on the left, a bar on top
    geometry = first_geometry(available)
    assert available.contains(geometry)
    assert geometry.size() == PREFERRED


def test_a_remembered_geometry_larger_than_the_screen_is_brought_onto_it() -> None:
    available = QRect(0, 0, 1024, 640)
    assert fit_on_screen(QRect(900, 500, 1180, 780), available) == QRect(0, 0, 1024, 640)
    assert fit_on_screen(QRect(2000, 100, 600, 400), available) == QRect(424, 100, 600, 400)
    assert fit_on_screen(QRect(-300, -50, 600, 400), available) == QRect(0, 0, 600, 400)
    assert fit_on_screen(QRect(100, 100, 600, 400), available) == QRect(100, 100, 600, 400)


def test_the_window_opens_at_the_first_geometry_of_its_screen(open_window: WindowOpener) -> None:
    window = open_window()
    screen = window.screen()
    available = screen.availableGeometry()
    assert window.geometry() == first_geometry(available)
    assert window.minimumWidth() <= window.width() and window.minimumHeight() <= window.height()


def test_a_window_saved_on_a_larger_screen_opens_within_this_one(open_window: WindowOpener) -> None:
    window = open_window()
    window.setMinimumSize(0, 0)
    window.setGeometry(QRect(400, 300, 2400, 1500))
    open_window.close(window)
    settings = QSettings(str(window.paths.settings_file), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is not None

    again = open_window()
    available = (QGuiApplication.primaryScreen() or again.screen()).availableGeometry()
    assert available.contains(again.frameGeometry())
    assert again.width() < 2400 and again.height() < 1500


SMALL_SCREEN = """
import sys
from roadmap_app.bootstrap import open_services
from roadmap_app.ui.app.run import application
from roadmap_app.ui.window.main_window import MainWindow

app = application()
paths, services = open_services(sys.argv[1])
window = MainWindow(services, paths, services.profiles.current())
window.show()
app.processEvents()
g, a = window.frameGeometry(), window.screen().availableGeometry()
print(g.x(), g.y(), g.width(), g.height(), a.width(), a.height())
window.close()
services.close()
"""


@pytest.mark.parametrize(("width", "height", "scale"), [(1024, 640, "1"), (1366, 860, "2")])
def test_on_a_small_or_scaled_screen_the_whole_window_is_in_sight(
    tmp_path: Path, width: int, height: int, scale: str
) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "small", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    done = subprocess.run(
        [sys.executable, "-c", SMALL_SCREEN, str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    x, y, w, h, free_w, free_h = map(int, done.stdout.split()[-6:])
    assert (free_w, free_h) == (width // int(scale), height // int(scale))
    assert x >= 0 and y >= 0 and x + w <= free_w and y + h <= free_h
