"""The search box: matches drop down as you type, and Enter or a click opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from roadmap_app.domain.search import HitKind, SearchHit
from roadmap_app.ui.widgets.search import SearchBox, SearchHitsModel

HITS = [
    SearchHit(HitKind.PROJECT, "Fraud detection", "«Fraud» detection", project_id=3),
    SearchHit(HitKind.NOTE, "Fraud detection", "tried «fraud» rules", project_id=3, note_id=9),
    SearchHit(HitKind.ITEM, "Python", "«fraud» scripts", item_id="skill.python"),
]


def make_box(qtbot: QtBot) -> tuple[QWidget, SearchBox, list[tuple[str, int]]]:
    asked: list[tuple[str, int]] = []

    def search(text: str, limit: int) -> list[SearchHit]:
        asked.append((text, limit))
        return [h for h in HITS if text.lower() in h.snippet.lower()]

    window = QWidget()
    window.resize(800, 500)
    box = SearchBox(search, window)
    box.setParent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, box, asked


def test_matches_drop_down_as_you_type_and_enter_opens_the_first(qtbot: QtBot) -> None:
    _window, box, asked = make_box(qtbot)
    box.setFocus()
    qtbot.keyClicks(box, "fra")
    assert asked[-1] == ("fra", 20)
    assert box.results.isVisible() and box.model.rowCount() == 3
    with qtbot.waitSignal(box.opened) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened.args == [HITS[0]]
    assert not box.results.isVisible()


def test_arrow_keys_choose_a_match_and_escape_closes_the_list(qtbot: QtBot) -> None:
    _window, box, _asked = make_box(qtbot)
    box.setFocus()
    qtbot.keyClicks(box, "fraud")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.opened) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened.args == [HITS[2]]
    qtbot.keyClicks(box, "x")
    assert not box.results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


def test_an_empty_box_or_one_letter_searches_nothing(qtbot: QtBot) -> None:
    _window, box, asked = make_box(qtbot)
    box.setText("   ")
    box.setText(" f ")
    assert asked == [] and not box.results.isVisible()


def test_the_hits_model_is_a_well_behaved_model(qtmodeltester: ModelTester) -> None:
    model = SearchHitsModel()
    model.set_hits(HITS)
    qtmodeltester.check(model)
    assert "Fraud detection" in model.data(model.index(0)) and "«" not in model.data(model.index(0))
