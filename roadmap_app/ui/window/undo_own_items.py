"""Undoable changes to the learner's own tasks and skills: add with remove, an edit with
put_back, a removal with restore (the same id, so the kept state and note come back with it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_app.domain.own_items import OwnItem
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.undo import ServiceCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext

# An own item changes the roadmap itself: every page that lists items refreshes.
OWN_ITEM_CHANGE = Change.PROGRESS | Change.SUGGESTIONS | Change.PORTFOLIO | Change.TIME


class AddOwnItemCommand(ServiceCommand):
    change = OWN_ITEM_CHANGE

    def __init__(self, ctx: LearnerContext, kind: str, title: str, **fields: Any) -> None:
        super().__init__(ctx, f"Add {kind} “{' '.join(title.split())}”")
        self.kind = kind
        self.title = title
        self.fields = fields
        self.added: OwnItem | None = None

    def apply(self) -> None:
        own = self.ctx.services.own_items
        if self.added is None:
            self.added = own.add(self.profile_id, self.kind, self.title, **self.fields)
        else:  # redo after an undo: the same item, with the same id
            own.restore(self.profile_id, self.added)

    def revert(self) -> None:
        assert self.added is not None
        self.ctx.services.own_items.remove(self.profile_id, self.added.id, confirmed=True)


class AddUnknownSkillCommand(AddOwnItemCommand):
    """A skill a job ad names and the roadmap does not know, added as the learner's own."""

    # The Job search page reads the ads' gaps again: the skill is no longer unknown.
    change = OWN_ITEM_CHANGE | Change.JOBS

    def __init__(self, ctx: LearnerContext, name: str) -> None:
        super().__init__(ctx, "skill", name)

    def apply(self) -> None:
        own = self.ctx.services.own_items
        if self.added is None:
            self.added = own.add_unknown_skill(self.profile_id, self.title)
        else:
            own.restore(self.profile_id, self.added)


class EditOwnItemCommand(ServiceCommand):
    change = OWN_ITEM_CHANGE

    def __init__(self, ctx: LearnerContext, item: OwnItem, **fields: Any) -> None:
        super().__init__(ctx, f"Edit “{item.title}”")
        self.item_id = item.id
        self.fields = fields
        self.before: OwnItem | None = None

    def apply(self) -> None:
        change = self.ctx.services.own_items.edit(self.profile_id, self.item_id, **self.fields)
        if self.before is None:
            self.before = change.before

    def revert(self) -> None:
        assert self.before is not None
        self.ctx.services.own_items.put_back(self.profile_id, self.before)


class RemoveOwnItemCommand(ServiceCommand):
    change = OWN_ITEM_CHANGE

    def __init__(self, ctx: LearnerContext, item: OwnItem) -> None:
        super().__init__(ctx, f"Remove “{item.title}”")
        self.item = item

    def apply(self) -> None:
        # The window asked first when the item has progress.
        self.item = self.ctx.services.own_items.remove(self.profile_id, self.item.id, confirmed=True)

    def revert(self) -> None:
        self.ctx.services.own_items.restore(self.profile_id, self.item)
