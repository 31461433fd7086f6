"""The selected application on the Job search page: its facts, dated timeline, interviews,
contacts, notes, and the ad with its gap. It shows; the page's buttons change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.gap import Gap
from roadmap_app.domain.jobs import Application, Interview
from roadmap_app.ui.widgets.common import Card, WrapLabel, fit_columns, heading, muted_label, plural, show_focus
from roadmap_app.ui.widgets.job_models import short_day
from roadmap_app.ui.widgets.markdown import is_openable, open_link
from roadmap_app.ui.widgets.models import Column, RecordTableModel

#: A table grows with its rows up to this many, then scrolls.
MAX_ROWS_SHOWN = 8


def first_line(text: str, limit: int = 200) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


class RecordsTable(QTableView):
    """A read-only table of one kind of record, as high as its rows (up to MAX_ROWS_SHOWN)."""

    def __init__(self, columns: Sequence[Column[Any]], name: str, accessible: str) -> None:
        super().__init__()
        self.records: RecordTableModel[Any] = RecordTableModel(columns, self)
        self.setModel(self.records)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        # The columns fit their contents as rows are shown (show_rows, see fit_columns).
        for column in range(len(columns) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        show_focus(self)

    def show_rows(self, rows: Sequence[Any]) -> None:
        if not rows and self.records.rowCount() == 0:
            return  # empty before and after: nothing to lay out again
        self.records.set_rows(rows)
        fit_columns(self, range(self.records.columnCount() - 1))
        self.resizeRowsToContents()
        shown = sum(self.rowHeight(r) for r in range(min(len(rows), MAX_ROWS_SHOWN)))
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + shown + 2 * self.frameWidth() + 4)

    def selected(self) -> Any | None:
        rows = self.selectionModel().selectedRows()
        return self.records.record(rows[0].row()) if rows else None


class RecordsCard(Card):
    """A titled table with its count, a line said when it is empty, an Add button (when
    ``add_text`` names one) and a Delete button."""

    def __init__(self, title: str, empty: str, table: RecordsTable, add_text: str = "") -> None:
        super().__init__(title)
        self._title = title
        self.table = table
        self.empty = muted_label(empty)
        self.add_button = QPushButton(add_text)
        self.add_button.setVisible(bool(add_text))
        # Hidden when the card adds nothing (the timeline grows through Move to stage…).
        self.add_button.setAccessibleName(add_text.replace("&", "").removesuffix("…") or f"Add to {title.lower()}")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName(f"Delete the selected entry of {title.lower()}")
        self.delete_button.setEnabled(False)
        table.selectionModel().selectionChanged.connect(
            lambda *_: self.delete_button.setEnabled(table.selectionModel().hasSelection())
        )
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addStretch()  # the buttons keep their width when the empty line is hidden
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(table)
        self.body.addLayout(row)

    def show_rows(self, rows: Sequence[Any]) -> None:
        self.title_label.setText(f"{self._title} ({len(rows)})" if rows else self._title)
        self.table.show_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.delete_button.setVisible(bool(rows))
        self.delete_button.setEnabled(False)


class JobDetails(QWidget):
    """Everything about one application, read-only; ``show_application(None)`` says why it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobDetails")
        body = QVBoxLayout(self)
        body.setContentsMargins(18, 16, 18, 16)
        body.setSpacing(12)
        self.company = heading("", 1)
        self.company.setObjectName("jobCompany")
        self.role = heading("", 2)
        self.role.setObjectName("jobRole")
        self.stage_line = muted_label()
        self.stage_line.setObjectName("jobStageLine")
        self.nothing = muted_label()
        self.nothing.setObjectName("jobNothingSelected")
        for widget in (self.company, self.role, self.stage_line, self.nothing):
            body.addWidget(widget)

        #: The page's buttons for the application shown go here (see JobSearchPage).
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(6)
        body.addLayout(self.action_row)

        self.facts = QFormLayout()
        self.facts.setHorizontalSpacing(16)
        self.location = WrapLabel()
        self.salary = WrapLabel()
        self.source = WrapLabel()
        link_row = QHBoxLayout()
        self.link = WrapLabel()
        self.link.setObjectName("jobLink")
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link.setWordWrap(True)
        self.open_button = QPushButton("Open &link")
        self.open_button.setObjectName("openJobLink")
        self.open_button.setAccessibleName("Open the ad's link in your browser")
        self.open_button.setToolTip("Opens in your browser; nothing is fetched until you click")
        self.open_button.clicked.connect(lambda: open_link(self.link.text().strip()))
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.open_button)
        for label in (self.location, self.salary, self.source):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What the learner typed is shown as typed: "<b>" in a company's name is not markup.
        typed = (self.company, self.role, self.stage_line, self.location, self.salary, self.source, self.link)
        for label in typed:
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.addRow("Location", self.location)
        self.facts.addRow("Salary", self.salary)
        self.facts.addRow("Source", self.source)
        self.facts.addRow("Link", link_row)
        body.addLayout(self.facts)

        self.timeline = RecordsCard(
            "Timeline",
            "No stage yet: it is saved, not sent.",
            RecordsTable(
                [
                    Column("Day", lambda c: short_day(c.on)),
                    Column("Stage", lambda c: c.stage.label),
                    Column("Note", lambda c: first_line(c.note)),
                ],
                "jobTimeline",
                "The application's dated stages",
            ),
        )
        self.interviews = RecordsCard(
            "Interviews",
            "No interview yet.",
            RecordsTable(
                [
                    Column("Day", self._interview_day),
                    Column("Kind", lambda i: i.kind.label),
                    Column("Note", lambda i: first_line(i.note)),
                ],
                "jobInterviews",
                "Interviews",
            ),
            "Add &interview…",
        )
        self.contacts = RecordsCard(
            "Contacts",
            "No contact yet: add the recruiter or the hiring manager.",
            RecordsTable(
                [
                    Column("Name", lambda c: c.name),
                    Column("Role", lambda c: c.role),
                    Column("Email", lambda c: c.email),
                ],
                "jobContacts",
                "Contacts",
            ),
            "Add &contact…",
        )
        self.notes = RecordsCard(
            "Notes",
            "No note yet.",
            RecordsTable(
                [Column("Written", lambda n: short_day(n.created_at.date())), Column("Note", lambda n: n.text.strip())],
                "jobNotes",
                "Notes on the application",
            ),
            "Add n&ote…",
        )
        self.gap_card = Card("The ad and its gap")
        self.gap_card.setObjectName("jobGap")
        self.no_ad = muted_label(
            "No ad stored. Edit the application and paste the ad to see which of the skills it asks for you can show."
        )
        self.have = WrapLabel()
        self.have.setObjectName("gapHave")
        self.missing = WrapLabel()
        self.missing.setObjectName("gapMissing")
        self.unknown = WrapLabel()
        self.unknown.setObjectName("gapUnknown")
        for label in (self.have, self.missing, self.unknown):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ad_toggle = QPushButton("Show the &ad")
        self.ad_toggle.setObjectName("showJobAd")
        self.ad_toggle.setCheckable(True)
        self.ad_toggle.setAccessibleName("Show or hide the ad's text")
        self.ad_text = QPlainTextEdit()
        self.ad_text.setObjectName("jobAdText")
        self.ad_text.setAccessibleName("The ad's text")
        self.ad_text.setReadOnly(True)
        self.ad_text.setMinimumHeight(160)
        self.ad_text.hide()
        #: The ad of the application shown; the text box takes it when it is shown.
        self._ad = ""
        self.ad_toggle.toggled.connect(self._toggle_ad)
        for widget in (self.no_ad, self.have, self.missing, self.unknown):
            self.gap_card.body.addWidget(widget)
        self.add_unknown_button = QPushButton("Add to my skills…")
        self.add_unknown_button.setObjectName("addUnknownSkill")
        self.add_unknown_button.setAccessibleName("Add a skill the ad names and the roadmap does not know as your own")
        self.add_unknown_button.setToolTip("Adds it to your skills, under “From job ads”, to track like any other")
        self.add_unknown_button.hide()
        #: The skills the shown ad names that the roadmap does not know.
        self.unknown_names: tuple[str, ...] = ()
        toggle_row = QHBoxLayout()
        toggle_row.addWidget(self.ad_toggle)
        toggle_row.addWidget(self.add_unknown_button)
        toggle_row.addStretch(1)
        self.gap_card.body.addLayout(toggle_row)
        self.gap_card.body.addWidget(self.ad_text)
        self.cards: tuple[Card, ...] = (self.timeline, self.gap_card, self.interviews, self.contacts, self.notes)
        for card in self.cards:
            body.addWidget(card)
        body.addStretch(1)
        self.shown: Application | None = None
        #: Today's date, which the page sets before showing an application.
        self.today = date.today()
        self.show_application(None)

    def _interview_day(self, interview: Interview) -> str:
        """The day, and for a coming interview how soon: the one to prepare for stands out."""
        ahead = (interview.on - self.today).days
        if ahead <= 0:
            return short_day(interview.on)
        return f"{short_day(interview.on)} · {'tomorrow' if ahead == 1 else f'in {ahead} days'}"

    def _toggle_ad(self, shown: bool) -> None:
        if shown:
            self._load_ad()
        self.ad_text.setVisible(shown)
        self.ad_toggle.setText("Hide the &ad" if shown else "Show the &ad")

    def show_application(self, application: Application | None, gap: Gap | None = None, why_empty: str = "") -> None:
        """Show ``application`` with its ``gap`` (None when it has no ad); ``why_empty`` when nothing is."""
        self.shown = application
        has = application is not None
        for widget in (self.company, self.role, self.stage_line, *self.cards):
            widget.setVisible(has)
        for row in range(self.facts.rowCount()):
            self.facts.setRowVisible(row, has)
        self.nothing.setVisible(not has)
        self.nothing.setText(why_empty or "Select an application to see its timeline, interviews, contacts and gap.")
        if application is None:
            return
        self.company.setText(application.company)
        self.role.setText(application.role)
        self.stage_line.setText(stage_line(application))
        for row, value in enumerate((application.location, application.salary, application.source, application.url)):
            self.facts.setRowVisible(row, bool(value.strip()))
        self.location.setText(application.location)
        self.salary.setText(application.salary)
        self.source.setText(application.source)
        self.link.setText(application.url)
        self.open_button.setEnabled(is_openable(application.url))
        self.timeline.show_rows(application.stages)
        self.interviews.show_rows(application.interviews)
        self.contacts.show_rows(application.contacts)
        self.notes.show_rows(application.notes)
        self._show_gap(application, gap)
        self._settle_layout()

    def _settle_layout(self) -> None:
        """Lay the column out now, cards first: the new texts wrap to their heights before the
        one paint that shows them, rather than in a second pass after it. Only once shown:
        hidden, the column has no width to wrap to yet."""
        if not self.isVisible():
            return
        for card in self.cards:
            layout = card.layout()
            if layout is not None:
                layout.activate()
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _show_gap(self, application: Application, gap: Gap | None) -> None:
        has_ad = bool(application.ad_text.strip())
        self.no_ad.setVisible(not has_ad)
        self.ad_toggle.setVisible(has_ad)
        self._ad = application.ad_text
        if self.ad_toggle.isChecked():
            self._load_ad()  # hidden, it takes the ad when it is shown
        self.ad_text.setVisible(has_ad and self.ad_toggle.isChecked())
        for label in (self.have, self.missing, self.unknown):
            label.setVisible(has_ad)
        self.unknown_names = gap.unknown if has_ad and gap is not None else ()
        self.add_unknown_button.setVisible(bool(self.unknown_names))
        if not has_ad:
            return
        if gap is None:
            self.have.setText("The ad could not be checked.")
            self.missing.setText("")
            self.unknown.setText("")
            return
        self.have.setText(have_text(gap))
        self.missing.setText(
            names_text("Missing", [m.title for m in gap.missing], "none of the roadmap's skills it asks for.")
        )
        self.unknown.setText(names_text("Not in the roadmap", list(gap.unknown), ""))
        self.unknown.setVisible(bool(gap.unknown))

    def _load_ad(self) -> None:
        if self.ad_text.toPlainText() != self._ad:
            self.ad_text.setPlainText(self._ad)


def stage_line(application: Application) -> str:
    """'Interview since 12 Nov 2026 · applied 2 Nov 2026 · 2 interviews'."""
    parts = [application.stage.label]
    if application.stage_on:
        parts[0] += f" since {short_day(application.stage_on)}"
    applied = application.applied_on
    if applied and applied != application.stage_on:
        parts.append(f"applied {short_day(applied)}")
    if application.interviews:
        parts.append(plural(len(application.interviews), "interview"))
    return " · ".join(parts)


def have_text(gap: Gap) -> str:
    """The skills the learner has, each with what shows it, as a list (rich text)."""
    if not gap.have:
        return "<b>Have:</b> none yet of the skills it asks for."
    items = []
    for skill in gap.have:
        shown_by = "; ".join(e for e in skill.evidence if not e.startswith("done as of"))
        items.append(f"<li>{escape(skill.title)}{': ' + escape(shown_by) if shown_by else ''}</li>")
    return f"<b>Have ({len(gap.have)}):</b><ul style='margin: 0px'>{''.join(items)}</ul>"


def names_text(title: str, names: list[str], none: str) -> str:
    if not names:
        return f"<b>{title}:</b> {none}" if none else ""
    return f"<b>{title} ({len(names)}):</b> {escape(', '.join(names))}"
