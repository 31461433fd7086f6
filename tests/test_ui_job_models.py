"""The Job search page's models, over applications built directly: grouped by stage, counted,
navigable, and the figures people expect (per stage, response rate, days to a first reply)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.domain.job_figures import job_figures
from roadmap_app.domain.jobs import Application, Stage, StageChange
from roadmap_app.ui.widgets.job_models import (
    APPLICATION,
    SINCE,
    STAGE_ORDER,
    ApplicationsModel,
    stage_groups,
)
from roadmap_app.ui.widgets.models import HEADER_ROLE, ID_ROLE, OBJECT_ROLE

NOW = datetime(2026, 12, 1, 9, 0)


def application(app_id: int, company: str, *steps: tuple[Stage, date]) -> Application:
    stages = tuple(StageChange(app_id * 100 + n, app_id, stage, on, "", NOW) for n, (stage, on) in enumerate(steps))
    return Application(
        app_id, company, "ML engineer", "", "", "Berlin", "", "", NOW, NOW, stages=stages, uuid=f"u{app_id}"
    )


TODAY = date(2026, 12, 1)


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


@pytest.fixture
def dozen() -> list[Application]:
    return [
        application(1, "Acme", (Stage.APPLIED, d(2)), (Stage.SCREENING, d(6))),
        application(2, "Globex", (Stage.APPLIED, d(3))),
        application(3, "Initech", (Stage.SAVED, d(4))),
        application(4, "Umbrella", (Stage.APPLIED, d(1)), (Stage.REJECTED, d(15))),
        application(5, "Hooli", (Stage.APPLIED, d(5)), (Stage.SCREENING, d(7)), (Stage.INTERVIEW, d(12))),
        application(6, "Stark", (Stage.APPLIED, d(10))),
        application(7, "Wayne", (Stage.APPLIED, d(10))),
        application(8, "Cyberdyne", (Stage.APPLIED, d(1)), (Stage.WITHDRAWN, d(20))),
        application(9, "Tyrell", (Stage.APPLIED, d(1)), (Stage.INTERVIEW, d(9)), (Stage.OFFER, d(25))),
    ]


def test_the_open_stages_come_first_in_the_order_of_the_road() -> None:
    assert STAGE_ORDER[:4] == (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)
    assert set(STAGE_ORDER) == set(Stage) and len(STAGE_ORDER) == len(Stage)
    assert STAGE_ORDER[4:] == (Stage.SAVED, Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN)


def test_applications_are_grouped_by_stage_with_their_counts(dozen: list[Application]) -> None:
    groups = stage_groups(dozen)
    assert [g.stage for g in groups] == [
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEW,
        Stage.OFFER,
        Stage.SAVED,
        Stage.REJECTED,
        Stage.WITHDRAWN,
    ]  # no empty group: nobody has accepted yet
    applied = groups[0]
    assert applied.title == "Applied · 3"
    # The latest moved first; the same day, the later added first.
    assert [a.company for a in applied.applications] == ["Wayne", "Stark", "Globex"]


def test_the_model_passes_the_model_tester_and_shows_groups_and_applications(
    qtmodeltester: ModelTester, dozen: list[Application]
) -> None:
    model = ApplicationsModel()
    qtmodeltester.check(model)
    model.set_applications(dozen)
    qtmodeltester.check(model)
    assert model.rowCount() == 7
    first = model.index(0, APPLICATION)
    assert first.data() == "Applied · 3"
    assert first.data(HEADER_ROLE) is True
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Applied: 3 applications"
    assert not model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert model.rowCount(first) == 3
    wayne = model.index(0, APPLICATION, first)
    assert wayne.data() == "Wayne — ML engineer"
    assert model.index(0, SINCE, first).data() == "10 Nov 2026"
    assert wayne.data(OBJECT_ROLE).company == "Wayne"
    assert wayne.data(ID_ROLE) == 7
    assert wayne.data(Qt.ItemDataRole.ToolTipRole) == "<p>Wayne — ML engineer<br>Berlin</p>"
    assert wayne.data(Qt.ItemDataRole.AccessibleTextRole) == "Wayne, ML engineer: applied since 10 Nov 2026"
    assert model.flags(wayne) & Qt.ItemFlag.ItemIsSelectable
    assert model.parent(wayne) == first
    assert model.application(first) is None
    model.set_applications([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_an_application_is_found_by_id_in_its_group(dozen: list[Application]) -> None:
    model = ApplicationsModel()
    model.set_applications(dozen)
    hooli = model.index_of(5)
    assert hooli.isValid() and model.application(hooli).company == "Hooli"  # type: ignore[union-attr]
    assert model.stage_at(hooli) is Stage.INTERVIEW
    assert model.stage_at(hooli.parent()) is Stage.INTERVIEW
    assert not model.index_of(404).isValid()
    assert not model.group_index(Stage.ACCEPTED).isValid()
    assert model.index(99, 0, QModelIndex()) == QModelIndex()


def test_the_tree_is_walked_by_the_keyboard(qtbot: QtBot, dozen: list[Application]) -> None:
    model = ApplicationsModel()
    model.set_applications(dozen)
    view = QTreeView()
    view.setModel(model)
    view.expandAll()
    view.show()
    view.setCurrentIndex(model.index_of(7))
    view.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        seen.append(view.currentIndex().data())
    assert seen == ["Stark — ML engineer", "Globex — ML engineer", "Screening · 1", "Acme — ML engineer"]
    qtbot.keyClick(view, Qt.Key.Key_Up)  # back on the group
    qtbot.keyClick(view, Qt.Key.Key_Left)  # folds it
    assert not view.isExpanded(model.group_index(Stage.SCREENING))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the folded group
    assert view.currentIndex().data() == "Interview · 1"
    view.close()


def test_the_figures_count_stages_answers_and_days_to_a_first_reply(dozen: list[Application]) -> None:
    figures = job_figures(dozen, TODAY)
    assert figures.count(Stage.APPLIED) == 3
    assert figures.count(Stage.SAVED) == 1
    assert figures.count(Stage.ACCEPTED) == 0
    assert sum(n for _stage, n in figures.per_stage) == len(dozen)
    assert [stage for stage, _n in figures.per_stage] == list(Stage)
    # Sent: all but the saved one (8); answered: Acme 4 days, Umbrella 14, Hooli 2, Tyrell 8.
    assert (figures.applied, figures.replied) == (8, 4)
    assert figures.response_rate == 0.5
    assert figures.median_days_to_reply == 6
    # Withdrawing is the learner's own step, not an answer.
    assert job_figures([dozen[7]], TODAY).replied == 0


def test_the_figures_of_no_application_say_nothing_rather_than_zero() -> None:
    figures = job_figures([], TODAY)
    assert figures.response_rate is None and figures.median_days_to_reply is None
    saved_only = job_figures([application(1, "Acme", (Stage.SAVED, d(1)))], TODAY)
    assert saved_only.applied == 0 and saved_only.response_rate is None
