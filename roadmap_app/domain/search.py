"""Full-text search: what a hit is, and how a learner's words become a safe FTS5 query."""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: Marks around the matched words in a hit's snippet.
MATCH_START = "«"
MATCH_END = "»"
MAX_TERMS = 32


class HitKind(enum.StrEnum):
    PROJECT = "project"
    NOTE = "note"
    ITEM = "item"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place the words were found.

    A project hit has ``project_id``; a note hit has ``note_id`` and the ``project_id``
    it belongs to; an item hit (the learner's note on a task or skill) has ``item_id``.
    ``title`` names the project or item; ``snippet`` shows the words in their context.
    """

    kind: HitKind
    title: str
    snippet: str
    project_id: int | None = None
    note_id: int | None = None
    item_id: str = ""
    score: float = 0.0


def match_expression(text: str) -> str | None:
    """The FTS5 query for what a learner typed, or None when it holds no word.

    Every term is quoted, so FTS5 operators and punctuation in the input (AND, NEAR, *,
    quotes, parentheses, column filters) are searched for as plain words, never parsed.
    All terms must match; the last one also matches as a prefix, for search as you type.
    """
    # FTS5 reads a NUL as the end of the query, so it cannot stand inside a quoted term.
    terms = [t for t in text.replace("\x00", " ").split() if any(ch.isalnum() for ch in t)][:MAX_TERMS]
    if not terms:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)
