"""The keyboard at window level: Ctrl+1 … Ctrl+6 go into a page, Ctrl+N works everywhere, focus shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.registry import PAGES


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def test_ctrl_and_a_number_shows_the_page_with_the_keyboard_in_it(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.navigation.setFocus()
    for number, entry in reversed(list(enumerate(PAGES, start=1))):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        page = window.page(entry)
        assert window.stack.currentWidget() is page
        focused = QApplication.focusWidget()
        assert focused is not None and page.isAncestorOf(focused), (entry.name, focused)


def test_a_page_may_choose_where_the_keyboard_goes(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    skills = window.skills
    chosen: list[str] = []
    skills.focus_first = lambda: (chosen.append("skills"), skills.view.setFocus())  # type: ignore[attr-defined]
    window.go_to_page(PageName.SKILLS)
    assert chosen == ["skills"]
    assert skills.view.hasFocus()


def test_ctrl_n_adds_a_project_from_any_page(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    portfolio, pid = window.services.portfolio, window.ctx.profile_id
    window.show_page(PageName.SKILLS)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.portfolio
    assert portfolio.count(pid) == 1
    assert window.portfolio.editor.title_edit.hasFocus()
    # On the Portfolio page itself the key still works once (no second owner cancels it).
    window.portfolio.view.setFocus()
    qtbot.keyClick(window.portfolio.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert portfolio.count(pid) == 2
    assert window.new_project_action.shortcut().toString() == "Ctrl+N"
    assert window.new_project_action in window.menuBar().actions()[0].menu().actions()


def test_the_navigation_list_shows_when_it_has_the_keyboard(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.go_to_page(PageName.ROADMAP)
    navigation = window.navigation
    assert not navigation.hasFocus()
    without = navigation.grab().toImage()
    navigation.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(navigation.hasFocus)
    with_focus = navigation.grab().toImage()
    assert without.size() == with_focus.size()
    assert without != with_focus
    assert ":focus" in navigation.styleSheet()
