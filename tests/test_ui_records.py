"""The window: step 1 lists credentials, step 4 experience, with add, edit and delete
through the undo stack; the Skills page shows a skill's evidence and flags an unproven one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.ui.pages.registry import DASHBOARD, ROADMAP, SKILLS
from roadmap_app.ui.pages.roadmap import RoadmapPage
from roadmap_app.ui.pages.skills import SkillsPage
from roadmap_app.ui.widgets.records_card import RecordsCard
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow
from tests.ui_helpers import WindowOpener


def seeded(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    ada = services.profiles.create("Ada").id
    services.credentials.add(
        ada, "BSc Computer Science", kind="degree", provider="TU Delft", status="done",
        started_on=date(2019, 9, 1), finished_on=date(2022, 7, 1), skill_ids=["skill.python"],
    )  # fmt: skip
    services.experience.add(
        ada, "ML intern", kind="internship", organisation="ACME", started_on=date(2024, 6, 1),
        skill_ids=["skill.pytorch"],
    )  # fmt: skip
    services.progress.set_state(ada, "skill.python", "done")
    services.progress.set_state(ada, "skill.sql", "done")
    services.close()


@pytest.fixture
def window(data_dir: Path, qtbot: QtBot) -> MainWindow:
    seeded(data_dir)
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener()


def records_on(window: MainWindow, step_id: str) -> RecordsCard:
    page: RoadmapPage = window.page(ROADMAP)
    window.stack.setCurrentWidget(page)
    page.select_step(step_id)
    return page.records_card


def test_step_one_lists_credentials_and_step_four_experience(window: MainWindow) -> None:
    card = records_on(window, "step.credential")
    assert card.isVisibleTo(window) and card.title_label.text() == "Your credentials"
    assert card.list.count() == 1
    assert card.list.item(0).text().startswith("BSc Computer Science · Degree · 2019-09-01 – 2022-07-01")
    assert "Skills: Python" in card.list.item(0).text()
    card = records_on(window, "step.experience")
    assert card.title_label.text() == "Your experience"
    assert "ML intern · Internship · 2024-06-01 – now" in card.list.item(0).text()
    records_on(window, "step.skills")
    assert not card.isVisibleTo(window)


def test_add_edit_and_delete_are_undone_and_redone(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    card = records_on(window, "step.credential")
    services, ada = window.ctx.services, window.ctx.profile_id
    dialog = card.dialog(None)
    dialog.title_edit.setText("Deep Learning Specialization")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("certificate"))
    dialog.started_edit.setText("2024-02-01")
    dialog.finished_edit.setText("2024-01-01")
    dialog._check_and_accept()
    # A finish before the start is said in the dialog, which stays open.
    assert "before the start date" in dialog.error.text() and not dialog.result()
    dialog.finished_edit.setText("2024-05-01")
    dialog._check_and_accept()
    assert dialog.result()
    monkeypatch.setattr(card, "dialog", lambda _record: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: 1)
    card.add()
    assert [c.title for c in services.credentials.list(ada)] == ["Deep Learning Specialization", "BSc Computer Science"]
    assert card.list.count() == 2
    stack = window.ctx.undo_stack
    stack.undo()
    assert [c.title for c in services.credentials.list(ada)] == ["BSc Computer Science"]
    stack.redo()
    assert len(services.credentials.list(ada)) == 2

    card.list.setCurrentRow(1)
    edit = card.dialog(card.selected())
    edit.title_edit.setText("BSc Computer Science (hons)")
    edit._check_and_accept()
    monkeypatch.setattr(card, "dialog", lambda _record: edit)
    monkeypatch.setattr(edit, "exec", lambda: 1)
    card.edit_selected()
    assert "BSc Computer Science (hons)" in [c.title for c in services.credentials.list(ada)]
    stack.undo()
    assert "BSc Computer Science" in [c.title for c in services.credentials.list(ada)]

    monkeypatch.setattr(card, "confirm_delete", lambda _record: True)
    card.list.setCurrentRow(0)
    card.delete_selected()
    assert [c.title for c in services.credentials.list(ada)] == ["BSc Computer Science"]
    stack.undo()
    assert len(services.credentials.list(ada)) == 2 and card.list.count() == 2


def test_the_skills_page_shows_evidence_and_flags_an_unproven_skill(window: MainWindow) -> None:
    page: SkillsPage = window.page(SKILLS)
    window.stack.setCurrentWidget(page)
    assert page.select_skill("skill.python")
    assert "credential “BSc Computer Science”" in page.evidence.text()
    assert not page.unproven.isVisibleTo(page)
    assert page.select_skill("skill.sql")
    assert page.unproven.isVisibleTo(page) and "Unproven" in page.unproven.text()
    window.ctx.services.experience.add(window.ctx.profile_id, "Analyst", skill_ids=["skill.sql"])
    window.ctx.notify(Change.PORTFOLIO)
    assert page.select_skill("skill.sql")
    assert not page.unproven.isVisibleTo(page)


def test_the_dashboard_names_the_unproven_skills(window: MainWindow) -> None:
    page = window.page(DASHBOARD)
    page.refresh()
    assert page.unproven.text().startswith("⚠ Unproven: SQL — done")
    window.ctx.services.credentials.add(window.ctx.profile_id, "SQL course", status="done", skill_ids=["skill.sql"])
    page.refresh()
    assert not page.unproven.isVisibleTo(page)
