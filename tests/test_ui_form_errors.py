"""The line that says what is wrong under a form reads well in both themes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from roadmap_app.content import load_roadmap
from roadmap_app.ui.dialogs.form_error import error_red, form_error_label
from roadmap_app.ui.dialogs.job_forms import JobForm
from roadmap_app.ui.dialogs.record_dialog import RecordDialog
from roadmap_app.ui.dialogs.resource_dialog import ResourceDialog
from roadmap_app.ui.window.theme import TEXT_CONTRAST, build_palette, contrast_ratio


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    palette = build_palette(request.param)
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def test_the_error_red_keeps_text_contrast_on_the_dialog(theme: QPalette, qtbot: QtBot) -> None:
    red = error_red(theme)
    assert contrast_ratio(red, theme.color(QPalette.ColorRole.Window)) >= TEXT_CONTRAST
    label = form_error_label("someError")
    qtbot.addWidget(label)
    assert label.objectName() == "someError" and label.isHidden() and label.wordWrap()
    assert red.name() in label.styleSheet()


def test_every_form_says_its_errors_in_the_theme_red(theme: QPalette, qtbot: QtBot) -> None:
    roadmap = load_roadmap()
    forms = [
        (JobForm("Add application", "jobForm"), "jobFormError"),
        (RecordDialog(roadmap, "credential", None), "recordError"),
        (RecordDialog(roadmap, "experience", None), "recordError"),
        (ResourceDialog("Python", None), "resourceError"),
    ]
    for form, name in forms:
        qtbot.addWidget(form)
        assert error_red(theme).name() in form.error.styleSheet(), name
        assert form.error.objectName() == name
