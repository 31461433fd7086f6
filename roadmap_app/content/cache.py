"""A cache of validated roadmaps in the user's cache folder, so a start need not parse and
check the roadmap file again.

An entry is found by the file's content (its SHA-256), the app's version, the Python
version and the size and mtime of the modules that read and validate a roadmap (so a
changed check in a checkout is never answered from an old entry). It holds the validated
``Roadmap`` pickled, behind a header that repeats the key and a SHA-256 of the pickle:
an entry for other content, from another version, cut short or changed in any byte is
ignored (and replaced), never unpickled. Only successfully validated roadmaps are stored;
a file with a problem is read and reported every time.

Pickle is used because it loads the domain objects about ten times faster than parsing and
validating the TOML again. It runs whatever the entry says, so entries are only ever read
from the user's own cache folder (made 0700, files 0600) after their checksum matched:
whoever could write there could already run code as the user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from contextlib import suppress
from pathlib import Path

from roadmap_app import __version__
from roadmap_app.domain.model import Roadmap
from roadmap_app.paths import APP_NAME

MAGIC = b"roadmap-cache 1\n"
MAX_ENTRIES = 16
"""Entries kept; the oldest go when a new one is written (a learner editing their own roadmap)."""

# The modules whose code decides what a roadmap file turns into.
_SHAPING_MODULES = (
    "roadmap_app.content.loader",
    "roadmap_app.content.resource_entries",
    "roadmap_app.domain.model",
    "roadmap_app.domain.gap",
    "roadmap_app.domain.resources",
    "roadmap_app.domain.limits",
    "roadmap_app.domain.links",
)


def cache_dir() -> Path:
    """The user's cache folder for Roadmap (tests point ``XDG_CACHE_HOME`` elsewhere)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without importing it on every start.
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(base if base else os.path.expanduser("~/.cache")) / APP_NAME
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _code_fingerprint() -> str:
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}", str(pickle.HIGHEST_PROTOCOL)]
    for name in _SHAPING_MODULES:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        try:
            info = os.stat(source) if source else None
        except OSError:
            info = None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:?")
    return "|".join(parts)


def entry_key(content: bytes) -> str:
    """The key of a roadmap file's entry: its content and the code that validates it."""
    digest = hashlib.sha256(content)
    digest.update(b"\0" + _code_fingerprint().encode())
    return digest.hexdigest()


def entry_path(key: str) -> Path:
    return cache_dir() / "roadmaps" / f"{key[:32]}.pickle"


def load(content: bytes, key: str | None = None) -> Roadmap | None:
    """The validated roadmap for this file content, or None when no sound entry holds it."""
    key = key or entry_key(content)
    try:
        data = entry_path(key).read_bytes()
    except OSError:
        return None
    head = len(MAGIC)
    if data[:head] != MAGIC or data[head : head + 65] != key.encode() + b"\n":
        return None
    checksum, payload = data[head + 65 : head + 130], data[head + 130 :]
    if checksum != hashlib.sha256(payload).hexdigest().encode() + b"\n":
        return None
    try:
        roadmap = pickle.loads(payload)
    except Exception:  # a checksum that matched makes this next to impossible; rebuild all the same
        return None
    return roadmap if isinstance(roadmap, Roadmap) else None


def store(content: bytes, roadmap: Roadmap, key: str | None = None) -> None:
    """Keep the validated roadmap for the next start; a cache that cannot be written is no loss."""
    key = key or entry_key(content)
    target = entry_path(key)
    payload = pickle.dumps(roadmap, protocol=pickle.HIGHEST_PROTOCOL)
    data = MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with suppress(OSError):
            os.chmod(target.parent.parent, 0o700)
        os.chmod(target.parent, 0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    _prune(target.parent)


def _prune(folder: Path) -> None:
    with suppress(OSError):
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            old.unlink(missing_ok=True)
