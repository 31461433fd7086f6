"""The Career page's tables at 1024 px: short columns fit, the long text gets the room, rows stay readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.career import ReadingTable
from roadmap_app.ui.window.main_window import MainWindow


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def career_at(qtbot: QtBot, open_window: WindowOpener, width: int, height: int) -> MainWindow:
    window = open_window()
    window.resize(width, height)
    window.show_page(PageName.CAREER)
    qtbot.waitUntil(lambda: window.width() == width and window.career.steps_view.isVisible())
    return window


def widths(view: QTableView) -> dict[str, int]:
    model = view.model()
    return {
        str(model.headerData(c, Qt.Orientation.Horizontal)): view.columnWidth(c) for c in range(model.columnCount())
    }


def rows_in_view(view: QTableView) -> int:
    """Rows whose top half shows in the table."""
    height = view.viewport().height()
    model = view.model()
    return sum(1 for r in range(model.rowCount()) if view.rowViewportPosition(r) + view.rowHeight(r) // 2 <= height)


def test_at_1024_the_career_steps_table_gives_its_room_to_the_salary_and_shows_several_rows(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = career_at(qtbot, open_window, 1024, 640)
    view = window.career.steps_view
    qtbot.waitUntil(lambda: rows_in_view(view) >= 2)
    shown = widths(view)
    assert "What it involves" not in shown  # a paragraph: it reads in the detail pane below
    for short in ("Step", "Level", "Date"):
        assert shown[short] < shown["Salary"], shown
    assert shown["Salary"] == max(shown.values())
    assert sum(shown.values()) <= view.viewport().width()
    # The role's name reads whole, on one line.
    metrics = view.fontMetrics()
    longest_role = max(metrics.horizontalAdvance(c.title) for c in window.services.roadmap.career_steps)
    assert shown["Role"] >= longest_role
    # The row's paragraph shows below the table, and follows the row chosen.
    first, second = window.services.roadmap.career_steps[:2]
    assert first.description in window.career.step_detail.text()
    view.setCurrentIndex(view.model().index(1, 0))
    assert second.description in window.career.step_detail.text()


def test_at_1024_other_figures_give_the_note_the_room_and_fit_the_short_columns(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = career_at(qtbot, open_window, 1024, 640)
    career = window.career
    career.tabs.setCurrentWidget(career.figures_view)
    view = career.figures_view
    qtbot.waitUntil(lambda: view.isVisible() and view.columnWidth(2) > 0)
    shown = widths(view)
    assert shown["Note"] == max(shown.values()), shown
    assert shown["Date"] == min(shown.values())
    assert shown["Value"] < shown["Note"]
    assert shown["Note"] >= 0.35 * view.viewport().width()
    assert sum(shown.values()) <= view.viewport().width()
    # Rows a few lines high, not a column of single words.
    assert max(view.rowHeight(r) for r in range(view.model().rowCount())) <= 5 * view.fontMetrics().lineSpacing() + 12
    assert rows_in_view(view) >= 2


def test_the_duties_table_keeps_its_sentences_wide_at_1024(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = career_at(qtbot, open_window, 1024, 640)
    view = window.career.duties_view
    qtbot.waitUntil(lambda: view.isVisible() and view.columnWidth(1) > 0)
    shown = widths(view)
    assert shown["Duty"] < shown["What it means"] and shown["Duty"] < shown["Example"]
    assert shown["What it means"] > 200


def test_at_2560_capped_columns_unwrap_once_the_long_text_fits(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = career_at(qtbot, open_window, 2560, 1440)
    view = window.career.steps_view
    qtbot.waitUntil(lambda: view.viewport().width() > 2000)
    metrics = view.fontMetrics()
    sources = max(metrics.horizontalAdvance(c.salary.source) for c in window.services.roadmap.career_steps)
    assert widths(view)["Source"] >= sources


def test_every_career_table_is_one_tab_stop_with_a_visible_focus_frame(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = career_at(qtbot, open_window, 1366, 860)
    career = window.career
    tables = career.findChildren(ReadingTable)
    assert len(tables) == 6
    for table in tables:
        assert not table.tabKeyNavigation()
        assert ":focus" in table.styleSheet() and "palette(highlight)" in table.styleSheet()
    career.target_box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(career.target_box.hasFocus)
    qtbot.keyClick(career.target_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is career.steps_view
    qtbot.keyClick(career.steps_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not career.steps_view
