"""Every page, in both themes, keeps text readable: WCAG AA contrast for what it shows.

The window opens in the light theme with a Markdown note (a link in it) on screen, then
switches to the theme under test, as a learner does from the View menu: what was drawn
before the switch must follow it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.ui.pages.registry import PAGES
from roadmap_app.ui.widgets.delegates import (
    ChecklistDelegate,
    StepDelegate,
    row_colours,
    step_fill,
    step_percent_colour,
)
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import (
    LARGE_CONTRAST,
    TEXT_CONTRAST,
    ThemeMode,
    build_palette,
    contrast_ratio,
    frame_colour,
    muted_colour,
    state_colour,
)

NOTE = "# Week 3\n\nSee [the course](https://huggingface.co/course) and https://example.com/data.\n"

Role = QPalette.ColorRole


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    _paths, services = open_services(data_dir)
    profile = services.profiles.current()
    services.progress.set_state(profile.id, "skill.python", ItemState.DONE)
    services.progress.set_state(profile.id, "skill.sql", ItemState.SKIPPED)
    services.progress.set_state(profile.id, "skill.r", ItemState.IN_PROGRESS)
    services.progress.set_state(profile.id, "task.credential.choose-path", ItemState.DONE)
    services.progress.set_note(profile.id, "skill.python", "Finished the tutorial.")
    project = services.portfolio.add(
        profile.id, "House prices", summary="Gradient boosting.", status=ProjectStatus.BUILDING
    )
    services.portfolio.add_note(profile.id, project.id, NOTE)
    job = services.jobs.add(profile.id, "Acme", "ML engineer", stage="applied", ad_text="Python, SQL and Docker.")
    services.jobs.add_contact(profile.id, job.id, "Kim Lee", role="Recruiter")
    services.close()
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


def is_large(font: QFont) -> bool:
    """WCAG large text: 18 pt, or 14 pt bold."""
    size = font.pointSizeF()
    return size >= 18 or (font.bold() and size >= 14)


def needed(font: QFont) -> float:
    return LARGE_CONTRAST if is_large(font) else TEXT_CONTRAST


def background_of(widget: QWidget) -> QColor:
    """The colour a widget's text sits on: the nearest widget that paints its own background."""
    current: QWidget | None = widget
    while current is not None:
        if current.autoFillBackground() or current.isWindow():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.palette().color(Role.Window)


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and widget.width() > 0 and widget.height() > 0


class Findings:
    def __init__(self, where: str) -> None:
        self.where = where
        self.failures: list[str] = []
        self.checked = 0

    def check(self, what: str, fg: QColor, bg: QColor, minimum: float = TEXT_CONTRAST) -> None:
        self.checked += 1
        ratio = contrast_ratio(fg, bg)
        if ratio < minimum:
            self.failures.append(f"{self.where}: {what}: {fg.name()} on {bg.name()} is {ratio:.2f}:1 < {minimum}")


def check_labels_and_buttons(page: QWidget, found: Findings) -> None:
    for label in page.findChildren(QLabel):
        if shown(label) and label.text().strip():
            fg = label.palette().color(label.foregroundRole())
            found.check(f"label “{label.text()[:30]}”", fg, background_of(label), needed(label.font()))
    for button in page.findChildren(QAbstractButton):
        if not shown(button) or not button.text().strip():
            continue
        if isinstance(button, QCheckBox | QRadioButton):
            fg, bg = button.palette().color(Role.WindowText), background_of(button)
        else:
            fg, bg = button.palette().color(Role.ButtonText), button.palette().color(Role.Button)
        found.check(f"button “{button.text()}”", fg, bg, needed(button.font()))
        if isinstance(button, QPushButton) and button.property("stateButton"):
            # The pressed state button is filled with the selection colour.
            palette = button.palette()
            found.check(
                f"pressed “{button.text()}”",
                palette.color(Role.HighlightedText),
                palette.color(Role.Highlight),
                needed(button.font()),
            )
        elif isinstance(button, QPushButton) and button.isCheckable():
            # Fusion draws a pressed button a shade darker than the button colour.
            found.check(f"pressed “{button.text()}”", fg, bg.darker(110), needed(button.font()))


def _colour(value: object) -> QColor | None:
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, QColor):
        return value
    return None


def check_item_view(view: QAbstractItemView, found: Findings) -> None:
    palette = view.palette()
    name = view.objectName() or type(view).__name__
    delegate = view.itemDelegate()
    if isinstance(delegate, ChecklistDelegate):
        for state in ItemState:
            for selected, focused, hovered in (
                (False, False, False),
                (False, False, True),
                (True, True, False),
                (True, False, False),
            ):
                colours = row_colours(state, palette, selected=selected, focused=focused, hovered=hovered)
                bg = colours.fill or palette.color(Role.Base)
                where = f"{name} {state.value} row selected={selected} focused={focused} hovered={hovered}"
                found.check(f"{where} title", colours.title, bg)
                if state is not ItemState.TODO:  # a to-do row has no state word
                    found.check(f"{where} state word", colours.label, bg)
                # The ring or disc that marks the state is a graphic: 3:1.
                if not selected:
                    found.check(f"{where} mark", state_colour(state, palette), bg, LARGE_CONTRAST)
        found.check(f"{name} group header counts", muted_colour(palette), palette.color(Role.Base))
        return
    if isinstance(delegate, StepDelegate):
        for focused in (True, False):
            fill = step_fill(palette, focused=focused)
            found.check(f"{name} selected step title", palette.color(Role.Text), fill)
            found.check(f"{name} selected step percentage", step_percent_colour(palette, selected=True), fill)
        found.check(f"{name} step percentage", step_percent_colour(palette, selected=False), palette.color(Role.Base))
        return
    model = view.model()
    if model is None:
        return
    columns = 1 if isinstance(model, QAbstractListModel) else min(model.columnCount(QModelIndex()), 8)
    viewport_bg = view.viewport().palette().color(view.viewport().backgroundRole())
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            if not view.visualRect(index).isValid() or not index.data(Qt.ItemDataRole.DisplayRole):
                continue
            fg = _colour(index.data(Qt.ItemDataRole.ForegroundRole)) or palette.color(Role.Text)
            bg = _colour(index.data(Qt.ItemDataRole.BackgroundRole))
            backgrounds = [bg] if bg else [viewport_bg, palette.color(Role.AlternateBase)]
            for each in backgrounds:
                found.check(f"{name} row {row} col {column}", fg, each)
    found.check(f"{name} selected row", palette.color(Role.HighlightedText), palette.color(Role.Highlight))


def check_text_documents(page: QWidget, found: Findings) -> None:
    for editor in page.findChildren(QTextEdit) + page.findChildren(QPlainTextEdit):
        if not shown(editor):
            continue
        palette = editor.palette()
        base = palette.color(Role.Base)
        name = editor.objectName() or type(editor).__name__
        found.check(f"{name} text", palette.color(Role.Text), base)
        found.check(f"{name} placeholder", palette.color(Role.PlaceholderText), base)
        found.check(f"{name} frame", frame_colour(palette), background_of(editor.parentWidget() or editor), 3.0)
        block = editor.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                if fmt.foreground().style() != Qt.BrushStyle.NoBrush:
                    font = QFont(editor.font())
                    font.setBold(fmt.fontWeight() >= QFont.Weight.DemiBold)
                    found.check(
                        f"{name} “{fragment.text()[:30]}”{' (link)' if fmt.isAnchor() else ''}",
                        fmt.foreground().color(),
                        base,
                        needed(font),
                    )
                fragments += 1
            block = block.next()


def check_page(page: QWidget, found: Findings) -> None:
    check_labels_and_buttons(page, found)
    for view in page.findChildren(QAbstractItemView):
        if shown(view):
            check_item_view(view, found)
    check_text_documents(page, found)


def show_markdown_note(window: MainWindow) -> None:
    project = window.services.portfolio.projects(window.ctx.profile_id)[0]
    window.portfolio.select_project(project.id)
    window.portfolio.editor.tabs.setCurrentIndex(1)


@pytest.mark.parametrize("theme", [ThemeMode.LIGHT, ThemeMode.DARK])
def test_every_page_keeps_aa_contrast_after_a_theme_switch(
    qtbot: QtBot, open_window: WindowOpener, theme: ThemeMode
) -> None:
    window = open_window()
    window.set_theme(ThemeMode.LIGHT)
    window.show_page(PAGES[3].name)
    show_markdown_note(window)
    window.set_theme(theme)
    failures: list[str] = []
    checked = 0
    for number, entry in enumerate(PAGES):
        window.show_page(entry.name)
        QApplication.processEvents()
        found = Findings(f"{theme.value} {entry.title}")
        page = window.pages[number]
        if entry is PAGES[2]:
            window.skills.select_skill("skill.sql")  # a skipped skill, selected
        check_page(page, found)
        checked += found.checked
        failures += found.failures
        assert found.checked > 5, f"{entry.title}: nothing was checked"
    found = Findings(f"{theme.value} navigation")
    check_item_view(window.navigation, found)
    failures += found.failures
    assert not failures, "\n".join(failures)
    assert checked > 50


@pytest.mark.parametrize("dark", [False, True])
def test_the_theme_colours_are_readable_on_every_background(dark: bool) -> None:
    palette = build_palette(dark)
    found = Findings("dark" if dark else "light")
    backgrounds = {r.name: palette.color(r) for r in (Role.Window, Role.Base, Role.AlternateBase, Role.Button)}
    for where, bg in backgrounds.items():
        for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.Link, Role.LinkVisited, Role.PlaceholderText):
            found.check(f"{role.name} on {where}", palette.color(role), bg)
        found.check(f"muted on {where}", muted_colour(palette), bg)
        found.check(f"frame on {where}", frame_colour(palette), bg, LARGE_CONTRAST)
        for state in ItemState:
            minimum = LARGE_CONTRAST if state is ItemState.TODO else TEXT_CONTRAST
            found.check(f"{state.value} on {where}", state_colour(state, palette), bg, minimum)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        found.check(
            f"selection {group.name}",
            palette.color(group, Role.HighlightedText),
            palette.color(group, Role.Highlight),
        )
    found.check("tooltip", palette.color(Role.ToolTipText), palette.color(Role.ToolTipBase))
    assert not found.failures, "\n".join(found.failures)


def test_the_old_dark_link_colour_would_fail() -> None:
    """The check itself: the links a learner could not read measure below 4.5:1."""
    assert contrast_ratio(QColor(30, 91, 192), QColor(23, 25, 29)) < TEXT_CONTRAST
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
