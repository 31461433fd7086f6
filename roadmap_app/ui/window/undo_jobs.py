"""Undoable changes to job applications: each pairs a call of the job service with the one
that takes it back (an add with a delete, a delete with a restore of the same record and id,
an edit with put_back, a stage change with its removal from the timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_app.domain.jobs import Application
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.services.jobs import JobService
    from roadmap_app.ui.window.context import LearnerContext

#: A job change touches the page and the job-search next actions.
JOB_CHANGE = Change.JOBS | Change.SUGGESTIONS


def _jobs(ctx: LearnerContext) -> JobService:
    return ctx.services.jobs


class JobCommand(ServiceCommand):
    """A change to one application: the page re-reads that application alone (see
    LearnerContext.changed_record), not all of them."""

    change = JOB_CHANGE

    def touched(self, application_id: int) -> None:
        """Called by apply and revert once the application changed is known."""
        self.ctx.changed_record = ("application", application_id)

    def redo(self) -> None:
        try:
            super().redo()
        finally:
            self.ctx.changed_record = None

    def undo(self) -> None:
        try:
            super().undo()
        finally:
            self.ctx.changed_record = None


class AddJobRecordCommand(JobCommand):
    """Adds an application, or a part of one (a stage change, an interview, a contact, a note).

    ``part`` names the service's verbs: "" for the application itself (add / delete /
    restore), "stage" (set_stage / delete_stage_change / restore_stage_change), and
    "interview", "contact", "note" (add_X / delete_X / restore_X). Redo after an undo
    restores the same record, with its id and UUID.
    """

    def __init__(self, ctx: LearnerContext, text: str, part: str, *args: Any, **fields: Any) -> None:
        super().__init__(ctx, text)
        self.part = part
        self.args = args
        self.fields = fields
        self.added: Any | None = None

    def _verbs(self) -> tuple[str, str, str]:
        if not self.part:
            return "add", "delete", "restore"
        if self.part == "stage":
            return "set_stage", "delete_stage_change", "restore_stage_change"
        return f"add_{self.part}", f"delete_{self.part}", f"restore_{self.part}"

    def apply(self) -> None:
        add, _delete, restore = self._verbs()
        jobs = _jobs(self.ctx)
        if self.added is None:
            self.added = getattr(jobs, add)(self.profile_id, *self.args, **self.fields)
        else:
            self.added = getattr(jobs, restore)(self.profile_id, self.added)
        self.touched(_application_of(self.added))

    def revert(self) -> None:
        assert self.added is not None
        _add, delete, _restore = self._verbs()
        self.added = getattr(_jobs(self.ctx), delete)(self.profile_id, self.added.id)
        self.touched(_application_of(self.added))

    @property
    def application_id(self) -> int | None:
        """The application the change was made on, once made (to keep it selected)."""
        return None if self.added is None else _application_of(self.added)


def _application_of(record: Any) -> int:
    """The id of an application, or of the application a stage, interview, contact or note is part of."""
    return record.id if isinstance(record, Application) else int(record.application_id)


class DeleteJobRecordCommand(JobCommand):
    """Deletes an application or a part of it (``part`` as for AddJobRecordCommand); undo restores it."""

    def __init__(self, ctx: LearnerContext, text: str, part: str, record_id: int) -> None:
        super().__init__(ctx, text)
        self.part = part
        self.record_id = record_id
        self.gone: Any | None = None

    def _verbs(self) -> tuple[str, str]:
        if not self.part:
            return "delete", "restore"
        if self.part == "stage":
            return "delete_stage_change", "restore_stage_change"
        return f"delete_{self.part}", f"restore_{self.part}"

    def apply(self) -> None:
        self.gone = getattr(_jobs(self.ctx), self._verbs()[0])(self.profile_id, self.record_id)
        self.touched(_application_of(self.gone))

    def revert(self) -> None:
        assert self.gone is not None
        getattr(_jobs(self.ctx), self._verbs()[1])(self.profile_id, self.gone)
        self.touched(_application_of(self.gone))


class EditApplicationCommand(JobCommand):
    def __init__(self, ctx: LearnerContext, application_id: int, shown_as: str, **fields: Any) -> None:
        super().__init__(ctx, f"Edit the application “{shown_as}”")
        self.application_id = application_id
        self.fields = fields
        self.before: Application | None = None

    def apply(self) -> None:
        change = _jobs(self.ctx).update(self.profile_id, self.application_id, **self.fields)
        if self.before is None:
            self.before = change.before
        self.touched(self.application_id)

    def revert(self) -> None:
        assert self.before is not None
        _jobs(self.ctx).put_back(self.profile_id, self.before)
        self.touched(self.application_id)


class EditJobNoteCommand(JobCommand):
    def __init__(self, ctx: LearnerContext, note_id: int, text: str) -> None:
        super().__init__(ctx, "Edit a note on an application")
        self.note_id = note_id
        self.note_text = text
        self.before_text: str | None = None

    def apply(self) -> None:
        change = _jobs(self.ctx).update_note(self.profile_id, self.note_id, self.note_text)
        if self.before_text is None:
            self.before_text = change.before.text
        self.touched(change.before.application_id)

    def revert(self) -> None:
        assert self.before_text is not None
        note = _jobs(self.ctx).update_note(self.profile_id, self.note_id, self.before_text).after
        self.touched(note.application_id)
