"""What every page shares: the learner context, refreshing on changes, remembered splitters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QSplitter, QWidget

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
