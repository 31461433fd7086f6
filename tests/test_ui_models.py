"""Every item model of the window passes Qt's model checks, over real domain objects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.services import Services
from roadmap_app.ui.dialogs.skill_picker import SkillPickModel
from roadmap_app.ui.widgets.models import (
    OBJECT_ROLE,
    ChecklistModel,
    Column,
    NotesModel,
    ProjectsModel,
    RecordTableModel,
    StepsModel,
    SuggestionsModel,
    skill_rows,
    task_rows,
)


def test_the_skills_checklist_model(qtmodeltester: ModelTester, services: Services) -> None:
    profile = services.profiles.current()
    services.progress.set_state(profile.id, "skill.python", ItemState.DONE)
    states = services.progress.states(profile.id)
    model = ChecklistModel()
    model.set_rows(skill_rows(services.roadmap, states))
    qtmodeltester.check(model)
    headers = [model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).header]
    assert len(headers) == len(services.roadmap.categories)
    assert headers[0].counts.startswith("1 of")
    header_row = next(r for r in range(model.rowCount()) if model.row_at(r).header)
    assert model.flags(model.index(header_row)) == Qt.ItemFlag.NoItemFlags
    model.update_rows(skill_rows(services.roadmap, states, "python"))
    qtmodeltester.check(model)
    shown = [model.row_at(r) for r in range(model.rowCount()) if not model.row_at(r).header]
    assert "Python" in [row.title for row in shown]
    assert all("python" in (row.title + row.detail).lower() for row in shown)


def test_the_tasks_and_steps_models(qtmodeltester: ModelTester, services: Services) -> None:
    profile = services.profiles.current()
    summary = services.progress.summary(profile.id)
    steps = StepsModel()
    steps.set_steps(summary.steps, summary.current_step_id)
    qtmodeltester.check(steps)
    assert steps.rowCount() == 5
    tasks = ChecklistModel()
    tasks.set_rows(task_rows(services.roadmap.steps[0], services.progress.states(profile.id)))
    qtmodeltester.check(tasks)


def test_the_projects_and_notes_models(qtmodeltester: ModelTester, services: Services) -> None:
    profile = services.profiles.current()
    project = services.portfolio.add(profile.id, "Churn model", status=ProjectStatus.BUILDING)
    services.portfolio.add_note(profile.id, project.id, "# First\nbody")
    projects = ProjectsModel()
    projects.set_items(services.portfolio.projects(profile.id))
    qtmodeltester.check(projects)
    assert projects.index(0).data(OBJECT_ROLE).title == "Churn model"
    notes = NotesModel()
    notes.set_items(services.portfolio.get(profile.id, project.id).notes)
    qtmodeltester.check(notes)
    assert "First" in notes.index(0).data()


def test_the_suggestions_model(qtmodeltester: ModelTester, services: Services) -> None:
    profile = services.profiles.current()
    model = SuggestionsModel()
    model.set_items(services.suggestions.next_actions(profile.id))
    qtmodeltester.check(model)
    assert model.rowCount() > 0


def test_the_career_tables(qtmodeltester: ModelTester, services: Services) -> None:
    model: RecordTableModel[object] = RecordTableModel([Column("Title", lambda c: c.title)])
    model.set_rows(services.roadmap.career_steps)
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_the_skill_picker_model(qtmodeltester: ModelTester, services: Services) -> None:
    model = SkillPickModel(services.roadmap, ("skill.sql",))
    qtmodeltester.check(model)
    index = model.index(model.row_of("skill.python"))
    assert model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked() == ["skill.python", "skill.sql"]
    model.filter("sq")
    qtmodeltester.check(model)
    assert model.rowCount() == 1
