"""What the Job search page changes: each through a small form (ui/dialogs/job_forms.py)
and the window's undo stack (ui/window/undo_jobs.py); the application changed stays selected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from roadmap_app.domain.jobs import Application
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.dialogs.job_forms import ApplicationForm, ContactForm, InterviewForm, JobForm, NoteForm, StageForm
from roadmap_app.ui.widgets.common import plural
from roadmap_app.ui.widgets.job_details import RecordsCard
from roadmap_app.ui.window.undo import ServiceCommand
from roadmap_app.ui.window.undo_jobs import (
    AddJobRecordCommand,
    DeleteJobRecordCommand,
    EditApplicationCommand,
    EditJobNoteCommand,
)

if TYPE_CHECKING:
    from roadmap_app.ui.pages.jobs import JobSearchPage


def _one_line(text: str) -> str:
    return " ".join(text.split())


class JobChanges:
    """New application, Edit, Move to stage, interviews, contacts, notes and Delete for ``page``."""

    def __init__(self, page: JobSearchPage) -> None:
        self.page = page
        self.ctx = page.ctx

    def _run(self, command: ServiceCommand) -> str:
        """Do a change; "" when done, else why it was refused (also said in the status bar)."""
        said: list[str] = []

        def hear(message: str) -> None:
            said.append(message)

        self.ctx.failed.connect(hear)
        try:
            done = self.ctx.run(command)
        finally:
            self.ctx.failed.disconnect(hear)
        return "" if done else (said[-1] if said else "the change was refused")

    def _open(self, form: JobForm, submit: Callable[[dict[str, Any]], ServiceCommand]) -> JobForm:
        def run(values: dict[str, Any]) -> str:
            command = submit(values)
            message = self._run(command)
            if not message and isinstance(command, AddJobRecordCommand):
                self.page.select(command.application_id)
            return message

        form.submit = run
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def _today(self) -> date:
        return self.ctx.services.study.now().date()

    def new_application(self) -> JobForm:
        def command(values: dict[str, Any]) -> ServiceCommand:
            fields = dict(values)
            company, role = fields.pop("company"), fields.pop("role")
            text = f"Add the application “{_one_line(role)} at {_one_line(company)}”"
            return AddJobRecordCommand(self.ctx, text, "", company, role, **fields)

        return self._open(ApplicationForm(None, self._today(), self.page), command)

    def edit_selected(self) -> JobForm | None:
        app = self.page.selected()
        if app is None:
            return None
        shown = f"{app.role} at {app.company}"
        return self._open(
            ApplicationForm(app, self._today(), self.page),
            lambda v: EditApplicationCommand(self.ctx, app.id, shown, **v),
        )

    def move_selected(self) -> JobForm | None:
        app = self.page.selected()
        if app is None:
            return None

        def command(v: dict[str, Any]) -> ServiceCommand:
            text = f"Move “{app.role} at {app.company}” to {v['stage'].label.lower()}"
            return AddJobRecordCommand(self.ctx, text, "stage", app.id, v["stage"], on=v["on"], note=v["note"])

        return self._open(StageForm(app, self._today(), self.page), command)

    def add_interview(self) -> JobForm | None:
        app = self.page.selected()
        if app is None:
            return None

        def command(v: dict[str, Any]) -> ServiceCommand:
            text = f"Add an interview with {app.company}"
            return AddJobRecordCommand(self.ctx, text, "interview", app.id, v["on"], kind=v["kind"], note=v["note"])

        return self._open(InterviewForm(app, self._today(), self.page), command)

    def add_contact(self) -> JobForm | None:
        app = self.page.selected()
        if app is None:
            return None

        def command(v: dict[str, Any]) -> ServiceCommand:
            text = f"Add the contact “{_one_line(v['name'])}” at {app.company}"
            return AddJobRecordCommand(self.ctx, text, "contact", app.id, v["name"], role=v["role"], email=v["email"])

        return self._open(ContactForm(app, self.page), command)

    def add_note(self) -> JobForm | None:
        app = self.page.selected()
        if app is None:
            return None
        text = f"Add a note on {app.company}"
        return self._open(
            NoteForm(app, parent=self.page), lambda v: AddJobRecordCommand(self.ctx, text, "note", app.id, v["text"])
        )

    def edit_note(self) -> JobForm | None:
        app, note = self.page.selected(), self.page.details.notes.table.selected()
        if app is None or note is None:
            return None
        return self._open(
            NoteForm(app, note.text, self.page), lambda v: EditJobNoteCommand(self.ctx, note.id, v["text"])
        )

    def confirm_delete(self, app: Application) -> bool:
        parts = [plural(len(app.stages), "dated stage")]
        for count, noun in (
            (len(app.interviews), "interview"),
            (len(app.contacts), "contact"),
            (len(app.notes), "note"),
        ):
            if count:
                parts.append(plural(count, noun))
        box, act = verb_question(
            self.page,
            "Delete application",
            f"Delete “{app.role} at {app.company}” with its {', '.join(parts)}? Edit → Undo brings it back.",
            "Delete application",
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        return asked(box, act)

    def delete_selected(self) -> bool:
        app = self.page.selected()
        if app is None or not self.confirm_delete(app):
            return False
        text = f"Delete the application “{app.role} at {app.company}”"
        return not self._run(DeleteJobRecordCommand(self.ctx, text, "", app.id))

    def delete_part(self, card: RecordsCard, kind: str) -> None:
        """Delete the entry selected in a card: a stage change, an interview, a contact, a note."""
        app, part = self.page.selected(), card.table.selected()
        if app is None or part is None:
            return
        words = {"stage": "a stage", "interview": "an interview", "contact": "a contact", "note": "a note"}
        self._run(DeleteJobRecordCommand(self.ctx, f"Delete {words[kind]} of {app.company}", kind, part.id))
