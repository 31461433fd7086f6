"""Light and dark palettes for the Fusion style, and the colours the custom widgets draw with."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from roadmap_app.domain.model import ItemState


class ThemeMode(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_LIGHT = {
    "window": "#f4f5f7",
    "base": "#ffffff",
    "alt": "#f0f2f5",
    "text": "#1d2129",
    "muted": "#5c6370",
    "button": "#e9ecf0",
    "highlight": "#2f6fdf",
    "highlighted_text": "#ffffff",
    "link": "#1f5fc9",
    "mid": "#c9ced6",
    "tooltip": "#ffffe8",
}
_DARK = {
    "window": "#1f2227",
    "base": "#17191d",
    "alt": "#23262c",
    "text": "#e6e8eb",
    "muted": "#9aa2ae",
    "button": "#2c3038",
    "highlight": "#4f8cff",
    "highlighted_text": "#ffffff",
    "link": "#7fb0ff",
    "mid": "#3c414b",
    "tooltip": "#2c3038",
}

_STATE_COLOURS = {
    # light, dark
    ItemState.DONE: ("#2e9d58", "#46c17a"),
    ItemState.IN_PROGRESS: ("#d98a12", "#f0a93a"),
    ItemState.SKIPPED: ("#8a919c", "#7d8592"),
    ItemState.TODO: ("#aab1bb", "#5a616d"),
}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(mode: ThemeMode) -> ThemeMode:
    if mode is ThemeMode.SYSTEM:
        return ThemeMode.DARK if system_prefers_dark() else ThemeMode.LIGHT
    return mode


def build_palette(dark: bool) -> QPalette:
    c = {k: QColor(v) for k, v in (_DARK if dark else _LIGHT).items()}
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, c["window"])
    p.setColor(role.WindowText, c["text"])
    p.setColor(role.Base, c["base"])
    p.setColor(role.AlternateBase, c["alt"])
    p.setColor(role.ToolTipBase, c["tooltip"])
    p.setColor(role.ToolTipText, c["text"])
    p.setColor(role.PlaceholderText, c["muted"])
    p.setColor(role.Text, c["text"])
    p.setColor(role.Button, c["button"])
    p.setColor(role.ButtonText, c["text"])
    p.setColor(role.BrightText, QColor("#ff5555"))
    p.setColor(role.Highlight, c["highlight"])
    p.setColor(role.HighlightedText, c["highlighted_text"])
    p.setColor(role.Link, c["link"])
    p.setColor(role.LinkVisited, c["link"])
    p.setColor(role.Mid, c["mid"])
    p.setColor(role.Midlight, c["alt"])
    p.setColor(role.Dark, c["mid"].darker(130))
    p.setColor(role.Light, c["base"].lighter(110))
    p.setColor(role.Shadow, QColor("#000000"))
    if hasattr(role, "Accent"):
        p.setColor(role.Accent, c["highlight"])
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, c["muted"])
    return p


def apply_theme(app: QApplication, mode: ThemeMode) -> ThemeMode:
    """Fusion with our palette for the mode; returns the mode actually shown (light or dark)."""
    shown = resolve(mode)
    app.setStyle("Fusion")
    app.setPalette(build_palette(shown is ThemeMode.DARK))
    return shown


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def state_colour(state: ItemState, palette: QPalette) -> QColor:
    light, dark = _STATE_COLOURS[state]
    return QColor(dark if is_dark(palette) else light)


def muted_colour(palette: QPalette) -> QColor:
    return QColor(_DARK["muted"] if is_dark(palette) else _LIGHT["muted"])


def track_colour(palette: QPalette) -> QColor:
    return QColor(_DARK["mid"] if is_dark(palette) else "#dde1e7")


def card_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base)
