"""The window's pages in navigation order: name, title, and how to load the page's class.

Each loader imports its page's module only when called, so the window starts with none of
them and builds a page when it is first shown. A new page joins with its loader and one
line in ``PAGES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from roadmap_app.domain.pages import PageName
from roadmap_app.ui.pages.base import Page

if TYPE_CHECKING:
    from roadmap_app.ui.pages.career import CareerPage
    from roadmap_app.ui.pages.dashboard import DashboardPage
    from roadmap_app.ui.pages.jobs import JobSearchPage
    from roadmap_app.ui.pages.portfolio import PortfolioPage
    from roadmap_app.ui.pages.roadmap import RoadmapPage
    from roadmap_app.ui.pages.skills import SkillsPage
    from roadmap_app.ui.pages.time import TimePage

P = TypeVar("P", bound=Page, covariant=True)


@dataclass(frozen=True, slots=True)
class PageEntry(Generic[P]):
    name: PageName
    title: str
    load: Callable[[], type[P]]
    """Imports the page's module and gives its class."""


def _dashboard() -> type[DashboardPage]:
    from roadmap_app.ui.pages.dashboard import DashboardPage

    return DashboardPage


def _roadmap() -> type[RoadmapPage]:
    from roadmap_app.ui.pages.roadmap import RoadmapPage

    return RoadmapPage


def _skills() -> type[SkillsPage]:
    from roadmap_app.ui.pages.skills import SkillsPage

    return SkillsPage


def _portfolio() -> type[PortfolioPage]:
    from roadmap_app.ui.pages.portfolio import PortfolioPage

    return PortfolioPage


def _time() -> type[TimePage]:
    from roadmap_app.ui.pages.time import TimePage

    return TimePage


def _career() -> type[CareerPage]:
    from roadmap_app.ui.pages.career import CareerPage

    return CareerPage


def _job_search() -> type[JobSearchPage]:
    from roadmap_app.ui.pages.jobs import JobSearchPage

    return JobSearchPage


DASHBOARD = PageEntry(PageName.DASHBOARD, "Dashboard", _dashboard)
ROADMAP = PageEntry(PageName.ROADMAP, "Roadmap", _roadmap)
SKILLS = PageEntry(PageName.SKILLS, "Skills", _skills)
PORTFOLIO = PageEntry(PageName.PORTFOLIO, "Portfolio", _portfolio)
TIME = PageEntry(PageName.TIME, "Time", _time)
CAREER = PageEntry(PageName.CAREER, "Career", _career)
JOB_SEARCH = PageEntry(PageName.JOB_SEARCH, "Job search", _job_search)

PAGES: tuple[PageEntry[Page], ...] = (DASHBOARD, ROADMAP, SKILLS, PORTFOLIO, TIME, CAREER, JOB_SEARCH)


def entry_of(name: PageName) -> PageEntry[Page]:
    return next(e for e in PAGES if e.name is name)
