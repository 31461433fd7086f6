"""Filtering, ordering and counting the portfolio in the database, for lists of thousands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ProjectStatus
from roadmap_app.services import Services
from roadmap_app.services.portfolio import ProjectQuery, ProjectSort

START = datetime(2026, 3, 1, 9, 0)
STATUSES = (ProjectStatus.IDEA, ProjectStatus.BUILDING, ProjectStatus.DONE)


@pytest.fixture
def listed(tmp_path: Path) -> Iterator[tuple[Services, int]]:
    """Thirty projects; every three share one moment, so the order needs its tie-break."""
    moments = iter(START + timedelta(minutes=n // 3) for n in range(1000))
    _paths, services = open_services(tmp_path, clock=lambda: next(moments))
    profile_id = services.profiles.current().id
    for number in range(30):
        services.portfolio.add(
            profile_id,
            f"{'Churn' if number % 5 == 0 else 'Project'} {number:02d}",
            summary="uses 100% of the GPU" if number == 7 else "",
            status=STATUSES[number % 3],
        )
    try:
        yield services, profile_id
    finally:
        services.close()


def titles(services: Services, profile_id: int, query: ProjectQuery, **page: int) -> list[str]:
    return [p.title for p in services.portfolio.projects(profile_id, query=query, **page)]


def test_the_default_order_is_newest_first_with_the_id_breaking_ties(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    everything = services.portfolio.projects(profile_id)
    assert everything == services.portfolio.projects(profile_id, query=ProjectQuery())
    assert [p.title for p in everything] == [
        f"{'Churn' if n % 5 == 0 else 'Project'} {n:02d}" for n in range(29, -1, -1)
    ]
    keys = [(p.updated_at, p.id) for p in everything]
    assert keys == sorted(keys, reverse=True)


def test_a_filter_keeps_titles_or_summaries_that_contain_the_text(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    churn = ProjectQuery(text="  cHURN ")
    assert titles(services, profile_id, churn) == [
        "Churn 25",
        "Churn 20",
        "Churn 15",
        "Churn 10",
        "Churn 05",
        "Churn 00",
    ]
    assert services.portfolio.count(profile_id, churn) == 6
    # LIKE's wildcards are plain characters in a filter.
    assert titles(services, profile_id, ProjectQuery(text="100%")) == ["Project 07"]
    assert titles(services, profile_id, ProjectQuery(text="_")) == []
    assert services.portfolio.count(profile_id, ProjectQuery(text="nothing like it")) == 0


def test_a_status_filter_and_a_text_filter_combine(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    for status in STATUSES:
        assert services.portfolio.count(profile_id, ProjectQuery(status=status)) == 10
        assert {p.status for p in services.portfolio.projects(profile_id, query=ProjectQuery(status=status))} == {
            status
        }
    done_churn = ProjectQuery(text="churn", status=ProjectStatus.DONE, sort=ProjectSort.TITLE, descending=False)
    assert titles(services, profile_id, done_churn) == ["Churn 05", "Churn 20"]


def test_sorting_by_title_status_or_creation_both_ways(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    by_title = titles(services, profile_id, ProjectQuery(sort=ProjectSort.TITLE, descending=False))
    assert by_title == sorted(by_title, key=str.casefold) and by_title[0] == "Churn 00"
    assert titles(services, profile_id, ProjectQuery(sort=ProjectSort.TITLE)) == list(reversed(by_title))
    by_status = services.portfolio.projects(profile_id, query=ProjectQuery(sort=ProjectSort.STATUS, descending=False))
    assert [p.status for p in by_status] == [s for s in STATUSES for _ in range(10)]
    # Equal keys: ordered by id, in the sort's direction.
    ideas = [p.id for p in by_status[:10]]
    assert ideas == sorted(ideas)
    newest_status = services.portfolio.projects(profile_id, query=ProjectQuery(sort=ProjectSort.STATUS))
    assert [p.id for p in newest_status[-10:]] == sorted(ideas, reverse=True)
    oldest = titles(services, profile_id, ProjectQuery(sort=ProjectSort.CREATED, descending=False), limit=2)
    assert oldest == ["Churn 00", "Project 01"]


def test_pages_of_a_sorted_filtered_list_join_up(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    query = ProjectQuery(text="project", sort=ProjectSort.TITLE, descending=True)
    whole = services.portfolio.projects(profile_id, query=query)
    pages = [services.portfolio.projects(profile_id, query=query, offset=start, limit=7) for start in range(0, 30, 7)]
    assert [p for page in pages for p in page] == whole
    assert len(whole) == services.portfolio.count(profile_id, query) == 24


def test_the_position_of_a_project_in_a_list(listed: tuple[Services, int]) -> None:
    services, profile_id = listed
    for query in (ProjectQuery(), ProjectQuery(sort=ProjectSort.TITLE, descending=False), ProjectQuery(text="churn")):
        listed_ids = [p.id for p in services.portfolio.projects(profile_id, query=query)]
        assert [services.portfolio.position(profile_id, pid, query) for pid in listed_ids] == list(
            range(len(listed_ids))
        )
    not_churn = services.portfolio.projects(profile_id, query=ProjectQuery(text="project"))[0]
    assert services.portfolio.position(profile_id, not_churn.id, ProjectQuery(text="churn")) is None
    other = services.profiles.create("Other")
    theirs = services.portfolio.add(other.id, "Not mine")
    assert services.portfolio.position(profile_id, theirs.id) is None
    assert services.portfolio.count(other.id) == 1
