"""The ``resources`` key of a skill in a roadmap file: a few official links, read-only.

Each entry is a table ``{ title = "...", url = "https://...", kind = "docs" }``. The title
and link follow the rules of the learner's own resources (a link starts with http:// or
https:// and has no spaces); the kind is one of ``ResourceKind``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from roadmap_app.domain.limits import MAX_SHORT, MAX_TITLE
from roadmap_app.domain.links import is_link
from roadmap_app.domain.resources import ResourceKind, RoadmapResource

MAX_PER_SKILL = 8
"""A roadmap points at a few official resources per skill, not a library."""
KINDS = ", ".join(k.value for k in ResourceKind)

Fail = Callable[[str, str], Exception]


def read_resources(raw: dict[str, Any], where: str, fail: Fail) -> tuple[RoadmapResource, ...]:
    """The skill's ``resources`` (none when the key is absent), or ``fail(key, problem)``."""
    value = raw.get("resources", [])
    key = f"{where}.resources"
    if not isinstance(value, list):
        raise fail(key, 'must be a list of tables, such as [{ title = "...", url = "https://...", kind = "docs" }]')
    if len(value) > MAX_PER_SKILL:
        raise fail(key, f"lists {len(value)} resources; give at most {MAX_PER_SKILL}, the official ones")
    found: list[RoadmapResource] = []
    for index, entry in enumerate(value):
        found.append(_one(entry, f"{key}[{index}]", fail))
    links = [r.url for r in found]
    twice = [link for n, link in enumerate(links) if link in links[:n]]
    if twice:
        raise fail(key, f"'{twice[0]}' is given twice")
    return tuple(found)


def _one(entry: object, where: str, fail: Fail) -> RoadmapResource:
    if not isinstance(entry, dict):
        raise fail(where, "must be a table with title, url and kind")
    unknown = sorted(set(entry) - {"title", "url", "kind"})
    if unknown:
        raise fail(f"{where}.{unknown[0]}", "unknown key; a resource has title, url and kind")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail(f"{where}.title", "required text is missing")
    if len(title.strip()) > MAX_TITLE:
        raise fail(f"{where}.title", f"is longer than {MAX_TITLE} characters")
    url = entry.get("url")
    if not isinstance(url, str) or not url.strip():
        raise fail(f"{where}.url", "required text is missing")
    url = url.strip()
    if not is_link(url) or len(url) > MAX_SHORT:
        raise fail(f"{where}.url", f"'{url[:60]}' must be an address starting with https://, without spaces")
    kind = entry.get("kind")
    if kind not in {k.value for k in ResourceKind}:
        raise fail(f"{where}.kind", f"must be one of: {KINDS}")
    return RoadmapResource(title=" ".join(title.split()), url=url, kind=ResourceKind(kind))
