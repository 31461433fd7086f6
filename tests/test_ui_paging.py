"""Long project lists know their length at once and read a page when a view shows one of its rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.domain.model import Project, ProjectStatus
from roadmap_app.services.portfolio import ProjectQuery, ProjectSort
from roadmap_app.ui.widgets.models import ID_ROLE
from roadmap_app.ui.widgets.paging import PagedProjectsModel, ProjectSource, count_text, order_text

MOMENT = datetime(2026, 3, 1, 9, 0)
PROJECTS = [
    Project(
        id=n,
        title=f"Project {n:02d}",
        summary="",
        status=ProjectStatus.IDEA,
        repo_url="",
        demo_url="",
        idea_id="",
        started_on=None,
        finished_on=None,
        created_at=MOMENT,
        updated_at=MOMENT + timedelta(minutes=n),
    )
    for n in range(1, 26)
]


class Reader:
    """A list of projects standing in for the database, counting what is read."""

    def __init__(self, projects: list[Project]) -> None:
        self.projects = projects
        self.reads: list[tuple[int, int]] = []
        self.queries: list[ProjectQuery] = []

    def __call__(self, query: ProjectQuery) -> ProjectSource:
        self.queries.append(query)
        rows = [p for p in self.projects if query.text.lower() in p.title.lower()]
        rows.sort(key=lambda p: (p.title if query.sort is ProjectSort.TITLE else p.updated_at, p.id))
        if query.descending:
            rows.reverse()

        def read(offset: int, limit: int) -> list[Project]:
            self.reads.append((offset, limit))
            return rows[offset : offset + limit]

        ids = [p.id for p in rows]
        return ProjectSource(lambda: len(rows), read, lambda pid: ids.index(pid) if pid in ids else None)


def test_the_row_count_is_the_whole_list_and_pages_are_read_on_demand(qtmodeltester: ModelTester) -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=10)
    model.set_lister(reader)
    assert model.rowCount() == 25 and reader.reads == []
    assert model.index(24, 0).data() == "Project 01"  # the last row: only its page is read
    assert reader.reads == [(20, 10)]
    assert model.index(0, 0).data() == "Project 25"
    assert model.index(3, 0).data(ID_ROLE) == 22
    assert reader.reads == [(20, 10), (0, 10)]
    assert model.loaded_rows() == 15
    assert model.index(3, 1).data() == "Idea"
    assert model.index(3, 2).data() == "01 Mar 2026"
    qtmodeltester.check(model)


def test_a_role_the_list_does_not_answer_reads_no_page() -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=10)
    model.set_lister(reader)
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole):
        assert model.index(5, 0).data(role) is None
    assert reader.reads == []
    assert model.index(5, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Project 20\nIdea")
    assert reader.reads == [(0, 10)]


def test_a_project_is_found_without_reading_the_pages_before_it() -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=10)
    model.set_lister(reader)
    assert model.row_of_key(1) == 24 and reader.reads == []
    assert model.row_of_key(999) == -1


def test_a_header_click_asks_for_the_new_order(qtbot: QtBot) -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=10)
    model.set_lister(reader)
    with qtbot.waitSignal(model.query_changed):
        model.sort(0, Qt.SortOrder.AscendingOrder)
    assert reader.queries[-1] == ProjectQuery(sort=ProjectSort.TITLE, descending=False)
    assert model.index(0, 0).data() == "Project 01"
    assert model.sort_column() == 0
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole) == (
        Qt.SortOrder.DescendingOrder
    )


def test_a_list_that_shrank_is_counted_again_once(qtbot: QtBot) -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=10)
    model.set_lister(reader)
    reader.projects = PROJECTS[:12]  # another window deleted some
    model.reload()
    assert model.rowCount() == 12
    # A source whose count is ahead of its rows: the missing rows read as nothing, and the
    # list is counted again once, not in a loop.
    model.set_lister(lambda query: replace(reader(query), count=lambda: 25))
    asked = len(reader.queries)
    assert model.index(20, 0).data() is None
    qtbot.waitUntil(lambda: len(reader.queries) == asked + 1, timeout=1000)
    assert model.index(20, 0).data() is None
    qtbot.wait(20)
    assert len(reader.queries) == asked + 1


def test_a_view_scrolled_to_the_end_shows_the_last_project(qtbot: QtBot) -> None:
    reader = Reader(PROJECTS)
    model = PagedProjectsModel(page=5)
    model.set_lister(reader)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.wait(10)
    last = view.visualRect(model.index(24, 0))
    assert view.viewport().rect().contains(last.center())
    assert (5, 5) not in reader.reads  # the pages in between are never read


def test_the_count_and_the_order_in_words() -> None:
    assert count_text(2000, 2000, ProjectQuery()) == "2,000 projects · recently changed first"
    assert count_text(1, 1, ProjectQuery()) == "1 project · recently changed first"
    filtered = ProjectQuery(text="churn", sort=ProjectSort.TITLE, descending=False)
    assert count_text(12, 2000, filtered) == "12 of 2,000 match · by title, A to Z"
    assert count_text(0, 2000, filtered) == "none of 2,000 match · by title, A to Z"
    assert order_text(ProjectQuery(sort=ProjectSort.STATUS, descending=False)) == "by status, ideas first"
