"""Undoable changes: each pairs a service call with the call that takes it back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from roadmap_app.domain.model import ItemState, Profile, Progress, Project, ProjectNote
from roadmap_app.services import FAILURES

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

from roadmap_app.ui.window.context import Change

_NOTE_TYPING_ID = 1001
_ITEM_NOTE_TYPING_ID = 1002


def item_note_key(profile_id: int, item_id: str) -> str:
    """Where a task's or skill's note waits while it cannot be saved (see LearnerContext.unsaved)."""
    return f"{profile_id}:item-note:{item_id}"


def project_note_key(profile_id: int, note_id: int) -> str:
    return f"{profile_id}:project-note:{note_id}"


def project_summary_key(profile_id: int, project_id: int) -> str:
    return f"{profile_id}:project-summary:{project_id}"


C = TypeVar("C", bound="ServiceCommand")


def for_profile(command: C, profile_id: int) -> C:
    """A command for the profile the text was typed in, whichever is open now."""
    command.profile_id = profile_id
    return command


class ServiceCommand(QUndoCommand):
    """A change made through the services; refused changes leave no trace on the stack."""

    change = Change.ALL

    def __init__(self, ctx: LearnerContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.profile_id = ctx.profile_id
        self.failed = False
        self._done_once = False
        self._undo_refused = False

    def redo(self) -> None:
        if self._undo_refused:
            # The stack steps forward again after an undo that was refused: nothing to redo.
            self._undo_refused = False
            return
        try:
            self.apply()
        except FAILURES as exc:
            self.failed = True
            self.setObsolete(True)
            self.ctx.report(exc)
            return
        self._done_once = True
        self.ctx.notify(self.change)

    def undo(self) -> None:
        try:
            self.revert()
        except FAILURES as exc:
            self.ctx.report(exc)
            # Nothing was taken back (a full disk): put the stack's place back on this change,
            # so that Ctrl+Z tries it again rather than skipping it.
            self._undo_refused = True
            QTimer.singleShot(0, self.ctx.undo_stack.redo)
            return
        self.ctx.notify(self.change)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class SetStateCommand(ServiceCommand):
    change = Change.PROGRESS | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, item_id: str, state: ItemState) -> None:
        title = ctx.services.roadmap.item(item_id)
        super().__init__(ctx, f"Mark “{title.title if title else item_id}” {state.label.lower()}")
        self.item_id = item_id
        self.state = state
        self.before: Progress | None = None

    def apply(self) -> None:
        change = self.ctx.services.progress.set_state(self.profile_id, self.item_id, self.state)
        if self.before is None:
            self.before = change.before

    def revert(self) -> None:
        assert self.before is not None
        current = self.ctx.services.progress.get(self.profile_id, self.item_id)
        # Only the state goes back: a note typed since stays.
        self.ctx.services.progress.restore(self.profile_id, _with_state(current, self.before.state))


def _with_state(progress: Progress, state: ItemState) -> Progress:
    return Progress(progress.item_id, state, progress.note, progress.updated_at)


class SetItemNoteCommand(ServiceCommand):
    """Typing in a task's or skill's note; consecutive saves merge into one undo step."""

    change = Change.PROGRESS

    def __init__(self, ctx: LearnerContext, item_id: str, note: str) -> None:
        title = ctx.services.roadmap.item(item_id)
        super().__init__(ctx, f"Edit the note on “{title.title if title else item_id}”")
        self.item_id = item_id
        self.note = note
        self.before_note: str | None = None

    def apply(self) -> None:
        try:
            change = self.ctx.services.progress.set_note(self.profile_id, self.item_id, self.note)
        except FAILURES:
            # What was typed is not lost: the window keeps it and saves it again when it can.
            ctx, item_id = self.ctx, self.item_id  # the refused command itself is dropped
            profile_id = self.profile_id
            self.ctx.keep_unsaved(
                item_note_key(profile_id, item_id),
                self.note,
                lambda text: for_profile(SetItemNoteCommand(ctx, item_id, text), profile_id),
            )
            raise
        self.ctx.forget_unsaved(item_note_key(self.profile_id, self.item_id))
        if self.before_note is None:
            self.before_note = change.before.note

    def revert(self) -> None:
        assert self.before_note is not None
        self.ctx.services.progress.set_note(self.profile_id, self.item_id, self.before_note)

    def id(self) -> int:
        return _ITEM_NOTE_TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetItemNoteCommand) or other.item_id != self.item_id or other.failed:
            return False
        self.note = other.note
        return True


class AddProjectCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, text: str, create: Callable[[], Project]) -> None:
        super().__init__(ctx, text)
        self._create = create
        self.project: Project | None = None

    def apply(self) -> None:
        portfolio = self.ctx.services.portfolio
        if self.project is None:
            self.project = self._create()
        else:
            self.project = portfolio.restore(self.profile_id, self.project)

    def revert(self) -> None:
        assert self.project is not None
        self.project = self.ctx.services.portfolio.delete(self.profile_id, self.project.id)


class DeleteProjectCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, project_id: int, title: str) -> None:
        super().__init__(ctx, f"Delete project “{title}”")
        self.project_id = project_id
        self.gone: Project | None = None

    def apply(self) -> None:
        self.gone = self.ctx.services.portfolio.delete(self.profile_id, self.project_id)

    def revert(self) -> None:
        assert self.gone is not None
        self.ctx.services.portfolio.restore(self.profile_id, self.gone)


class UpdateProjectCommand(ServiceCommand):
    """Changes some fields; undo puts back only the fields this change touched."""

    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, project_id: int, text: str, **fields: Any) -> None:
        super().__init__(ctx, text)
        self.project_id = project_id
        self.fields = fields
        self.before: dict[str, Any] | None = None

    def apply(self) -> None:
        summary_only = set(self.fields) == {"summary"}
        try:
            change = self.ctx.services.portfolio.update(self.profile_id, self.project_id, **self.fields)
        except FAILURES:
            if summary_only:  # typed text: kept, and saved again when it can be
                ctx, project_id, label, profile_id = self.ctx, self.project_id, self.text(), self.profile_id
                self.ctx.keep_unsaved(
                    project_summary_key(profile_id, project_id),
                    self.fields["summary"],
                    lambda summary: for_profile(
                        UpdateProjectCommand(ctx, project_id, label, summary=summary), profile_id
                    ),
                )
            raise
        if summary_only:
            self.ctx.forget_unsaved(project_summary_key(self.profile_id, self.project_id))
        if self.before is None:
            touched = [
                k
                for k in ("title", "summary", "status", "repo_url", "demo_url", "started_on", "finished_on")
                if getattr(change.before, k) != getattr(change.after, k)
            ]
            self.before = {k: getattr(change.before, k) for k in touched}

    def revert(self) -> None:
        if self.before:
            self.ctx.services.portfolio.update(self.profile_id, self.project_id, **self.before)


class SetProjectSkillsCommand(ServiceCommand):
    change = Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, project_id: int, skill_ids: list[str]) -> None:
        super().__init__(ctx, "Change the skills a project shows")
        self.project_id = project_id
        self.skill_ids = skill_ids
        self.before: tuple[str, ...] | None = None

    def apply(self) -> None:
        change = self.ctx.services.portfolio.set_skills(self.profile_id, self.project_id, self.skill_ids)
        if self.before is None:
            self.before = change.before.skill_ids

    def revert(self) -> None:
        assert self.before is not None
        self.ctx.services.portfolio.set_skills(self.profile_id, self.project_id, self.before)


class AddNoteCommand(ServiceCommand):
    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, project_id: int, text: str = "") -> None:
        super().__init__(ctx, "Add a project note")
        self.project_id = project_id
        self.note_text = text
        self.note: ProjectNote | None = None

    def apply(self) -> None:
        portfolio = self.ctx.services.portfolio
        if self.note is None:
            self.note = portfolio.add_note(self.profile_id, self.project_id, self.note_text)
        else:
            self.note = portfolio.restore_note(self.profile_id, self.note)

    def revert(self) -> None:
        assert self.note is not None
        self.note = self.ctx.services.portfolio.delete_note(self.profile_id, self.note.id)


class DeleteNoteCommand(ServiceCommand):
    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, note_id: int) -> None:
        super().__init__(ctx, "Delete a project note")
        self.note_id = note_id
        self.gone: ProjectNote | None = None

    def apply(self) -> None:
        self.gone = self.ctx.services.portfolio.delete_note(self.profile_id, self.note_id)

    def revert(self) -> None:
        assert self.gone is not None
        self.ctx.services.portfolio.restore_note(self.profile_id, self.gone)


class UpdateNoteCommand(ServiceCommand):
    """Typing in a project note; consecutive saves of one note merge into one undo step."""

    change = Change.PORTFOLIO

    def __init__(self, ctx: LearnerContext, note_id: int, text: str) -> None:
        super().__init__(ctx, "Edit a project note")
        self.note_id = note_id
        self.note_text = text
        self.before_text: str | None = None

    def apply(self) -> None:
        try:
            change = self.ctx.services.portfolio.update_note(self.profile_id, self.note_id, self.note_text)
        except FAILURES:
            ctx, note_id = self.ctx, self.note_id  # the refused command itself is dropped
            profile_id = self.profile_id
            self.ctx.keep_unsaved(
                project_note_key(profile_id, note_id),
                self.note_text,
                lambda text: for_profile(UpdateNoteCommand(ctx, note_id, text), profile_id),
            )
            raise
        self.ctx.forget_unsaved(project_note_key(self.profile_id, self.note_id))
        if self.before_text is None:
            self.before_text = change.before.text

    def revert(self) -> None:
        assert self.before_text is not None
        self.ctx.services.portfolio.update_note(self.profile_id, self.note_id, self.before_text)

    def id(self) -> int:
        return _NOTE_TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateNoteCommand) or other.note_id != self.note_id or other.failed:
            return False
        self.note_text = other.note_text
        return True


class SetGoalCommand(ServiceCommand):
    """Any of the goal's fields (``ProfileService.set_goal``'s keywords); undo puts all back."""

    change = Change.PROFILE | Change.PROGRESS | Change.SUGGESTIONS | Change.TIME

    def __init__(self, ctx: LearnerContext, **fields: Any) -> None:
        super().__init__(ctx, "Change your goal")
        self.fields = fields
        self.before: Profile | None = None

    def apply(self) -> None:
        before, _after = self.ctx.services.profiles.set_goal(self.profile_id, **self.fields)
        if self.before is None:
            self.before = before

    def revert(self) -> None:
        assert self.before is not None
        self.ctx.services.profiles.restore_goal(self.profile_id, self.before)


class RenameProfileCommand(ServiceCommand):
    change = Change.PROFILE

    def __init__(self, ctx: LearnerContext, name: str) -> None:
        super().__init__(ctx, "Rename the profile")
        self.name = name
        self.before_name: str | None = None

    def apply(self) -> None:
        before = self.ctx.services.profiles.get(self.profile_id).name
        self.ctx.services.profiles.rename(self.profile_id, self.name)
        if self.before_name is None:
            self.before_name = before

    def revert(self) -> None:
        assert self.before_name is not None
        self.ctx.services.profiles.rename(self.profile_id, self.before_name)
