"""Reading the portfolio a page at a time, as long lists do while they scroll."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from roadmap_app.bootstrap import open_services
from roadmap_app.services import Services


def test_pages_of_projects_follow_the_newest_first_order(tmp_path: Path) -> None:
    moments = iter(datetime(2026, 3, 1, 9, 0) + timedelta(minutes=n) for n in range(1000))
    _paths, services = open_services(tmp_path, clock=lambda: next(moments))
    try:
        profile_id = services.profiles.current().id
        for number in range(7):
            services.portfolio.add(profile_id, f"Project {number}", skill_ids=["skill.python"] if number % 2 else [])
        everything = services.portfolio.projects(profile_id)
        assert [p.title for p in everything] == [f"Project {n}" for n in reversed(range(7))]
        pages = [services.portfolio.projects(profile_id, offset=start, limit=3) for start in (0, 3, 6)]
        assert [p for page in pages for p in page] == everything
        assert services.portfolio.projects(profile_id, offset=7, limit=3) == []
        assert services.portfolio.count(profile_id) == 7
        assert [p.skill_ids for p in pages[0]] == [(), ("skill.python",), ()]
    finally:
        services.close()


def test_titles_and_projects_by_skill(services: Services) -> None:
    profile_id = services.profiles.current().id
    a = services.portfolio.add(profile_id, "Fraud detection", skill_ids=["skill.python"])
    b = services.portfolio.add(profile_id, "Churn model")
    other = services.profiles.create("Other")
    c = services.portfolio.add(other.id, "Not mine", skill_ids=["skill.python"])
    assert services.portfolio.titles(profile_id, [a.id, b.id, c.id, 999]) == {
        a.id: "Fraud detection",
        b.id: "Churn model",
    }
    assert services.portfolio.titles(profile_id, []) == {}
    assert [p.id for p in services.portfolio.with_skill(profile_id, "skill.python")] == [a.id]
    assert services.portfolio.with_skill(profile_id, "skill.python")[0] == services.portfolio.projects(profile_id)[-1]
