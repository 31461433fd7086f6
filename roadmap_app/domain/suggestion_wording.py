"""How the suggestion rules word and identify what they find: name lists, counts, fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from roadmap_app.domain.suggestion_types import Action, Suggestion


def join_names(titles: Sequence[str], limit: int = 3, *, listing: bool = False) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'; with ``listing``, commas only.

    Titles often contain "and" themselves, so lists in brackets use commas only.
    """
    shown = list(titles[:limit])
    rest = len(titles) - len(shown)
    if listing:
        return ", ".join(shown) + (f" and {rest} more" if rest else "")
    if rest:
        shown.append(f"{rest} more")
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def count_of(n: int, noun: str, plural: str = "") -> str:
    """'1 task', '3 tasks'; ``plural`` where adding an s is wrong."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _fingerprint(*facts: object) -> str:
    """A short stable hash of the facts: a dismissal holds while it stays the same."""
    text = "\x1f".join(str(f) for f in facts)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def make_suggestion(
    rule: str, key: str, title: str, reason: str, priority: int, action: Action, *facts: object
) -> Suggestion:
    """A suggestion whose fingerprint covers the rule, the key and the facts behind it."""
    return Suggestion(key, title, reason, priority, action, rule, _fingerprint(rule, key, *facts))
