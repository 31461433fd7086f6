"""Full-text search: what a hit is, and how a learner's words become a safe FTS5 query."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import islice

#: Marks around the matched words in a hit's snippet.
MATCH_START = "«"
MATCH_END = "»"
MAX_TERMS = 32


class HitKind(enum.StrEnum):
    PROJECT = "project"
    NOTE = "note"
    ITEM = "item"
    SESSION = "session"
    CREDENTIAL = "credential"
    EXPERIENCE = "experience"  # the experience's own text or one of its notes (note_id)
    APPLICATION = "application"  # a job application's text, or that of its stages, interviews, contacts, notes
    RESOURCE = "resource"  # a learning resource's title or link: record_id, and its item_id


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
    session_id: int | None = None
    """A study session's id (a session hit); ``day`` is the day it was logged on."""
    day: date | None = None
    #: A credential, experience or application hit: the record's id.
    record_id: int | None = None


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


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents, as the search index compares words."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def make_snippet(text: str, query: str, words: int = 12) -> str:
    """About ``words`` words of ``text`` around the first match of ``query``, matches marked.

    Done here rather than by SQLite's snippet(), which re-reads and re-tokenises the whole
    document for every hit; this reads only as far as the first match.
    """
    wanted = [fold(w) for w in _WORD.findall(query.replace("\x00", " "))]
    if not wanted:
        return " ".join(text.split()[:words])
    whole, prefix = set(wanted[:-1]), wanted[-1]

    def matches(token: str) -> bool:
        folded = token.lower() if token.isascii() else fold(token)
        return folded in whole or folded.startswith(prefix)

    at = _first_match(text, whole, prefix, matches)
    lead = words // 3
    # The few words before the match: scan a stretch long enough for them, and drop the
    # first word found when the stretch may have cut it.
    stretch = max(0, at - 40 * lead)
    before = list(_WORD.finditer(text, stretch, at)) if at and lead else []
    if stretch and len(before) <= lead:
        before = before[1:]
    window = [*before[-lead:], *islice(_WORD.finditer(text, at), words - len(before[-lead:]))]
    if not window:
        return ""
    parts: list[str] = ["…"] if _WORD.search(text, 0, window[0].start()) else []
    position = window[0].start()
    for token in window:
        parts.append(text[position : token.start()])
        parts.append(f"{MATCH_START}{token.group()}{MATCH_END}" if matches(token.group()) else token.group())
        position = token.end()
    parts.append("…" if _WORD.search(text, position) else text[position:])
    return " ".join("".join(parts).split())


def _first_match(text: str, whole: set[str], prefix: str, matches: Callable[[str], bool]) -> int:
    """Where the first matching word starts (0 when none does)."""
    if text.isascii():
        # Lower-casing keeps every position, so one regular expression finds it.
        alternatives = [*(re.escape(w) + r"(?!\w)" for w in whole), re.escape(prefix)]
        found = re.search(r"(?<!\w)(?:" + "|".join(alternatives) + ")", text.lower())
        return found.start() if found else 0
    return next((t.start() for t in _WORD.finditer(text) if matches(t.group())), 0)
