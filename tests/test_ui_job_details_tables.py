"""The tables of an application's details fit their columns to the rows as they are shown,
before the first paint, and again for the next application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from roadmap_app.services import Services
from roadmap_app.ui.widgets.job_details import JobDetails


def widest(table: QTableView, column: int) -> int:
    model = table.model()
    metrics = table.fontMetrics()
    texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
    texts += [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
    return max(metrics.horizontalAdvance(text) for text in texts)


def test_the_contacts_columns_fit_each_application_at_once(qtbot: QtBot, services: Services) -> None:
    profile = services.profiles.current().id
    short = services.jobs.add(profile, "Acme", "ML engineer")
    services.jobs.add_contact(profile, short.id, "Bo", role="HR", email="bo@acme.example")
    long = services.jobs.add(profile, "Initech", "Data scientist")
    services.jobs.add_contact(
        profile, long.id, "Maximiliana Featherstonehaugh", role="Head of machine learning", email="m@initech.example"
    )
    details = JobDetails()
    qtbot.addWidget(details)
    details.resize(700, 900)
    details.show()
    qtbot.waitExposed(details)
    table = details.contacts.table
    widths = []
    for application in (short, long, short):
        details.show_application(services.jobs.get(profile, application.id))
        # No event processed yet: the widths are already those of these rows.
        for column in (0, 1):
            assert table.columnWidth(column) >= widest(table, column)
        widths.append(table.columnWidth(0))
    assert widths[0] < widths[1] and widths[2] == widths[0]
