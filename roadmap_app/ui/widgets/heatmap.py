"""The history heatmap: a square per day for the last year, shaded by minutes studied.

Painted like Anki's calendar: weeks as columns, the week starting on the locale's first
day, a square-root-like scale so that short days still show beside long ones. Hover shows
the day; a click (or Enter on the day chosen with the arrow keys) selects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from roadmap_app.domain.study import Day, format_minutes, shade, week_start
from roadmap_app.ui.window.theme import frame_colour, heat_colours, muted_colour

CELL = 12
GAP = 3
LEFT = 34  # room for the weekday names
TOP = 18  # room for the month names
MIN_WEEKS = 13


def first_weekday() -> int:
    """The locale's first day of the week as Python counts it (0 is Monday)."""
    return QLocale().firstDayOfWeek().value - 1


class Heatmap(QWidget):
    day_selected = Signal(object)  # a date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyHeatmap")
        self.setAccessibleName("Study history, one square per day")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._days: tuple[Day, ...] = ()
        self._by_day: dict[date, Day] = {}
        self._first_weekday = 0
        self._start = date.today()
        self._most = 0
        self.selected: date | None = None
        # The squares and names, painted once for a size, palette and font: a page shown
        # again, or a day selected, paints this picture and the selection ring alone.
        self._picture: QPixmap | None = None
        self._picture_key: tuple[object, ...] = ()

    def set_days(self, days: Sequence[Day], first_weekday: int = 0) -> None:
        """The days to paint, oldest first; ``first_weekday`` 0 is Monday.

        When the same days are given again (time logged today, say), only the squares whose
        shade changed are painted again, onto the kept picture; a new busiest day can change
        every shade, and then the whole picture is painted again.
        """
        before, before_most, before_weekday = self._by_day, self._most, self._first_weekday
        before_selected = self.selected
        self._days = tuple(days)
        self._by_day = {d.day: d for d in self._days}
        self._first_weekday = first_weekday
        self._start = week_start(self._days[0].day, first_weekday) if self._days else date.today()
        self._most = max((d.minutes for d in self._days), default=0)
        if self.selected not in self._by_day:
            self.selected = self._days[-1].day if self._days else None
        same_squares = (
            self._picture is not None
            and bool(self._days)
            and first_weekday == before_weekday
            and len(before) == len(self._by_day)
            and all(d.day in before for d in (self._days[0], self._days[-1]))
        )
        changed: list[date] = []
        if same_squares:
            steps = len(heat_colours(self.palette())) - 1
            same_most = before_most == self._most
            changed = [
                d.day
                for d in self._days
                if (old := before.get(d.day)) is None
                or (
                    (old.minutes != d.minutes or not same_most)
                    and shade(old.minutes, before_most, steps) != shade(d.minutes, self._most, steps)
                )
            ]
        if not same_squares or len(changed) > len(self._days) // 4:
            self._picture = None
            self.updateGeometry()
            self.update()
            return
        self._paint_squares(changed)
        for day in {*changed, before_selected, self.selected} - {None}:
            assert isinstance(day, date)
            self.update(self.cell_rect(day).adjusted(-2, -2, 2, 2))  # the square and its ring

    def day(self, day: date) -> Day | None:
        return self._by_day.get(day)

    @property
    def weeks(self) -> int:
        if not self._days:
            return 0
        return (self._days[-1].day - self._start).days // 7 + 1

    def sizeHint(self) -> QSize:
        return QSize(LEFT + max(1, self.weeks) * (CELL + GAP), TOP + 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:
        # In a narrow window the newest weeks that fit are shown: at least a quarter.
        return QSize(LEFT + min(max(1, self.weeks), MIN_WEEKS) * (CELL + GAP), self.sizeHint().height())

    @property
    def first_shown(self) -> date:
        """The first day of the oldest week that fits the widget's width."""
        fits = max(1, (self.width() - LEFT) // (CELL + GAP))
        return self._start + timedelta(days=7 * max(0, self.weeks - fits))

    def cell_rect(self, day: date) -> QRect:
        """Where a day's square is painted (outside the widget for a week that does not fit)."""
        column, row = divmod((day - self.first_shown).days, 7)
        return QRect(LEFT + column * (CELL + GAP), TOP + row * (CELL + GAP), CELL, CELL)

    def day_at(self, point: QPoint) -> date | None:
        column = (point.x() - LEFT) // (CELL + GAP)
        row = (point.y() - TOP) // (CELL + GAP)
        if point.x() < LEFT or point.y() < TOP or not 0 <= row < 7 or column < 0:
            return None
        day = self.first_shown + timedelta(days=column * 7 + row)
        return day if day in self._by_day else None

    def describe(self, day: date) -> str:
        found = self._by_day.get(day)
        minutes = found.minutes if found else 0
        changes = found.changes if found else 0
        studied = format_minutes(minutes) if minutes else "no study"
        made = f", {changes} change{'s' if changes != 1 else ''}" if changes else ""
        return f"{day:%a %d %b %Y}: {studied}{made}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cells())
        palette = self.palette()
        first = self.first_shown
        if self.selected is not None and self.selected in self._by_day and self.selected >= first:
            pen = QPen(palette.color(palette.ColorRole.Highlight) if self.hasFocus() else frame_colour(palette), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.cell_rect(self.selected).adjusted(-1, -1, 1, 1), 3, 3)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._picture = None

    def _cells(self) -> QPixmap:
        """The picture of the squares and the names at the widget's size."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._picture is None or self._picture_key != key:
            picture = QPixmap(QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            self._paint_cells(painter)
            painter.end()
            self._picture, self._picture_key = picture, key
        return self._picture

    def _paint_cells(self, painter: QPainter) -> None:
        palette = self.palette()
        colours = heat_colours(palette)
        muted = muted_colour(palette)
        painter.setPen(muted)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        painter.setFont(small)
        first = self.first_shown
        for row in (0, 2, 4):
            name = (first + timedelta(days=row)).strftime("%a")
            painter.drawText(
                QRect(0, TOP + row * (CELL + GAP) - 2, LEFT - 4, CELL + 4), Qt.AlignmentFlag.AlignRight, name
            )
        month = None
        for column in range((self._days[-1].day - first).days // 7 + 1 if self._days else 0):
            monday = first + timedelta(days=column * 7)
            if monday.month != month:
                month = monday.month
                painter.drawText(LEFT + column * (CELL + GAP), TOP - 5, monday.strftime("%b"))
        painter.setPen(Qt.PenStyle.NoPen)
        for day in self._days:
            if day.day < first:
                continue
            painter.setBrush(colours[shade(day.minutes, self._most, len(colours) - 1)])
            painter.drawRoundedRect(self.cell_rect(day.day), 2, 2)

    def _paint_squares(self, days: Sequence[date]) -> None:
        """Paint the squares of ``days`` again onto the kept picture."""
        if self._picture is None or not days:
            return
        colours = heat_colours(self.palette())
        painter = QPainter(self._picture)
        painter.setPen(Qt.PenStyle.NoPen)
        for day in days:
            found = self._by_day.get(day)
            if found is None or day < self.first_shown:
                continue
            square = self.cell_rect(day)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.fillRect(square, Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            painter.setBrush(colours[shade(found.minutes, self._most, len(colours) - 1)])
            painter.drawRoundedRect(square, 2, 2)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(day), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() is Qt.MouseButton.LeftButton:
            self.select(day)
        super().mousePressEvent(event)

    def select(self, day: date) -> None:
        if day not in self._by_day:
            return
        self.selected = day
        self.setAccessibleDescription(self.describe(day))
        self.update()
        self.day_selected.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        step = steps.get(Qt.Key(event.key()))
        if step is not None and self.selected is not None:
            self.select(self.selected + timedelta(days=step))
            return
        super().keyPressEvent(event)

    def save_png(self, path: Path) -> bool:
        """Save the heatmap as a PNG image, on the window's background."""
        image = self.grab()
        return image.save(str(path), "PNG")
