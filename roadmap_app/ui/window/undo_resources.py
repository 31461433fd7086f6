"""Undoable changes to learning resources: add with delete, delete with restore (the same
id), and every edit, progress step or done mark with put_back of the values before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_app.domain.resources import Resource
from roadmap_app.services.resources import ResourceChange
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

#: A resource's change is activity on its item: the next actions read it.
RESOURCE_CHANGE = Change.RESOURCES | Change.SUGGESTIONS


def _short(title: str) -> str:
    return " ".join(title.split())


class AddResourceCommand(ServiceCommand):
    change = RESOURCE_CHANGE

    def __init__(self, ctx: LearnerContext, item_id: str, title: str, **fields: Any) -> None:
        super().__init__(ctx, f"Add resource “{_short(title)}”")
        self.item_id = item_id
        self.title = title
        self.fields = fields
        self.added: Resource | None = None

    def apply(self) -> None:
        resources = self.ctx.services.resources
        if self.added is None:
            self.added = resources.add(self.profile_id, self.item_id, self.title, **self.fields)
        else:  # redo after an undo: the same resource, with the same id and UUID
            resources.restore(self.profile_id, self.added)

    def revert(self) -> None:
        assert self.added is not None
        self.added = self.ctx.services.resources.delete(self.profile_id, self.added.id)


class UpdateResourceCommand(ServiceCommand):
    """Some of a resource's fields (title, link, kind, parts, progress, done)."""

    change = RESOURCE_CHANGE

    def __init__(self, ctx: LearnerContext, resource: Resource, text: str, **fields: Any) -> None:
        super().__init__(ctx, text)
        self.resource_id = resource.id
        self.fields = fields
        self.before: Resource | None = None

    def change_now(self) -> ResourceChange:
        return self.ctx.services.resources.update(self.profile_id, self.resource_id, **self.fields)

    def apply(self) -> None:
        change = self.change_now()
        if self.before is None:
            self.before = change.before

    def revert(self) -> None:
        assert self.before is not None
        self.ctx.services.resources.put_back(self.profile_id, self.before)


class SetResourceDoneCommand(UpdateResourceCommand):
    """Done (its parts fill up) or not done again."""

    def __init__(self, ctx: LearnerContext, resource: Resource, done: bool) -> None:
        word = "done" if done else "not done"
        super().__init__(ctx, resource, f"Mark resource “{_short(resource.title)}” {word}")
        self.done = done

    def change_now(self) -> ResourceChange:
        return self.ctx.services.resources.set_done(self.profile_id, self.resource_id, self.done)


class DeleteResourceCommand(ServiceCommand):
    change = RESOURCE_CHANGE

    def __init__(self, ctx: LearnerContext, resource: Resource) -> None:
        super().__init__(ctx, f"Remove resource “{_short(resource.title)}”")
        self.resource_id = resource.id
        self.gone: Resource | None = None

    def apply(self) -> None:
        self.gone = self.ctx.services.resources.delete(self.profile_id, self.resource_id)

    def revert(self) -> None:
        assert self.gone is not None
        self.ctx.services.resources.restore(self.profile_id, self.gone)
