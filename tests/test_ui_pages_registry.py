"""The window's pages come from one typed registry, and are imported only when first shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.base import Page
from roadmap_app.ui.pages.registry import PAGES, entry_of


def test_every_page_name_has_one_entry_in_navigation_order() -> None:
    assert [e.name for e in PAGES] == list(PageName)
    for entry in PAGES:
        assert entry_of(entry.name) is entry
        assert issubclass(entry.load(), Page)
        assert entry.load().title == entry.title


def test_the_navigation_and_the_view_menu_list_the_registry(qtbot: QtBot, data_dir: Path) -> None:
    with WindowOpener(data_dir, qtbot) as opener:
        window = opener()
        titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
        assert titles == [e.title for e in PAGES]
        for entry, page in zip(PAGES, window.pages, strict=True):
            window.show_page(entry.name)
            assert window.stack.currentWidget() is page
            assert isinstance(page, entry.load())


def test_the_last_page_is_remembered_and_an_unknown_one_falls_back(qtbot: QtBot, data_dir: Path) -> None:
    with WindowOpener(data_dir, qtbot) as opener:
        window = opener()
        window.show_page(PageName.CAREER)
        opener.close(window)
        again = opener()
        assert again.stack.currentWidget() is again.career
        opener.close(again)
        settings = QSettings(again.settings.fileName(), QSettings.Format.IniFormat)
        settings.setValue("window/page", "a-page-of-a-later-version")
        settings.sync()
        third = opener()
        assert third.stack.currentWidget() is third.dashboard


def test_opening_the_window_imports_only_the_page_shown(tmp_path: Path) -> None:
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
from roadmap_app.bootstrap import open_services
from roadmap_app.ui.window.main_window import MainWindow
app = QApplication([])
paths, services = open_services({str(tmp_path / "data")!r})
window = MainWindow(services, paths, services.profiles.current())
print("\\n".join(m for m in sys.modules if m.startswith("roadmap_app.ui.pages.")))
services.close()
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    pages = set(result.stdout.split())
    assert pages == {"roadmap_app.ui.pages.base", "roadmap_app.ui.pages.registry", "roadmap_app.ui.pages.dashboard"}
