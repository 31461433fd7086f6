"""Undoable changes to study time: logging, the timer's stop, deleting a session."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from roadmap_app.domain.study import StudySession
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext


class LogTimeCommand(ServiceCommand):
    """Log a study session; undo deletes it, redo brings the same session back."""

    change = Change.TIME | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, minutes: int, subject: str, day: date | None, note: str) -> None:
        super().__init__(ctx, f"Log {minutes} min")
        self.args = (minutes, subject, day, note)
        self.logged: StudySession | None = None

    def apply(self) -> None:
        study = self.ctx.services.study
        if self.logged is None:
            minutes, subject, day, note = self.args
            self.logged = study.log(self.profile_id, minutes, subject, day=day, note=note)
        else:
            study.restore(self.profile_id, self.logged)

    def revert(self) -> None:
        assert self.logged is not None
        self.ctx.services.study.delete(self.profile_id, self.logged.id)


class StopTimerCommand(LogTimeCommand):
    """Stop the timer and log its time; undo deletes the logged session."""

    def __init__(self, ctx: LearnerContext, note: str = "") -> None:
        super().__init__(ctx, 0, "", None, note)
        self.setText("Stop the timer")

    def apply(self) -> None:
        study = self.ctx.services.study
        if self.logged is None:
            self.logged = study.stop_timer(self.profile_id, self.args[3])
            if self.logged is None:
                self.setObsolete(True)  # under half a minute: nothing logged, nothing to undo
        else:
            study.restore(self.profile_id, self.logged)


class DeleteSessionCommand(ServiceCommand):
    change = Change.TIME | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, session_id: int) -> None:
        super().__init__(ctx, "Delete a study session")
        self.session_id = session_id
        self.gone: StudySession | None = None

    def apply(self) -> None:
        self.gone = self.ctx.services.study.delete(self.profile_id, self.session_id)

    def revert(self) -> None:
        assert self.gone is not None
        self.ctx.services.study.restore(self.profile_id, self.gone)
