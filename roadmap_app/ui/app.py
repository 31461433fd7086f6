"""Starting the window: the QApplication, the services, the main window, and the exit code."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from roadmap_app.bootstrap import open_services
from roadmap_app.content import ContentError
from roadmap_app.services import UserError
from roadmap_app.ui.main_window import MainWindow


def application() -> QApplication:
    """The running QApplication, or a new one."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "roadmap-app"])
    app.setApplicationName("Roadmap")
    app.setApplicationDisplayName("Roadmap")
    app.setDesktopFileName("roadmap-app")
    return app


def _fail(exc: BaseException) -> int:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    print(f"error: {message}", file=sys.stderr)
    return 1


def run_window(args: argparse.Namespace) -> int:
    """Open the window for the chosen (or last used) profile; returns the exit code."""
    app = application()
    try:
        paths, services = open_services(args.data_dir)
    except (UserError, ContentError, RuntimeError, OSError) as exc:
        return _fail(exc)
    try:
        first_run = services.profiles.count() == 0
        profile = services.profiles.current(args.profile)
        services.profiles.use(profile.id)
    except UserError as exc:
        services.close()
        return _fail(exc)
    exit_early = bool(getattr(args, "exit_after_startup", False))
    window = MainWindow(services, paths, profile, first_run=first_run and not exit_early)
    if exit_early:
        window.first_painted.connect(lambda: QTimer.singleShot(0, window.close))
    window.closed.connect(app.quit)
    code = 0
    window.show()
    try:
        code = app.exec()
    finally:
        window.close()
        window.deleteLater()
        # Delete the window now: a reused QApplication must not keep it as a hidden top level.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        services.close()
    return code
