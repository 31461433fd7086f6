"""Folded advice on the dashboard: a card unfolds what it stands for, and each folded
suggestion can be done or snoozed on its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.ui.widgets.next_actions import SuggestionCard
from roadmap_app.ui.window.main_window import MainWindow


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def folded_card(qtbot: QtBot, window: MainWindow) -> SuggestionCard:
    view = window.dashboard.next_actions
    qtbot.waitUntil(lambda: any(c.suggestion and c.suggestion.folded for c in view.cards()))
    return next(c for c in view.cards() if c.suggestion and c.suggestion.folded)


def test_a_card_unfolds_its_folded_advice_by_click_and_by_key(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    card = folded_card(qtbot, window)
    assert card.suggestion is not None
    count = len(card.suggestion.folded)
    assert card.more_button.isVisible() and card.more_button.text() == f"{count} more like this"
    assert not card.folded_box.isVisible()
    card.more_button.click()
    assert card.folded_box.isVisible()
    assert [row.title.text() for row in card.folded_rows] == [f.title for f in card.suggestion.folded]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Left)
    assert not card.folded_box.isVisible()
    qtbot.keyClick(card, Qt.Key.Key_Right)
    assert card.folded_box.isVisible()


def test_a_folded_suggestion_is_done_on_its_own(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    card = folded_card(qtbot, window)
    card.more_button.click()
    row = card.folded_rows[0]
    skill = row.suggestion.action.target
    assert window.services.progress.get(window.ctx.profile_id, skill).state is ItemState.TODO
    row.do_button.click()
    assert window.services.progress.get(window.ctx.profile_id, skill).state is ItemState.IN_PROGRESS
    window.undo_action.trigger()
    assert window.services.progress.get(window.ctx.profile_id, skill).state is ItemState.TODO


def test_a_folded_suggestion_can_be_snoozed_on_its_own(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    card = folded_card(qtbot, window)
    card.more_button.click()
    key = card.folded_rows[0].suggestion.key
    card.folded_rows[0].snooze_button.click()
    shown = window.services.suggestions.next_actions(window.ctx.profile_id)
    assert key not in {s.key for s in shown} | {f.key for s in shown for f in s.folded}
