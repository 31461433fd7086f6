"""Typed records read from and written to JSON: the machinery under the export format.

A record is a frozen dataclass; its field types say what the JSON holds (text, whole
numbers, dates and times, enums, optional values, tuples of records) and ``Annotated``
metadata adds the limits (``Text``, ``Many``, ``IsUuid``). ``from_json`` checks a value in
full and names the first bad field by its path; ``to_json`` writes one.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from roadmap_app.domain.limits import MAX_SHORT
from roadmap_app.services.errors import InvalidInputError

T = TypeVar("T")


class ImportFormatError(InvalidInputError):
    """An import document that is not a valid profile export."""


# --- what a field may hold ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A string of at most ``limit`` characters; ``empty=False`` asks for some text."""

    limit: int = MAX_SHORT
    empty: bool = True


@dataclass(frozen=True, slots=True)
class Many:
    """A list of at most ``limit`` entries; ``unique`` names the fields (or "" the value) no two share."""

    limit: int
    unique: tuple[str, ...] = ()


class IsUuid:
    """A UUID in its usual text form."""


@dataclass(frozen=True, slots=True)
class Between:
    """A whole number from ``low`` to ``high``, both included."""

    low: int
    high: int


# --- JSON to records ---------------------------------------------------------------------------


def fail(where: str, problem: str) -> ImportFormatError:
    return ImportFormatError(f"import file: {where}: {problem}; export the profile again with 'roadmap-app export'")


def from_json(cls: type[T], value: Any, where: str) -> T:
    """A record of type ``cls`` from parsed JSON, or ImportFormatError naming the first bad field."""
    if not isinstance(value, dict):
        raise fail(where, "must be an object")
    hints = get_type_hints(cls, include_extras=True)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    required = {f.name for f in fields if f.default is dataclasses.MISSING}
    missing = required - value.keys()
    if missing:
        raise fail(where, f"missing {', '.join(sorted(missing))}")
    values = {f.name: _read(hints[f.name], value[f.name], f"{where}.{f.name}") for f in fields if f.name in value}
    return cls(**values)


def _read(hint: Any, value: Any, where: str) -> Any:
    meta: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *extra = get_args(hint)
        meta = tuple(extra)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, where)
    if origin is tuple:
        return _read_many(get_args(hint)[0], value, where, next((m for m in meta if isinstance(m, Many)), None))
    if hint is str:
        return _read_text(value, where, meta)
    if hint is bool:
        if not isinstance(value, bool):
            raise fail(where, "must be true or false")
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(where, "must be a whole number")
        bounds = next((m for m in meta if isinstance(m, Between)), None)
        if bounds is not None and not bounds.low <= value <= bounds.high:
            raise fail(where, f"must be from {bounds.low} to {bounds.high}")
        return value
    if hint is datetime:
        return _read_moment(value, where)
    if hint is date:
        return _read_day(value, where)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        allowed = {m.value for m in hint}
        if not isinstance(value, str) or value not in allowed:
            raise fail(where, f"must be one of {', '.join(sorted(allowed))}")
        return hint(value)
    if dataclasses.is_dataclass(hint):
        return from_json(hint, value, where)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {hint!r}")  # a programming error, caught by the tests


def _read_many(item: Any, value: Any, where: str, many: Many | None) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise fail(where, "must be a list")
    limit = many.limit if many else 1_000_000
    if len(value) > limit:
        raise fail(where, f"has more than {limit:,} entries")
    out = tuple(_read(item, entry, f"{where}[{i}]") for i, entry in enumerate(value))
    for name in many.unique if many is not None else ():
        seen: set[Any] = set()
        for i, entry in enumerate(out):
            key = getattr(entry, name) if name else entry
            if key in seen:
                field = f".{name}" if name else ""
                raise fail(f"{where}[{i}]{field}", f"{quoted(str(key))} appears twice")
            seen.add(key)
    return out


def _read_text(value: Any, where: str, meta: tuple[Any, ...]) -> str:
    rule = next((m for m in meta if isinstance(m, Text)), Text())
    if not isinstance(value, str):
        raise fail(where, "must be text")
    if len(value) > rule.limit:
        raise fail(where, f"is longer than {rule.limit:,} characters")
    if not rule.empty and not value.strip():
        raise fail(where, "cannot be empty")
    if not encodable(value):
        raise fail(where, "contains an invalid character (a lone surrogate)")
    if any(isinstance(m, IsUuid) for m in meta):
        try:
            uuid.UUID(value)
        except ValueError:
            raise fail(where, f"{quoted(value)} is not a UUID") from None
    return value


def _read_moment(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise fail(where, "must be a date and time such as 2025-02-01T10:00:00")
    try:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo is None else parsed.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        raise fail(where, f"{quoted(value)} is not a date and time") from None


def _read_day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise fail(where, "must be a date such as 2025-02-01 or null")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(where, f"{quoted(value)} is not a date") from None


# --- records to JSON ---------------------------------------------------------------------------


def to_json(record: Any) -> Any:
    """Plain JSON values from a record (dataclasses, tuples, enums, dates)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, tuple | list):
        return [to_json(v) for v in record]
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, datetime | date):
        return record.isoformat()
    return record


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def quoted(value: str, limit: int = 40) -> str:
    """A value for an error message: shortened, on one line, printable."""
    shown = "".join(ch if ch.isprintable() else " " for ch in value[:limit])
    shown = " ".join(shown.split()).encode("utf-8", "replace").decode("utf-8")
    return f"'{shown}{'...' if len(value) > limit else ''}'"
