"""Done by…: picking the credential, project or experience that did a task, by keyboard.

Type to narrow the list, Up and Down to choose, Enter to mark the task done by it; a
record already linked can be unlinked from here (Not done by it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLineEdit, QListView, QVBoxLayout, QWidget

from roadmap_app.domain.evidence import Proof, ProofKind
from roadmap_app.ui.widgets.common import muted_label
from roadmap_app.ui.widgets.models import ObjectListModel

_PLURAL = {ProofKind.CREDENTIAL: "credentials", ProofKind.PROJECT: "projects", ProofKind.EXPERIENCE: "experience"}
_WHICH = {
    ProofKind.CREDENTIAL: "Which of your credentials",
    ProofKind.PROJECT: "Which of your projects",
    ProofKind.EXPERIENCE: "Which experience of yours",
}
_WHERE = {
    ProofKind.CREDENTIAL: "add one under step 1 with Add credential…",
    ProofKind.PROJECT: "start one under step 3 with New project…",
    ProofKind.EXPERIENCE: "add one under step 4 with Add experience…",
}
_MOVES = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


class RecordPicker(QDialog):
    """The learner's records of one kind; ``chosen()`` is the one picked (None until then)."""

    def __init__(
        self, task_title: str, kind: ProofKind, records: list[Proof], linked: tuple[Proof, ...], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordPicker")
        self.setWindowTitle("Done by")
        self.setAccessibleName(f"Choose the {kind.value} that did this task")
        self._records = records
        self._linked = {(r.kind, r.id) for r in linked}
        layout = QVBoxLayout(self)
        intro = muted_label(f"{_WHICH[kind]} did “{task_title}”? The task is marked done and shows it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setObjectName("recordFilter")
        self.filter.setAccessibleName(f"Find one of your {_PLURAL[kind]}")
        self.filter.setPlaceholderText("Type to narrow the list")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._narrow)
        self.filter.installEventFilter(self)
        layout.addWidget(self.filter)
        self.model: ObjectListModel[Proof] = ObjectListModel(self._text, self, key=lambda r: (r.kind, r.id))
        self.view = QListView()
        self.view.setObjectName("recordPickerList")
        self.view.setAccessibleName(f"Your {_PLURAL[kind]}")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(lambda _index: self.accept())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.view, 1)
        self.empty = muted_label(f"You have no {_PLURAL[kind]} yet: {_WHERE[kind]}.")
        self.empty.setObjectName("recordPickerEmpty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Mark done")
        self.ok_button.setAccessibleName("Mark the task done by the chosen record")
        #: True when the learner chose to unlink the chosen record rather than link it.
        self.unlinking = False
        self.unlink_button = self.buttons.addButton("Not done by it", QDialogButtonBox.ButtonRole.ActionRole)
        self.unlink_button.setObjectName("unlinkButton")
        self.unlink_button.setAccessibleName("The task is no longer done by the chosen record")
        self.unlink_button.clicked.connect(self._unlink)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(460, 340)
        self._narrow("")
        self.filter.setFocus()

    def _text(self, record: Proof) -> str:
        done = "  ✓ already linked" if (record.kind, record.id) in self._linked else ""
        return f"{record.title}{done}"

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        shown = [r for r in self._records if needle in r.title.casefold()]
        self.model.set_items(shown)
        if shown:
            self.view.setCurrentIndex(self.model.index(0))
        self.empty.setVisible(not self._records)
        self.view.setVisible(bool(self._records))
        self.filter.setEnabled(bool(self._records))
        self.ok_button.setEnabled(bool(shown))
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen()
        self.unlink_button.setEnabled(chosen is not None and (chosen.kind, chosen.id) in self._linked)

    def _unlink(self) -> None:
        if self.unlink_button.isEnabled():
            self.unlinking = True
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the box move through the list, so the hands stay on the keys.
        moving = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in _MOVES
        if watched is self.filter and moving:
            self.view.keyPressEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> Proof | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() and self.ok_button.isEnabled() else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
