"""The Markdown preview: whole words in tables, shaded code in both themes, links that can open."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextOption
from pytestqt.qtbot import QtBot

from roadmap_app.ui.widgets.markdown import MarkdownView, code_background, is_code_block, is_openable
from roadmap_app.ui.window.theme import build_palette

TABLE_NOTE = """# Results

| Model | Language | Precision | Recall | F1 | Training time | GPU | Notes about this particular run |
|---|---|---|---|---|---|---|---|
| mBERT | Swahili | 0.81 | 0.77 | 0.79 | 2h 13m | A100 | baseline with default hyper-parameters |

```python
def train(model, loader):
    return model
```

Inline `torch.compile` too.
"""


def test_which_links_can_be_opened() -> None:
    assert is_openable("https://example.org/a?b=1")
    assert is_openable("  http://example.org  ")
    assert is_openable("mailto:me@example.org")
    for text in ("", "   ", "https://", "example.org", "ftp://example.org", "https://exa mple.org", "javascript:x"):
        assert not is_openable(text), text


def test_the_preview_keeps_words_whole_in_a_narrow_table(qtbot: QtBot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(260, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_markdown(TABLE_NOTE)
    assert view.wordWrapMode() == QTextOption.WrapMode.WordWrap
    document = view.document()
    document.setTextWidth(view.viewport().width())
    for word in ("Language", "Precision", "Swahili"):
        block = document.find(word).block()
        assert block.isValid()
        layout = block.layout()
        assert layout is not None and layout.lineCount() == 1, word


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_code_in_the_preview_has_a_background_from_the_theme(qtbot: QtBot, dark: bool) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    palette = build_palette(dark)
    view.setPalette(palette)
    view.set_markdown(TABLE_NOTE)
    shade = code_background(palette)
    assert shade != palette.color(palette.ColorRole.Base)
    code = view.document().find("def train").block()
    assert is_code_block(code.blockFormat())
    assert code.blockFormat().background().color() == shade
    inline = view.document().find("torch.compile")
    assert inline.charFormat().background().color() == shade
    # A theme change repaints the shade.
    other = build_palette(not dark)
    view.setPalette(other)
    code = view.document().find("def train").block()
    assert code.blockFormat().background().color() == code_background(other)
