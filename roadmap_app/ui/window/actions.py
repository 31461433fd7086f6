"""Carrying out a suggested next action in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.suggestion_types import Action, ActionKind
from roadmap_app.ui.window.undo import SetStateCommand

if TYPE_CHECKING:
    from roadmap_app.ui.window.main_window import MainWindow

PAGE_NAMES = ("dashboard", "roadmap", "skills", "portfolio", "career")


def perform_action(window: MainWindow, action: Action) -> None:
    """Set a state (undoably), start a project from an idea, or show a project, item or page."""
    if action.kind is ActionKind.SET_STATE:
        window.ctx.run(SetStateCommand(window.ctx, action.target, ItemState(action.value)))
    elif action.kind is ActionKind.START_PROJECT:
        window.show_page("portfolio")
        window.portfolio.start_from_idea(action.target)
    elif action.kind is ActionKind.OPEN_PROJECT:
        window.show_project(int(action.target))
        editor = window.portfolio.editor
        if action.value == "link":
            editor.link_edits["repo_url"].setFocus()
        elif action.value == "note":
            editor.add_note()
    elif action.kind is ActionKind.OPEN_ITEM:
        window.show_item(action.target)
    elif action.kind is ActionKind.OPEN_PAGE:
        window.show_page(action.target if action.target in PAGE_NAMES else "dashboard")
