"""The portfolio list over a few hundred projects: its count, End, filters and sorting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import Project, ProjectStatus
from roadmap_app.domain.pages import PageName
from roadmap_app.services.portfolio import ProjectQuery, ProjectSort
from roadmap_app.ui.pages.portfolio import PortfolioPage
from roadmap_app.ui.widgets.paging import PAGE, STATUS, TITLE, UPDATED
from roadmap_app.ui.window.main_window import MainWindow
from tests.ui_helpers import WindowOpener

COUNT = 300
NAMES = ("Churn model", "Fraud detection", "Sentiment of reviews", "Demand forecast", "Image classifier")
STATUSES = (ProjectStatus.IDEA, ProjectStatus.BUILDING, ProjectStatus.DONE)


@pytest.fixture(scope="module")
def profile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 projects made through the services; titles repeat, so sorting needs its tie-break."""
    folder = tmp_path_factory.mktemp("many")
    moments = iter(datetime(2026, 1, 1, 9, 0) + timedelta(minutes=n) for n in range(10 * COUNT))
    _paths, services = open_services(folder, clock=lambda: next(moments))
    try:
        profile_id = services.profiles.current().id
        for number in range(COUNT):
            services.portfolio.add(
                profile_id,
                NAMES[number % len(NAMES)],
                summary=f"Run {number}" + (" on a GPU" if number % 7 == 0 else ""),
                status=STATUSES[number % 3],
            )
    finally:
        services.close()
    return folder


@pytest.fixture
def window(profile_dir: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    data = tmp_path / "data"
    data.mkdir()
    for file in profile_dir.iterdir():
        if file.is_file():
            (data / file.name).write_bytes(file.read_bytes())
    with WindowOpener(data, qtbot) as opener:
        opened = opener()
        opened.show_page(PageName.PORTFOLIO)
        yield opened


def shown(page: PortfolioPage) -> list[Project]:
    items = [page.model.item(row) for row in range(page.model.rowCount())]
    assert all(item is not None for item in items)
    return [item for item in items if item is not None]


def wait_for_count(qtbot: QtBot, page: PortfolioPage, text: str) -> None:
    qtbot.waitUntil(lambda: page.count_label.text().startswith(text), timeout=3000)


def test_the_list_knows_how_many_projects_there_are_at_once(window: MainWindow) -> None:
    page = window.portfolio
    assert page.model.rowCount() == COUNT == window.services.portfolio.count(window.ctx.profile_id)
    assert page.model.loaded_rows() <= 2 * PAGE  # the rest is read only when it is shown
    assert page.count_label.text() == "300 projects · recently changed first"
    newest = window.services.portfolio.projects(window.ctx.profile_id, limit=1)[0]
    assert page.selected_id() == newest.id


def test_end_reaches_the_last_project(qtbot: QtBot, window: MainWindow) -> None:
    page = window.portfolio
    oldest = window.services.portfolio.projects(window.ctx.profile_id)[-1]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_End)
    assert page.view.currentIndex().row() == COUNT - 1
    assert page.selected_id() == oldest.id
    assert page.editor.project is not None and page.editor.project.id == oldest.id
    page.view.scrollToTop()
    page.view.scrollToBottom()
    bar = page.view.verticalScrollBar()
    assert bar.value() == bar.maximum()
    # The last project is the lowest row in view (a row may not fill the viewport exactly).
    last = page.view.visualRect(page.view.model().index(COUNT - 1, 0))
    assert last.top() >= 0 and last.bottom() <= page.view.viewport().height()
    assert page.view.indexAt(last.center()).row() == COUNT - 1
    assert page.view.indexAt(QPoint(4, last.bottom() + 2)).row() == -1


def test_the_filter_box_keeps_titles_and_summaries_that_contain_its_text(qtbot: QtBot, window: MainWindow) -> None:
    page = window.portfolio
    services, profile_id = window.services, window.ctx.profile_id
    page.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    qtbot.keyClicks(page.filter_edit, "gpu")
    expected = services.portfolio.projects(profile_id, query=ProjectQuery(text="gpu"))
    assert len(expected) == 43
    wait_for_count(qtbot, page, "43 of 300 match")
    assert page.count_label.text() == "43 of 300 match · recently changed first"
    assert shown(page) == expected
    page.status_filter.setCurrentIndex(page.status_filter.findData(ProjectStatus.DONE.value))
    page.apply_filter()
    done = [p for p in expected if p.status is ProjectStatus.DONE]
    assert shown(page) == done and page.model.rowCount() == len(done)
    page.filter_edit.setText("no project says this")
    page.apply_filter()
    assert page.model.rowCount() == 0
    assert page.count_label.text().startswith("none of 300 match")
    assert page.editor.project is None and not page.delete_button.isEnabled()
    assert "filter" in page.editor.empty_text.text()
    page.clear_filter()
    assert page.model.rowCount() == COUNT and page.status_filter.currentIndex() == 0


def test_a_project_hidden_by_the_filter_is_shown_when_asked_for(window: MainWindow) -> None:
    page = window.portfolio
    fraud = next(p for p in window.services.portfolio.projects(window.ctx.profile_id) if p.title == "Fraud detection")
    page.filter_edit.setText("churn")
    page.apply_filter()
    assert page.model.row_of_key(fraud.id) == -1
    assert page.select_project(fraud.id)
    assert page.filter_edit.text() == "" and page.selected_id() == fraud.id


def test_header_clicks_sort_in_the_database_with_ties_broken_by_id(qtbot: QtBot, window: MainWindow) -> None:
    page = window.portfolio
    header = page.view.header()
    kept = page.selected_id()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click(TITLE)
    assert page.model.query == ProjectQuery(sort=ProjectSort.TITLE, descending=False)
    rows = shown(page)
    assert [(p.title, p.id) for p in rows] == sorted((p.title, p.id) for p in rows)
    assert page.count_label.text() == "300 projects · by title, A to Z"
    assert header.sortIndicatorSection() == TITLE
    assert page.selected_id() == kept  # the project shown stays shown, at its new row
    click(TITLE)
    assert page.model.query.descending
    rows = shown(page)
    assert [(p.title, p.id) for p in rows] == sorted(((p.title, p.id) for p in rows), reverse=True)
    click(STATUS)
    rows = shown(page)
    order = {s: n for n, s in enumerate(STATUSES)}
    assert [(order[p.status], p.id) for p in rows] == sorted((order[p.status], p.id) for p in rows)
    assert page.count_label.text().endswith("by status, ideas first")
    click(UPDATED)  # first click on Updated: newest first again
    assert page.model.query == ProjectQuery()
    assert shown(page) == window.services.portfolio.projects(window.ctx.profile_id)


def test_a_new_project_is_selected_wherever_the_order_puts_it(window: MainWindow) -> None:
    page = window.portfolio
    page.model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    project = page.new_project("Zebra detection")
    assert project is not None
    assert page.selected_id() == project.id
    assert page.view.currentIndex().row() == COUNT  # last by title, after 300 others
    assert page.model.rowCount() == COUNT + 1
    assert page.count_label.text() == "301 projects · by title, A to Z"


def test_the_paged_model_passes_the_model_checks_over_the_database(
    qtmodeltester: ModelTester, window: MainWindow
) -> None:
    page = window.portfolio
    qtmodeltester.check(page.model)
    page.filter_edit.setText("churn")
    page.apply_filter()
    page.model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == COUNT // len(NAMES)


def test_the_order_chosen_is_remembered(qtbot: QtBot, data_dir: Path) -> None:
    with WindowOpener(data_dir, qtbot) as opener:
        first = opener()
        first.show_page(PageName.PORTFOLIO)
        first.portfolio.new_project("B")
        first.portfolio.new_project("A")
        first.portfolio.model.sort(TITLE, Qt.SortOrder.AscendingOrder)
        opener.close(first)
        again = opener()
        again.show_page(PageName.PORTFOLIO)
        page = again.portfolio
        assert page.model.query == ProjectQuery(sort=ProjectSort.TITLE, descending=False)
        assert [p.title for p in shown(page)] == ["A", "B"]
        assert page.view.header().sortIndicatorSection() == TITLE
        assert page.count_label.text() == "2 projects · by title, A to Z"
