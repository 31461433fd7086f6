"""What counts as a link the learner may open: one rule for projects, records and resources."""

from __future__ import annotations

LINK_SCHEMES = ("http://", "https://")


def is_link(value: str) -> bool:
    """An http(s) address without spaces (a ``javascript:`` or ``file:`` one never opens)."""
    return value.lower().startswith(LINK_SCHEMES) and not any(c.isspace() for c in value)
