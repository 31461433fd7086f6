"""Notes render Markdown without reaching the network; links open only when safe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextDocument
from pytestqt.qtbot import QtBot

from roadmap_app.ui.widgets.markdown import MarkdownView, SafeTextDocument, open_link


class Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened() -> Iterator[Opened]:
    catcher = Opened()
    for scheme in ("http", "https", "mailto", "file", "javascript"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in ("http", "https", "mailto", "file", "javascript"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_remote_images_are_never_fetched(qtbot: QtBot) -> None:
    document = SafeTextDocument()
    document.setMarkdown("![x](https://example.com/x.png)")
    assert document.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("https://example.com/x.png")) is None
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("# Title\n\n![tracker](http://example.com/t.gif) text")
    assert view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("http://example.com/t.gif")) is None
    assert "Title" in view.toPlainText()


def test_only_web_and_mail_links_open(opened: Opened) -> None:
    assert open_link("https://example.com/a")
    assert open_link(QUrl("mailto:someone@example.com"))
    assert not open_link("file:///etc/passwd")
    assert not open_link("javascript:alert(1)")
    assert opened.urls == ["https://example.com/a", "mailto:someone@example.com"]


def test_clicking_a_link_in_a_note_opens_it_in_the_browser(qtbot: QtBot, opened: Opened) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("[course](https://example.com/course)")
    assert opened.urls == []
    view.anchorClicked.emit(QUrl("https://example.com/course"))
    assert opened.urls == ["https://example.com/course"]
