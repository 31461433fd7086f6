"""Modules whose names are another module's, imported the first time one is read."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def forwarding(target: str, namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``target`` on first use and keeps each name it
    gives in ``namespace`` (the module's globals), so the next read costs nothing."""

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(importlib.import_module(target), name)
        namespace[name] = value
        return value

    return __getattr__
