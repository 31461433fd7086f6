"""What every page shares: the learner context, refreshing on changes, remembered splitters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QScrollArea, QSplitter, QStyle, QWidget

from roadmap_app.ui.window.context import Change, LearnerContext

if TYPE_CHECKING:
    from roadmap_app.ui.window.navigator import Navigator


class Page(QWidget):
    """A page of the main window; subclasses fill `refresh`, list their splitters, and
    connect what they ask of the window in `attach`."""

    title = ""
    listens_to = Change.ALL

    def __init__(self, ctx: LearnerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.splitters: dict[str, QSplitter] = {}
        #: A change arrived while the page was hidden: refresh when it is shown again.
        self.stale = False
        ctx.changed.connect(self._on_changed)
        # A note kept unsaved (a full disk) or saved at last: the editor showing it says so.
        ctx.unsaved_changed.connect(self._on_unsaved_changed)
        ctx.profile_switched.connect(self.on_profile_switched)

    def attach(self, navigator: Navigator) -> None:
        """Connect what the page asks of the window (showing a project, doing an action)."""

    def _on_unsaved_changed(self) -> None:
        self._on_changed(self.listens_to)

    def _on_changed(self, change: Change) -> None:
        if not change & self.listens_to:
            return
        # Only the page on screen re-reads now; the others when they are next shown, so
        # a change costs one page's refresh, not five.
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.stale = False
            self.refresh()
        super().showEvent(event)

    def on_profile_switched(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the services."""

    def flush(self) -> None:
        """Save anything typed and not yet saved."""

    def save_state(self, settings: QSettings) -> None:
        for name, splitter in self.splitters.items():
            settings.setValue(f"splitters/{type(self).__name__}.{name}", splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for name, splitter in self.splitters.items():
            state = settings.value(f"splitters/{type(self).__name__}.{name}")
            if state is not None:
                splitter.restoreState(state)


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class DetailsSplitter(QSplitter):
    """A list beside its details, side by side: the details (the last pane, a scroll area)
    keep the width their content needs while the list can give it.

    A plain splitter gives all of a shrinking window's loss to the pane that stretches, so
    on a half screen the details were cut at the right while the list kept its width. Here
    the list keeps the width it was given (by the page, a remembered state, or the learner
    dragging the handle) where the details have room, and yields down to its minimum
    where they have not; it gets that width back as the window grows.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        #: The list's width when the details have room.
        self.list_width = 0
        self.splitterMoved.connect(self._moved_by_hand)

    def setSizes(self, sizes: Sequence[int]) -> None:
        super().setSizes(sizes)
        self.list_width = sizes[0] if sizes else 0
        if self.isVisible():
            self.keep_details_whole()

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        if restored:
            self.list_width = self.sizes()[0]
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keep_details_whole()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.keep_details_whole()

    def _moved_by_hand(self, *_: object) -> None:
        # The handle stops where the details would be cut; what was asked for is kept, and
        # given back when the window grows.
        self.list_width = self.sizes()[0]
        self.keep_details_whole()

    def details_need(self) -> int:
        """The width the details' content needs, with its vertical scroll bar."""
        area = self.widget(self.count() - 1)
        if not isinstance(area, QScrollArea):
            return 0
        content = area.widget()
        if content is None:
            return 0
        bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, area)
        return content.minimumSizeHint().width() + bar + 2 * area.frameWidth()

    def keep_details_whole(self) -> None:
        sizes = self.sizes()
        if len(sizes) != 2 or sum(sizes) <= 0 or not self.list_width:
            return
        listing = self.widget(0)
        if listing is None:
            return
        least = max(listing.minimumWidth(), listing.minimumSizeHint().width())
        total = sum(sizes)
        width = max(least, min(self.list_width, total - self.details_need()))
        if width != sizes[0]:
            super().setSizes([width, total - width])
