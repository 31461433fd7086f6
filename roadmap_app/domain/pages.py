"""The window's pages by name: what an "open page" action points at, and what the window remembers."""

from __future__ import annotations

import enum


class PageName(enum.StrEnum):
    """A page of the main window, in navigation order."""

    DASHBOARD = "dashboard"
    ROADMAP = "roadmap"
    SKILLS = "skills"
    PORTFOLIO = "portfolio"
    TIME = "time"
    CAREER = "career"

    @classmethod
    def parse(cls, value: str, default: PageName | None = None) -> PageName:
        """The page named ``value``; ``default`` (the dashboard unless given) for an unknown name."""
        try:
            return cls(value)
        except ValueError:
            return default or cls.DASHBOARD
