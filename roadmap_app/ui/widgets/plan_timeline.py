"""The pace plan as a timeline: one band per step from today to its finish, and the job-ready day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmap_app.domain.model import ItemState
from roadmap_app.domain.pace import Plan
from roadmap_app.ui.window.theme import muted_colour, state_colour, track_colour

BAND = 14
ROW = 22


class PlanTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTimeline")
        self.setAccessibleName("Pace plan: when each step finishes")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._plan: Plan | None = None
        self._ready_by: date | None = None

    def set_plan(self, plan: Plan | None, ready_by: date | None = None) -> None:
        self._plan = plan
        self._ready_by = ready_by
        if plan is not None:
            parts = [f"step {s.number} {s.finish_on.isoformat() if s.finish_on else 'done'}" for s in plan.steps]
            ready = plan.job_ready_on.isoformat() if plan.job_ready_on else "not reachable"
            self.setAccessibleDescription(f"Job-ready {ready}; " + ", ".join(parts))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = len(self._plan.steps) if self._plan else 0
        return QSize(480, 24 + rows * ROW + 34)

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        steps = self._plan.steps if self._plan else ()
        return max((metrics.horizontalAdvance(f"{s.number}. {s.title}") for s in steps), default=0) + 12

    def paintEvent(self, event: QPaintEvent) -> None:
        plan = self._plan
        if plan is None or not plan.steps:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        muted = muted_colour(palette)
        left = self._label_width()
        right = self.width() - 8
        ends = [s.finish_on for s in plan.steps if s.finish_on] + [d for d in (plan.job_ready_on, self._ready_by) if d]
        last = max(ends, default=plan.today)
        span = max(1, (last - plan.today).days)

        def x_of(day: date) -> float:
            return left + (right - left) * min(1.0, max(0.0, (day - plan.today).days / span))

        start = plan.today
        for row, step in enumerate(plan.steps):
            y = 20 + row * ROW
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, left - 8, BAND + 2), Qt.AlignmentFlag.AlignVCenter, f"{step.number}. {step.title}"
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track_colour(palette))
            painter.drawRoundedRect(QRectF(left, y + 2, right - left, BAND - 4), 3, 3)
            if step.finish_on is None:
                painter.setBrush(state_colour(ItemState.DONE, palette))
                painter.drawRoundedRect(QRectF(left, y + 2, 10, BAND - 4), 3, 3)
                continue
            painter.setBrush(palette.color(palette.ColorRole.Highlight))
            x0, x1 = x_of(start), x_of(step.finish_on)
            painter.drawRoundedRect(QRectF(x0, y, max(4.0, x1 - x0), BAND), 3, 3)
            start = step.finish_on
        bottom = 20 + len(plan.steps) * ROW
        painter.setPen(muted)
        painter.drawText(QPointF(left, 12), f"today {plan.today.isoformat()}")
        end_text = last.isoformat()
        painter.drawText(QPointF(right - self.fontMetrics().horizontalAdvance(end_text), 12), end_text)
        for day, label, colour in (
            (plan.job_ready_on, "job-ready", state_colour(ItemState.DONE, palette)),
            (self._ready_by, "ready by", state_colour(ItemState.IN_PROGRESS, palette)),
        ):
            if day is None:
                continue
            x = x_of(day)
            pen = QPen(colour, 2, Qt.PenStyle.SolidLine if label == "job-ready" else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, 16), QPointF(x, bottom))
            caption = f"{label} {day.isoformat()}"
            width = self.fontMetrics().horizontalAdvance(caption)
            below = 14 if label == "job-ready" else 30
            painter.drawText(QPointF(min(max(left, x - width / 2), right - width), bottom + below), caption)
