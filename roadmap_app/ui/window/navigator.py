"""What pages and window actions may ask of the window, and nothing more."""

from __future__ import annotations

import enum
from typing import Protocol

from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import Suggestion


class ProjectFocus(enum.Enum):
    """Where the keyboard goes once a project is shown."""

    NONE = enum.auto()
    LINK = enum.auto()  # the repository link
    NOTE = enum.auto()  # a new dated note


class Navigator(Protocol):
    """Showing things and telling the learner; the main window implements it."""

    def show_page(self, name: PageName) -> None: ...

    def show_project(
        self, project_id: int, *, focus: ProjectFocus = ProjectFocus.NONE, note_id: int | None = None
    ) -> None: ...

    def show_item(self, item_id: str) -> None: ...

    def start_project_from_idea(self, idea_id: str) -> None: ...

    def perform(self, suggestion: Suggestion) -> None: ...

    def show_error(self, message: str) -> None: ...

    def show_message(self, message: str) -> None: ...

    def flush(self) -> None: ...

    def reload_all(self) -> None: ...
