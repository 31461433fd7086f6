"""The skill picker: the skills under their categories, a filter, no sideways scrolling, ticks kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.services import Services
from roadmap_app.ui.dialogs.skill_picker import CATEGORY_ROLE, FIRST_IN_CATEGORY_ROLE, SkillPickerDialog


def open_picker(qtbot: QtBot, services: Services, checked: tuple[str, ...] = ()) -> SkillPickerDialog:
    dialog = SkillPickerDialog(services.roadmap, checked)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_skills_are_listed_under_their_categories_like_the_skills_page(qtbot: QtBot, services: Services) -> None:
    dialog = open_picker(qtbot, services)
    shown = dialog.shown_skills()
    roadmap = services.roadmap
    technical = [c.title for c in roadmap.categories if c.group.value == "technical"]
    assert list(shown)[: len(technical)] == technical  # technical groups first, as on the Skills page
    assert set(shown) == {c.title for c in roadmap.categories}
    assert shown["Programming"][:2] == ["Python", "R"]
    assert sum(len(v) for v in shown.values()) == len(roadmap.skills)
    model = dialog.model
    firsts = [
        model.index(r).data(CATEGORY_ROLE)
        for r in range(model.rowCount())
        if model.index(r).data(FIRST_IN_CATEGORY_ROLE)
    ]
    assert firsts == list(shown)  # each category's title is drawn once, above its first skill
    # A first skill's row is taller than the others: it carries its category's title.
    assert dialog.view.sizeHintForRow(0) > dialog.view.sizeHintForRow(1)


def test_the_filter_narrows_to_the_matching_skills(qtbot: QtBot, services: Services) -> None:
    dialog = open_picker(qtbot, services)
    qtbot.keyClicks(dialog.filter_edit, "regress")
    assert dialog.shown_skills() == {"Maths and statistics": ["Linear regression"]}
    assert dialog.view.currentIndex().data() == "Linear regression"
    dialog.filter_edit.setText("maths and")  # a category's name keeps all its skills
    assert list(dialog.shown_skills()) == ["Maths and statistics"]
    assert len(dialog.shown_skills()["Maths and statistics"]) > 1
    dialog.filter_edit.setText("no such skill")
    assert dialog.model.rowCount() == 0 and dialog.no_match.isVisible()
    dialog.filter_edit.clear()
    assert not dialog.no_match.isVisible()
    assert dialog.model.rowCount() == len(services.roadmap.skills)


def test_long_names_never_scroll_sideways(qtbot: QtBot, services: Services) -> None:
    dialog = open_picker(qtbot, services)
    dialog.resize(220, 400)
    qtbot.wait(10)
    assert dialog.view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not dialog.view.horizontalScrollBar().isVisible()


def test_ticks_survive_filtering_and_round_trip(qtbot: QtBot, services: Services) -> None:
    dialog = open_picker(qtbot, services, ("skill.sql",))
    dialog.filter_edit.setText("python")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # Enter goes to the list
    assert dialog.view.hasFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    dialog.filter_edit.setText("sql")
    assert dialog.model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # untick SQL
    dialog.filter_edit.clear()
    assert dialog.model.checked() == ["skill.python"]

    again = open_picker(qtbot, services, tuple(dialog.model.checked()))
    ticked = [
        again.model.index(r).data()
        for r in range(again.model.rowCount())
        if again.model.index(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]
    assert ticked == ["Python"]


@pytest.mark.parametrize("row", [0, 1])
def test_a_click_on_the_check_box_ticks_it_below_a_category_title_too(
    qtbot: QtBot, services: Services, row: int
) -> None:
    dialog = open_picker(qtbot, services)
    view = dialog.view
    index = dialog.model.index(row)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    delegate = view.itemDelegate()
    item = delegate.item_option(option, index)
    check = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, item, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert dialog.model.checked() == [dialog.model.skill(row).id]


def test_a_skill_the_roadmap_no_longer_lists_is_kept_and_named(qtbot: QtBot, services: Services) -> None:
    dialog = open_picker(qtbot, services, ("skill.python", "skill.from-an-old-roadmap"))
    assert dialog.model.row_of("skill.from-an-old-roadmap") < 0
    assert dialog.kept_label.isVisible() and "skill.from-an-old-roadmap" in dialog.kept_label.text()
    dialog.check("skill.python", False)
    assert dialog.model.checked() == ["skill.from-an-old-roadmap"]


def test_the_picker_model_stays_well_behaved_while_filtered(qtmodeltester: ModelTester, services: Services) -> None:
    dialog = SkillPickerDialog(services.roadmap, ("skill.sql",))
    qtmodeltester.check(dialog.model)
    dialog.filter_edit.setText("data")
    qtmodeltester.check(dialog.model)
    dialog.deleteLater()
