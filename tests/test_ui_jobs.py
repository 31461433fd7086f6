"""The Job search page in the window: applications by stage, their details and figures; add,
move to a stage, interviews, contacts, notes and delete through small forms, each undone with
Ctrl+Z and redone; the selection kept across changes; a helpful empty page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.dialogs.job_forms import ApplicationForm, InterviewForm, StageForm
from roadmap_app.ui.pages.jobs import JobSearchPage
from roadmap_app.ui.pages.registry import JOB_SEARCH
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow

AD = "We want Python, SQL and PyTorch; Docker and Kubernetes are a plus."


@pytest.fixture
def opener(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opening:
        yield opening


def seed(data_dir: Path) -> None:
    _paths, services = open_services(data_dir)
    me = services.profiles.current().id
    today = services.study.now().date()
    services.progress.set_state(me, "skill.python", "done")
    acme = services.jobs.add(me, "Acme", "ML engineer", stage=Stage.APPLIED, on=today - timedelta(days=20), ad_text=AD)
    services.jobs.set_stage(me, acme.id, Stage.SCREENING, on=today - timedelta(days=14), note="Call with Kim")
    services.jobs.add(me, "Globex", "Data scientist", stage=Stage.APPLIED, on=today - timedelta(days=3))
    services.jobs.add(me, "Initech", "ML intern", stage=Stage.SAVED, url="https://initech.example/jobs/1")
    services.close()


def jobs_page(window: MainWindow) -> JobSearchPage:
    window.show_page(PageName.JOB_SEARCH)
    page = window.page(JOB_SEARCH)
    assert window.stack.currentWidget() is page
    return page


def texts(page: JobSearchPage) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def test_the_page_groups_applications_by_stage_and_shows_the_figures(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    seed(data_dir)
    page = jobs_page(opener())
    assert page.objectName() == "jobSearchPage"
    assert [g.title for g in page.model.groups] == ["Applied · 1", "Screening · 1", "Saved · 1"]
    assert page.figures.counts[Stage.APPLIED].text() == "1"
    assert page.figures.rate.text() == "50%"  # Acme answered, Globex not yet
    assert page.figures.reply.text() == "6 days"
    # The first application is selected and shown with its timeline and gap.
    assert page.selected() is not None and page.selected().company == "Globex"  # type: ignore[union-attr]
    assert page.select(page.ctx.services.jobs.list(page.ctx.profile_id, Stage.SCREENING)[0].id)
    details = page.details
    assert details.company.text() == "Acme" and details.role.text() == "ML engineer"
    assert details.stage_line.text().startswith("Screening since")
    assert details.timeline.table.records.rowCount() == 2
    assert "Call with Kim" in details.timeline.table.records.index(1, 2).data()
    assert details.have.text().startswith("<b>Have (1):</b><ul") and "<li>Python" in details.have.text()
    assert details.missing.text() == "<b>Missing (2):</b> SQL, PyTorch"
    assert details.unknown.text() == "<b>Not in the roadmap (2):</b> Docker, Kubernetes"


def test_the_link_opens_only_when_clicked(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    page = jobs_page(opener())
    opened: list[str] = []
    monkeypatch.setattr("roadmap_app.ui.widgets.job_details.open_link", lambda url: opened.append(url) or True)
    saved = page.ctx.services.jobs.list(page.ctx.profile_id, Stage.SAVED)[0]
    page.select(saved.id)
    assert page.details.open_button.isEnabled() and opened == []
    page.details.open_button.click()
    assert opened == ["https://initech.example/jobs/1"]


def test_a_new_application_is_added_selected_undone_and_redone(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    window = opener()
    page = jobs_page(window)
    jobs, me = window.services.jobs, window.ctx.profile_id
    form = page.changes.new_application()
    assert isinstance(form, ApplicationForm)
    form.role.setText("MLOps engineer")
    form.save()  # no company: said in the form, which stays open
    assert form.isVisible() and "company" in form.error.text()
    form.company.setText("Hooli")
    form.stage.setCurrentIndex(form.stage.findData(Stage.SAVED.value))
    form.ad.setPlainText(AD)
    form.save()
    assert not form.isVisible()
    (added,) = jobs.list(me)
    assert (added.company, added.stage) == ("Hooli", Stage.SAVED)
    assert page.selected_id() == added.id
    assert "Saved: Add the application “MLOps engineer at Hooli”" in window.status_label.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert jobs.list(me) == []
    assert page.stack.currentIndex() == 0  # the empty page again
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (back,) = jobs.list(me)
    assert back.id == added.id and back.uuid == added.uuid
    assert page.selected_id() == added.id


def test_ctrl_n_on_the_page_opens_a_new_application_and_elsewhere_a_project(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    window = opener()
    page = jobs_page(window)
    window.go_to_page(PageName.JOB_SEARCH)
    assert page.first_button.hasFocus()
    qtbot.keyClick(page.first_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = QApplication.activeModalWidget()
    assert isinstance(form, ApplicationForm)
    form.reject()
    assert window.services.portfolio.count(window.ctx.profile_id) == 0
    window.show_page(PageName.SKILLS)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.services.portfolio.count(window.ctx.profile_id) == 1


def test_a_stage_change_moves_it_keeps_it_selected_and_is_undone(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    jobs, me = window.services.jobs, window.ctx.profile_id
    globex = jobs.list(me, Stage.APPLIED)[0]
    page.select(globex.id)
    form = page.changes.move_selected()
    assert isinstance(form, StageForm)
    assert form.stage.currentData() == Stage.SCREENING.value  # the likely next one
    assert form.on.date() == form.on.maximumDate()  # today, and no later
    form.stage.setCurrentIndex(form.stage.findData(Stage.INTERVIEW.value))
    yesterday = window.services.study.now().date() - timedelta(days=1)
    form.on.setDate(form.on.date().addDays(-1))
    form.note.setText("Invited by Lee")
    form.save()
    moved = jobs.get(me, globex.id)
    assert moved.stage is Stage.INTERVIEW and moved.stages[-1].note == "Invited by Lee"
    assert moved.stage_on == yesterday
    assert page.selected_id() == globex.id  # followed into its new group
    assert page.model.stage_at(page.view.currentIndex()) is Stage.INTERVIEW
    window.ctx.undo_stack.undo()
    assert jobs.get(me, globex.id).stage is Stage.APPLIED
    assert page.selected_id() == globex.id
    window.ctx.undo_stack.redo()
    assert jobs.get(me, globex.id).stage is Stage.INTERVIEW


def test_interviews_contacts_and_notes_are_added_and_undone(qtbot: QtBot, data_dir: Path, opener: WindowOpener) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    jobs, me, stack = window.services.jobs, window.ctx.profile_id, window.ctx.undo_stack
    app_id = page.selected_id()
    assert app_id is not None
    form = page.changes.add_interview()
    assert isinstance(form, InterviewForm)
    form.on.setDate(form.on.date().addDays(3))  # a coming interview is fine
    form.kind.setCurrentIndex(form.kind.findData(InterviewKind.TECHNICAL.value))
    form.save()
    contact = page.changes.add_contact()
    assert contact is not None
    contact.name.setText("Kim Lee")  # type: ignore[attr-defined]
    contact.email.setText("kim@globex.example")  # type: ignore[attr-defined]
    contact.save()
    note = page.changes.add_note()
    assert note is not None
    note.text.setPlainText("Ask about the on-call rota")  # type: ignore[attr-defined]
    note.save()
    shown = jobs.get(me, app_id)
    assert [i.kind for i in shown.interviews] == [InterviewKind.TECHNICAL]
    assert [c.name for c in shown.contacts] == ["Kim Lee"]
    assert [n.text for n in shown.notes] == ["Ask about the on-call rota"]
    assert page.details.interviews.title_label.text() == "Interviews (1)"
    assert page.details.interviews.table.records.index(0, 0).data().endswith(" · in 3 days")
    assert page.details.contacts.table.records.index(0, 2).data() == "kim@globex.example"
    for _ in range(3):
        stack.undo()
    empty = jobs.get(me, app_id)
    assert not empty.interviews and not empty.contacts and not empty.notes
    assert page.details.interviews.empty.isVisibleTo(page)
    for _ in range(3):
        stack.redo()
    assert len(jobs.get(me, app_id).notes) == 1


def test_delete_asks_and_undo_brings_the_application_back(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    jobs, me = window.services.jobs, window.ctx.profile_id
    chosen = page.selected_id()
    monkeypatch.setattr(page.changes, "confirm_delete", lambda _app: False)
    assert not page.changes.delete_selected()
    assert len(jobs.list(me)) == 3
    monkeypatch.setattr(page.changes, "confirm_delete", lambda _app: True)
    assert page.changes.delete_selected()
    assert chosen not in [a.id for a in jobs.list(me)]
    assert page.selected() is not None  # another one is shown, not a stale one
    window.ctx.undo_stack.undo()
    assert chosen in [a.id for a in jobs.list(me)]


def test_a_refused_value_is_said_in_the_form_and_nothing_is_added(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    form = page.changes.new_application()
    form.company.setText("Soylent")  # type: ignore[attr-defined]
    form.role.setText("x" * 10_000)  # type: ignore[attr-defined]
    form.save()
    assert form.isVisible() and form.error.text()
    assert len(window.services.jobs.list(window.ctx.profile_id)) == 3
    form.reject()


def test_the_empty_page_says_what_to_do_and_offers_the_button(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    page = jobs_page(opener())
    assert page.stack.currentIndex() == 0
    shown = texts(page)
    assert "No applications yet" in shown and "Move each one through its stages" in shown
    assert page.first_button.isVisibleTo(page) and page.first_button.text() == "&New application…"
    assert not page.figures.isVisibleTo(page)


def test_a_folded_stage_stays_folded_after_a_change(qtbot: QtBot, data_dir: Path, opener: WindowOpener) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    saved = page.model.group_index(Stage.SAVED)
    page.view.collapse(saved)
    page.ctx.services.jobs.add(page.ctx.profile_id, "Hooli", "ML engineer", stage=Stage.APPLIED)
    page.ctx.notify(Change.JOBS)
    assert not page.view.isExpanded(page.model.group_index(Stage.SAVED))
    assert page.view.isExpanded(page.model.group_index(Stage.APPLIED))
    assert page.model.groups[0].title == "Applied · 2"


def test_a_found_application_opens_on_the_page_selected(qtbot: QtBot, data_dir: Path, opener: WindowOpener) -> None:
    seed(data_dir)
    window = opener()
    acme = window.services.jobs.list(window.ctx.profile_id, Stage.SCREENING)[0]
    window.show_page(PageName.DASHBOARD)
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "Kim")  # the note of a stage change
    assert box.results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    page = window.page(JOB_SEARCH)
    assert window.stack.currentWidget() is page
    assert page.selected_id() == acme.id and page.view.hasFocus()


def test_markup_in_what_was_typed_is_shown_as_typed(qtbot: QtBot, data_dir: Path, opener: WindowOpener) -> None:
    window = opener()
    company = "<b>Bold</b> & <img src='https://example.com/x.png'>"
    window.services.jobs.add(window.ctx.profile_id, company, "<i>role</i>", location="<u>here</u>")
    page = jobs_page(window)
    page.refresh()
    assert page.details.company.text() == company
    assert page.details.company.textFormat() is Qt.TextFormat.PlainText
    assert page.details.role.textFormat() is Qt.TextFormat.PlainText
    tip = page.model.index_of(page.selected_id() or 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;img" in tip and "<u>" not in tip


def test_a_part_is_deleted_a_note_edited_and_both_undone(qtbot: QtBot, data_dir: Path, opener: WindowOpener) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    jobs, me, stack = window.services.jobs, window.ctx.profile_id, window.ctx.undo_stack
    acme = jobs.list(me, Stage.SCREENING)[0]
    note = jobs.add_note(me, acme.id, "first thoughts")
    page.refresh()
    page.select(acme.id)
    notes = page.details.notes.table
    notes.selectRow(0)
    form = page.changes.edit_note()
    assert form is not None and form.text.toPlainText() == "first thoughts"  # type: ignore[attr-defined]
    form.text.setPlainText("second thoughts")  # type: ignore[attr-defined]
    form.save()
    assert jobs.get(me, acme.id).notes[0].text == "second thoughts"
    stack.undo()
    assert jobs.get(me, acme.id).notes[0].text == "first thoughts"
    timeline = page.details.timeline
    timeline.table.selectRow(1)  # the screening
    assert timeline.delete_button.isEnabled()
    timeline.delete_button.click()
    assert jobs.get(me, acme.id).stage is Stage.APPLIED
    assert page.selected_id() == acme.id
    stack.undo()
    assert jobs.get(me, acme.id).stage is Stage.SCREENING
    # The only stage left cannot go: said in the status bar, nothing changed.
    alone = jobs.list(me, Stage.APPLIED)[0]
    page.select(alone.id)
    page.details.timeline.table.selectRow(0)
    page.details.timeline.delete_button.click()
    assert window.last_error and len(jobs.get(me, alone.id).stages) == 1
    assert note.id in [n.id for n in jobs.get(me, acme.id).notes]


def test_a_change_on_the_page_re_reads_that_application_alone(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    jobs, me = window.services.jobs, window.ctx.profile_id
    listed: list[int] = []
    every = jobs.list
    monkeypatch.setattr(jobs, "list", lambda *a, **k: listed.append(1) or every(*a, **k))
    globex = jobs.list(me, Stage.APPLIED)[0]
    listed.clear()
    page.select(globex.id)
    form = page.changes.move_selected()
    assert form is not None
    form.save()
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.redo()
    assert listed == []  # only Globex was read again, three times
    assert [g.title for g in page.model.groups] == ["Screening · 2", "Saved · 1"]
    window.ctx.notify(Change.JOBS)  # a change the page cannot place (another process): all again
    assert listed == [1]


def test_the_ad_is_read_from_a_text_file_and_a_binary_one_is_refused(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener, tmp_path: Path
) -> None:
    window = opener()
    form = jobs_page(window).changes.new_application()
    assert isinstance(form, ApplicationForm)
    text = tmp_path / "ad.txt"
    text.write_text("Python, SQL and Kubernetes; café culture", encoding="utf-8")
    binary = tmp_path / "ad.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert form.read_ad_file(str(text))
    assert form.ad.toPlainText() == "Python, SQL and Kubernetes; café culture"
    assert not form.read_ad_file(str(binary))
    assert "not a text file" in form.error.text()
    assert form.ad.toPlainText().startswith("Python")  # what was there is kept
    assert not form.read_ad_file(str(tmp_path / "missing.txt"))
    assert "cannot read missing.txt" in form.error.text()
    form.reject()


def test_an_application_is_shown_with_the_form_a_next_action_asks_for(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    seed(data_dir)
    window = opener()
    globex = window.services.jobs.list(window.ctx.profile_id, Stage.APPLIED)[0]
    window.show_application(globex.id, then="stage")
    page = window.page(JOB_SEARCH)
    assert page.selected_id() == globex.id
    form = QApplication.activeModalWidget()
    assert isinstance(form, StageForm)
    form.reject()
    window.show_application(globex.id, then="interview")
    form = QApplication.activeModalWidget()
    assert isinstance(form, InterviewForm)
    form.reject()
    window.show_application(404)  # gone since: the page, nothing selected wrongly
    assert window.stack.currentWidget() is page and page.selected_id() == globex.id


def test_a_skill_the_ad_names_and_the_roadmap_lacks_is_added_as_own_and_undone(
    qtbot: QtBot, data_dir: Path, opener: WindowOpener
) -> None:
    seed(data_dir)
    window = opener()
    page = jobs_page(window)
    acme = next(a for a in page.applications if a.company == "Acme")
    page.select(acme.id)
    details = page.details
    assert details.unknown_names == ("Docker", "Kubernetes")
    assert details.add_unknown_button.isVisibleTo(page)
    page.add_unknown_skill("Docker")
    skill = next(s for s in window.services.roadmap.skills if s.title == "Docker")
    assert skill.id.startswith("own.skill.")
    # The ad is read again: Docker is a skill of the roadmap now, missing until it is done.
    assert details.unknown_names == ("Kubernetes",)
    assert "Docker" in details.missing.text()
    window.ctx.undo_stack.undo()
    assert not any(s.title == "Docker" for s in window.services.roadmap.skills)
    assert details.unknown_names == ("Docker", "Kubernetes")
