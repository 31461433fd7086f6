"""The window's search toolbar: what the box finds, and showing where a match is."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSizePolicy, QWidget

from roadmap_app.domain.model import ItemKind
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.search import HitKind, SearchHit
from roadmap_app.services import Services
from roadmap_app.ui.widgets.search import SearchBox, default_item_kind
from roadmap_app.ui.window.context import LearnerContext
from roadmap_app.ui.window.navigator import Navigator


class SearchBar:
    """Adds the search box at the right of a toolbar of ``window``."""

    def __init__(self, window: QMainWindow, ctx: LearnerContext, services: Services, navigator: Navigator) -> None:
        self.ctx = ctx
        self.services = services
        self.navigator = navigator
        toolbar = window.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.box = SearchBox(self.search, window, self.item_kind)
        self.box.opened.connect(self.open_hit)
        toolbar.addWidget(self.box)

    def search(self, text: str, limit: int) -> list[SearchHit]:
        try:
            return self.services.search.search(self.ctx.profile_id, text, limit)
        except Exception as exc:  # a busy database must not break typing
            self.navigator.show_error(f"search failed: {exc}")
            return []

    def item_kind(self, item_id: str) -> str:
        """Task or Skill, as the roadmap (or, for an item it no longer lists, the id) says."""
        item = self.services.roadmap.item(item_id)
        if item is not None and item.kind in (ItemKind.SKILL, ItemKind.TASK):
            return "Skill" if item.kind is ItemKind.SKILL else "Task"
        return default_item_kind(item_id)

    def open_hit(self, hit: SearchHit) -> None:
        """Show where a search match is: its project (and note), or its task or skill."""
        if hit.kind in (HitKind.ITEM, HitKind.RESOURCE):
            # A resource shows with its task or skill.
            if self.services.roadmap.item(hit.item_id) is not None:
                self.navigator.show_item(hit.item_id)
            else:  # kept from an earlier roadmap version: the Skills page lists it
                self.navigator.show_page(PageName.SKILLS)
                self.navigator.show_message(
                    f"“{hit.title}” is no longer in the roadmap; what you kept on it is listed under “No longer in the roadmap”."
                )
            return
        if hit.kind is HitKind.SESSION and hit.day is not None:
            self.navigator.show_study_day(hit.day)
            return
        if hit.kind is HitKind.APPLICATION and hit.record_id is not None:
            self.navigator.show_application(hit.record_id)
            return
        if hit.kind in _RECORD_STEPS:
            # Credentials and experience are listed on their step of the roadmap.
            self.navigator.show_item(_RECORD_STEPS[hit.kind])
            return
        if hit.project_id is not None:
            self.navigator.show_project(hit.project_id, note_id=hit.note_id)


_RECORD_STEPS = {
    HitKind.CREDENTIAL: "step.credential",
    HitKind.EXPERIENCE: "step.experience",
    HitKind.APPLICATION: "step.apply",
}
