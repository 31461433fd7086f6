"""The figures above the Job search page's list: applications per stage, the response rate
and the days to a first reply, in one row of numbers with a sentence under them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from roadmap_app.domain.job_figures import JobFigures
from roadmap_app.domain.jobs import Stage
from roadmap_app.ui.widgets.common import Card, heading, muted_label, plural
from roadmap_app.ui.widgets.job_models import STAGE_ORDER


def days_text(value: float) -> str:
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


class FiguresStrip(Card):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("jobFigures")
        self.body.setContentsMargins(14, 8, 14, 8)
        self.body.setSpacing(4)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        self.counts: dict[Stage, QLabel] = {}
        for column, stage in enumerate(STAGE_ORDER):
            self.counts[stage] = self._figure(grid, column, stage.label, f"stageCount_{stage.value}")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 0, len(STAGE_ORDER), 2, 1)
        self.rate = self._figure(grid, len(STAGE_ORDER) + 1, "answered", "responseRate")
        self.reply = self._figure(grid, len(STAGE_ORDER) + 2, "to a first reply", "daysToReply")
        self.body.addLayout(grid)
        self.summary = muted_label()
        self.summary.setObjectName("jobFiguresSummary")
        self.body.addWidget(self.summary)

    @staticmethod
    def _figure(grid: QGridLayout, column: int, caption: str, name: str) -> QLabel:
        value = heading("—", 2)
        value.setObjectName(name)
        value.setWordWrap(False)
        value.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label = muted_label(caption)
        label.setWordWrap(False)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(value, 0, column)
        grid.addWidget(label, 1, column)
        return value

    def show_figures(self, figures: JobFigures) -> None:
        for stage, label in self.counts.items():
            count = figures.count(stage)
            label.setText(str(count))
            label.setAccessibleName(f"{stage.label}: {plural(count, 'application')}")
        rate, days = figures.response_rate, figures.median_days_to_reply
        self.rate.setText("—" if rate is None else f"{round(100 * rate)}%")
        self.reply.setText("—" if days is None else days_text(days))
        if not figures.applied:
            said = "None sent yet: the answers are counted from the day you apply."
        else:
            said = f"{figures.replied} of {plural(figures.applied, 'application')} sent had an answer"
            said += f"; the first came after {days_text(days)} (the median)." if days is not None else "."
        self.summary.setText(said)
        self.rate.setAccessibleName(f"Response rate: {self.rate.text()}")
        self.reply.setAccessibleName(f"Days to a first reply: {self.reply.text()}")
