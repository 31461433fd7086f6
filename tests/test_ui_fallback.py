"""Before the suggestion engine exists, the dashboard offers the next open task of the step."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.services import Services
from roadmap_app.ui.context import LearnerContext
from roadmap_app.ui.pages.dashboard import DashboardPage
from roadmap_app.ui.undo import SetStateCommand


class WithoutSuggestions:
    """The real services, without a suggestion engine (as in versions before it)."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def __getattr__(self, name: str) -> Any:
        if name == "suggestions":
            raise AttributeError(name)
        return getattr(self._services, name)


def test_the_next_open_task_stands_in_for_the_suggestions(qtbot: QtBot, services: Services) -> None:
    profile = services.profiles.current()
    ctx = LearnerContext(WithoutSuggestions(services), profile)  # type: ignore[arg-type]
    assert not ctx.has_suggestion_service
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()  # a hidden page refreshes only when shown
    first_task = services.roadmap.steps[0].tasks[0]
    [suggestion] = page.suggestions_model.items()
    assert suggestion.action.kind is ActionKind.SET_STATE
    assert suggestion.action.target == first_task.id
    assert suggestion.action.value == ItemState.IN_PROGRESS.value
    assert "step 1" in suggestion.reason

    ctx.run(SetStateCommand(ctx, first_task.id, ItemState.DONE))
    [after] = page.suggestions_model.items()
    assert after.action.target == services.roadmap.steps[0].tasks[1].id

    ctx.dismiss(after)
    assert page.suggestions_model.items() == []
    assert page.no_actions.isVisibleTo(page)
