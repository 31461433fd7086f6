"""What pages and window actions may ask of the window, and nothing more."""

from __future__ import annotations

import enum
from datetime import date
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

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

    def show_application(self, application_id: int, then: str = "") -> None: ...

    def new_project(self) -> None: ...

    def log_time_for(self, subject: str) -> None: ...

    def show_study_day(self, day: date) -> None: ...

    def start_project_from_idea(self, idea_id: str) -> None: ...

    def perform(self, suggestion: Suggestion) -> None: ...

    def show_error(self, message: str) -> None: ...

    def show_message(self, message: str) -> None: ...

    def flush(self) -> None: ...

    def reload_all(self) -> None: ...


def focus_into(page: QWidget) -> None:
    """Put the keyboard on a page's first widget: its own choice (``focus_first``), else the first in tab order."""
    focus_first = getattr(page, "focus_first", None)
    if callable(focus_first):
        focus_first()
        return
    widget = page.nextInFocusChain()
    for _ in range(1000):  # the chain is a ring through every widget of the window
        if widget is None or widget is page:
            break
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, QScrollArea)
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()
    page.setFocus(Qt.FocusReason.TabFocusReason)
