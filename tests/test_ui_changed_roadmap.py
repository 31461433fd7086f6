"""The window over data saved with today's roadmap, opened with a later roadmap that dropped
and renamed items: every page shows, nothing crashes, and the saved progress stays visible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

import roadmap_app
from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.ui.window.main_window import MainWindow

ROADMAP = Path(roadmap_app.__file__).resolve().parent.parent / "resources" / "roadmaps" / "ml-engineer.toml"

TARGET = "career.ml-specialist"
SKILL = "skill.r"
TASK = "task.credential.enrol"
IDEA = "idea.sentiment-analysis"
DROPPED = (TARGET, SKILL, TASK, IDEA)
RENAMED = {"skill.python": "Python 3", "step.credential": "Get a credential", "career.data-scientist": "Data analyst"}


def changed_roadmap(dropped: tuple[str, ...], renamed: dict[str, str]) -> str:
    """Today's roadmap file with the ``dropped`` items (and every reference to them) removed."""
    blocks = re.split(r"(?m)^(?=\[)", ROADMAP.read_text(encoding="utf-8"))
    kept: list[str] = []
    for block in blocks:
        found = re.search(r'(?m)^id = "([^"]+)"$', block)
        item_id = found.group(1) if found else ""
        if item_id in dropped:
            continue
        if item_id in renamed:
            block = re.sub(r'(?m)^title = ".*"$', f'title = "{renamed[item_id]}"', block, count=1)
        kept.append(block)
    text = "".join(kept)
    for item_id in dropped:
        quoted = re.escape(f'"{item_id}"')
        text = re.sub(rf"{quoted},\s*|,\s*{quoted}|{quoted}", "", text)
    assert all(f'"{i}"' not in text for i in dropped)
    return text


@pytest.fixture
def later_roadmap(tmp_path: Path) -> Path:
    path = tmp_path / "ml-engineer-later.toml"
    path.write_text(changed_roadmap(DROPPED, RENAMED), encoding="utf-8")
    return path


@pytest.fixture
def saved_progress(data_dir: Path) -> int:
    """A learner's data made with today's roadmap, touching every item the later one drops."""
    _paths, services = open_services(data_dir)
    try:
        profile = services.profiles.current()
        services.profiles.set_goal(profile.id, current_step_id="step.skills", target_career_id=TARGET)
        services.progress.set_state(profile.id, SKILL, ItemState.DONE)
        services.progress.set_note(profile.id, SKILL, "Used R for my thesis statistics")
        services.progress.set_state(profile.id, TASK, ItemState.IN_PROGRESS)
        services.progress.set_note(profile.id, TASK, "Enrolment form sent")
        services.progress.set_state(profile.id, "skill.python", ItemState.DONE)
        project = services.portfolio.start_from_idea(profile.id, IDEA)
        services.portfolio.set_skills(profile.id, project.id, [SKILL, "skill.python"])
        services.portfolio.add_note(profile.id, project.id, "# Week 1\nCollected tweets")
        return project.id
    finally:
        services.close()


def visible_text(window: MainWindow) -> str:
    page = window.current_page()
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def show_every_page(qtbot: QtBot, window: MainWindow) -> dict[PageName, str]:
    shown: dict[PageName, str] = {}
    for name in PageName:
        window.show_page(name)
        QApplication.processEvents()
        page = window.current_page()
        assert page.isVisible(), name
        text = visible_text(window)
        assert text.strip(), f"the {name} page is blank"
        shown[name] = text
    return shown


def test_the_test_roadmap_really_drops_and_renames(later_roadmap: Path, tmp_path: Path) -> None:
    _paths, services = open_services(tmp_path / "other", roadmap_path=later_roadmap)
    try:
        roadmap = services.roadmap
        assert all(roadmap.item(i) is None for i in DROPPED)
        assert roadmap.title_of("skill.python") == "Python 3"
        assert roadmap.career_step(TARGET) is None
    finally:
        services.close()


def test_every_page_shows_over_progress_on_items_the_roadmap_dropped(
    qtbot: QtBot,
    data_dir: Path,
    saved_progress: int,
    later_roadmap: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    with WindowOpener(data_dir, qtbot) as opener:  # today's roadmap first
        window = opener()
        show_every_page(qtbot, window)
        assert window.skills.archived_box.isHidden()
        opener.close(window)

    with WindowOpener(data_dir, qtbot, roadmap_path=later_roadmap) as opener:
        window = opener()
        shown = show_every_page(qtbot, window)
        # The dashboard says the chosen target is gone, rather than saying nothing.
        assert TARGET in shown[PageName.DASHBOARD]
        assert "no longer in the roadmap" in shown[PageName.DASHBOARD]
        assert "no longer in the roadmap" in shown[PageName.CAREER]

        # The portfolio shows the project started from the dropped idea, with the dropped skill by its id.
        assert window.portfolio.select_project(saved_progress)
        editor = window.portfolio.editor
        assert editor.project is not None
        assert SKILL in editor.skills_label.text()
        assert "Python 3" in editor.skills_label.text()
        # Choosing the project's skills again never drops the one the roadmap no longer lists:
        # the dialog passes it on with the ticked ones (the service may refuse the whole change,
        # with one message, but never loses the link).
        editor.choose_skills()
        dialog = editor.skills_dialog
        assert dialog is not None
        assert dialog.model.row_of(SKILL) < 0
        dialog.check("skill.sql")
        assert dialog.model.checked() == ["skill.python", "skill.sql", SKILL]
        dialog.accept()
        project = window.services.portfolio.get(window.ctx.profile_id, saved_progress)
        assert SKILL in project.skill_ids
        assert "skill.sql" in project.skill_ids or SKILL in window.last_error

        # The skills page keeps the saved state and note of the dropped skill and task, read-only.
        window.show_page(PageName.SKILLS)
        skills = window.skills
        assert skills.archived_box.isVisible()
        rows = skills.archived_rows()
        assert [r[0] for r in rows] == sorted([SKILL, TASK])
        by_id = {r[0]: r for r in rows}
        assert by_id[SKILL][1:] == (ItemState.DONE.label, "Used R for my thesis statistics")
        assert by_id[TASK][1:] == (ItemState.IN_PROGRESS.label, "Enrolment form sent")
        assert "earlier version of the roadmap" in skills.archived_hint.text()

        # Reaching a dropped item from search, a link or an old suggestion: a message at most.
        hits = window.search_bar.search("thesis", 10)
        assert [h.item_id for h in hits] == [SKILL]
        window.show_page(PageName.DASHBOARD)
        window.search_bar.open_hit(hits[0])
        assert window.stack.currentWidget() is window.skills
        assert "no longer in the roadmap" in window.status_label.text()
        window.show_item(TASK)
        assert window.stack.currentWidget() is window.roadmap
        window.perform(Suggestion("old", "Finish", "r", 1, Action(ActionKind.SET_STATE, TASK, "done"), "old"))
        assert TASK in window.last_error
        assert window.services.progress.archived(window.ctx.profile_id)[1].state is ItemState.IN_PROGRESS

    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "StopIteration" not in err
