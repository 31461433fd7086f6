"""The dashboard by keyboard, at small and very wide sizes, on a first run, and its colours and words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.ui.pages.dashboard import MAX_CONTENT_WIDTH
from roadmap_app.ui.widgets.common import ProgressBar, plural, progress_colour
from roadmap_app.ui.widgets.next_actions import SuggestionCard
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import ThemeMode, state_colour


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def shown_cards(qtbot: QtBot, window: MainWindow) -> list[SuggestionCard]:
    view = window.dashboard.next_actions
    qtbot.waitUntil(lambda: bool(view.cards()) and all(c.do_button.width() > 0 for c in view.cards()))
    return view.cards()


def tab_chain(qtbot: QtBot, start: QWidget, stops: int) -> list[QWidget]:
    """The widgets Tab reaches from `start`, in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    reached = []
    for _ in range(stops):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        reached.append(now)
    return reached


def test_tab_goes_through_each_card_and_its_buttons_then_leaves_recent_activity_in_one_stop(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    page = window.dashboard
    cards = shown_cards(qtbot, window)
    expected: list[QWidget] = []
    for card in cards:
        unfold = [card.more_button] if card.more_button.isVisible() else []
        expected += [card, *unfold, card.do_button, card.snooze_button, card.dismiss_button]
    expected.append(page.activity_view)
    reached = tab_chain(qtbot, window.navigation, len(expected) + 8)
    # The page's first stop is the top card: the scroll area around it takes none.
    on_page = [w for w in reached if page.isAncestorOf(w)]
    assert page.scroll_area not in reached
    assert on_page[: len(expected)] == expected
    # One Tab from the read-only table leaves it, and the page (no stop on a cell).
    after = reached[reached.index(page.activity_view) + 1]
    assert after is not page.activity_view and not page.isAncestorOf(after)
    assert not page.activity_view.tabKeyNavigation()
    assert page.scroll_area.accessibleName()
    # Shift+Tab walks the same chain back.
    cards[1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(cards[1].hasFocus)
    qtbot.keyClick(cards[1], Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is cards[0].dismiss_button


def test_enter_and_space_on_a_focused_card_do_its_action(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    card = shown_cards(qtbot, window)[0]
    suggestion = card.suggestion
    assert suggestion is not None and suggestion.action.kind is ActionKind.SET_STATE
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.services.progress.get(window.ctx.profile_id, suggestion.action.target).state.value == (
        suggestion.action.value
    )
    window.ctx.undo_stack.undo()
    card = shown_cards(qtbot, window)[0]
    assert card.suggestion == suggestion
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert window.services.progress.get(window.ctx.profile_id, suggestion.action.target).state.value == (
        suggestion.action.value
    )


def test_arrow_keys_move_between_the_cards(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    cards = shown_cards(qtbot, window)
    cards[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(cards[0].hasFocus)
    qtbot.keyClick(cards[0], Qt.Key.Key_Down)
    assert cards[1].hasFocus()
    qtbot.keyClick(cards[1], Qt.Key.Key_Up)
    assert cards[0].hasFocus()
    qtbot.keyClick(cards[0], Qt.Key.Key_Up)  # the first stays the first
    assert cards[0].hasFocus()


def test_a_focused_card_shows_a_frame_in_the_accent_colour(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    cards = shown_cards(qtbot, window)
    card = cards[1]  # not the first run's highlighted card
    edge = QPoint(1, card.height() // 2)
    before = card.grab().toImage().pixelColor(edge)
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    after = card.grab().toImage().pixelColor(edge)
    accent = card.palette().color(QPalette.ColorRole.Highlight)
    assert before != after
    assert abs(after.hue() - accent.hue()) < 20
    assert ":focus" in window.dashboard.activity_view.styleSheet()


def test_at_1024_by_640_the_dashboard_is_one_column_and_nothing_runs_off(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 640)
    page = window.dashboard
    cards = shown_cards(qtbot, window)
    qtbot.waitUntil(lambda: page.one_column)
    # Stacked at the same left edge, what to do next first: above the fold.
    order = [page.actions_card, page.rings_card, page.steps_card, page.recent_card]
    qtbot.waitUntil(lambda: len({c.mapTo(page.column, QPoint(0, 0)).x() for c in order}) == 1)
    tops = [c.mapTo(page.column, QPoint(0, 0)).y() for c in order]
    assert tops == sorted(tops)
    # Nothing wider than the visible area: no sideways scrolling, no clipped right edge.
    viewport = page.scroll_area.viewport()
    assert page.column.width() <= viewport.width()
    for widget in [*order, *cards, *[c.dismiss_button for c in cards]]:
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), widget
    assert cards[0].mapTo(viewport, QPoint(0, cards[0].height())).y() <= viewport.height()
    # Every card is as tall as its wrapped reason needs.
    for card in cards:
        qtbot.waitUntil(lambda c=card: c.height() >= c.heightForWidth(c.width()), timeout=2000)


def test_at_1366_the_cards_stand_side_by_side(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.resize(1366, 860)
    page = window.dashboard
    shown_cards(qtbot, window)
    qtbot.waitUntil(lambda: not page.one_column)
    # Laid out again once the window has its new width.
    qtbot.waitUntil(lambda: page.rings_card.y() == page.steps_card.y(), timeout=2000)
    assert page.actions_card.y() == page.recent_card.y()


def test_at_2560_the_content_is_a_centred_column_of_capped_width(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.resize(2560, 1440)
    page = window.dashboard
    cards = shown_cards(qtbot, window)
    qtbot.waitUntil(lambda: page.width() > 2000)
    qtbot.waitUntil(lambda: page.column.width() <= MAX_CONTENT_WIDTH)
    viewport = page.scroll_area.viewport()

    def centred() -> bool:
        left = page.column.mapTo(viewport, QPoint(0, 0)).x()
        return abs(left - (viewport.width() - left - page.column.width())) <= 2

    qtbot.waitUntil(centred, timeout=2000)
    assert max(bar.width() for bar in page.step_bars) < 800
    # A card's title stays close to its reason and buttons.
    for card in cards:
        assert card.width() < MAX_CONTENT_WIDTH


def test_a_first_run_marks_the_top_next_action_start_here_until_something_is_recorded(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    cards = shown_cards(qtbot, window)
    assert cards[0].start_here.isVisible()
    assert "Start here" in cards[0].accessibleName()
    assert not any(c.start_here.isVisible() for c in cards[1:])
    window.services.progress.set_state(window.ctx.profile_id, "skill.python", ItemState.IN_PROGRESS)
    window.ctx.notify(Change.ALL)
    cards = shown_cards(qtbot, window)
    assert not any(c.start_here.isVisible() for c in cards)


def test_progress_uses_the_accent_colour_until_complete_then_the_done_colour(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    for theme in (ThemeMode.LIGHT, ThemeMode.DARK):
        window.set_theme(theme)
        palette = window.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        done = state_colour(ItemState.DONE, palette)
        assert progress_colour(0.17, palette) == accent
        assert progress_colour(0.99, palette) == accent
        assert progress_colour(1.0, palette) == done
    window.set_theme(ThemeMode.LIGHT)
    # Step 1 done, some skills learned: the bars and rings follow the same rule.
    services, me = window.services, window.ctx.profile_id
    for task in services.roadmap.steps[0].tasks:
        services.progress.set_state(me, task.id, ItemState.DONE)
    services.progress.set_state(me, "skill.python", ItemState.DONE)
    window.ctx.notify(Change.ALL)
    page = window.dashboard
    palette = page.palette()
    bar: ProgressBar = page.step_bars[0]
    assert bar.fraction == 1.0
    assert bar.shown_colour() == state_colour(ItemState.DONE, palette)
    assert 0 < page.technical.fraction < 1
    assert page.technical.shown_colour() == page.overall.shown_colour() == palette.color(QPalette.ColorRole.Highlight)


def test_counts_agree_with_their_number() -> None:
    assert plural(1, "skill") == "1 skill"
    assert plural(3, "skill") == "3 skills"
    assert plural(0, "item") == "0 items"
    assert plural(1, "entry", "entries") == "1 entry"


def test_the_welcome_and_the_career_page_name_the_target_alike_and_preselect_it(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window(first_run=True)
    qtbot.waitUntil(lambda: getattr(window, "welcome", None) is not None and window.welcome.isVisible())
    welcome = window.welcome
    assert welcome.target_box.currentData() == "career.ml-engineer"
    assert welcome.target_box.itemText(0) == window.career.target_box.itemText(0) == "Not chosen yet"
    assert welcome.target_box.accessibleName() == window.career.target_box.accessibleName() == "Target role"
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.services.profiles.get(window.ctx.profile_id).target_career_id == "career.ml-engineer"
    assert "Target role: Machine Learning Engineer" in window.dashboard.where.text()
    window.show_page(PageName.CAREER)
    assert window.career.target_box.currentData() == "career.ml-engineer"


def test_a_learner_who_chose_another_role_keeps_it(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.services.profiles.set_goal(window.ctx.profile_id, target_career_id="career.ml-architect")
    open_window.close(window)
    again = open_window(first_run=True)
    qtbot.waitUntil(lambda: getattr(again, "welcome", None) is not None and again.welcome.isVisible())
    assert again.welcome.target_box.currentData() == "career.ml-architect"
    qtbot.mouseClick(again.welcome.start_button, Qt.MouseButton.LeftButton)
    assert again.services.profiles.get(again.ctx.profile_id).target_career_id == "career.ml-architect"
