"""The Ctrl+K drop-down: nine rows, no sideways scrolling, plain words with the matches in bold, and each match's kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_helpers import WindowOpener

from roadmap_app.domain.search import HitKind, SearchHit
from roadmap_app.ui.widgets.search import (
    HTML_ROLE,
    KIND_ROLE,
    SEGMENTS_ROLE,
    VISIBLE_ROWS,
    SearchBox,
    SearchHitsModel,
    plain_text,
)

LONG = "a very long project title about baseline models for tabular data, " * 4
HITS = [
    SearchHit(HitKind.NOTE, "Churn model", "Trained a **«logistic» «regression»** on TF-IDF", project_id=1, note_id=2),
    SearchHit(HitKind.PROJECT, "House price regression", "House price «regression» — boosting", project_id=3),
    SearchHit(HitKind.ITEM, "Linear regression", "my notes on «regression» lines", item_id="skill.linear-regression"),
    SearchHit(HitKind.ITEM, "Enrol", "the «regression» module", item_id="task.credential.enrol"),
    *(SearchHit(HitKind.PROJECT, f"{i} {LONG}", f"{LONG} «regression» {LONG}", project_id=10 + i) for i in range(12)),
]


@pytest.fixture
def open_window(data_dir: Path, qtbot: QtBot) -> Iterator[WindowOpener]:
    with WindowOpener(data_dir, qtbot) as opener:
        yield opener


@pytest.fixture
def box(qtbot: QtBot) -> Iterator[SearchBox]:
    """A search box in a window, with "regression" typed."""
    window = QWidget()
    window.resize(900, 700)
    box = SearchBox(lambda _text, limit: HITS[:limit], window)
    box.setParent(window)
    box.setGeometry(500, 10, 360, 28)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    box.setFocus()
    qtbot.keyClicks(box, "regression")
    yield box


def test_the_drop_down_shows_nine_rows_and_never_scrolls_sideways(box: SearchBox) -> None:
    results = box.results
    assert results.isVisible()
    row = results.sizeHintForRow(0)
    assert row >= 2 * results.fontMetrics().height()  # two lines: the title, then the words found
    assert results.viewport().height() // row == VISIBLE_ROWS >= 8
    assert results.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not results.horizontalScrollBar().isVisible()
    assert results.verticalScrollBar().maximum() > 0  # the other matches are a scroll away
    assert results.width() >= 480
    results.grab()  # every row paints


def test_a_match_is_plain_words_with_the_matched_ones_in_bold(box: SearchBox) -> None:
    model = box.model
    first = model.index(0)
    rich = first.data(HTML_ROLE)
    assert "<b>logistic</b> <b>regression</b>" in rich
    assert "**" not in rich and "«" not in rich
    assert "**" not in first.data(Qt.ItemDataRole.DisplayRole)
    title, snippet = first.data(SEGMENTS_ROLE)
    assert ("regression", True) in snippet and ("Trained a ", False) in snippet
    assert title == [("Churn model", False)]
    # The title marks the words too, though the search marked only the snippet.
    assert ("regression", True) in model.index(2).data(SEGMENTS_ROLE)[0]


def test_a_project_match_does_not_repeat_its_title_below_it(box: SearchBox) -> None:
    title, snippet = box.model.index(1).data(SEGMENTS_ROLE)
    assert "".join(t for t, _ in title) == "House price regression"
    assert snippet == [("boosting", False)]


def test_each_match_says_what_it_is(box: SearchBox) -> None:
    kinds = [box.model.index(row).data(KIND_ROLE) for row in range(4)]
    assert kinds == ["Note", "Project", "Skill", "Task"]
    assert box.model.index(2).data(Qt.ItemDataRole.DisplayRole).startswith("Skill: Linear regression")


def test_the_window_asks_the_roadmap_whether_an_item_is_a_task_or_a_skill(open_window: WindowOpener) -> None:
    window = open_window()
    bar = window.search_bar
    assert bar.item_kind("skill.python") == "Skill"
    assert bar.item_kind(window.services.roadmap.tasks[0].id) == "Task"
    assert bar.item_kind("skill.dropped-long-ago") == "Skill"


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Trained a **logistic regression** on __TF-IDF__", "Trained a logistic regression on TF-IDF"),
        ("# Week 3: a *first* _baseline_", "Week 3: a first baseline"),
        ("see [the course](https://example.com/c) and ![badge](b.png)", "see the course and badge"),
        ("- clean the `emoji` handling > quoted", "clean the emoji handling quoted"),
        ("keep snake_case_names and 2*3*4 as they are", "keep snake_case_names and 2*3*4 as they are"),
        ("…set and write a «baseline». --- ~~old~~", "…set and write a «baseline». old"),
        ("<https://example.com/a> **«boost»ing**", "https://example.com/a «boost»ing"),
    ],
)
def test_markdown_reads_as_plain_words(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


def test_the_hits_model_is_well_behaved_with_a_query(qtmodeltester: ModelTester) -> None:
    model = SearchHitsModel()
    model.set_hits(HITS, "regression")
    qtmodeltester.check(model)
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole) == model.index(0).data(HTML_ROLE)
