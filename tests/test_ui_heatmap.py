"""The heatmap paints again only the squares whose shade changed, and the result is the
picture a full paint gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QImage, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from roadmap_app.domain.study import Day
from roadmap_app.ui.widgets.heatmap import Heatmap

TODAY = date(2026, 12, 3)
DAYS = [Day(TODAY - timedelta(days=n), minutes=(n * 7) % 50, changes=n % 3) for n in range(364, -1, -1)]


class Painted(QObject):
    """The region a widget repaints, summed over its paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.region = self.region.united(event.region())
        return False


def shown(qtbot: QtBot, days: list[Day]) -> Heatmap:
    heatmap = Heatmap()
    qtbot.addWidget(heatmap)
    heatmap.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the ring's colour follows the keyboard focus
    heatmap.set_days(days)
    heatmap.resize(heatmap.sizeHint())
    heatmap.show()
    qtbot.waitExposed(heatmap)
    return heatmap


def image(heatmap: Heatmap) -> QImage:
    return heatmap.grab().toImage()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_time_logged_today_repaints_todays_square_alone_and_matches_a_full_paint(qtbot: QtBot) -> None:
    heatmap = shown(qtbot, DAYS)
    settle()
    painted = Painted()
    heatmap.installEventFilter(painted)
    logged = [*DAYS[:-1], replace(DAYS[-1], minutes=DAYS[-1].minutes + 25)]
    heatmap.set_days(logged)
    settle()
    today = heatmap.cell_rect(TODAY)
    assert not painted.region.isEmpty()
    assert painted.region.subtracted(QRegion(today.adjusted(-2, -2, 2, 2))).isEmpty()
    assert image(heatmap) == image(shown(qtbot, logged))


def test_a_new_longest_day_or_a_new_day_paints_every_square_again(qtbot: QtBot) -> None:
    heatmap = shown(qtbot, DAYS)
    settle()
    longest = [*DAYS[:-1], replace(DAYS[-1], minutes=600)]  # every other square is paler now
    heatmap.set_days(longest)
    settle()
    assert image(heatmap) == image(shown(qtbot, longest))
    tomorrow = [*longest[1:], Day(TODAY + timedelta(days=1), minutes=30, changes=0)]
    painted = Painted()
    heatmap.installEventFilter(painted)
    heatmap.set_days(tomorrow)
    settle()
    assert painted.region.boundingRect() == QRect(0, 0, heatmap.width(), heatmap.height())
    assert heatmap.selected == TODAY  # the day chosen stays chosen
    fresh = shown(qtbot, tomorrow)
    fresh.select(TODAY)
    settle()
    assert image(heatmap) == image(fresh)


def test_the_first_time_logged_repaints_one_square_though_it_is_the_busiest_day(qtbot: QtBot) -> None:
    empty = [replace(d, minutes=0) for d in DAYS]
    heatmap = shown(qtbot, empty)
    settle()
    painted = Painted()
    heatmap.installEventFilter(painted)
    first = [*empty[:-1], replace(empty[-1], minutes=20)]
    heatmap.set_days(first)
    settle()
    assert painted.region.subtracted(QRegion(heatmap.cell_rect(TODAY).adjusted(-2, -2, 2, 2))).isEmpty()
    assert image(heatmap) == image(shown(qtbot, first))


def test_no_days_after_no_days_paints_an_empty_map(qtbot: QtBot) -> None:
    heatmap = shown(qtbot, [])
    settle()
    heatmap.set_days([])
    settle()
    assert heatmap.selected is None
    heatmap.set_days(DAYS)
    heatmap.resize(heatmap.sizeHint())
    settle()
    assert image(heatmap) == image(shown(qtbot, DAYS))
