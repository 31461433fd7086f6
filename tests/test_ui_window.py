"""The real window driven with clicks and keys, over a real database in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import Action, ActionKind, Suggestion
from roadmap_app.ui.widgets.next_actions import SuggestionCard
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import ThemeMode, is_dark


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


OBJECT_NAMES = [
    "navigation",
    "dashboardPage",
    "roadmapPage",
    "skillsPage",
    "portfolioPage",
    "careerPage",
    "overallProgress",
    "nextActionsList",
    "skillsView",
    "projectsView",
    "noteEditor",
]


def state_of(window: MainWindow, item_id: str) -> ItemState:
    return window.services.progress.get(window.ctx.profile_id, item_id).state


def select_skill_with_keys(qtbot: QtBot, window: MainWindow, skill_id: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.skills
    assert window.skills.select_skill(skill_id)
    view = window.skills.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)


def shown_cards(qtbot: QtBot, window: MainWindow) -> list[SuggestionCard]:
    """The next-action cards, once the list has laid them out."""
    view = window.dashboard.next_actions
    qtbot.waitUntil(lambda: bool(view.cards()) and all(c.do_button.width() > 0 for c in view.cards()))
    return view.cards()


def test_the_window_has_its_named_parts(open_window: WindowOpener) -> None:
    window = open_window()
    for name in OBJECT_NAMES:
        assert window.findChild(QWidget, name) is not None, name


def test_every_interactive_widget_has_an_accessible_name(open_window: WindowOpener) -> None:
    window = open_window()
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit)
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget.parentWidget(), QTabBar | QLineEdit) or widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        if (
            isinstance(widget, QAbstractItemView)
            and parent is not None
            and parent.inherits("QComboBoxPrivateContainer")
        ):
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()} {getattr(widget, 'text', lambda: '')()}")
    assert missing == []


def test_marking_a_skill_done_with_the_keyboard_can_be_undone_and_redone(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    select_skill_with_keys(qtbot, window, "skill.python")
    view = window.skills.view

    qtbot.keyClick(view, Qt.Key.Key_D)
    assert state_of(window, "skill.python") is ItemState.DONE
    assert "Done" in window.skills.skill_where.text()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state_of(window, "skill.python") is ItemState.TODO

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert state_of(window, "skill.python") is ItemState.DONE


def test_skill_keys_l_s_r_and_space_cycling(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    select_skill_with_keys(qtbot, window, "skill.sql")
    view = window.skills.view
    for key, expected in (
        (Qt.Key.Key_L, ItemState.IN_PROGRESS),
        (Qt.Key.Key_S, ItemState.SKIPPED),
        (Qt.Key.Key_R, ItemState.TODO),
        (Qt.Key.Key_Space, ItemState.IN_PROGRESS),
        (Qt.Key.Key_Space, ItemState.DONE),
        (Qt.Key.Key_Space, ItemState.TODO),
    ):
        qtbot.keyClick(view, key)
        assert state_of(window, "skill.sql") is expected, key


def test_clicking_a_skills_round_mark_cycles_its_state(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    view = window.skills.view
    row = window.skills.model.row_of("skill.r")
    view.scrollTo(window.skills.model.index(row))
    rect = view.visualRect(window.skills.model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 20, rect.center().y()))
    assert state_of(window, "skill.r") is ItemState.IN_PROGRESS


def test_the_skill_filter_keeps_matching_skills_and_their_group_counts(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    qtbot.keyClicks(window.skills.filter_edit, "sql")
    model = window.skills.model
    titles = [model.row_at(r).title for r in range(model.rowCount())]
    assert "SQL" in titles
    assert "Python" not in titles
    header = next(model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).header)
    assert "of 5 done" in header.counts


def test_a_skill_note_is_saved_as_you_type(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    select_skill_with_keys(qtbot, window, "skill.python")
    qtbot.keyClicks(window.skills.note, "Did the tutorial")
    qtbot.waitUntil(
        lambda: window.services.progress.get(window.ctx.profile_id, "skill.python").note == "Did the tutorial",
        timeout=3000,
    )


def test_marking_a_task_on_the_roadmap_page(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.roadmap
    assert page.selected_step() is not None
    assert page.selected_step().id == "step.credential"
    page.tasks_view.setFocus()
    first = page.tasks_view.current_item_id()
    qtbot.keyClick(page.tasks_view, Qt.Key.Key_D)
    assert state_of(window, first) is ItemState.DONE
    assert "1 of 4 tasks done" in page.step_status.text()


def test_the_dashboard_shows_progress_and_next_actions(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.services.progress.set_state(window.ctx.profile_id, "skill.python", ItemState.DONE)
    window.ctx.notify(Change.ALL)
    assert window.dashboard.overall.fraction > 0
    cards = shown_cards(qtbot, window)
    assert cards, "a new learner is always told what to do next"
    first = cards[0].suggestion
    qtbot.mouseClick(cards[0].snooze_button, Qt.MouseButton.LeftButton)
    assert first.key not in [c.suggestion.key for c in window.dashboard.next_actions.cards()]


def test_doing_a_next_action_does_it_and_refreshes_the_list(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    card = shown_cards(qtbot, window)[0]
    suggestion = card.suggestion
    before = [c.suggestion for c in window.dashboard.next_actions.cards()]
    qtbot.mouseClick(card.do_button, Qt.MouseButton.LeftButton)
    if suggestion.action.kind is ActionKind.SET_STATE:
        assert state_of(window, suggestion.action.target).value == suggestion.action.value
        assert window.ctx.undo_stack.count() == 1
    else:
        assert window.stack.currentWidget() is not window.dashboard
    assert [c.suggestion for c in shown_cards(qtbot, window)] != before


def test_each_kind_of_next_action_is_performed(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    idea = window.services.roadmap.project_ideas[1]

    def perform(kind: ActionKind, target: str, value: str = "") -> None:
        window.perform(Suggestion(f"k-{kind}", "t", "r", 1, Action(kind, target, value), "test"))

    perform(ActionKind.SET_STATE, "task.credential.enrol", "done")
    assert state_of(window, "task.credential.enrol") is ItemState.DONE
    perform(ActionKind.START_PROJECT, idea.id)
    assert window.stack.currentWidget() is window.portfolio
    project = window.portfolio.editor.project
    assert project is not None
    assert project.idea_id == idea.id
    window.show_page(PageName.DASHBOARD)
    perform(ActionKind.OPEN_PROJECT, str(project.id), "note")
    assert window.stack.currentWidget() is window.portfolio
    assert len(window.services.portfolio.get(window.ctx.profile_id, project.id).notes) == 1
    perform(ActionKind.OPEN_ITEM, "skill.spark")
    assert window.stack.currentWidget() is window.skills
    assert window.skills.view.current_item_id() == "skill.spark"
    perform(ActionKind.OPEN_ITEM, "task.credential.complete")
    assert window.stack.currentWidget() is window.roadmap
    assert window.roadmap.tasks_view.current_item_id() == "task.credential.complete"
    perform(ActionKind.OPEN_PAGE, "career")
    assert window.stack.currentWidget() is window.career
    perform(ActionKind.OPEN_PAGE, "a-page-of-a-later-version")
    assert window.stack.currentWidget() is window.dashboard
    perform(ActionKind.OPEN_PROJECT, str(project.id), "link")
    assert window.stack.currentWidget() is window.portfolio
    link = window.portfolio.editor.link_edits["repo_url"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is link)


def test_adding_a_project_with_a_note_and_a_skill(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.portfolio
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Tweet sentiment")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)

    qtbot.mouseClick(editor.add_note_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.note_editor, "# Day 1")
    qtbot.keyClick(editor.note_editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.note_editor, "Collected **500** tweets")
    qtbot.mouseClick(editor.skills_button, Qt.MouseButton.LeftButton)
    dialog = editor.skills_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.filter_edit.setText("python")
    dialog.view.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    dialog.accept()

    pid = window.ctx.profile_id
    projects = window.services.portfolio.projects(pid)
    assert [p.title for p in projects] == ["Tweet sentiment"]
    assert projects[0].skill_ids == ("skill.python",)
    qtbot.waitUntil(
        lambda: window.services.portfolio.get(pid, projects[0].id).notes[0].text.startswith("# Day 1"), timeout=3000
    )
    editor.tabs.setCurrentIndex(1)
    assert "Collected" in editor.preview.toPlainText()
    assert "**" not in editor.preview.toPlainText()
    assert "Python" in editor.skills_label.text()

    # Undo takes back the note's text, then the skill, then the note, then the title, then the project.
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.services.portfolio.projects(pid) == []
    assert page.model.rowCount() == 0


def test_starting_a_project_from_an_idea_takes_its_skills(open_window: WindowOpener) -> None:
    window = open_window()
    idea = window.services.roadmap.project_ideas[0]
    window.show_page(PageName.PORTFOLIO)
    window.portfolio.ideas_menu.actions()[0].trigger()
    project = window.portfolio.editor.project
    assert project is not None
    assert project.idea_id == idea.id
    assert set(project.skill_ids) == set(idea.skill_ids)


def test_a_bad_link_is_refused_with_a_message_and_nothing_is_saved(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.PORTFOLIO)
    project = window.portfolio.new_project("Links")
    assert project is not None
    edit = window.portfolio.editor.link_edits["repo_url"]
    qtbot.keyClicks(edit, "javascript:alert(1)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "link" in window.last_error
    assert window.services.portfolio.get(window.ctx.profile_id, project.id).repo_url == ""


def test_typed_notes_are_saved_when_the_window_closes(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    pid = window.ctx.profile_id
    window.show_page(PageName.PORTFOLIO)
    project = window.portfolio.new_project("Closing")
    assert project is not None
    window.portfolio.editor.add_note()
    qtbot.keyClicks(window.portfolio.editor.note_editor, "typed just before closing")
    services = window.services
    window.close()
    assert services.portfolio.get(pid, project.id).notes[0].text == "typed just before closing"


def test_switching_creating_and_renaming_profiles(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    first = window.ctx.profile
    window.services.progress.set_state(first.id, "skill.python", ItemState.DONE)
    window.ctx.notify(Change.ALL)
    assert window.profiles_menu.create_profile("Ana")
    assert window.ctx.profile.name == "Ana"
    assert "Ana" in window.windowTitle()
    assert "Ana" in window.dashboard.greeting.text()
    assert state_of(window, "skill.python") is ItemState.TODO
    assert window.ctx.undo_stack.count() == 0

    window.profiles_menu.rebuild()
    switch = next(a for a in window.profiles_menu.actions() if a.text() == first.name)
    switch.trigger()
    assert window.ctx.profile_id == first.id
    assert window.skills.model.row_at(window.skills.model.row_of("skill.python")).state is ItemState.DONE
    assert window.profiles_menu.rename_profile("Sam")
    assert window.services.profiles.get(first.id).name == "Sam"
    assert "Sam" in window.windowTitle()
    assert not window.profiles_menu.rename_profile("Ana")
    assert "already exists" in window.last_error
    window.ctx.undo_stack.undo()
    assert window.services.profiles.get(first.id).name == first.name
    assert first.name in window.windowTitle()


def test_deleting_the_current_profile_opens_another(open_window: WindowOpener) -> None:
    window = open_window()
    doomed = window.ctx.profile
    window.profiles_menu.create_profile("Keep")
    keep = window.ctx.profile
    window.ctx.switch_profile(doomed.id)
    assert window.profiles_menu.delete_profile(confirm=False)
    assert [p.name for p in window.services.profiles.all()] == ["Keep"]
    assert window.ctx.profile_id == keep.id


def test_everything_is_as_it_was_after_a_restart(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    pid = window.ctx.profile_id
    select_skill_with_keys(qtbot, window, "skill.sql")
    qtbot.keyClick(window.skills.view, Qt.Key.Key_D)
    window.show_page(PageName.PORTFOLIO)
    project = window.portfolio.new_project("Kept project")
    assert project is not None
    window.portfolio.editor.add_note()
    qtbot.keyClicks(window.portfolio.editor.note_editor, "kept note")
    window.set_theme(ThemeMode.DARK)
    window.resize(780, 560)
    window.portfolio.splitters["main"].setSizes([350, 650])
    sizes = window.portfolio.splitters["main"].sizes()
    open_window.close(window)

    again = open_window()
    assert again.ctx.profile_id == pid
    assert again.stack.currentWidget() is again.portfolio
    assert again.size().width() == 780
    assert again.portfolio.splitters["main"].sizes() == sizes
    assert again.theme_actions[ThemeMode.DARK].isChecked()
    assert again.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert state_of(again, "skill.sql") is ItemState.DONE
    assert again.portfolio.editor.project is not None
    assert again.portfolio.editor.project.title == "Kept project"
    assert again.portfolio.editor.note_editor.toPlainText() == "kept note"
    again.set_theme(ThemeMode.LIGHT)


def test_the_first_run_welcome_sets_name_step_and_target(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window(first_run=True)
    qtbot.waitUntil(lambda: getattr(window, "welcome", None) is not None and window.welcome.isVisible())
    welcome = window.welcome
    welcome.name_edit.setText("Robin")
    welcome.step_box.setCurrentIndex(1)
    welcome.target_box.setCurrentIndex(2)
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)
    profile = window.services.profiles.get(window.ctx.profile_id)
    assert profile.name == "Robin"
    assert profile.current_step_id == window.services.roadmap.steps[1].id
    assert profile.target_career_id == window.services.roadmap.career_steps[1].id
    assert "Robin" in window.dashboard.greeting.text()


def test_the_welcome_can_be_skipped(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window(first_run=True)
    qtbot.waitUntil(lambda: getattr(window, "welcome", None) is not None and window.welcome.isVisible())
    name = window.ctx.profile.name
    qtbot.mouseClick(window.welcome.skip_button, Qt.MouseButton.LeftButton)
    profile = window.services.profiles.get(window.ctx.profile_id)
    # Skipping keeps a new profile's defaults: it aims for the job the roadmap leads to.
    assert (profile.name, profile.current_step_id, profile.target_career_id) == (name, "", "career.ml-engineer")


def test_choosing_a_target_career_step_on_the_career_page(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.CAREER)
    box = window.career.target_box
    box.setCurrentIndex(3)
    box.activated.emit(3)
    target = window.services.roadmap.career_steps[2]
    assert window.services.profiles.get(window.ctx.profile_id).target_career_id == target.id
    window.show_page(PageName.DASHBOARD)  # hidden pages refresh when shown
    assert target.title in window.dashboard.where.text()
    assert window.career.steps_model.rowCount() == len(window.services.roadmap.career_steps)
    assert window.career.duties_model.rowCount() == 7
    window.ctx.undo_stack.undo()
    assert window.services.profiles.get(window.ctx.profile_id).target_career_id == "career.ml-engineer"


def test_the_career_page_asks_can_i_do_this_yet_and_shows_where_ml_is_used(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.show_page(PageName.CAREER)
    roadmap = window.services.roadmap
    checks = window.career.checks_model
    assert checks.rowCount() == len(roadmap.self_checks) == 10
    assert window.career.uses_model.rowCount() == len(roadmap.use_cases)
    row = next(i for i, c in enumerate(roadmap.self_checks) if c.skill_ids)
    skill_id = roadmap.self_checks[row].skill_ids[0]
    title = roadmap.skill(skill_id).title
    assert f"✓ {title}" not in checks.data(checks.index(row, 1))
    select_skill_with_keys(qtbot, window, skill_id)
    qtbot.keyClick(window.skills.view, Qt.Key.Key_D)
    window.show_page(PageName.CAREER)  # hidden pages refresh when shown
    assert f"✓ {title}" in checks.data(checks.index(row, 1))


def test_every_table_follows_a_theme_switch(qtbot: QtBot, open_window: WindowOpener) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    window = open_window()
    for page in PageName:
        window.show_page(page)
    for mode in (ThemeMode.DARK, ThemeMode.LIGHT, ThemeMode.DARK):
        window.set_theme(mode)
        QApplication.processEvents()
        dark = mode is ThemeMode.DARK
        assert is_dark(QApplication.palette()) is dark
        for page in PageName:
            window.show_page(page)
            QApplication.processEvents()
            for view in window.findChildren(QAbstractItemView):
                if view.isVisible():
                    assert is_dark(view.palette()) is dark, (mode, view.objectName())
