"""How the suggestion rules word and identify what they find: name lists, counts, fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from roadmap_app.domain.readiness import count_of as count_of
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


def _fingerprint(*facts: object) -> str:
    """A short stable hash of the facts: a dismissal holds while it stays the same."""
    text = "\x1f".join(str(f) for f in facts)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def make_suggestion(
    rule: str,
    key: str,
    title: str,
    reason: str,
    priority: int,
    action: Action,
    *facts: object,
    subject: str = "",
    related: Sequence[str] = (),
) -> Suggestion:
    """A suggestion whose fingerprint covers the rule, the key and the facts behind it."""
    return Suggestion(
        key, title, reason, priority, action, rule, _fingerprint(rule, key, *facts), subject, tuple(related)
    )


def _few(names: Sequence[str], noun: str) -> str:
    """'A', 'A and B', 'A and 3 more skills': long titles, so at most two by name."""
    if len(names) <= 2:
        return join_names(names)
    return f"{names[0]} and {count_of(len(names) - 1, noun)}"


# How a rule says several of its findings at once; ``names`` are their subjects, best first.
_FOLDED_TITLES = {
    "link-done-project": lambda names: f"Add repository links to {join_names(names)}",
    "note-building-project": lambda names: (
        f"Write a progress note on {names[0]} and {count_of(len(names) - 1, 'more building project')}"
    ),
    "ready-skill": lambda names: (
        f"Start {names[0]}; {_few(names[1:], 'more skill')} {'is' if len(names) == 2 else 'are'} ready too"
    ),
    "stalled-work": lambda names: f"Get back to {names[0]} and {count_of(len(names) - 1, 'more stalled item')}",
    "follow-up": lambda names: f"Follow up with {names[0]} and {count_of(len(names) - 1, 'more employer')}",
    "gone-quiet": lambda names: f"Have {names[0]} and {count_of(len(names) - 1, 'more employer')} gone quiet?",
    "prepare-interview": lambda names: f"Prepare for your interviews with {join_names(names, listing=True)}",
    "thank-interviewers": lambda names: f"Thank the interviewers at {join_names(names, listing=True)}",
    "missing-skill": lambda names: (
        f"Learn {names[0]}; your open applications ask for {_few(names[1:], 'more skill')} too"
    ),
    "show-done-skills": lambda names: (
        f"Start a project: {names[0]} (or {names[1] if len(names) == 2 else f'one of {len(names) - 1} other ideas'})"
    ),
}


def folded_title(leader: Suggestion, same_rule: Sequence[Suggestion]) -> str:
    """The leader's title, saying that more of the same advice is folded into it."""
    names = [leader.subject, *(s.subject for s in same_rule)]
    wording = _FOLDED_TITLES.get(leader.rule)
    if wording is not None and all(names):
        return wording(names)
    return f"{leader.title} (and {len(same_rule)} more)"
