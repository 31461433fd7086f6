"""The files that ship with Roadmap (the roadmap, icons, the desktop entry), found in an
installed wheel and in a checkout alike."""

from __future__ import annotations

from pathlib import Path

_INSTALLED = Path(__file__).resolve().parent / "resources"  # the wheel puts resources/ here
_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """The path of a shipped file, such as ``resource("icons", "roadmap-app.svg")``."""
    for root in (_INSTALLED, _CHECKOUT):
        path = root.joinpath(*parts)
        if path.exists():
            return path
    return _CHECKOUT.joinpath(*parts)
