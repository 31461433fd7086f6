"""One project: its fields, links, skills and dated Markdown notes, each saved as a delta."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.model import Project, ProjectNote, ProjectStatus
from roadmap_app.services import FAILURES
from roadmap_app.ui.dialogs.skill_picker import SkillPickerDialog
from roadmap_app.ui.widgets.common import Card, DebouncedTextEdit, heading, muted_label
from roadmap_app.ui.widgets.markdown import MarkdownView, PreviewDialog, is_openable, open_link
from roadmap_app.ui.widgets.models import NotesModel
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.undo import (
    AddNoteCommand,
    DeleteNoteCommand,
    SetProjectSkillsCommand,
    UpdateNoteCommand,
    UpdateProjectCommand,
    project_note_key,
    project_summary_key,
)


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose Alt+letter moves to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ClampedLabel(QLabel):
    """Plain text wrapped to at most ``lines`` lines, the last one elided; the whole text in the tooltip."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._fit(self.contentsRect().width())
        self.updateGeometry()

    def _wrapped(self, width: int) -> tuple[list[str], bool]:
        """The lines ``width`` holds (at most ``lines``), and whether text was cut."""
        if width <= 0 or not self._full:
            return [self._full], False
        layout = QTextLayout(self._full, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        spans: list[tuple[int, int]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            spans.append((line.textStart(), line.textLength()))
        layout.endLayout()
        if len(spans) <= self._lines:
            return [self._full[a : a + n].rstrip() for a, n in spans], False
        kept = [self._full[a : a + n].rstrip() for a, n in spans[: self._lines - 1]]
        rest = self._full[spans[self._lines - 1][0] :]
        kept.append(self.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return kept, True

    def _fit(self, width: int) -> None:
        lines, cut = self._wrapped(width)
        super().setText("\n".join(lines))
        self.setToolTip(self._full if cut else "")
        # As tall as the lines shown: one or two, never the four a long title would wrap to.
        margins = self.contentsMargins()
        self.setFixedHeight(len(lines) * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 40, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 8, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(self.contentsRect().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit(self.contentsRect().width())


class ProjectEditor(QWidget):
    """Edits the project it is given; every field writes only its own change."""

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project: Project | None = None
        self.skills_dialog: SkillPickerDialog | None = None
        self._note_id: int | None = None
        # Nothing chosen: a sentence saying what to do, instead of a form of dead fields.
        # (Shown or hidden rather than stacked: a stack would keep the hidden form's height.)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.empty_state = QWidget()
        self.empty_state.setObjectName("projectEmptyState")
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.setContentsMargins(36, 36, 36, 36)
        self.empty_title = heading("No project chosen", 2)
        self.empty_text = muted_label("Choose a project from the list, or add one with Ctrl+N.")
        self.empty_text.setObjectName("projectEmptyText")
        for line in (self.empty_title, self.empty_text):
            line.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)
        outer.addWidget(self.empty_state)
        self.form_page = QWidget()
        outer.addWidget(self.form_page)
        layout = QVBoxLayout(self.form_page)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        # A long title takes two lines at most; the whole of it is in the tooltip and the Title field.
        self.heading = ClampedLabel(2)
        self.heading.setObjectName("projectHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("projectTitle")
        self.title_edit.setAccessibleName("Project title")
        self.title_edit.editingFinished.connect(self._commit_title)
        form.addRow("&Title", self.title_edit)
        self.status_box = QComboBox()
        self.status_box.setObjectName("projectStatus")
        self.status_box.setAccessibleName("Project status")
        for status in ProjectStatus:
            self.status_box.addItem(status.label, status.value)
        self.status_box.activated.connect(self._commit_status)
        self.dates = muted_label()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_box)
        status_row.addWidget(self.dates, 1)
        form.addRow(_buddy("&Status", self.status_box), status_row)
        self.summary_edit = DebouncedTextEdit()
        self.summary_edit.setObjectName("projectSummary")
        self.summary_edit.setAccessibleName("Project summary")
        self.summary_edit.setPlaceholderText("What it does, with which data and which result")
        self.summary_edit.setFixedHeight(70)
        self.summary_edit.save_requested.connect(lambda text: self._update("Edit the summary", summary=text))
        form.addRow("Su&mmary", self.summary_edit)
        self.link_edits: dict[str, QLineEdit] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        for key, label, hint in (
            ("repo_url", "&Repository", "https://github.com/you/project"),
            ("demo_url", "D&emo", "https://…"),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"project_{key}")
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(f"{label.replace('&', '')} link")
            edit.editingFinished.connect(lambda k=key: self._commit_link(k))
            button = QPushButton("Open")
            button.setAccessibleName(f"Open the {label.replace('&', '').lower()} link in the browser")
            button.setToolTip("Open the link in the browser")
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, e=edit: open_link(e.text().strip()))
            # "Open" works only on an address a browser can open: empty or half typed, it waits.
            edit.textChanged.connect(lambda text, b=button: b.setEnabled(is_openable(text)))
            self.open_buttons[key] = button
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(_buddy(label, edit), row)
            self.link_edits[key] = edit
        self.skills_label = QLabel()
        self.skills_label.setWordWrap(True)
        self.skills_button = QPushButton("Choose s&kills…")
        self.skills_button.setAccessibleName("Choose the skills this project shows")
        self.skills_button.clicked.connect(self.choose_skills)
        skills_row = QHBoxLayout()
        skills_row.addWidget(self.skills_label, 1)
        skills_row.addWidget(self.skills_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Skills shown", skills_row)
        layout.addLayout(form)

        notes = Card("Notes")
        note_buttons = QHBoxLayout()
        self.add_note_button = QPushButton("&Add note")
        self.add_note_button.setAccessibleName("Add a dated note")
        self.add_note_button.clicked.connect(self.add_note)
        self.delete_note_button = QPushButton("Delete note")
        self.delete_note_button.setAccessibleName("Delete the selected note")
        self.delete_note_button.clicked.connect(self.delete_note)
        note_buttons.addWidget(self.add_note_button)
        note_buttons.addWidget(self.delete_note_button)
        note_buttons.addStretch(1)
        notes.body.addLayout(note_buttons)
        self.notes_model = NotesModel(self)
        self.notes_view = QListView()
        self.notes_view.setObjectName("notesView")
        self.notes_view.setAccessibleName("Notes of this project")
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setAlternatingRowColors(True)
        self.notes_view.selectionModel().currentChanged.connect(lambda *_: self._show_note())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Note: edit or preview")
        self.note_editor = DebouncedTextEdit()
        self.note_editor.setObjectName("noteEditor")
        self.note_editor.setAccessibleName("Note text (Markdown)")
        self.note_editor.setPlaceholderText("Write in Markdown: # headings, **bold**, - lists, [links](https://…)")
        self.note_editor.save_requested.connect(self._save_note)
        self.preview = MarkdownView()
        self.preview.setObjectName("notePreview")
        self.preview.setAccessibleName("Note preview")
        self.tabs.addTab(self.note_editor, "&Write")
        self.tabs.addTab(self.preview, "&Preview")
        self.tabs.currentChanged.connect(lambda _i: self._render_preview())
        self.tabs.setMinimumWidth(280)
        self.larger_button = QPushButton("Open &larger…")
        self.larger_button.setObjectName("previewLarger")
        self.larger_button.setAccessibleName("Open the note's preview in a larger window")
        self.larger_button.setToolTip("Read the note's preview in a larger window")
        self.larger_button.clicked.connect(self.open_larger_preview)
        self.tabs.setCornerWidget(self.larger_button, Qt.Corner.TopRightCorner)
        self.preview_dialog: PreviewDialog | None = None
        self.no_notes = muted_label("No notes yet. “Add note” starts a dated entry, written in Markdown.")
        notes.body.addWidget(self.no_notes)
        self.notes_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.notes_splitter.addWidget(self.notes_view)
        self.notes_splitter.addWidget(self.tabs)
        self.notes_splitter.setStretchFactor(1, 1)
        self.notes_splitter.setSizes([200, 420])
        self.notes_splitter.setChildrenCollapsible(False)
        self.notes_splitter.setMinimumHeight(220)
        self.notes_view.setMinimumWidth(140)
        notes.body.addWidget(self.notes_splitter, 1)
        layout.addWidget(notes, 1)
        self.set_project(None)

    # --- showing ---------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        """Show a project (with its notes), keeping anything typed that is not saved yet."""
        same = project is not None and self.project is not None and project.id == self.project.id
        if not same:
            self.flush()
        self.project = project
        for widget in self._field_widgets():
            widget.setEnabled(project is not None)
        self._show_page(self.form_page if project is not None else self.empty_state)
        if project is None:
            self.heading.set_full_text("")
            self.title_edit.clear()
            self.summary_edit.set_saved_text("", force=True)
            for edit in self.link_edits.values():
                edit.clear()
            self.skills_label.setText("")
            self.dates.setText("")
            self.notes_model.set_items([])
            self._show_note()
            return
        self.heading.set_full_text(project.title)
        if not same or not self.title_edit.isModified():
            self._load_line(self.title_edit, project.title)
        self.status_box.setCurrentIndex(self.status_box.findData(project.status.value))
        summary, kept = self.ctx.kept_text(project_summary_key(self.ctx.profile_id, project.id), project.summary)
        self.summary_edit.load(summary, unsaved=kept, force=not same)
        for key, edit in self.link_edits.items():
            if not same or not edit.isModified():
                self._load_line(edit, getattr(project, key))
        dates = [f"created {project.created_at:%d %b %Y}"]
        if project.started_on:
            dates.append(f"started {project.started_on:%d %b %Y}")
        if project.finished_on:
            dates.append(f"finished {project.finished_on:%d %b %Y}")
        self.dates.setText(", ".join(dates))
        roadmap = self.ctx.services.roadmap
        titles = [roadmap.title_of(s) for s in project.skill_ids]
        self.skills_label.setText(", ".join(titles) if titles else "None yet: choose the skills it demonstrates.")
        keep = self._note_id if same else None
        self.notes_model.set_items(list(project.notes))
        row = self.notes_model.row_of_key(keep) if keep is not None else len(project.notes) - 1
        if row < 0 and project.notes:
            row = len(project.notes) - 1
        self.notes_view.setCurrentIndex(self.notes_model.index(row) if row >= 0 else QModelIndex())
        self._show_note()

    @staticmethod
    def _load_line(edit: QLineEdit, text: str) -> None:
        """Fill a field showing its start: a long title or link is read from the left."""
        if edit.text() != text:
            edit.setText(text)
            edit.setCursorPosition(0)
        elif not edit.hasFocus():
            edit.setCursorPosition(0)
        edit.setModified(False)

    def set_empty_text(self, text: str, title: str = "No project chosen") -> None:
        """What the editor says when no project is shown."""
        self.empty_title.setText(title)
        self.empty_text.setText(text)

    def _show_page(self, page: QWidget) -> None:
        self.form_page.setVisible(page is self.form_page)
        self.empty_state.setVisible(page is self.empty_state)

    def shown_page(self) -> QWidget:
        """The form, or the empty state when no project is shown."""
        return self.empty_state if self.empty_state.isVisibleTo(self) else self.form_page

    def _field_widgets(self) -> list[QWidget]:
        return [
            self.title_edit,
            self.status_box,
            self.summary_edit,
            *self.link_edits.values(),
            self.skills_button,
            self.add_note_button,
            self.delete_note_button,
        ]

    def current_note(self) -> ProjectNote | None:
        index = self.notes_view.currentIndex()
        return self.notes_model.item(index.row()) if index.isValid() else None

    def _show_note(self) -> None:
        note = self.current_note()
        self.no_notes.setVisible(self.project is not None and self.notes_model.rowCount() == 0)
        if note is None or note.id != self._note_id:
            self.note_editor.flush()
        if note is None:
            self._note_id = None
            self.note_editor.set_saved_text("", force=True)
            self.note_editor.setEnabled(False)
            self.delete_note_button.setEnabled(False)
            self.larger_button.setEnabled(False)
            self.note_editor.setPlaceholderText(
                "Add a note to keep a dated log of what you did." if self.project else ""
            )
        else:
            self.note_editor.setEnabled(True)
            self.delete_note_button.setEnabled(True)
            self.larger_button.setEnabled(True)
            text, kept = self.ctx.kept_text(project_note_key(self.ctx.profile_id, note.id), note.text)
            self.note_editor.load(text, unsaved=kept, force=note.id != self._note_id)
            self._note_id = note.id
        self._render_preview()

    def _render_preview(self) -> None:
        self.preview.set_markdown(self.note_editor.toPlainText())
        if self.preview_dialog is not None:
            self.preview_dialog.set_markdown(self.note_editor.toPlainText())

    def open_larger_preview(self) -> None:
        """The note's preview in a window of its own, as large as the learner makes it."""
        if self.current_note() is None:
            return
        if self.preview_dialog is None:
            dialog = PreviewDialog(self)
            dialog.finished.connect(lambda _r: setattr(self, "preview_dialog", None))
            dialog.finished.connect(dialog.deleteLater)
            self.preview_dialog = dialog
        self.preview_dialog.set_markdown(self.note_editor.toPlainText())
        if self.preview_dialog.isVisible():
            self.preview_dialog.raise_()
        else:
            self.preview_dialog.show()

    # --- changing ---------------------------------------------------------------------

    def _update(self, text: str, **fields: Any) -> bool:
        if self.project is None:
            return False
        return self.ctx.run(UpdateProjectCommand(self.ctx, self.project.id, text, **fields))

    def _commit_title(self) -> None:
        if self.project is None or not self.title_edit.isModified():
            return
        self.title_edit.setModified(False)
        changed = self.title_edit.text().strip() != self.project.title
        if changed and not self._update("Rename the project", title=self.title_edit.text()):
            self.title_edit.setText(self.project.title)

    def _commit_status(self, _index: int = 0) -> None:
        status = ProjectStatus(self.status_box.currentData())
        if self.project is not None and status is not self.project.status:
            self._update(f"Mark the project {status.label.lower()}", status=status)

    def _commit_link(self, key: str) -> None:
        edit = self.link_edits[key]
        if self.project is None or not edit.isModified():
            return
        edit.setModified(False)
        if edit.text().strip() != getattr(self.project, key) and not self._update(
            "Change a link", **{key: edit.text()}
        ):
            edit.setFocus()
            edit.setModified(True)

    def choose_skills(self) -> None:
        if self.project is None:
            return
        dialog = SkillPickerDialog(self.ctx.services.roadmap, self.project.skill_ids, self)
        project_id = self.project.id
        dialog.accepted.connect(
            lambda: self.ctx.run(SetProjectSkillsCommand(self.ctx, project_id, dialog.model.checked()))
        )
        dialog.finished.connect(lambda _r: setattr(self, "skills_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.skills_dialog = dialog
        dialog.open()

    def select_note(self, note_id: int) -> bool:
        row = self.notes_model.row_of_key(note_id)
        if row >= 0:
            self.notes_view.setCurrentIndex(self.notes_model.index(row))
        return row >= 0

    def add_note(self) -> None:
        if self.project is None:
            return
        self.note_editor.flush()
        command = AddNoteCommand(self.ctx, self.project.id)
        if self.ctx.run(command) and command.note is not None:
            row = self.notes_model.row_of_key(command.note.id)
            if row >= 0:
                self.notes_view.setCurrentIndex(self.notes_model.index(row))
            self.tabs.setCurrentWidget(self.note_editor)
            self.note_editor.setFocus()

    def delete_note(self) -> None:
        note = self.current_note()
        if note is not None:
            self.note_editor.flush()
            self.ctx.run(DeleteNoteCommand(self.ctx, note.id))

    def _save_note(self, text: str) -> None:
        if self._note_id is not None:
            self.ctx.run(UpdateNoteCommand(self.ctx, self._note_id, text))
            self._render_preview()

    def flush(self) -> None:
        """Save everything typed: title and links being edited, summary and note."""
        try:
            self._commit_title()
            for key in self.link_edits:
                self._commit_link(key)
        except FAILURES:
            pass
        self.summary_edit.flush()
        self.note_editor.flush()
