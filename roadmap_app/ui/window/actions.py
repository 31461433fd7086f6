"""Carrying out a suggested next action in the window."""

from __future__ import annotations

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import Action, ActionKind
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator, ProjectFocus
from roadmap_app.ui.window.undo import SetStateCommand

_FOCUS = {"link": ProjectFocus.LINK, "note": ProjectFocus.NOTE}


def perform_action(navigator: Navigator, ctx: LearnerContext, action: Action) -> None:
    """Set a state (undoably), start a project from an idea, or show a project, application, item or page."""
    if action.kind is ActionKind.SET_STATE:
        ctx.run(SetStateCommand(ctx, action.target, ItemState(action.value)))
    elif action.kind is ActionKind.START_PROJECT:
        navigator.start_project_from_idea(action.target)
    elif action.kind is ActionKind.OPEN_PROJECT:
        navigator.show_project(int(action.target), focus=_FOCUS.get(action.value, ProjectFocus.NONE))
    elif action.kind is ActionKind.OPEN_ITEM:
        navigator.show_item(action.target)
    elif action.kind is ActionKind.OPEN_APPLICATION:
        navigator.show_application(int(action.target), then=action.value)
    elif action.kind is ActionKind.OPEN_PAGE:
        navigator.show_page(PageName.parse(action.target))
