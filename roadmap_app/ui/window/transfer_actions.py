"""File → Export profile… and File → Import profile…: a learner's data to a file and back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from roadmap_app.domain.model import Profile
from roadmap_app.services import FAILURES
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator

FOLDER_KEY = "transfer/folder"
FILTER = "Roadmap export (*.json);;All files (*)"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# The services word some errors for the command line ("… with -o", "… with --as NAME",
# "… a file made by 'roadmap-app export'"); the window gives its own advice.
_COMMAND_HINT = re.compile(r";[^;]*(?:\s-o\b|\s--[a-z]|roadmap-app)[^;]*$")


class _Cancelled(Exception):
    """The learner closed a question: nothing is done, and nothing is said."""


def export_file_name(profile_name: str) -> str:
    """``<profile>.json``, with the characters no file name may hold replaced."""
    stem = _UNSAFE.sub("-", profile_name).strip(" .-")
    return f"{stem or 'profile'}.json"


def for_the_window(error: Exception) -> str:
    """A service's one-line error, without advice meant for the command line."""
    return _COMMAND_HINT.sub("", str(error).splitlines()[0] if str(error) else type(error).__name__)


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


class ProfileTransfer:
    """Exports the current profile and imports a file as a new profile.

    The file and name questions are attributes, so they can be answered without a dialog:
    ``choose_export_path(default_name)``, ``choose_import_path()`` and
    ``choose_name(suggested, taken)`` each return None when the learner cancels.
    """

    def __init__(self, ctx: LearnerContext, navigator: Navigator, settings: QSettings, parent: QWidget) -> None:
        self.ctx = ctx
        self.navigator = navigator
        self.settings = settings
        self.parent = parent
        self.choose_export_path: Callable[[str], Path | None] = self._ask_export_path
        self.choose_import_path: Callable[[], Path | None] = self._ask_import_path
        self.choose_name: Callable[[str, str], str | None] = self._ask_name
        #: The last error shown, kept so it is not collected while on screen.
        self.error_box: QMessageBox | None = None

    # --- export ---------------------------------------------------------------------------

    def export_profile(self) -> Path | None:
        """Write the current profile to a file the learner chooses; the file written, or None."""
        self.navigator.flush()
        profile = self.ctx.profile
        path = self.choose_export_path(export_file_name(profile.name))
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(".json")
        try:
            self.ctx.services.transfer.write_export(profile.id, path)
        except FAILURES as exc:
            self._fail("Export profile", f"“{profile.name}” was not exported: {for_the_window(exc)}.")
            return None
        self._remember_folder(path)
        self.navigator.show_message(f"Exported “{profile.name}” to {path}")
        return path

    # --- import ---------------------------------------------------------------------------

    def import_profile(self) -> Profile | None:
        """Add the profile in a file the learner chooses, and open it; None if nothing was imported."""
        path = self.choose_import_path()
        if path is None:
            return None
        transfer = self.ctx.services.transfer
        try:
            document = transfer.read_document(path)
            name = self._free_name(document)
            profile = transfer.import_profile(document, name)
        except _Cancelled:
            return None
        except FAILURES as exc:
            self._fail(
                "Import profile",
                f"Nothing was imported from {path.name}: {for_the_window(exc)}.\n\n"
                "Choose a file made with File → Export profile… (or the export command).",
            )
            return None
        self._remember_folder(path)
        self.navigator.flush()
        self.ctx.switch_profile(profile.id)
        self.navigator.show_message(f"Imported “{profile.name}” from {path.name}")
        return profile

    def _free_name(self, document: dict[str, Any]) -> str | None:
        """None for the document's own profile name, or another one asked for while that is taken."""
        meta = document.get("profile")
        name = meta.get("name") if isinstance(meta, dict) else None
        if not isinstance(name, str):
            return None  # the import itself says what is wrong with the file
        taken = {_same_name(p.name) for p in self.ctx.services.profiles.all()}
        wanted = name
        while _same_name(wanted) in taken:
            answer = self.choose_name(self._unused(name, taken), wanted)
            if answer is None:
                raise _Cancelled
            wanted = answer
        return None if wanted == name else wanted

    @staticmethod
    def _unused(name: str, taken: set[str]) -> str:
        number = 2
        while _same_name(f"{name} ({number})") in taken:
            number += 1
        return f"{name} ({number})"

    # --- the questions, and what went wrong --------------------------------------------------

    def _folder(self) -> Path:
        saved = self.settings.value(FOLDER_KEY)
        if isinstance(saved, str) and Path(saved).is_dir():
            return Path(saved)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _remember_folder(self, path: Path) -> None:
        self.settings.setValue(FOLDER_KEY, str(path.parent))

    def _ask_export_path(self, default_name: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.parent, "Export profile", str(self._folder() / default_name), FILTER
        )
        return Path(chosen) if chosen else None

    def _ask_import_path(self) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(self.parent, "Import profile", str(self._folder()), FILTER)
        return Path(chosen) if chosen else None

    def _ask_name(self, suggested: str, taken: str) -> str | None:
        value, ok = QInputDialog.getText(
            self.parent,
            "Import profile",
            f"A profile named “{taken}” already exists.\nName of the imported learner:",
            text=suggested,
        )
        return value if ok else None

    def _fail(self, title: str, message: str) -> None:
        if self.error_box is not None:
            self.error_box.deleteLater()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.parent)
        box.setObjectName("transferError")
        self.error_box = box
        box.open()
