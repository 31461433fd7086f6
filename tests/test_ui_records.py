"""The window: step 1 lists credentials, step 3 projects, step 4 experience, with add, edit
and delete of records through the undo stack, a project opened on the Portfolio page; the Skills page shows a skill's evidence and flags an unproven one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QPlainTextEdit
from pytestqt.qtbot import QtBot

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.records import Experience
from roadmap_app.ui.dialogs.experience_notes import ExperienceNotesDialog
from roadmap_app.ui.pages.registry import DASHBOARD, PORTFOLIO, ROADMAP, SKILLS
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


def notes_of(window: MainWindow) -> list[str]:
    ctx = window.ctx
    return [
        n.text
        for n in ctx.services.experience.get(ctx.profile_id, ctx.services.experience.list(ctx.profile_id)[0].id).notes
    ]


def records_on(window: MainWindow, step_id: str) -> RecordsCard:
    page: RoadmapPage = window.page(ROADMAP)
    window.show_page(ROADMAP.name)  # as the learner does, so that the navigation list follows
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


def test_step_three_lists_projects_and_opens_or_starts_one_on_the_portfolio_page(window: MainWindow) -> None:
    services, ada = window.ctx.services, window.ctx.profile_id
    card = records_on(window, "step.portfolio")
    assert card.title_label.text() == "Your projects"
    # No projects yet: the card says how to begin, and only starting one is offered.
    assert card.empty.isVisibleTo(window) and not card.list.isVisibleTo(window)
    assert card.new_button.isVisibleTo(window) and not card.add_button.isVisibleTo(window)
    assert not card.open_button.isEnabled()
    older = services.portfolio.add(ada, "Churn model", status="done", skill_ids=["skill.python", "skill.sql"])
    services.portfolio.add(ada, "Image search", status="building")
    window.ctx.notify(Change.PORTFOLIO)
    assert [card.list.item(r).text() for r in range(card.list.count())] == [
        "Image search · Building\nNo skills yet",
        "Churn model · Done\nSkills: Python, SQL",
    ]
    card.list.setCurrentRow(1)
    card.open_button.click()
    portfolio = window.page(PORTFOLIO)
    assert window.current_page() is portfolio and portfolio.selected_id() == older.id

    records_on(window, "step.portfolio")
    card.new_button.click()
    assert window.current_page() is portfolio
    assert services.portfolio.projects(ada)[0].title == "New project"
    window.ctx.undo_stack.undo()
    assert len(services.portfolio.projects(ada)) == 2
    # Back on step 3 the list follows every change, and Enter opens the selected project.
    card = records_on(window, "step.portfolio")
    assert card.list.count() == 2
    card.list.setCurrentRow(0)
    card.list.itemActivated.emit(card.list.item(0))
    assert window.current_page() is portfolio and portfolio.selected_id() != older.id


def test_experience_notes_are_added_edited_and_deleted_in_a_small_form_and_each_is_undone(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = records_on(window, "step.experience")
    assert card.notes_button.isVisibleTo(window) and not card.notes_button.isEnabled()
    card.list.setCurrentRow(0)
    make_dialog = card.notes_dialog
    opened: list[str] = []

    def notes_dialog(record: Experience) -> ExperienceNotesDialog:
        shown = make_dialog(record)
        monkeypatch.setattr(shown, "exec", lambda: opened.append(shown.windowTitle()) or 0)
        return shown

    monkeypatch.setattr(card, "notes_dialog", notes_dialog)
    card.notes_button.click()
    assert opened == ["Notes on “ML intern”"]
    record = card.selected()
    assert isinstance(record, Experience)
    dialog = make_dialog(record)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    assert dialog.windowTitle() == "Notes on “ML intern”"
    for kind in (QAbstractButton, QAbstractItemView, QPlainTextEdit):
        for widget in dialog.findChildren(kind):
            assert widget.accessibleName(), widget
    # No notes yet: the form says so, and what is typed is added as the first note.
    assert dialog.empty.isVisibleTo(dialog) and dialog.save_button.text() == "&Add note"
    dialog.save_button.click()
    assert notes_of(window) == []  # nothing written, no empty note
    dialog.editor.setPlainText("## Week 1\nA baseline at 0.71 AUC.")
    dialog.save_button.click()
    assert notes_of(window) == ["## Week 1\nA baseline at 0.71 AUC."]
    assert dialog.list.count() == 1 and dialog.list.item(0).text().endswith(" · Week 1")
    assert dialog.selected() is not None and dialog.save_button.text() == "&Save note"
    stack = window.ctx.undo_stack
    stack.undo()
    assert notes_of(window) == [] and dialog.list.count() == 0 and dialog.editor.toPlainText() == ""
    stack.redo()
    assert notes_of(window) == ["## Week 1\nA baseline at 0.71 AUC."] and dialog.list.count() == 1

    # A second note with the keyboard: New note, type, Ctrl+S.
    qtbot.keyClick(dialog.new_button, Qt.Key.Key_Space)
    assert dialog.selected() is None and dialog.editor.hasFocus()
    qtbot.keyClicks(dialog.editor, "Shipped the feature store job.")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert notes_of(window)[1] == "Shipped the feature store job."
    assert dialog.list.currentRow() == 1

    dialog.list.setCurrentRow(0)
    assert dialog.editor.toPlainText() == "## Week 1\nA baseline at 0.71 AUC."
    dialog.editor.setPlainText("## Week 1\nA baseline at 0.74 AUC.")
    dialog.save_button.click()
    assert notes_of(window)[0] == "## Week 1\nA baseline at 0.74 AUC."
    # Ctrl+Z in the form (here on its list) takes the edit back, and the text shown follows.
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes_of(window)[0] == "## Week 1\nA baseline at 0.71 AUC."
    assert dialog.editor.toPlainText() == "## Week 1\nA baseline at 0.71 AUC."

    monkeypatch.setattr(dialog, "confirm_delete", lambda _note: True)
    dialog.delete_button.click()
    assert notes_of(window) == ["Shipped the feature store job."] and dialog.editor.toPlainText() == ""
    assert not dialog.delete_button.isEnabled()
    stack.undo()
    assert notes_of(window) == ["## Week 1\nA baseline at 0.71 AUC.", "Shipped the feature store job."]
    # The edit undone above was dropped by the delete; the next undo takes back the second note.
    assert stack.undoText() == "Add an experience note"
    dialog.reject()
    # Once closed, the form no longer follows changes: undoing now changes only the data.
    stack.undo()
    assert notes_of(window) == ["## Week 1\nA baseline at 0.71 AUC."]
    assert dialog.list.count() == 2
