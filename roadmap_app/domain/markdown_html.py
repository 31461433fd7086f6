"""A safe subset of Markdown as HTML, for the portfolio export. Standard library only.

What the learner writes in a summary or a note: headings, paragraphs, lists (nested by
indentation), emphasis, strike-through, code spans and fenced code, block quotes, rules,
pipe tables and links. Everything typed is escaped first and only the tags made here are
emitted, so raw HTML shows as text; a link is kept only to an ``http``, ``https`` or
``mailto`` address, and an image is shown by its alt text, never loaded: the page stays
self-contained. The same HTML is what Qt lays out for the PDF and the preview, so it keeps
to the tags ``QTextDocument`` knows (``<s>`` rather than ``<del>``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

#: Characters kept for placeholders; removed from the learner's text before rendering.
_HOLD_OPEN, _HOLD_CLOSE = "\ue000", "\ue001"
_HELD = re.compile(f"{_HOLD_OPEN}(\\d+){_HOLD_CLOSE}")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s<>\"'`]+$", re.IGNORECASE)

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^( *)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_to_html(text: str, *, top_heading: int = 1) -> str:
    """The Markdown ``text`` as HTML blocks. Its headings keep their order of levels, the
    highest becoming ``<h{top_heading}>`` (a summary's headings under a record's own), to
    ``<h6>`` at most."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = cleaned.replace(_HOLD_OPEN, "\ufffd").replace(_HOLD_CLOSE, "\ufffd").expandtabs(4)
    lines = cleaned.split("\n")
    return "".join(_blocks(lines, _offset(lines, top_heading)))


def demote_headings(text: str, top_heading: int) -> str:
    """The Markdown with its headings moved so that the highest is of level ``top_heading``
    (six ``#`` at most); code blocks are left alone."""
    lines = text.split("\n")
    offset = _offset(lines, top_heading)
    for n, hashes in _heading_lines(lines):
        stripped = lines[n].lstrip()
        lines[n] = "#" * min(6, hashes + offset) + stripped[hashes:]
    return "\n".join(lines)


def _heading_lines(lines: list[str]) -> Iterator[tuple[int, int]]:
    """Each heading outside code: its line number and its level."""
    fence = ""
    for n, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if line.strip().startswith(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif heading := _HEADING.match(line):
            yield n, len(heading.group(1))


def _offset(lines: list[str], top_heading: int) -> int:
    highest = min((level for _n, level in _heading_lines(lines)), default=top_heading)
    return max(0, top_heading - highest)


# --- blocks ------------------------------------------------------------------------------------


def _blocks(lines: list[str], offset: int) -> Iterator[str]:
    i = 0
    paragraph: list[str] = []

    def flush() -> Iterator[str]:
        if paragraph:
            yield f"<p>{_inline_lines(paragraph)}</p>"
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            yield from flush()
            i += 1
            continue
        fence = _FENCE.match(line)
        heading = _HEADING.match(line)
        if fence:
            yield from flush()
            i, code = _fenced(lines, i, fence.group(1))
            yield f"<pre><code>{html.escape(code, quote=False)}</code></pre>"
        elif heading:
            yield from flush()
            level = min(6, len(heading.group(1)) + offset)
            yield f"<h{level}>{_inline(heading.group(2) or '')}</h{level}>"
            i += 1
        elif _RULE.match(line) and not paragraph:
            yield "<hr>"
            i += 1
        elif _QUOTE.match(line):
            yield from flush()
            quoted = []
            while i < len(lines) and (match := _QUOTE.match(lines[i])):
                quoted.append(match.group(1))
                i += 1
            yield f"<blockquote>{''.join(_blocks(quoted, offset))}</blockquote>"
        elif _BULLET.match(line) and (not paragraph or not line.startswith(" ")):
            yield from flush()
            i, block = _list(lines, i, offset)
            yield block
        elif "|" in line and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]) and not paragraph:
            i, block = _table(lines, i)
            yield block
        else:
            paragraph.append(line)
            i += 1
    yield from flush()


def _fenced(lines: list[str], start: int, fence: str) -> tuple[int, str]:
    body = []
    i = start + 1
    while i < len(lines) and not lines[i].strip().startswith(fence):
        body.append(lines[i])
        i += 1
    return i + 1, "\n".join(body)


def _list(lines: list[str], start: int, offset: int) -> tuple[int, str]:
    """A list and the lists nested in it (items indented further than its own)."""
    first = _BULLET.match(lines[start])
    assert first is not None
    indent = len(first.group(1))
    ordered = first.group(2)[0].isdigit()
    items: list[list[str]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        match = _BULLET.match(line)
        if match and len(match.group(1)) <= indent + 1:
            if match.group(2)[0].isdigit() != ordered:
                break
            items.append([match.group(3)])
        elif line.strip() and items and (line.startswith(" " * (indent + 2)) or not _starts_block(line)):
            # A nested list, or the item's text going on: the item's own lines, unindented.
            items[-1].append(line[indent + 2 :] if line.startswith(" " * (indent + 2)) else line.strip())
        elif not line.strip() and i + 1 < len(lines) and lines[i + 1].startswith(" " * (indent + 2)) and items:
            items[-1].append("")
        else:
            break
        i += 1
    tag = "ol" if ordered else "ul"
    start_at = ""
    if ordered:
        number = int(first.group(2)[:-1])
        start_at = f' start="{number}"' if number != 1 else ""
    body = "".join(f"<li>{_item(item, offset)}</li>" for item in items)
    return i, f"<{tag}{start_at}>{body}</{tag}>"


def _starts_block(line: str) -> bool:
    return bool(_BULLET.match(line) or _HEADING.match(line) or _FENCE.match(line) or _QUOTE.match(line))


def _item(lines: list[str], offset: int) -> str:
    """An item's text, inline when it is one paragraph (so it does not read double-spaced)."""
    rendered = "".join(_blocks(lines, offset))
    if rendered.startswith("<p>") and rendered.count("<p>") == 1:
        return rendered.replace("<p>", "", 1).replace("</p>", "", 1)
    return rendered


def _cells(line: str) -> list[str]:
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def _table(lines: list[str], start: int) -> tuple[int, str]:
    header = _cells(lines[start])
    rows = []
    i = start + 2
    while i < len(lines) and lines[i].strip() and "|" in lines[i]:
        rows.append(_cells(lines[i]))
        i += 1
    head = "".join(f"<th>{_inline(c)}</th>" for c in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in (row + [""] * len(header))[: len(header)]) + "</tr>"
        for row in rows
    )
    return i, f'<table cellspacing="0" cellpadding="4"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# --- inline ------------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# An address may hold one level of brackets: (https://en.wikipedia.org/wiki/F1_(score)).
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)"
_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]]+)\]" + _TARGET)
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>", re.IGNORECASE)
_BARE_URL = re.compile(r"(?<![\w/=\"'])(https?://[^\s<>\"'`]+)", re.IGNORECASE)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_EMPHASIS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), "strong"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), "strong"),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), "em"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), "em"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), "s"),
)


def _inline_lines(lines: list[str]) -> str:
    """A paragraph's lines: a line ending in two spaces or a backslash breaks; others join."""
    parts = []
    for n, line in enumerate(lines):
        last = n == len(lines) - 1
        hard = not last and (line.endswith("  ") or line.endswith("\\"))
        text = line.rstrip()
        text = text[:-1] if hard and text.endswith("\\") else text
        parts.append(_inline(text.strip()) + ("<br>" if hard else "" if last else "\n"))
    return "".join(parts)


def _inline(text: str) -> str:
    held: list[str] = []

    def hold(fragment: str) -> str:
        held.append(fragment)
        return f"{_HOLD_OPEN}{len(held) - 1}{_HOLD_CLOSE}"

    text = _ESCAPED.sub(lambda m: hold(html.escape(m.group(1), quote=False)), text)
    text = _CODE_SPAN.sub(lambda m: hold(f"<code>{html.escape(m.group(2).strip(), quote=False)}</code>"), text)
    text = _IMAGE.sub(lambda m: hold(_emphasised(m.group(1)) or "(image)"), text)
    text = _LINK.sub(lambda m: hold(_anchor(m.group(2), _emphasised(m.group(1)))), text)
    text = _AUTOLINK.sub(lambda m: hold(_anchor(m.group(1), html.escape(m.group(1), quote=False))), text)
    text = _BARE_URL.sub(lambda m: _bare(m.group(1), hold), text)
    rendered = _emphasised(text)
    # Fragments may hold fragments (a link's label with code in it): unfold until none is left.
    while _HELD.search(rendered):
        rendered = _HELD.sub(lambda m: held[int(m.group(1))], rendered)
    return rendered


def _emphasised(text: str) -> str:
    """Escaped text with its emphasis as tags (placeholders pass through untouched)."""
    escaped = html.escape(text, quote=True)
    for pattern, tag in _EMPHASIS:
        escaped = pattern.sub(_wrap(tag), escaped)
    return escaped


def _wrap(tag: str) -> Callable[[re.Match[str]], str]:
    return lambda m: f"<{tag}>{m.group(1)}</{tag}>"


def _anchor(url: str, label: str) -> str:
    """A link to a safe address; any other address leaves only its label."""
    if not _SAFE_URL.match(url):
        return label
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def _bare(url: str, hold: Callable[[str], str]) -> str:
    """A bare address as a link; the punctuation that ends a sentence stays outside it."""
    trail = ""
    while url and url[-1] in ".,;:!?)" and not (url[-1] == ")" and url.count("(") >= url.count(")")):
        trail = url[-1] + trail
        url = url[:-1]
    return hold(_anchor(url, html.escape(url, quote=False))) + trail
