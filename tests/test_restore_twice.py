"""Putting back a deleted record twice is refused with one line and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services, UserError


@pytest.fixture
def app(data_dir: Path) -> Iterator[Services]:
    services = open_services(data_dir)[1]
    yield services
    services.close()


def _project(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.portfolio.add(me, "Churn model", skill_ids=["skill.python"])
    app.portfolio.add_note(me, made.id, "first try")
    gone = app.portfolio.delete(me, made.id)
    return gone, lambda record: app.portfolio.restore(me, record)


def _project_note(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.portfolio.add(me, "Churn model")
    note = app.portfolio.add_note(me, made.id, "first try")
    return app.portfolio.delete_note(me, note.id), lambda record: app.portfolio.restore_note(me, record)


def _experience(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.experience.add(me, "Data intern", organisation="Acme")
    app.experience.add_note(me, made.id, "ran the weekly report")
    return app.experience.delete(me, made.id), lambda record: app.experience.restore(me, record)


def _experience_note(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.experience.add(me, "Data intern")
    note = app.experience.add_note(me, made.id, "ran the weekly report")
    return app.experience.delete_note(me, note.id), lambda record: app.experience.restore_note(me, record)


def _credential(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.credentials.add(me, "Machine Learning Specialization", skill_ids=["skill.python"])
    return app.credentials.delete(me, made.id), lambda record: app.credentials.restore(me, record)


def _application(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.jobs.add(me, "Acme", "ML engineer", ad_text="Python and SQL")
    app.jobs.add_contact(me, made.id, "Ada", role="recruiter")
    return app.jobs.delete(me, made.id), lambda record: app.jobs.restore(me, record)


def _contact(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.jobs.add(me, "Acme", "ML engineer")
    contact = app.jobs.add_contact(me, made.id, "Ada")
    return app.jobs.delete_contact(me, contact.id), lambda record: app.jobs.restore_contact(me, record)


def _application_note(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.jobs.add(me, "Acme", "ML engineer")
    note = app.jobs.add_note(me, made.id, "asked about the team")
    return app.jobs.delete_note(me, note.id), lambda record: app.jobs.restore_note(me, record)


def _resource(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    made = app.resources.add(me, "skill.python", "Python tutorial", url="https://docs.python.org/3/tutorial/")
    return app.resources.delete(me, made.id), lambda record: app.resources.restore(me, record)


def _study_session(app: Services, me: int) -> tuple[Any, Callable[[Any], Any]]:
    logged = app.study.log(me, 30, "skill.python")
    return app.study.delete(me, logged.id), lambda record: app.study.restore(me, record)


KINDS = {
    "project": _project,
    "project note": _project_note,
    "experience": _experience,
    "experience note": _experience_note,
    "credential": _credential,
    "application": _application,
    "contact": _contact,
    "application note": _application_note,
    "resource": _resource,
    "study session": _study_session,
}


def _export(app: Services, me: int) -> dict[str, Any]:
    data = app.transfer.export_profile(me)
    data.pop("exported_at", None)
    return data


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_second_put_back_is_refused_with_one_line_and_changes_nothing(app: Services, kind: str) -> None:
    me = app.profiles.current().id
    gone, put_back = KINDS[kind](app, me)
    back = put_back(gone)
    assert back.id == gone.id
    before = _export(app, me)

    with pytest.raises(UserError, match=rf"^{kind} {gone.id} is already there") as refused:
        put_back(gone)
    assert "\n" not in str(refused.value)
    assert _export(app, me) == before


@pytest.mark.parametrize("kind", ["project", "experience", "credential", "application", "resource"])
def test_a_record_back_under_another_id_is_not_put_back_twice(app: Services, kind: str) -> None:
    """The same UUID under a new id (as an import can bring it back) is the same record."""
    me = app.profiles.current().id
    gone, put_back = KINDS[kind](app, me)
    put_back(gone)
    before = _export(app, me)

    with pytest.raises(UserError, match="is already there"):
        put_back(replace(gone, id=gone.id + 1000))
    assert _export(app, me) == before
