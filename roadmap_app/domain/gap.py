"""Which skills a job ad asks for: a dictionary matcher over the ad's words, offline.

The roadmap file gives every skill its names (the title and its aliases) and lists
well-known skills it does not teach. An ad is cut into tokens once, left to right; at each
token the longest name starting there wins and its tokens are used up. The work is linear
in the ad's length: one regular-expression pass, then a dictionary lookup per token.

Rules that keep names from matching by accident:

- A token is a run of letters and digits with inner dots and trailing ``+`` or ``#``
  (``C++``, ``C#``, ``Node.js``, ``.NET``), so Java is never found inside JavaScript, nor
  C inside C++ or C#. Punctuation around a name (``scikit-learn,``, ``PyTorch/TensorFlow``)
  is not part of it.
- Case: a name of one or two letters, or written in capitals with at most four letters
  (R, C, Go, AWS, SQL), matches only as written. A single capitalised word (Spark, Hive,
  Pig, Python) matches capitalised or in capitals, not in lower case, where it is often an
  ordinary word; give a lower-case alias to match that too. Other names ignore case, and a
  plural ``s`` is ignored on both sides.
- A short name (one or two letters: R, C, Go) needs the context of a name: nothing joined
  to it by ``&``, a hyphen or an apostrophe (R&D, C-level, R & D), no naming word before
  it (Series C, Plan B, vitamin C), not a trademark sign (``TensorFlow(R)``), and a
  following lower-case word only from a short list (R packages, C code; not "Go beyond",
  "C suite").
- The words of a longer name may be separated by spaces and one hyphen, slash or ``&``
  (``scikit learn``, ``CI/CD``), never by other punctuation.
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\.?[^\W_](?:[^\W_]|\.(?=[^\W_]))*[+#]*")
_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,500}>")
# Characters that glue a short name into another word: R&D, C-level, R's, C$.
_GLUE = frozenset("&-‐‑–'’_@$€£%=")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GAP_CHARS = frozenset(" \t\r\n\u00a0-‐‑–/&")
_MAX_GAP = 8
# Words after which a single letter is a label, not a language: Series C, Plan B, vitamin C.
_NAMING_WORDS = _words(
    "series round plan vitamin grade type class level tier section part option figure fig appendix "
    "item phase stage category model version step note table chapter group box building floor unit "
    "block"
)
# Lower-case words that may follow a short name: "R packages", "C code", "Go and Rust".
_AFTER_SHORT = _words(
    "and or is are as for to with in on at a an the programming programmer programmers language "
    "languages code coding codebase codebases packages package libraries library developer developers "
    "development dev devs engineer engineers engineering skills skill experience knowledge expertise "
    "proficiency scripts scripting script shiny markdown notebooks notebook services service "
    "microservices algorithms algorithm agents applications application apps backend backends tooling "
    "tools ecosystem environment runtime extensions extension modules module plus preferred required "
    "desirable ideally would will framework frameworks stack api apis sdk"
)
# Capitalised words after a short letter that show a label: "C Suite", "Series C Funding".
_LABEL_AFTER = _words("suite level levels corp corporation round funding grade executives")


class Case(enum.Enum):
    ANY = "any"
    EXACT = "exact"
    TITLE = "title"  # as written, or in capitals


@dataclass(frozen=True, slots=True)
class _Name:
    """A name to look for in an ad: the skill it stands for and its forms as matched."""

    target: str
    keys: tuple[str, ...]
    raws: tuple[str, ...]
    case: Case
    short: bool


def _key(raw: str) -> str:
    """The token as compared without case: lower case, a plural 's' dropped."""
    key = raw.casefold()
    if len(key) > 3 and key.isalpha() and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's tokens as the matcher compares them (empty for a name without letters or digits)."""
    return tuple(_key(m.group()) for m in _TOKEN.finditer(name))


def _case_of(raws: tuple[str, ...]) -> Case:
    if len(raws) != 1:
        return Case.ANY
    letters = [c for c in raws[0] if c.isalpha()]
    if len(letters) <= 2 or (letters and all(c.isupper() for c in letters) and len(letters) <= 4):
        return Case.EXACT
    word = raws[0]
    if word.isalpha() and word[0].isupper() and word[1:].islower():
        return Case.TITLE
    return Case.ANY


class _Tokens:
    """A text's tokens, their keys and places, in flat lists.

    No object is kept per token: thousands of live objects per ad would set off the
    garbage collector's full passes, which cost more than the matching.
    """

    __slots__ = ("ends", "keys", "raws", "starts")

    def __init__(self, text: str) -> None:
        self.raws: list[str] = []
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        known: dict[str, str] = {}
        for found in _TOKEN.finditer(text):
            raw = found.group()
            key = known.get(raw)
            if key is None:
                key = known[raw] = _key(raw)
            self.raws.append(raw)
            self.keys.append(key)
            self.starts.append(found.start())
            self.ends.append(found.end())


def clean_ad(text: str) -> str:
    """An ad's plain text: HTML tags become spaces and entities their characters."""
    if "<" in text or "&" in text:
        text = _TAG.sub(" ", html.unescape(_TAG.sub(" ", text)))
    return text


class Matcher:
    """Finds the names of some targets (skill ids, outside skill names) in a text."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._by_first: dict[str, list[_Name]] = {}
        for target, spellings in names:
            for spelling in spellings:
                found = _Tokens(spelling)
                if not found.keys:
                    continue
                raws = tuple(found.raws)
                case = _case_of(raws)
                short = len(raws) == 1 and raws[0].isalpha() and len(raws[0]) <= 2
                entry = _Name(target, tuple(found.keys), raws, case, short)
                self._by_first.setdefault(entry.keys[0], []).append(entry)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e.keys))

    def find(self, text: str) -> list[str]:
        """The targets named in ``text``, each once, in order of first mention."""
        text = clean_ad(text)
        tokens = _Tokens(text)
        keys, by_first = tokens.keys, self._by_first
        found: dict[str, None] = {}
        i = 0
        while i < len(keys):
            entries = by_first.get(keys[i])
            used = 1
            if entries:
                for entry in entries:
                    if self._matches(entry, tokens, i, text):
                        found.setdefault(entry.target)
                        used = len(entry.keys)
                        break
            i += used
        return list(found)

    def _matches(self, entry: _Name, tokens: _Tokens, i: int, text: str) -> bool:
        size = len(entry.keys)
        if i + size > len(tokens.keys):
            return False
        for n in range(1, size):
            if tokens.keys[i + n] != entry.keys[n]:
                return False
            if not _joined(text, tokens.ends[i + n - 1], tokens.starts[i + n]):
                return False
        raw = tokens.raws[i]
        if entry.case is Case.EXACT and raw != entry.raws[0]:
            return False
        if entry.case is Case.TITLE and raw not in (entry.raws[0], entry.raws[0].upper()):
            return False
        return not entry.short or _reads_as_name(tokens, i, text)


def _joined(text: str, end: int, start: int) -> bool:
    """Whether two tokens are words of one name: spaces and at most one hyphen, slash or '&'."""
    if start - end > _MAX_GAP:
        return False
    gap = text[end:start]
    return all(c in _GAP_CHARS for c in gap) and sum(not c.isspace() for c in gap) <= 1


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character that is not a space, within a few characters (or '')."""
    for _ in range(4):
        if not 0 <= index < len(text):
            return ""
        if not text[index].isspace():
            return text[index]
        index += step
    return ""


def _reads_as_name(tokens: _Tokens, i: int, text: str) -> bool:
    starts, ends = tokens.starts, tokens.ends
    start, end = starts[i], ends[i]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in _GLUE or after in _GLUE or "&" in (_neighbour(text, start - 1, -1), _neighbour(text, end, 1)):
        return False
    if before == "(" and after == ")" and start >= 2 and text[start - 2].isalnum():
        return False  # a trademark sign: TensorFlow(R)
    if after in "®™":
        return False
    if i and tokens.raws[i - 1].casefold() in _NAMING_WORDS and text[ends[i - 1] : start].isspace():
        return False
    if i + 1 < len(starts):
        raw, key = tokens.raws[i + 1], tokens.keys[i + 1]
        if text[end : starts[i + 1]].isspace():
            if raw[0].islower() and key not in _AFTER_SHORT and raw.casefold() not in _AFTER_SHORT:
                return False
            if raw[0].isupper() and key in _LABEL_AFTER:
                return False
    return True


@dataclass(frozen=True, slots=True)
class AdSkills:
    """What an ad asks for: roadmap skill ids and outside skill names, in order of first mention."""

    skill_ids: tuple[str, ...]
    outside: tuple[str, ...]


_OUTSIDE = "\x00outside:"


class AdReader:
    """The matcher for one roadmap: its skills' titles and aliases, and its outside skills."""

    def __init__(
        self, skills: Iterable[tuple[str, Iterable[str]]], outside: Iterable[tuple[str, Iterable[str]]]
    ) -> None:
        self._matcher = Matcher(
            [*skills, *((_OUTSIDE + name, spellings) for name, spellings in outside)],
        )

    def read(self, text: str) -> AdSkills:
        targets = self._matcher.find(text)
        return AdSkills(
            skill_ids=tuple(t for t in targets if not t.startswith(_OUTSIDE)),
            outside=tuple(t[len(_OUTSIDE) :] for t in targets if t.startswith(_OUTSIDE)),
        )


@dataclass(frozen=True, slots=True)
class HaveSkill:
    """A skill the ad asks for that the learner has done, with what shows it."""

    id: str
    title: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MissingSkill:
    """A skill the ad asks for that the learner has not done yet."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Gap:
    """The ad's skills split by what the learner can prove, in the ad's order."""

    have: tuple[HaveSkill, ...]
    missing: tuple[MissingSkill, ...]
    unknown: tuple[str, ...]

    def as_dict(self) -> dict[str, list[object]]:
        return {
            "have": [{"id": h.id, "title": h.title, "evidence": list(h.evidence)} for h in self.have],
            "missing": [{"id": m.id, "title": m.title} for m in self.missing],
            "unknown": list(self.unknown),
        }
