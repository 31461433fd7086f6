"""Help → About: the version, the data folder (a link that opens it), the roadmap file's
version and sources, the licence; and the application's icon and desktop name."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app import __version__
from roadmap_app.desktop import APP_ID
from roadmap_app.ui.app.run import app_icon, application
from roadmap_app.ui.dialogs.help import roadmap_sources, show_about


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def test_about_names_the_version_the_data_folder_the_roadmap_and_the_licence(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    box = show_about(window, window.services.roadmap, window.paths)
    qtbot.addWidget(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    text = label.text()
    assert f"Roadmap {__version__}" in text
    assert f'href="{QUrl.fromLocalFile(str(window.paths.data_dir)).toString()}"' in text
    assert f"version {window.services.roadmap.version}" in text
    assert "Licence: MIT" in text
    sources = roadmap_sources(window.services.roadmap)
    assert sources and all(escape(s) in text for s in sources)
    assert not label.openExternalLinks(), "the folder opens only through the click handler"
    box.close()


def test_the_application_has_its_icon_and_desktop_name() -> None:
    app = application()
    assert isinstance(app, QApplication)
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    assert not icon.pixmap(48, 48).isNull()
    assert APP_ID.count(".") == 2
