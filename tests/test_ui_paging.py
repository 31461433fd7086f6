"""Long project lists are read a page at a time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QListView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.domain.model import Project, ProjectStatus
from roadmap_app.ui.widgets.paging import PagedProjectsModel, PageReader

MOMENT = datetime(2026, 3, 1, 9, 0)
PROJECTS = [
    Project(
        id=n,
        title=f"Project {n}",
        summary="",
        status=ProjectStatus.IDEA,
        repo_url="",
        demo_url="",
        idea_id="",
        started_on=None,
        finished_on=None,
        created_at=MOMENT,
        updated_at=MOMENT,
    )
    for n in range(1, 26)
]


def reader(calls: list[tuple[int, int]]) -> PageReader:
    def read(offset: int, limit: int) -> list[Project]:
        calls.append((offset, limit))
        return PROJECTS[offset : offset + limit]

    return read


def test_pages_are_read_only_when_the_view_needs_them(qtmodeltester: ModelTester) -> None:
    calls: list[tuple[int, int]] = []
    model = PagedProjectsModel(page=10)
    model.set_source(reader(calls), len(PROJECTS))
    assert model.rowCount() == 10 and calls == [(0, 10)]
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25 and not model.canFetchMore()
    assert calls == [(0, 10), (10, 10), (20, 10)]
    assert [p.id for p in model.items()] == [p.id for p in PROJECTS]
    qtmodeltester.check(model)


def test_a_refresh_keeps_as_many_rows_as_were_shown() -> None:
    calls: list[tuple[int, int]] = []
    model = PagedProjectsModel(page=10)
    model.set_source(reader(calls), len(PROJECTS))
    model.fetchMore()
    model.set_source(reader(calls), len(PROJECTS), at_least=model.rowCount())
    assert model.rowCount() == 20 and calls[-1] == (0, 20)


def test_a_list_that_shrank_stops_asking() -> None:
    model = PagedProjectsModel(page=10)
    model.set_source(lambda offset, limit: PROJECTS[offset : min(offset + limit, 12)], 25)
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 12 and not model.canFetchMore()


def test_a_view_scrolled_to_the_end_reads_the_rest(qtbot: QtBot) -> None:
    calls: list[tuple[int, int]] = []
    model = PagedProjectsModel(page=10)
    model.set_source(reader(calls), len(PROJECTS))
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(5):
        view.scrollToBottom()
        qtbot.wait(10)
    assert model.rowCount() == 25
