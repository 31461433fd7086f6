"""The garbage collector during start-up.

Starting Roadmap makes hundreds of thousands of long-lived objects (modules, classes, the
SQLAlchemy mappings, the roadmap's content, Qt's wrappers) and almost no cyclic garbage:
Python's cyclic collector would scan them all again and again, which costs a fifth of the
start. When Roadmap runs as its own process, the collector waits until the start is over;
then everything made so far is frozen (left out of later scans) and collection resumes.
Reference counting frees memory throughout; only cycles wait, for the start alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Hold cyclic collection until `settle` (the start of a process, not of a test)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """The start is over: freeze what it made and collect cycles again from now on."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
