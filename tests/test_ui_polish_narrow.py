"""The window on a half screen: the Time page stacks its cards, a list yields room to its details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.base import DetailsSplitter
from roadmap_app.ui.pages.registry import SKILLS, TIME
from roadmap_app.ui.window.main_window import MainWindow


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def resized(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    # Layouts settle over a few turns of the event loop.
    for _ in range(3):
        qtbot.wait(20)


def left_in_window(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).x()


def skills_splitter(window: MainWindow) -> tuple[DetailsSplitter, QScrollArea]:
    """The Skills page, shown: its list-and-details splitter and the details' scroll area."""
    window.show_page(PageName.SKILLS)
    splitter = window.page(SKILLS).splitters["main"]
    assert isinstance(splitter, DetailsSplitter)
    details = splitter.widget(1)
    assert isinstance(details, QScrollArea)
    return splitter, details


def drag_handle(qtbot: QtBot, splitter: DetailsSplitter, dx: int) -> None:
    handle = splitter.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(dx, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def test_on_a_half_screen_the_time_cards_stand_one_above_the_other_and_nothing_scrolls_sideways(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.show_page(PageName.TIME)
    page = window.page(TIME)
    resized(qtbot, window, 1180, 780)
    assert not page.one_column()
    assert page.streak_card.y() == page.week_card.y()

    resized(qtbot, window, 800, 600)
    qtbot.waitUntil(page.one_column)
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    streak, week = page.streak_card, page.week_card
    assert left_in_window(streak) == left_in_window(week)
    assert week.y() >= streak.y() + streak.height()
    # The groups' table is read whole, not scrolled sideways either.
    assert not page.groups_view.horizontalScrollBar().isVisible()

    resized(qtbot, window, 1180, 780)
    qtbot.waitUntil(lambda: not page.one_column())
    assert page.streak_card.y() == page.week_card.y()


def test_on_a_half_screen_the_skills_list_yields_its_width_and_gets_it_back(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    splitter, details = skills_splitter(window)
    resized(qtbot, window, 1180, 780)
    wide_list = splitter.sizes()[0]

    resized(qtbot, window, 800, 600)
    assert splitter.sizes()[0] < wide_list
    assert not details.horizontalScrollBar().isVisible()
    assert details.viewport().width() >= details.widget().minimumSizeHint().width()

    resized(qtbot, window, 1180, 780)
    assert splitter.sizes()[0] == wide_list


def test_a_handle_moved_by_hand_is_the_width_the_list_returns_to(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    splitter, _details = skills_splitter(window)
    resized(qtbot, window, 1180, 780)
    before = splitter.sizes()[0]
    drag_handle(qtbot, splitter, -60)
    chosen = splitter.sizes()[0]
    assert chosen < before
    assert chosen == splitter.list_width

    resized(qtbot, window, 800, 600)
    resized(qtbot, window, 1180, 780)
    assert splitter.sizes()[0] == chosen


def test_the_handle_stops_where_the_details_would_be_cut(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    splitter, details = skills_splitter(window)
    resized(qtbot, window, 900, 600)
    drag_handle(qtbot, splitter, 300)
    qtbot.wait(20)
    assert not details.horizontalScrollBar().isVisible()
    # What was asked for comes back where there is room for it.
    asked = splitter.list_width
    resized(qtbot, window, 1600, 800)
    assert splitter.sizes()[0] == asked
