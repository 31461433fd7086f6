"""The selected application's details follow the selection: its ad, its tables, emptied
when the next one has none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.jobs import Stage
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.jobs import JobSearchPage
from roadmap_app.ui.pages.registry import JOB_SEARCH

FIRST_AD = "We want Python and SQL."
SECOND_AD = "We want PyTorch and Docker."


@pytest.fixture
def opener(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opening:
        yield opening


def seed(data_dir: Path) -> list[int]:
    _paths, services = open_services(data_dir)
    me = services.profiles.current().id
    today = services.study.now().date()
    first = services.jobs.add(
        me, "Acme", "ML engineer", stage=Stage.APPLIED, on=today - timedelta(days=9), ad_text=FIRST_AD
    )
    services.jobs.add_interview(me, first.id, today - timedelta(days=2))
    services.jobs.add_contact(me, first.id, "Kim Lee", role="Recruiter")
    services.jobs.add_note(me, first.id, "Ask about the team.")
    second = services.jobs.add(me, "Globex", "Data scientist", stage=Stage.APPLIED, on=today, ad_text=SECOND_AD)
    third = services.jobs.add(me, "Initech", "ML intern", stage=Stage.APPLIED, on=today)
    services.close()
    return [first.id, second.id, third.id]


def test_the_ad_shown_is_the_selected_applications_even_when_chosen_while_hidden(
    data_dir: Path, opener: WindowOpener
) -> None:
    first, second, third = seed(data_dir)
    window = opener()
    window.show_page(PageName.JOB_SEARCH)
    page: JobSearchPage = window.page(JOB_SEARCH)
    details = page.details
    assert page.select(first)
    details.ad_toggle.setChecked(True)
    assert details.ad_text.toPlainText() == FIRST_AD
    details.ad_toggle.setChecked(False)
    assert page.select(second)  # chosen while the ad is hidden
    details.ad_toggle.setChecked(True)
    assert details.ad_text.isVisibleTo(details)
    assert details.ad_text.toPlainText() == SECOND_AD
    assert page.select(first)  # and while it is shown
    assert details.ad_text.toPlainText() == FIRST_AD
    assert page.select(third)  # no ad: nothing to show
    assert not details.ad_text.isVisibleTo(details)
    assert details.no_ad.isVisibleTo(details)


def test_the_tables_empty_when_the_next_application_has_no_records(data_dir: Path, opener: WindowOpener) -> None:
    first, second, _third = seed(data_dir)
    window = opener()
    window.show_page(PageName.JOB_SEARCH)
    page: JobSearchPage = window.page(JOB_SEARCH)
    details = page.details
    cards = (details.interviews, details.contacts, details.notes)
    assert page.select(first)
    assert [c.table.records.rowCount() for c in cards] == [1, 1, 1]
    assert all(c.table.isVisibleTo(details) for c in cards)
    assert page.select(second)
    assert [c.table.records.rowCount() for c in cards] == [0, 0, 0]
    assert not any(c.table.isVisibleTo(details) for c in cards)
    assert all(c.empty.isVisibleTo(details) for c in cards)
    assert page.select(first)
    assert [c.table.records.rowCount() for c in cards] == [1, 1, 1]
    assert details.notes.title_label.text() == "Notes (1)"
