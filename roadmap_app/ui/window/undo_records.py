"""Undoable changes to credentials and experience: each pairs a service call with the one
that takes it back (delete with restore, an edit with put_back)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_app.domain.records import Credential, Experience, ExperienceNote
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

Record = Credential | Experience


def _service(ctx: LearnerContext, kind: str) -> Any:
    """The credential or the experience service: both have the same calls."""
    return ctx.services.credentials if kind == "credential" else ctx.services.experience


class AddRecordCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, record_kind: str, title: str, **fields: Any) -> None:
        super().__init__(ctx, f"Add {record_kind} “{' '.join(title.split())}”")
        self.record_kind = record_kind
        self.title = title
        self.fields = fields
        self.added: Record | None = None

    def apply(self) -> None:
        service = _service(self.ctx, self.record_kind)
        if self.added is None:
            self.added = service.add(self.profile_id, self.title, **self.fields)
        else:  # redo after an undo: the same record, with the same id and UUID
            service.restore(self.profile_id, self.added)

    def revert(self) -> None:
        assert self.added is not None
        self.added = _service(self.ctx, self.record_kind).delete(self.profile_id, self.added.id)


class UpdateRecordCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, record_kind: str, record_id: int, shown_as: str, **fields: Any) -> None:
        super().__init__(ctx, f"Edit {record_kind} “{shown_as}”")
        self.record_kind = record_kind
        self.record_id = record_id
        self.fields = fields
        self.before: Record | None = None

    def apply(self) -> None:
        change = _service(self.ctx, self.record_kind).update(self.profile_id, self.record_id, **self.fields)
        if self.before is None:
            self.before = change.before

    def revert(self) -> None:
        assert self.before is not None
        _service(self.ctx, self.record_kind).put_back(self.profile_id, self.before)


class DeleteRecordCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, record_kind: str, record_id: int, title: str) -> None:
        super().__init__(ctx, f"Delete {record_kind} “{title}”")
        self.record_kind = record_kind
        self.record_id = record_id
        self.gone: Record | None = None

    def apply(self) -> None:
        self.gone = _service(self.ctx, self.record_kind).delete(self.profile_id, self.record_id)

    def revert(self) -> None:
        assert self.gone is not None
        _service(self.ctx, self.record_kind).restore(self.profile_id, self.gone)


class AddExperienceNoteCommand(ServiceCommand):
    """A dated note on an experience; undo deletes it, redo brings the same note back."""

    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, experience_id: int, text: str) -> None:
        super().__init__(ctx, "Add an experience note")
        self.experience_id = experience_id
        self.note_text = text
        self.note: ExperienceNote | None = None

    def apply(self) -> None:
        experience = self.ctx.services.experience
        if self.note is None:
            self.note = experience.add_note(self.profile_id, self.experience_id, self.note_text)
        else:
            self.note = experience.restore_note(self.profile_id, self.note)

    def revert(self) -> None:
        assert self.note is not None
        self.note = self.ctx.services.experience.delete_note(self.profile_id, self.note.id)


class UpdateExperienceNoteCommand(ServiceCommand):
    """A note's text, saved as one change (the notes form saves on a button, not as you type)."""

    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, note_id: int, text: str) -> None:
        super().__init__(ctx, "Edit an experience note")
        self.note_id = note_id
        self.note_text = text
        self.before_text: str | None = None

    def apply(self) -> None:
        change = self.ctx.services.experience.update_note(self.profile_id, self.note_id, self.note_text)
        if self.before_text is None:
            self.before_text = change.before.text

    def revert(self) -> None:
        assert self.before_text is not None
        self.ctx.services.experience.update_note(self.profile_id, self.note_id, self.before_text)


class DeleteExperienceNoteCommand(ServiceCommand):
    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, note_id: int) -> None:
        super().__init__(ctx, "Delete an experience note")
        self.note_id = note_id
        self.gone: ExperienceNote | None = None

    def apply(self) -> None:
        self.gone = self.ctx.services.experience.delete_note(self.profile_id, self.note_id)

    def revert(self) -> None:
        assert self.gone is not None
        self.ctx.services.experience.restore_note(self.profile_id, self.gone)
