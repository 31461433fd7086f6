"""Small keyboard forms of the Job search page: an application, a stage change, an
interview, a contact, a note. Save runs the change; a refused value is said under the form
and the form stays open, so nothing typed is lost. Esc cancels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.jobs import Application, InterviewKind, Stage
from roadmap_app.services import FAILURES
from roadmap_app.services.gap import MAX_AD_BYTES, decode_ad
from roadmap_app.ui.dialogs.form_error import form_error_label
from roadmap_app.ui.widgets.common import muted_label

#: Saves the form's values; gives the reason when the change was refused, "" when done.
Submit = Callable[[dict[str, Any]], str]
#: How far ahead an interview can be planned in the form.
INTERVIEW_AHEAD_DAYS = 366


def day_edit(day: date, *, latest: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    edit.setAccessibleName(name)
    return edit


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class JobForm(QDialog):
    """A form with Save and Cancel; ``submit`` does the change (see Submit)."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.submit: Submit | None = None
        self.form = QFormLayout()
        self.error = form_error_label("jobFormError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Enter in a text box writes a new line there: Ctrl+Enter and Ctrl+S save from anywhere.
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, self.save)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A row's label whose Alt+letter goes to ``buddy`` (a row of several widgets has none by itself)."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def save(self) -> None:
        message = self.submit(self.values()) if self.submit is not None else ""
        if message:
            self.say(message)
            return
        self.accept()


class ApplicationForm(JobForm):
    """A new application (with its first stage and day) or the fields of one."""

    def __init__(self, application: Application | None, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Edit application" if application else "New application", "applicationForm", parent)
        self.setMinimumWidth(560)
        self.is_new = application is None
        self.company = QLineEdit(application.company if application else "")
        self.company.setPlaceholderText("Acme Analytics")
        self.role = QLineEdit(application.role if application else "")
        self.role.setPlaceholderText("Machine learning engineer")
        self.form.addRow("&Company", self.company)
        self.form.addRow("&Role", self.role)
        self.stage = QComboBox()
        self.on = day_edit(today, latest=today, name="The day it reached this stage")
        if self.is_new:
            for stage in Stage:
                self.stage.addItem(stage.label, stage.value)
            self.stage.setCurrentIndex(self.stage.findData(Stage.APPLIED.value))
            row = QHBoxLayout()
            row.addWidget(self.stage, 1)
            on_label = QLabel("&on")
            on_label.setBuddy(self.on)
            row.addWidget(on_label)
            row.addWidget(self.on)
            self.form.addRow(self._label("&Stage", self.stage), row)
        self.url = QLineEdit(application.url if application else "")
        self.url.setPlaceholderText("https://…")
        self.location = QLineEdit(application.location if application else "")
        self.location.setPlaceholderText("Berlin, hybrid")
        self.salary = QLineEdit(application.salary if application else "")
        self.salary.setPlaceholderText("€60–70k")
        self.source = QLineEdit(application.source if application else "")
        self.source.setPlaceholderText("LinkedIn, a referral, the company's site…")
        self.form.addRow("&Link", self.url)
        self.form.addRow("L&ocation", self.location)
        self.form.addRow("Sa&lary", self.salary)
        self.form.addRow("So&urce", self.source)
        self.ad = QPlainTextEdit(application.ad_text if application else "")
        self.ad.setObjectName("applicationAd")
        self.ad.setAccessibleName("The ad's text")
        self.ad.setPlaceholderText("Paste the ad: Roadmap checks which of its skills you can show")
        self.ad.setTabChangesFocus(True)
        self.ad.setMinimumHeight(140)
        ad_row = QVBoxLayout()
        ad_row.addWidget(self.ad)
        from_file = QPushButton("From a &file…")
        from_file.setAccessibleName("Read the ad from a text file")
        from_file.clicked.connect(self.read_ad_file)
        buttons = QHBoxLayout()
        buttons.addWidget(muted_label("Ctrl+Enter saves."), 1)
        buttons.addWidget(from_file)
        ad_row.addLayout(buttons)
        self.form.addRow(self._label("The &ad", self.ad), ad_row)

    def read_ad_file(self, path: str | None = None) -> bool:
        """Put a UTF-8 text file's content in the ad box; a binary or too large file is said."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, "The ad's text", str(Path.home()), "Text (*.txt *.md *.html *.htm);;Any file (*)"
            )
            if not path:
                return False
        try:
            with open(path, "rb") as file:
                text = decode_ad(file.read(MAX_AD_BYTES + 1), Path(path).name)
        except OSError as exc:
            self.say(f"cannot read {Path(path).name}: {exc.strerror or exc}; choose another file")
            return False
        except FAILURES as exc:
            self.say(str(exc))
            return False
        self.ad.setPlainText(text)
        self.say("")
        return True

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "company": self.company.text(),
            "role": self.role.text(),
            "url": self.url.text().strip(),
            "location": self.location.text(),
            "salary": self.salary.text(),
            "source": self.source.text(),
            "ad_text": self.ad.toPlainText(),
        }
        if self.is_new:
            values |= {"stage": Stage(self.stage.currentData()), "on": day_of(self.on)}
        return values


def next_stage(stage: Stage) -> Stage:
    """The stage an application most likely moves to from ``stage``."""
    following = {
        Stage.SAVED: Stage.APPLIED,
        Stage.APPLIED: Stage.SCREENING,
        Stage.SCREENING: Stage.INTERVIEW,
        Stage.INTERVIEW: Stage.OFFER,
        Stage.OFFER: Stage.ACCEPTED,
    }
    return following.get(stage, Stage.APPLIED)


class StageForm(JobForm):
    """Move to stage…: the stage, the day it happened (default today, never later) and a note."""

    def __init__(self, application: Application, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"Move “{application.company}” to a stage", "stageForm", parent)
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        self.stage.setCurrentIndex(self.stage.findData(next_stage(application.stage).value))
        self.on = day_edit(today, latest=today, name="The day it happened")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional: who called, what was said")
        self.form.addRow("&Stage", self.stage)
        self.form.addRow("&Day", self.on)
        self.form.addRow("&Note", self.note)
        self.form.addRow("", muted_label(f"Now: {application.stage.label}. A past day is fine; a future one is not."))

    def values(self) -> dict[str, Any]:
        return {"stage": Stage(self.stage.currentData()), "on": day_of(self.on), "note": self.note.text()}


class InterviewForm(JobForm):
    def __init__(self, application: Application, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"An interview with {application.company}", "interviewForm", parent)
        self.on = day_edit(today, latest=today + timedelta(days=INTERVIEW_AHEAD_DAYS), name="The interview's day")
        self.kind = QComboBox()
        for kind in InterviewKind:
            self.kind.addItem(kind.label, kind.value)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Optional: who, what they asked, what to prepare")
        self.note.setMaximumHeight(100)
        self.form.addRow("&Day", self.on)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Note", self.note)
        self.form.addRow("", muted_label("A coming interview is fine: Roadmap reminds you to prepare."))

    def values(self) -> dict[str, Any]:
        return {"on": day_of(self.on), "kind": InterviewKind(self.kind.currentData()), "note": self.note.toPlainText()}


class ContactForm(JobForm):
    def __init__(self, application: Application, parent: QWidget | None = None) -> None:
        super().__init__(f"A contact at {application.company}", "contactForm", parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Alex Doe")
        self.role = QLineEdit()
        self.role.setPlaceholderText("Recruiter, hiring manager…")
        self.email = QLineEdit()
        self.email.setPlaceholderText("alex@example.com")
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Role", self.role)
        self.form.addRow("&Email", self.email)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "role": self.role.text(), "email": self.email.text().strip()}


class NoteForm(JobForm):
    def __init__(self, application: Application, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(f"{'Edit the note' if text else 'A note'} on {application.company}", "jobNoteForm", parent)
        self.text = QPlainTextEdit(text)
        self.text.setAccessibleName("Note")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What you learnt, what to ask, what to send…")
        self.text.setMinimumHeight(140)
        self.form.addRow("&Note", self.text)
        self.form.addRow("", muted_label("Ctrl+Enter saves."))
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, Any]:
        return {"text": self.text.toPlainText()}
