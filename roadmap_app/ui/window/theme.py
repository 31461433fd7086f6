"""Light and dark palettes for the Fusion style, and the colours the custom widgets draw with.

Every colour here is chosen so that text meets the WCAG AA contrast of 4.5:1 on the
backgrounds it is drawn on (window, base, alternate rows, buttons), and marks, frames and
focus rings meet 3:1; `tests/test_ui_contrast.py` checks it page by page in both themes.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextEdit

from roadmap_app.domain.model import ItemState


class ThemeMode(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


#: WCAG AA: normal text, and large text (18 pt, or 14 pt bold) or graphics.
TEXT_CONTRAST = 4.5
LARGE_CONTRAST = 3.0

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
    "visited": "#6a3fb5",
    "mid": "#c9ced6",
    "frame": "#7d8592",
    "tooltip": "#ffffe8",
}
_DARK = {
    "window": "#1f2227",
    "base": "#17191d",
    "alt": "#23262c",
    "text": "#e6e8eb",
    "muted": "#9aa2ae",
    "button": "#2c3038",
    # Dark enough for white text on selected rows (4.7:1), light enough to show on the window.
    "highlight": "#2f6fdf",
    "highlighted_text": "#ffffff",
    "link": "#7fb0ff",
    "visited": "#c3a6ff",
    "mid": "#3c414b",
    "frame": "#7d8592",
    "tooltip": "#2c3038",
}

_STATE_COLOURS = {
    # light, dark: each readable as text on the window, cards, alternate rows and buttons.
    ItemState.DONE: ("#1b7340", "#46c17a"),
    ItemState.IN_PROGRESS: ("#995700", "#f0a93a"),
    ItemState.SKIPPED: ("#5f6671", "#939aa6"),
    # Never written as a word, only drawn as an empty ring: a graphic, 3:1.
    ItemState.TODO: ("#7d8592", "#7d8592"),
}

# Editors look editable: their own frame, the Base colour, and a ring when focused. The
# lists one moves through with the keyboard show focus with the same ring. The pressed
# state button (a task's or skill's state) is filled with the selection colour.
_STYLE_SHEET = """
QPlainTextEdit, QTextEdit {{
    background: palette(base);
    border: 1px solid {frame};
    border-radius: 3px;
    padding: 1px;
}}
QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid palette(highlight);
    padding: 0px;
}}
QPlainTextEdit[unsaved="true"], QTextEdit[unsaved="true"] {{
    border: 2px dashed {unsaved};
    padding: 0px;
}}
QPushButton[stateButton="true"] {{
    background: palette(button);
    color: palette(button-text);
    border: 1px solid {frame};
    border-radius: 4px;
    padding: 4px 12px;
}}
QPushButton[stateButton="true"]:hover {{
    border-color: palette(highlight);
}}
QPushButton[stateButton="true"]:checked {{
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}}
QPushButton[stateButton="true"]:focus {{
    border: 2px solid palette(highlight);
    padding: 3px 11px;
}}
QPushButton[stateButton="true"]:checked:focus {{
    border-color: palette(text);
}}
QPushButton[stateButton="true"]:disabled {{
    color: {muted};
    border-color: {mid};
}}
QListView#tasksView {{
    border: 2px solid transparent;
    border-radius: 4px;
}}
QListView#navigation::item:focus {{
    border: 2px solid palette(text);
}}
QListView#skillsView, QListView#stepsView {{
    border: 1px solid {mid};
    padding: 1px;
}}
QListView#tasksView:focus, QListView#skillsView:focus, QListView#stepsView:focus {{
    border: 2px solid palette(highlight);
    padding: 0px;
}}
"""


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(mode: ThemeMode) -> ThemeMode:
    if mode is ThemeMode.SYSTEM:
        return ThemeMode.DARK if system_prefers_dark() else ThemeMode.LIGHT
    return mode


def _colours(dark: bool) -> dict[str, str]:
    return _DARK if dark else _LIGHT


def build_palette(dark: bool) -> QPalette:
    c = {k: QColor(v) for k, v in _colours(dark).items()}
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
    p.setColor(role.LinkVisited, c["visited"])
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
    # A selection in a window that is not active stays as readable as an active one.
    inactive = QPalette.ColorGroup.Inactive
    p.setColor(inactive, role.Highlight, c["highlight"])
    p.setColor(inactive, role.HighlightedText, c["highlighted_text"])
    return p


def style_sheet(dark: bool) -> str:
    """The application's few style rules: editor frames, focus rings, pressed state buttons."""
    c = _colours(dark)
    # An editor whose text could not be saved yet: the in-progress colour, readable on both.
    unsaved = _STATE_COLOURS[ItemState.IN_PROGRESS][1 if dark else 0]
    return _STYLE_SHEET.format(frame=c["frame"], mid=c["mid"], muted=c["muted"], unsaved=unsaved)


def apply_theme(app: QApplication, mode: ThemeMode) -> ThemeMode:
    """Fusion with our palette for the mode; returns the mode actually shown (light or dark)."""
    shown = resolve(mode)
    dark = shown is ThemeMode.DARK
    old_link = app.palette().color(QPalette.ColorRole.Link)
    app.setStyle("Fusion")
    app.setPalette(build_palette(dark))
    app.setStyleSheet(style_sheet(dark))
    new_link = app.palette().color(QPalette.ColorRole.Link)
    if new_link != old_link:
        # Imported here: Qt builds the text classes' many enums on first use, and the
        # window's first theme is set before any text view exists.
        from PySide6.QtWidgets import QTextEdit

        for widget in app.allWidgets():
            if isinstance(widget, QTextEdit) and widget.isReadOnly():
                recolour_links(widget, old_link, new_link)
    return shown


def recolour_links(view: QTextEdit, old: QColor, new: QColor) -> None:
    """Give links rendered in the old theme's colour the new one.

    Qt writes the link colour into a document's formats when Markdown or HTML is loaded,
    so a document shown before a theme change would keep the old theme's links.
    """
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    document = view.document()
    changes: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() and fmt.foreground().color() == old:
                changes.append((fragment.position(), fragment.length()))
            fragments += 1
        block = block.next()
    if not changes:
        return
    recoloured = QTextCharFormat()
    recoloured.setForeground(new)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position, length in changes:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(recoloured)
    cursor.endEditBlock()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def state_colour(state: ItemState, palette: QPalette) -> QColor:
    light, dark = _STATE_COLOURS[state]
    return QColor(dark if is_dark(palette) else light)


def muted_colour(palette: QPalette) -> QColor:
    return QColor(_colours(is_dark(palette))["muted"])


def track_colour(palette: QPalette) -> QColor:
    return QColor(_DARK["mid"] if is_dark(palette) else "#dde1e7")


def frame_colour(palette: QPalette) -> QColor:
    """The border of editors and of unchecked state rings: 3:1 on every background."""
    return QColor(_colours(is_dark(palette))["frame"])


def card_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base)


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def composite(top: QColor, bottom: QColor) -> QColor:
    """The opaque colour a translucent `top` shows over an opaque `bottom`."""
    alpha = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21; a translucent foreground is composited first."""
    if foreground.alpha() < 255:
        foreground = composite(foreground, background)
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The heatmap's shades, none to most: greens that keep 3:1 between the lightest shade and
# the empty square on both themes, so a studied day never looks like an empty one.
_HEAT = {
    False: ("#e3e6eb", "#b4dfc2", "#6fc28e", "#2f9b5a", "#17663a"),
    True: ("#2b2f36", "#1d5236", "#26814c", "#39ac66", "#66dc95"),
}


def heat_colours(palette: QPalette) -> tuple[QColor, ...]:
    return tuple(QColor(c) for c in _HEAT[is_dark(palette)])
