"""Task and skill states: one set of controls and words, no stale or dead controls, visible focus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListView, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pages import PageName
from roadmap_app.ui.widgets.delegates import StateButtons, row_colours
from roadmap_app.ui.window.context import Change
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import TEXT_CONTRAST, ThemeMode, contrast_ratio
from roadmap_app.ui.window.undo import SetItemNoteCommand

LABELS = ["Done", "In progress", "Skip", "To do"]
TOOLTIPS = ["Done (D)", "In progress (L)", "Skip (S)", "To do (R)"]


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def state_of(window: MainWindow, item_id: str) -> ItemState:
    return window.services.progress.get(window.ctx.profile_id, item_id).state


def note_of(window: MainWindow, item_id: str) -> str:
    return window.services.progress.get(window.ctx.profile_id, item_id).note


def pressed(buttons: StateButtons) -> list[ItemState]:
    return [state for state, button in buttons.buttons.items() if button.isChecked()]


def visible_texts(page: QWidget) -> list[str]:
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    texts += [w.text().replace("&", "") for w in page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
    texts += [w.toolTip() for w in page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
    return texts


# --- one vocabulary, one control set ------------------------------------------------------


def test_tasks_and_skills_have_the_same_buttons_and_words(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    window.show_page(PageName.SKILLS)
    for controls in (window.roadmap.task_states, window.skills.state_controls):
        buttons = list(controls.buttons.values())
        assert [b.text().replace("&", "") for b in buttons] == LABELS
        assert [b.toolTip() for b in buttons] == TOOLTIPS
    for page in (window.roadmap, window.skills):
        words = " ".join(visible_texts(page))
        for old in ("Learning", "Reset", "L in progress", "R reset"):
            assert old not in words, f"{type(page).__name__} still says {old!r}"
    assert [s.label for s in ItemState] == ["To do", "In progress", "Done", "Skipped"]


def test_a_task_can_be_skipped_with_the_mouse_and_undone(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    page = window.roadmap
    task = page.current_task_id()
    assert task
    assert pressed(page.task_states) == [ItemState.TODO]
    qtbot.mouseClick(page.task_states.buttons[ItemState.SKIPPED], Qt.MouseButton.LeftButton)
    assert state_of(window, task) is ItemState.SKIPPED
    assert pressed(page.task_states) == [ItemState.SKIPPED]
    qtbot.mouseClick(page.task_states.buttons[ItemState.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert state_of(window, task) is ItemState.IN_PROGRESS
    assert pressed(page.task_states) == [ItemState.IN_PROGRESS]
    # Clicking the pressed button again changes nothing and leaves it pressed.
    steps = window.ctx.undo_stack.count()
    qtbot.mouseClick(page.task_states.buttons[ItemState.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert pressed(page.task_states) == [ItemState.IN_PROGRESS]
    assert window.ctx.undo_stack.count() == steps
    window.ctx.undo_stack.undo()
    assert state_of(window, task) is ItemState.SKIPPED
    assert pressed(page.task_states) == [ItemState.SKIPPED]


def test_the_task_keys_match_the_buttons(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    page = window.roadmap
    page.tasks_view.setFocus()
    task = page.tasks_view.current_item_id()
    for key, state in (
        (Qt.Key.Key_S, ItemState.SKIPPED),
        (Qt.Key.Key_L, ItemState.IN_PROGRESS),
        (Qt.Key.Key_D, ItemState.DONE),
        (Qt.Key.Key_R, ItemState.TODO),
    ):
        qtbot.keyClick(page.tasks_view, key)
        assert state_of(window, task) is state
        assert pressed(page.task_states) == [state]


def test_a_task_note_is_saved_as_you_type_and_follows_the_selected_task(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    page = window.roadmap
    first = page.current_task_id()
    qtbot.keyClicks(page.task_note, "Chose the online degree")
    qtbot.waitUntil(lambda: note_of(window, first) == "Chose the online degree", timeout=3000)
    # Typing, then moving to the next task at once: the typing lands on the first task.
    qtbot.keyClicks(page.task_note, ".")
    page.tasks_view.setFocus()
    qtbot.keyClick(page.tasks_view, Qt.Key.Key_Down)
    second = page.current_task_id()
    assert second and second != first
    assert note_of(window, first) == "Chose the online degree."
    assert page.task_note.toPlainText() == ""
    assert note_of(window, second) == ""
    qtbot.keyClick(page.tasks_view, Qt.Key.Key_Up)
    assert page.task_note.toPlainText() == "Chose the online degree."
    # The note is the same one the command line and the search see.
    assert window.services.progress.get(window.ctx.profile_id, first).note == "Chose the online degree."


def test_a_task_note_typed_elsewhere_shows_up(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    page = window.roadmap
    task = page.current_task_id()
    window.ctx.run(SetItemNoteCommand(window.ctx, task, "from the menu"))
    assert page.task_note.toPlainText() == "from the menu"
    window.ctx.undo_stack.undo()
    assert page.task_note.toPlainText() == ""


def test_a_task_note_typed_just_before_closing_is_kept(open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.ROADMAP)
    task = window.roadmap.current_task_id()
    window.roadmap.task_note.setPlainText("typed just before closing")
    open_window.close(window)
    again = open_window()
    assert note_of(again, task) == "typed just before closing"
    again.show_page(PageName.ROADMAP)
    assert again.roadmap.task_note.toPlainText() == "typed just before closing"
    row = again.roadmap.tasks_model.row_of(task)
    assert again.roadmap.tasks_model.row_at(row).has_note


# --- no stale or dead controls --------------------------------------------------------------


def test_a_filter_with_no_match_shows_an_empty_state_not_the_last_skill(
    qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window()
    window.services.progress.set_note(window.ctx.profile_id, "skill.python", "Finished the tutorial.")
    window.ctx.notify(Change.ALL)
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.select_skill("skill.python")
    assert page.note.toPlainText() == "Finished the tutorial."
    qtbot.keyClicks(page.filter_edit, "zzz")
    assert page.current_skill() is None
    assert page.skill_title.text() == "No skill matches the filter"
    assert page.empty_hint.isVisible() and "zzz" in page.empty_hint.text()
    for hidden in (page.note_card, page.projects_card, page.requires, page.description, page.skill_where):
        assert not hidden.isVisible()
    assert not page.note.isEnabled() and page.note.toPlainText() == ""
    assert all(not b.isEnabled() for b in page.state_buttons.values())
    assert pressed(page.state_controls) == []
    qtbot.mouseClick(page.state_buttons[ItemState.DONE], Qt.MouseButton.LeftButton)
    assert pressed(page.state_controls) == []
    assert state_of(window, "skill.python") is ItemState.TODO
    assert window.ctx.undo_stack.count() == 0
    # One click brings every skill back.
    qtbot.mouseClick(page.show_all_button, Qt.MouseButton.LeftButton)
    assert page.filter_edit.text() == ""
    assert page.current_skill() is not None
    assert page.note_card.isVisible() and page.note.isEnabled()
    assert all(b.isEnabled() for b in page.state_buttons.values())
    assert len(pressed(page.state_controls)) == 1


def test_typing_a_note_then_filtering_it_away_keeps_the_note(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.select_skill("skill.python")
    qtbot.keyClicks(page.note, "half done")
    page.filter_edit.setText("zzz")
    assert note_of(window, "skill.python") == "half done"
    page.filter_edit.setFocus()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == ""
    page.select_skill("skill.python")
    assert page.note.toPlainText() == "half done"


@pytest.mark.parametrize("dark", [False, True])
def test_a_selected_skipped_skill_reads_on_the_selection(dark: bool, open_window: WindowOpener) -> None:
    window = open_window()
    window.set_theme(ThemeMode.DARK if dark else ThemeMode.LIGHT)
    palette = window.skills.view.palette()
    for focused in (True, False):
        colours = row_colours(ItemState.SKIPPED, palette, selected=True, focused=focused, hovered=False)
        assert colours.fill is not None
        assert contrast_ratio(colours.title, colours.fill) >= TEXT_CONTRAST
        assert contrast_ratio(colours.label, colours.fill) >= TEXT_CONTRAST
    focused_colours = row_colours(ItemState.SKIPPED, palette, selected=True, focused=True, hovered=False)
    assert focused_colours.title == palette.color(QPalette.ColorRole.HighlightedText)


def test_a_selected_skipped_skill_is_painted_readable(qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window()
    window.set_theme(ThemeMode.LIGHT)
    window.services.progress.set_state(window.ctx.profile_id, "skill.sql", ItemState.SKIPPED)
    window.show_page(PageName.SKILLS)
    page = window.skills
    page.refresh()
    page.select_skill("skill.sql")
    QApplication.processEvents()
    view = page.view
    rect = view.visualRect(view.currentIndex())
    image = view.viewport().grab(rect).toImage()
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    text = view.palette().color(QPalette.ColorRole.HighlightedText)
    colours = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
    assert highlight.rgb() in colours
    assert text.rgb() in colours, "the skipped title is drawn in the selection's text colour"


# --- focus is visible ----------------------------------------------------------------------


def _pixel(widget: QWidget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


@pytest.mark.parametrize("theme", [ThemeMode.LIGHT, ThemeMode.DARK])
def test_focus_is_visible_on_the_lists(qtbot: QtBot, open_window: WindowOpener, theme: ThemeMode) -> None:
    window = open_window()
    window.set_theme(theme)
    window.show_page(PageName.SKILLS)
    window.show_page(PageName.ROADMAP)
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    views: list[QListView] = [window.roadmap.tasks_view, window.roadmap.steps_view]
    for view in views:
        window.show_page(PageName.ROADMAP)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        with_focus = _pixel(view, 0, view.height() // 2)
        window.navigation.setFocus()
        qtbot.waitUntil(window.navigation.hasFocus, timeout=2000)
        without = _pixel(view, 0, view.height() // 2)
        assert with_focus.rgb() == highlight.rgb(), view.objectName()
        assert without.rgb() != highlight.rgb(), view.objectName()
    window.show_page(PageName.SKILLS)
    skills = window.skills.view
    skills.setFocus()
    qtbot.waitUntil(skills.hasFocus, timeout=2000)
    assert _pixel(skills, 0, skills.height() // 2).rgb() == highlight.rgb()
    window.skills.filter_edit.setFocus()
    qtbot.waitUntil(window.skills.filter_edit.hasFocus, timeout=2000)
    assert _pixel(skills, 0, skills.height() // 2).rgb() != highlight.rgb()
    # The navigation: its selected page gets a ring in the text colour while it has focus.
    navigation = window.navigation
    rect = navigation.visualRect(navigation.currentIndex())
    point = (rect.left() + 1, rect.center().y())
    navigation.setFocus()
    qtbot.waitUntil(navigation.hasFocus, timeout=2000)
    ring = navigation.viewport().grab().toImage().pixelColor(*point)
    skills.setFocus()
    qtbot.waitUntil(skills.hasFocus, timeout=2000)
    plain = navigation.viewport().grab().toImage().pixelColor(*point)
    text = navigation.palette().color(QPalette.ColorRole.Text)
    assert contrast_ratio(ring, plain) >= 3.0
    assert contrast_ratio(ring, text) < 1.5
