"""Opening the real window over a data folder, for the window tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services
from roadmap_app.ui.window.main_window import MainWindow


class WindowOpener:
    """Opens windows on one data folder the way the app does, and closes them at the end."""

    def __init__(self, data_dir: Path, qtbot: QtBot, *, roadmap_path: Path | None = None) -> None:
        self.data_dir = data_dir
        self.roadmap_path = roadmap_path
        self.qtbot = qtbot
        self.opened: list[tuple[MainWindow, Services]] = []

    def __call__(self, *, first_run: bool = False) -> MainWindow:
        paths, services = open_services(self.data_dir, roadmap_path=self.roadmap_path)
        profile = services.profiles.current()
        window = MainWindow(services, paths, profile, first_run=first_run)
        self.opened.append((window, services))
        window.show()
        self.qtbot.waitExposed(window)
        # The window builds hidden pages after its first paint; the tests need them all now,
        # laid out and painted once, as they are a moment after the window opens.
        assert len(window.pages) == window.navigation.count()
        self.qtbot.waitUntil(lambda: window.pages_warm, timeout=10_000)
        self.activate(window)
        return window

    def activate(self, window: MainWindow) -> None:
        """Make the window the active one, so its keyboard shortcuts work."""
        handle = window.windowHandle()
        assert handle is not None
        handle.requestActivate()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is not None, timeout=3000)

    def close(self, window: MainWindow) -> None:
        """Close like the learner does, then release the database."""
        for pair in list(self.opened):
            if pair[0] is window:
                window.close()
                pair[1].close()
                self.opened.remove(pair)
                window.deleteLater()

    def __enter__(self) -> WindowOpener:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close_all()

    def close_all(self) -> None:
        for window, services in self.opened:
            window.close()
            services.close()
            window.deleteLater()
        self.opened.clear()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
