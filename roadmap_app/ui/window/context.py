"""The learner the window works for: services, current profile, undo stack and change signals."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roadmap_app.domain.model import Profile
from roadmap_app.domain.suggestion_types import Suggestion
from roadmap_app.services import FAILURES, Services, UserError

POLL_INTERVAL_MS = 1000
RETRY_INTERVAL_MS = 5000
UNDO_LIMIT = 100


class Change(enum.Flag):
    """What a change touched, so each page refreshes only what it shows."""

    PROGRESS = enum.auto()
    PORTFOLIO = enum.auto()
    PROFILE = enum.auto()
    SUGGESTIONS = enum.auto()
    TIME = enum.auto()
    JOBS = enum.auto()
    RESOURCES = enum.auto()
    ALL = PROGRESS | PORTFOLIO | PROFILE | SUGGESTIONS | TIME | JOBS | RESOURCES


class LearnerContext(QObject):
    """Shared by every page of one window; built by the main window, passed down."""

    changed = Signal(object)  # a Change
    external_change = Signal()  # another process wrote to the database
    unsaved_changed = Signal()  # a note was kept unsaved, or saved at last
    profile_switched = Signal()
    failed = Signal(str)
    painted = Signal()  # the window has shown the learner's data for the first time

    def __init__(self, services: Services, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._set_profile(profile)  # the pages read the roadmap with this profile's own items
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._painted = False
        self._unreachable = False
        # Taken right after the first paint (``watch_from_now``): until then the window reads
        # through the driver alone, and the counter is read through SQLAlchemy's connection.
        self._data_version: int | None = None
        #: While a change is told: the one record it was made on, as (kind, id), when a
        #: command says so, so that a page may re-read that record alone; else None.
        self.changed_record: tuple[str, int] | None = None
        #: Text typed but refused by the disk, by what it belongs to, until it is saved.
        self.unsaved: dict[str, tuple[str, Callable[[str], QUndoCommand]]] = {}
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_INTERVAL_MS)
        self._retry_timer.timeout.connect(self.save_unsaved)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_INTERVAL_MS)
        self._poll_timer.timeout.connect(self.poll)

    # --- the profile ------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        return self._profile

    def _set_profile(self, profile: Profile) -> None:
        self._profile = profile
        self.services.use_profile(profile.id)

    @property
    def profile_id(self) -> int:
        return self._profile.id

    def reload_profile(self) -> None:
        """Re-read the profile (goal, name) after a change."""
        try:
            self._set_profile(self.services.profiles.get(self._profile.id))
        except UserError:
            self._set_profile(self.services.profiles.current())
            self.undo_stack.clear()
            self.profile_switched.emit()

    def switch_profile(self, profile_id: int) -> bool:
        """Open another profile; its undo history starts empty. False (and a message) when refused.

        Read-only data is switched in the window only: which profile opens next is not stored.
        """
        profiles = self.services.profiles
        try:
            self._set_profile(profiles.get(profile_id) if self.services.read_only else profiles.use(profile_id))
        except FAILURES as exc:
            self.report(exc)
            return False
        self.undo_stack.clear()
        self.profile_switched.emit()
        return True

    def reload_all(self) -> None:
        """Everything may have changed (a restored backup): re-read the profile, forget undo, refresh every page."""
        try:
            self._set_profile(self.services.profiles.get(self._profile.id))
        except UserError:
            self._set_profile(self.services.profiles.current())
        self.services.roadmaps.changed()
        self.undo_stack.clear()
        if self.unsaved:
            # The data was replaced (a restored backup): text kept for the old data is not
            # saved over it. Said, so that the learner can type it again where it belongs.
            self.report(RuntimeError(f"{len(self.unsaved)} unsaved note(s) were not saved into the restored data"))
            self.unsaved.clear()
            self._retry_timer.stop()
            self.unsaved_changed.emit()
        self._data_version = self._read_version()
        self.profile_switched.emit()
        self.changed.emit(Change.ALL)

    @property
    def window_painted(self) -> bool:
        """Whether the window has been painted once: costly work may wait for it."""
        return self._painted

    def mark_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.painted.emit()

    # --- changes --------------------------------------------------------------------

    def run(self, command: QUndoCommand) -> bool:
        """Do a change through the undo stack; False (and a message) when it was refused."""
        self.undo_stack.push(command)
        return not getattr(command, "failed", False)

    def notify(self, change: Change) -> None:
        if change & Change.PROFILE:
            self.reload_profile()
        self.changed.emit(change)

    # --- text that could not be saved yet ---------------------------------------------

    def keep_unsaved(self, key: str, text: str, retry: Callable[[str], QUndoCommand]) -> None:
        # ``key`` names the profile too (see undo.item_note_key): a retry saves into the
        # profile the text was typed in, whichever is open by then.
        """Text whose save was refused (a full disk, a read-only folder): kept, and tried
        again every few seconds through ``retry(text)``, a change like any other."""
        self.unsaved[key] = (text, retry)
        if not self._retry_timer.isActive():
            self._retry_timer.start()
        self.unsaved_changed.emit()

    def forget_unsaved(self, key: str) -> None:
        if self.unsaved.pop(key, None) is not None:
            if not self.unsaved:
                self._retry_timer.stop()
            self.unsaved_changed.emit()

    def kept_text(self, key: str, saved: str) -> tuple[str, bool]:
        """What an editor shows: the text kept unsaved (and True), else the saved text."""
        kept = self.unsaved.get(key)
        return (kept[0], True) if kept is not None else (saved, False)

    def save_unsaved(self) -> None:
        """Try the kept texts again; stop at the first still refused (its message is shown)."""
        for text, retry in list(self.unsaved.values()):
            if not self.run(retry(text)):
                return

    def report(self, error: Exception) -> None:
        self.failed.emit(str(error).splitlines()[0] if str(error) else type(error).__name__)

    # --- watching for changes from other processes --------------------------------------

    def _read_version(self) -> int:
        try:
            version = self.services.data_version()
        except FAILURES as exc:
            # A vanished folder, an unplugged drive: said once, not every second.
            if not self._unreachable:
                self._unreachable = True
                self.report(exc)
            return -1
        except Exception:  # a locked file must not stop the window
            return -1
        self._unreachable = False
        return version

    def watch_from_now(self) -> None:
        """Take the change counter that later polls compare with."""
        self._data_version = self._read_version()

    def start_watching(self) -> None:
        self._poll_timer.start()

    def stop_watching(self) -> None:
        self._poll_timer.stop()

    def poll(self) -> bool:
        """Reload when the database changed under us; True when it did."""
        version = self._read_version()
        if self._data_version is None:
            self._data_version = version
            return False
        if version == self._data_version or version == -1:
            return False
        self._data_version = version
        self.services.roadmaps.changed()  # another process may have added or removed an own item
        self.reload_profile()
        self.external_change.emit()
        self.changed.emit(Change.ALL)
        return True

    # --- next actions -------------------------------------------------------------------

    def next_actions(self, limit: int | None = None) -> list[Suggestion]:
        """The ranked suggestions for the current profile."""
        return self.services.suggestions.next_actions(self.profile_id, limit=limit)

    def snooze(self, suggestion: Suggestion, days: int = 7) -> None:
        try:
            self.services.suggestions.snooze(self.profile_id, suggestion.key, days=days)
        except FAILURES as exc:
            self.report(exc)
            return
        self.changed.emit(Change.SUGGESTIONS)

    def dismiss(self, suggestion: Suggestion) -> None:
        try:
            self.services.suggestions.dismiss(self.profile_id, suggestion)
        except FAILURES as exc:
            self.report(exc)
            return
        self.changed.emit(Change.SUGGESTIONS)
