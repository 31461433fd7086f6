"""Undoable task links: marking a task done by a record, taken back with its earlier state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_app.domain.evidence import Proof
from roadmap_app.services.task_links import LinkChange
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext


class LinkTaskCommand(ServiceCommand):
    """Done by…: the task is marked done by the record; undo removes the link the call made
    and gives the task the state it had."""

    change = Change.PROGRESS | Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, task_id: str, record: Proof) -> None:
        task = ctx.services.roadmap.item(task_id)
        super().__init__(ctx, f"Mark “{task.title if task else task_id}” done by {record.kind.value} “{record.title}”")
        self.task_id = task_id
        self.record = record
        self.made: LinkChange | None = None

    def apply(self) -> None:
        self.made = self.ctx.services.task_links.link(self.profile_id, self.task_id, self.record.kind, self.record.id)

    def revert(self) -> None:
        assert self.made is not None
        self.ctx.services.task_links.undo_link(self.profile_id, self.made)


class UnlinkTaskCommand(ServiceCommand):
    """Not done by it: the link goes and the task keeps its state; undo brings the link back."""

    change = Change.PROGRESS | Change.PORTFOLIO | Change.SUGGESTIONS

    def __init__(self, ctx: LearnerContext, task_id: str, record: Proof) -> None:
        task = ctx.services.roadmap.item(task_id)
        super().__init__(ctx, f"Unlink {record.kind.value} “{record.title}” from “{task.title if task else task_id}”")
        self.task_id = task_id
        self.record = record
        self.made: LinkChange | None = None

    def apply(self) -> None:
        self.made = self.ctx.services.task_links.unlink(self.profile_id, self.task_id, self.record.kind, self.record.id)

    def revert(self) -> None:
        assert self.made is not None
        self.ctx.services.task_links.undo_unlink(self.profile_id, self.made)
