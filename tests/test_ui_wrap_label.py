"""A wrapped label remembers its height per width, and forgets it when what it shows changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from roadmap_app.ui.widgets.common import WrapLabel

LONG = " ".join(["several words that wrap"] * 12)


def plain_height(text: str, width: int, *, rich: bool = False, point_size: float = 0) -> int:
    """What a plain QLabel with the same settings says, for comparison."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if point_size:
        font = label.font()
        font.setPointSizeF(point_size)
        label.setFont(font)
    return label.heightForWidth(width)


def test_the_height_follows_the_text_the_format_and_the_font(qtbot: QtBot) -> None:
    label = WrapLabel("short")
    qtbot.addWidget(label)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert label.wordWrap()
    short = label.heightForWidth(200)
    assert short == plain_height("short", 200)
    label.setText(LONG)
    assert label.heightForWidth(200) == plain_height(LONG, 200) > short
    assert label.heightForWidth(400) == plain_height(LONG, 400) < label.heightForWidth(200)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f"<p>{LONG}</p><p>{LONG}</p>")
    assert label.heightForWidth(200) == plain_height(f"<p>{LONG}</p><p>{LONG}</p>", 200, rich=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    bigger = plain_height(f"<p>{LONG}</p><p>{LONG}</p>", 200, rich=True, point_size=font.pointSizeF())
    assert label.heightForWidth(200) == bigger
    label.clear()
    assert label.heightForWidth(200) == plain_height("", 200, rich=True, point_size=font.pointSizeF()) < bigger
