"""Markdown notes rendered without ever reaching the network, and links opened only on click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_local(url: QUrl) -> bool:
    return url.isLocalFile() or (url.isRelative() and not url.host()) or url.scheme() in ("data", "qrc")


def open_link(url: QUrl | str) -> bool:
    """Open a web or mail link in the system's programs; anything else is refused."""
    url = QUrl(url) if isinstance(url, str) else url
    if not url.isValid() or url.scheme().lower() not in OPENABLE_SCHEMES:
        return False
    return QDesktopServices.openUrl(url)


class SafeTextDocument(QTextDocument):
    """A document that loads local resources only: remote images are never fetched."""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if not is_local(url):
            return None
        return super().loadResource(kind, url)


class MarkdownView(QTextBrowser):
    """A read-only rendering of a Markdown note; links open in the browser when clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(open_link)

    def set_markdown(self, text: str) -> None:
        self.document().setMarkdown(text)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if not is_local(url):
            return None
        return super().loadResource(kind, url)
