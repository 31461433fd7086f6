"""The figures above the Job search page's list: applications per stage, the response rate
and the days to a first reply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from roadmap_app.domain.jobs import Stage
from roadmap_app.ui.widgets.common import Card, heading, muted_label, plural
from roadmap_app.ui.widgets.job_models import STAGE_ORDER, JobFigures


def _days(value: float) -> str:
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


class FiguresStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobFigures")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.stages_card = Card("Applications per stage")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(0)
        self.counts: dict[Stage, QLabel] = {}
        for column, stage in enumerate(STAGE_ORDER):
            count = heading("0", 2)
            count.setObjectName(f"stageCount_{stage.value}")
            count.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label = muted_label(stage.label)
            label.setWordWrap(False)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(count, 0, column)
            grid.addWidget(label, 1, column)
            self.counts[stage] = count
        self.stages_card.body.addLayout(grid)
        row.addWidget(self.stages_card, 3)

        self.rate_card = Card("Response rate")
        self.rate = heading("—", 2)
        self.rate.setObjectName("responseRate")
        self.rate_detail = muted_label()
        self.rate_card.body.addWidget(self.rate)
        self.rate_card.body.addWidget(self.rate_detail)
        row.addWidget(self.rate_card, 1)

        self.reply_card = Card("Days to a first reply")
        self.reply = heading("—", 2)
        self.reply.setObjectName("daysToReply")
        self.reply_detail = muted_label()
        self.reply_card.body.addWidget(self.reply)
        self.reply_card.body.addWidget(self.reply_detail)
        row.addWidget(self.reply_card, 1)

    def show_figures(self, figures: JobFigures) -> None:
        for stage, label in self.counts.items():
            count = figures.per_stage.get(stage, 0)
            label.setText(str(count))
            label.setAccessibleName(f"{stage.label}: {plural(count, 'application')}")
        rate = figures.response_rate
        self.rate.setText("—" if rate is None else f"{round(100 * rate)}%")
        self.rate_detail.setText(
            "None sent yet."
            if not figures.applied
            else f"{figures.replied} of {plural(figures.applied, 'application')} sent had an answer."
        )
        days = figures.median_days_to_reply
        self.reply.setText("—" if days is None else _days(days))
        self.reply_detail.setText(
            "No answer yet." if days is None else f"The median, over {plural(figures.replied, 'answer')}."
        )
