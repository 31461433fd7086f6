"""The job-search next actions read the learner's real applications through the services:
the applications and the skills their stored ads ask for reach the rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.suggestion_types import ActionKind
from roadmap_app.services import Services

TODAY = date(2026, 12, 2)
AD = "We use Python and SQL every day; experience with PyTorch is a must."


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    ticks = iter(range(1_000_000))

    def clock() -> datetime:
        return datetime(2026, 12, 2, 9, 0) + timedelta(seconds=next(ticks))

    _paths, built = open_services(data_dir, clock=clock)
    yield built
    built.close()


def keys(services: Services, profile_id: int) -> dict[str, str]:
    return {s.key: s.reason for s in services.suggestions.next_actions(profile_id)}


def test_an_application_without_a_reply_for_a_week_is_followed_up(services: Services) -> None:
    ada = services.profiles.create("Ada")
    app = services.jobs.add(ada.id, "Acme", "ML engineer", stage="applied", on=TODAY - timedelta(days=8))
    found = {s.key: s for s in services.suggestions.next_actions(ada.id)}
    follow = found[f"follow-up:application:{app.id}"]
    assert "Acme" in follow.reason and follow.action.kind is ActionKind.OPEN_APPLICATION
    assert follow.action.target == str(app.id)
    services.jobs.set_stage(ada.id, app.id, "screening")
    assert f"follow-up:application:{app.id}" not in keys(services, ada.id)


def test_the_skill_open_applications_ask_for_most_comes_from_their_stored_ads(services: Services) -> None:
    ada = services.profiles.create("Ada")
    services.progress.set_state(ada.id, "skill.python", "done")
    for company in ("Acme", "Globex"):
        services.jobs.add(ada.id, company, "ML engineer", stage="applied", on=TODAY, ad_text=AD)
    reasons = keys(services, ada.id)
    missing = [r for k, r in reasons.items() if k.startswith("missing-skill:")]
    assert missing and "2 of your 2 open applications" in missing[0], reasons
    # A rejected application's ad no longer counts.
    first = services.jobs.list(ada.id)[0]
    services.jobs.set_stage(ada.id, first.id, "rejected")
    assert not [k for k in keys(services, ada.id) if k.startswith("missing-skill:")]
