"""Starting the window: the QApplication, the services, the main window, and the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from roadmap_app.bootstrap import (
    DamagedDatabaseError,
    StorageError,
    is_read_only,
    open_services,
    restore_after_damage,
)
from roadmap_app.content import ContentError
from roadmap_app.desktop import APP_ID, ICON_SIZES
from roadmap_app.paths import AppPaths, resolve_paths
from roadmap_app.resources import resource
from roadmap_app.services import FAILURES, Services, UserError
from roadmap_app.startup import settle
from roadmap_app.ui.app.single_instance import SingleInstance
from roadmap_app.ui.window.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QPushButton


def application() -> QApplication:
    """The running QApplication, or a new one."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "roadmap-app"])
    app.setApplicationName("Roadmap")
    app.setApplicationDisplayName("Roadmap")
    app.setOrganizationName("Roadmap")
    # The desktop entry's name, so that desktops group the window with its menu entry.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The application's icon, drawn at each size from 16 to 256 pixels (the desktop entry has the SVG)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource("icons", f"roadmap-app-{size}.png")), QSize(size, size))
    return icon


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _fail(exc: BaseException) -> int:
    print(f"error: {_first_line(exc)}", file=sys.stderr)
    return 1


def _tell(interactive: bool, text: str, *, critical: bool = False) -> None:
    """A message box for the learner, or one line on stderr when nobody is there to click."""
    from PySide6.QtWidgets import QMessageBox  # only when something goes wrong

    if not interactive:
        print(f"roadmap-app: {text}", file=sys.stderr)
    elif critical:
        QMessageBox.critical(None, "Roadmap", text)
    else:
        QMessageBox.information(None, "Roadmap", text)


def damage_question(where: str) -> tuple[QMessageBox, QPushButton]:
    """Asks whether to restore the newest good backup; gives the box and its button that restores."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Roadmap: damaged database",
        f"{where}\n\nRestore the newest good backup now?\n\n"
        "Otherwise Roadmap starts with empty data; you can still restore a backup "
        "later with File → Restore from backup….",
    )
    box.setObjectName("damagedDatabaseQuestion")
    restore = box.addButton("&Restore backup", QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton("Start with &empty data", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(empty)
    return box, restore


def recover_from_damage(
    data_dir: str | Path | None, damage: DamagedDatabaseError, *, interactive: bool
) -> tuple[AppPaths, Services, str]:
    """After a damaged database was moved aside: restore the newest good backup (asked
    first when interactive), else start with an empty database. Returns a status note."""
    where = f"The database could not be read ({damage.problem}). It was moved, not deleted, to {damage.moved_to}."
    restore = True
    if interactive:
        box, restore_button = damage_question(where)
        box.exec()
        restore = box.clickedButton() is restore_button
        box.deleteLater()
    if restore:
        try:
            paths, services, info = restore_after_damage(data_dir)
        except UserError as exc:
            _tell(interactive, f"{where} No backup could be restored ({exc}); starting with empty data.")
        else:
            note = f"the database was damaged and moved to {damage.moved_to}; restored the backup {info.path.name}"
            if not interactive:
                print(f"roadmap-app: {note}", file=sys.stderr)
            return paths, services, f"Restored the backup {info.path.name}"
    paths, services = open_services(data_dir)
    return paths, services, "Started with empty data; the damaged database was kept"


def _open(args: argparse.Namespace, interactive: bool) -> tuple[AppPaths, Services, str] | int:
    """The services, with a note for the status bar, or an exit code."""
    try:
        try:
            paths, services = open_services(args.data_dir, roadmap_path=Path(args.roadmap) if args.roadmap else None)
            return paths, services, ""
        except DamagedDatabaseError as damage:
            return recover_from_damage(args.data_dir, damage, interactive=interactive)
    except StorageError as exc:  # a newer schema, a file that is not ours, a failed update
        if interactive:
            _tell(True, f"Roadmap cannot open your data.\n\n{exc}", critical=True)
        return _fail(exc)
    except (UserError, ContentError, RuntimeError, OSError) as exc:
        return _fail(exc)


def run_window(args: argparse.Namespace) -> int:
    """Open the window for the chosen (or last used) profile; returns the exit code.

    Only one window writes to a data folder: a second start asks the first to come to
    the front and returns 0 at once.
    """
    app = application()
    paths = resolve_paths(args.data_dir)
    if is_read_only(paths):
        # Nothing can be written there, the window's lock included; nothing can be changed
        # either, so a second window does no harm.
        return _run(app, args, None)
    try:
        paths.ensure()
    except OSError as exc:
        return _fail(exc)
    instance = SingleInstance(paths.data_dir)
    if not instance.acquire():
        return 0
    try:
        return _run(app, args, instance)
    finally:
        instance.release()
        instance.deleteLater()


def _run(app: QApplication, args: argparse.Namespace, instance: SingleInstance | None) -> int:
    exit_early = bool(getattr(args, "exit_after_startup", False))
    opened = _open(args, interactive=not exit_early)
    if isinstance(opened, int):
        return opened
    paths, services, note = opened
    try:
        first_run = services.profiles.count() == 0
        profile = services.profiles.current(args.profile)
        if args.profile and not services.read_only:
            # Only a chosen profile is a change worth remembering (and backing up on close).
            services.profiles.use(profile.id)
    except FAILURES as exc:
        services.close()
        return _fail(exc)
    window = MainWindow(services, paths, profile, first_run=first_run and not exit_early)
    if instance is not None:
        instance.activation_requested.connect(window.bring_to_front)
    if services.read_only:
        note = services.read_only_note()
    if note:
        window.show_message(note)
    window.first_painted.connect(settle)  # the start is over (see roadmap_app.startup)
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
