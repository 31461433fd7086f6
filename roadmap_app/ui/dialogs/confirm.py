"""A question answered with its verb ("Delete project" / "Cancel"), Cancel the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def verb_question(
    parent: QWidget | None, title: str, text: str, verb: str, *, icon: QMessageBox.Icon = QMessageBox.Icon.Question
) -> tuple[QMessageBox, QPushButton]:
    """The question, and its button that does the thing; Enter and Esc answer Cancel."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    act = box.addButton(verb, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, act


def asked(box: QMessageBox, act: QPushButton) -> bool:
    """Show the question until answered; True when the learner chose the verb."""
    box.exec()
    chosen = box.clickedButton() is act
    box.deleteLater()
    return chosen
