"""The learner the window works for: services, current profile, undo stack and change signals."""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roadmap_app.domain.model import ItemState, Profile
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.services import Services, UserError

POLL_INTERVAL_MS = 1000
UNDO_LIMIT = 100


class Change(enum.Flag):
    """What a change touched, so each page refreshes only what it shows."""

    PROGRESS = enum.auto()
    PORTFOLIO = enum.auto()
    PROFILE = enum.auto()
    SUGGESTIONS = enum.auto()
    ALL = PROGRESS | PORTFOLIO | PROFILE | SUGGESTIONS


class LearnerContext(QObject):
    """Shared by every page of one window; built by the main window, passed down."""

    changed = Signal(object)  # a Change
    external_change = Signal()  # another process wrote to the database
    profile_switched = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._profile = profile
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._hidden_fallbacks: set[str] = set()
        self._data_version = self._read_version()
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_INTERVAL_MS)
        self._poll_timer.timeout.connect(self.poll)

    # --- the profile ------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        return self._profile

    @property
    def profile_id(self) -> int:
        return self._profile.id

    def reload_profile(self) -> None:
        """Re-read the profile (goal, name) after a change."""
        try:
            self._profile = self.services.profiles.get(self._profile.id)
        except UserError:
            self._profile = self.services.profiles.current()
            self.undo_stack.clear()
            self.profile_switched.emit()

    def switch_profile(self, profile_id: int) -> None:
        """Open another profile; its undo history starts empty."""
        self._profile = self.services.profiles.use(profile_id)
        self.undo_stack.clear()
        self._hidden_fallbacks.clear()
        self.profile_switched.emit()

    def reload_all(self) -> None:
        """Everything may have changed (a restored backup): re-read the profile, forget undo, refresh every page."""
        try:
            self._profile = self.services.profiles.get(self._profile.id)
        except UserError:
            self._profile = self.services.profiles.current()
        self.undo_stack.clear()
        self._hidden_fallbacks.clear()
        self._data_version = self._read_version()
        self.profile_switched.emit()
        self.changed.emit(Change.ALL)

    # --- changes --------------------------------------------------------------------

    def run(self, command: QUndoCommand) -> bool:
        """Do a change through the undo stack; False (and a message) when it was refused."""
        self.undo_stack.push(command)
        return not getattr(command, "failed", False)

    def notify(self, change: Change) -> None:
        if change & Change.PROFILE:
            self.reload_profile()
        self.changed.emit(change)

    def report(self, error: Exception) -> None:
        self.failed.emit(str(error).splitlines()[0] if str(error) else type(error).__name__)

    # --- watching for changes from other processes --------------------------------------

    def _read_version(self) -> int:
        try:
            return self.services.data_version()
        except Exception:  # a locked or vanished file must not stop the window
            return -1

    def start_watching(self) -> None:
        self._poll_timer.start()

    def stop_watching(self) -> None:
        self._poll_timer.stop()

    def poll(self) -> bool:
        """Reload when the database changed under us; True when it did."""
        version = self._read_version()
        if version == self._data_version or version == -1:
            return False
        self._data_version = version
        self.reload_profile()
        self.external_change.emit()
        self.changed.emit(Change.ALL)
        return True

    # --- next actions -------------------------------------------------------------------

    @property
    def has_suggestion_service(self) -> bool:
        return getattr(self.services, "suggestions", None) is not None

    def next_actions(self, limit: int | None = None) -> list[Suggestion]:
        """The ranked suggestions, or the next open task of the current step as a stand-in."""
        engine = getattr(self.services, "suggestions", None)
        if engine is not None:
            found: list[Suggestion] = engine.next_actions(self.profile_id, limit=limit)
            return found
        fallback = self._next_task_suggestion()
        return [fallback] if fallback and fallback.key not in self._hidden_fallbacks else []

    def _next_task_suggestion(self) -> Suggestion | None:
        states = self.services.progress.states(self.profile_id)
        summary = self.services.progress.summary(self.profile_id, self._profile.current_step_id)
        step = summary.current_step
        for task in step.tasks:
            found = states.get(task.id)
            state = found.state if found else ItemState.TODO
            if state in (ItemState.DONE, ItemState.SKIPPED):
                continue
            started = state is ItemState.IN_PROGRESS
            return Suggestion(
                key=f"next-task:{task.id}",
                title=f"{'Finish' if started else 'Start'}: {task.title}",
                reason=(
                    f"It is the next open task of step {step.number}, “{step.title}”, "
                    f"and you have {'already started' if started else 'not started'} it."
                ),
                priority=50,
                action=Action(
                    ActionKind.SET_STATE,
                    task.id,
                    ItemState.DONE.value if started else ItemState.IN_PROGRESS.value,
                    "Mark done" if started else "Start",
                ),
                rule="next-task",
            )
        return None

    def snooze(self, suggestion: Suggestion, days: int = 7) -> None:
        engine = getattr(self.services, "suggestions", None)
        if engine is None:
            self._hidden_fallbacks.add(suggestion.key)
        else:
            engine.snooze(self.profile_id, suggestion.key, days=days)
        self.changed.emit(Change.SUGGESTIONS)

    def dismiss(self, suggestion: Suggestion) -> None:
        engine = getattr(self.services, "suggestions", None)
        if engine is None:
            self._hidden_fallbacks.add(suggestion.key)
        else:
            engine.dismiss(self.profile_id, suggestion)
        self.changed.emit(Change.SUGGESTIONS)
