"""An experience's dated Markdown notes, oldest first: pick one to read or edit it, add a new
one, delete one. Each change goes through the undo stack, so Ctrl+Z takes it back here too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.records import Experience, ExperienceNote
from roadmap_app.services import FAILURES
from roadmap_app.ui.dialogs.confirm import asked, verb_question
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.window.undo_records import (
    AddExperienceNoteCommand,
    DeleteExperienceNoteCommand,
    UpdateExperienceNoteCommand,
)

if TYPE_CHECKING:
    from roadmap_app.ui.window.context import LearnerContext


def experience_note_text(note: ExperienceNote) -> str:
    """The note's day and time, then its first line without Markdown heading marks."""
    first = next((line.strip("# ").strip() for line in note.text.splitlines() if line.strip()), "(empty note)")
    return f"{note.created_at:%d %b %Y, %H:%M} · {first[:80]}"


class ExperienceNotesDialog(QDialog):
    def __init__(self, ctx: LearnerContext, experience: Experience, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.experience_id = experience.id
        self.setObjectName("experienceNotesDialog")
        self.setWindowTitle(f"Notes on “{experience.title}”")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.empty = muted_label("No notes yet. Write what you did and learned, dated, in Markdown.")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.list = QListWidget()
        self.list.setObjectName("experienceNotesList")
        self.list.setAccessibleName("Notes on this experience")
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(lambda _row: self._show_selected())
        layout.addWidget(self.list)
        self.text_label = QLabel("&Text (Markdown)")
        layout.addWidget(self.text_label)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("experienceNoteText")
        self.editor.setAccessibleName("Text of the note")
        self.editor.setPlaceholderText("## Week 1\nA baseline at 0.71 AUC; next, the feature store.")
        self.editor.setTabChangesFocus(True)  # Tab leaves the text for the buttons
        self.editor.setMinimumHeight(120)
        self.text_label.setBuddy(self.editor)
        layout.addWidget(self.editor, 1)
        layout.addWidget(muted_label("Ctrl+S adds or saves the note · Ctrl+Z undoes a change"))
        row = QHBoxLayout()
        self.new_button = QPushButton("&New note")
        self.save_button = QPushButton("&Save note")
        self.delete_button = QPushButton("&Delete note")
        for button, name in (
            (self.new_button, "Write a new note"),
            (self.save_button, "Save the note"),
            (self.delete_button, "Delete the selected note"),
        ):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete_selected)
        layout.addLayout(row)
        self.save_button.setToolTip("Ctrl+S: add the new note, or save the selected one")
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        # A modal form: the window's Edit → Undo cannot be reached, so the form has its own.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self).activated.connect(ctx.undo_stack.undo)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Redo), self).activated.connect(ctx.undo_stack.redo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the notes")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.notes: tuple[ExperienceNote, ...] = ()
        ctx.changed.connect(self._on_changed)
        self.finished.connect(lambda _result: ctx.changed.disconnect(self._on_changed))
        self.refresh()
        self.editor.setFocus()

    def _on_changed(self, _change: object) -> None:
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Read the notes again; the one that was selected stays selected while it exists."""
        current = self.selected()
        wanted = select_id if select_id is not None else (current.id if current else None)
        try:
            experience = self.ctx.services.experience.get(self.ctx.profile_id, self.experience_id)
        except FAILURES:
            # The experience is gone (an undo took back its adding, or another window deleted it).
            self.notes = ()
            self.list.clear()
            self.reject()
            return
        self.notes = experience.notes
        self.list.blockSignals(True)
        self.list.clear()
        for note in self.notes:
            item = QListWidgetItem(experience_note_text(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
            if note.id == wanted:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.notes)
        self.list.setVisible(bool(self.notes))
        # As tall as its notes, up to six rows: the text below keeps the room.
        rows = sum(self.list.sizeHintForRow(r) for r in range(min(self.list.count(), 6)))
        self.list.setFixedHeight(rows + 2 * self.list.frameWidth() + 4)
        now = self.selected()
        if now is None and current is not None:
            self.editor.clear()  # the note shown was deleted: what is left is a new note
        elif now is not None and (current is None or now.id != current.id or now.text != current.text):
            # Its text changed (an undo, or just saved): show it; otherwise what is typed stays.
            self.editor.setPlainText(now.text)
        self._enable()

    def selected(self) -> ExperienceNote | None:
        row = self.list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def _show_selected(self) -> None:
        note = self.selected()
        if note is not None:
            self.editor.setPlainText(note.text)
        self._enable()

    def _enable(self) -> None:
        note = self.selected()
        self.delete_button.setEnabled(note is not None)
        self.save_button.setText("&Save note" if note is not None else "&Add note")
        self.save_button.setAccessibleName("Save the selected note" if note is not None else "Add the new note")

    def start_new(self) -> None:
        self.list.setCurrentRow(-1)
        self.editor.clear()
        self._enable()
        self.editor.setFocus()

    def save(self) -> None:
        """Add the text as a new note, or save it into the selected one."""
        text = self.editor.toPlainText()
        note = self.selected()
        if note is None:
            if not text.strip():
                return  # nothing written: no empty note
            command = AddExperienceNoteCommand(self.ctx, self.experience_id, text)
            if self.ctx.run(command) and command.note is not None:
                self.refresh(select_id=command.note.id)
        elif text != note.text:
            self.ctx.run(UpdateExperienceNoteCommand(self.ctx, note.id, text))

    def confirm_delete(self, note: ExperienceNote) -> bool:
        box, act = verb_question(
            self, "Delete note", f"Delete the note of {note.created_at:%d %b %Y}? Ctrl+Z brings it back.", "Delete note"
        )
        return asked(box, act)

    def delete_selected(self) -> None:
        note = self.selected()
        if note is not None and self.confirm_delete(note):
            self.ctx.run(DeleteExperienceNoteCommand(self.ctx, note.id))
