"""The main window: navigation, the pages, menus, undo, themes and remembered layout."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from roadmap_app.domain.model import ItemKind, Profile
from roadmap_app.domain.pages import PageName
from roadmap_app.domain.suggestion_types import Suggestion
from roadmap_app.paths import AppPaths
from roadmap_app.services import FAILURES, Services
from roadmap_app.ui.pages import registry
from roadmap_app.ui.pages.base import Page
from roadmap_app.ui.pages.registry import PAGES, PageEntry
from roadmap_app.ui.widgets.common import MutedLabel
from roadmap_app.ui.window.context import Change, LearnerContext
from roadmap_app.ui.window.geometry import available_geometry, first_geometry, fit_frame_on_screen, minimum_size
from roadmap_app.ui.window.navigator import ProjectFocus, focus_into
from roadmap_app.ui.window.profiles_menu import ProfilesMenu
from roadmap_app.ui.window.search_bar import SearchBar
from roadmap_app.ui.window.theme import ThemeMode, apply_theme

if TYPE_CHECKING:
    from roadmap_app.ui.dialogs.welcome import WelcomeDialog
    from roadmap_app.ui.pages.career import CareerPage
    from roadmap_app.ui.pages.dashboard import DashboardPage
    from roadmap_app.ui.pages.portfolio import PortfolioPage
    from roadmap_app.ui.pages.roadmap import RoadmapPage
    from roadmap_app.ui.pages.skills import SkillsPage
    from roadmap_app.ui.window.backup_actions import BackupActions
    from roadmap_app.ui.window.transfer_actions import ProfileTransfer

log = logging.getLogger(__name__)

P = TypeVar("P", bound=Page)


class ChangedValuesSettings(QSettings):
    """Settings that store a value only when it differs from the one stored.

    QSettings rewrites its whole file (and syncs it to disk) for any value set, even an
    unchanged one: a window closed as it was opened then writes nothing.
    """

    def setValue(self, key: str, value: object) -> None:
        if self.value(key) != value:
            super().setValue(key, value)


class MainWindow(QMainWindow):
    first_painted = Signal()
    closed = Signal()

    def __init__(
        self,
        services: Services,
        paths: AppPaths,
        profile: Profile,
        *,
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        # Qt splits large fills over a pool of threads; on a machine with a few shared cores
        # each hand-off waits longer than the fill, and the frame waits for the slowest. The
        # window fills on its own thread: Qt reads this at its first paint, after this line.
        # A value the user set is kept.
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.settings: QSettings = ChangedValuesSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self.ctx = LearnerContext(services, profile, self)
        self.last_error = ""
        self._painted = False
        self._first_run = first_run
        self._shut_down = False
        self._fit_when_shown = False
        self.setObjectName("mainWindow")
        self.setAccessibleName("Roadmap")
        # Style and palette before any widget exists: every widget is polished once.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme_mode)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setFixedWidth(170)
        self.navigation.setSpacing(1)
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { padding: 8px 6px; background: palette(window);"
            " border: 2px solid transparent; border-radius: 8px; }"
            "QListWidget#navigation:focus { border-color: palette(highlight); }"
            "QListWidget#navigation::item { padding: 4px 10px; border-radius: 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        self.stack = QStackedWidget()
        # Each page is imported and built when first shown: the window opens with only the
        # page the learner sees.
        self._pages: dict[PageName, Page] = {}
        self._warmed: set[PageName] = set()  # pages laid out and painted once (see _build_next_page)
        for number, entry in enumerate(PAGES, start=1):
            item = QListWidgetItem(entry.title)
            item.setToolTip(f"{entry.title} (Ctrl+{number})")
            item.setSizeHint(QSize(150, 36))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
        self.navigation.currentRowChanged.connect(self._show_row)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.search_bar = SearchBar(self, self.ctx, services, self)
        self.search_box = self.search_bar.box
        self.ctx.failed.connect(self.show_error)
        self.ctx.profile_switched.connect(self._update_title)
        self.ctx.changed.connect(lambda change: self._update_title() if change & Change.PROFILE else None)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Status")
        self.statusBar().addWidget(self.status_label, 1)
        self.profile_label = QLabel()
        self.profile_label.setObjectName("profileStatus")
        self.profile_label.setAccessibleName("Profile")
        self.statusBar().addPermanentWidget(self.profile_label)
        self._undo_index = self.ctx.undo_stack.index()
        self.ctx.undo_stack.indexChanged.connect(self._tell_undo)
        # Owned by the window, so it never fires after the window is gone.
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.setInterval(10_000)
        self._error_timer.timeout.connect(self.status_label.clear)
        self._transfer: ProfileTransfer | None = None
        self._backups: BackupActions | None = None
        self._build_menus()
        self._update_title()
        self._restore_settings()
        # The theme was applied before any widget existed: nothing needs polishing again.
        self.theme_actions[self.theme_mode].setChecked(True)
        hints = QApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._follow_system_scheme)

    # --- menus -------------------------------------------------------------------------
    # Every action and its shortcut exist from the start; what an action opens (a dialog,
    # the export, the backups) is imported when it is first used, not before the first paint.

    @property
    def transfer(self) -> ProfileTransfer:
        """File → Export profile… and Import profile…"""
        if self._transfer is None:
            from roadmap_app.ui.window.transfer_actions import ProfileTransfer

            self._transfer = ProfileTransfer(self.ctx, self, self.settings, self)
        return self._transfer

    @property
    def backups(self) -> BackupActions:
        """File → Back up now, Restore from backup…, and the backup on close."""
        if self._backups is None:
            from roadmap_app.ui.window.backup_actions import BackupActions

            self._backups = BackupActions(self.services.backups, self, self)
        return self._backups

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_project_action = file_menu.addAction("&New project", self.new_project)
        self.new_project_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_project_action.setStatusTip("Add a project to your portfolio, from any page")
        file_menu.addSeparator()
        self.profiles_menu = ProfilesMenu(self.ctx, self, self)
        file_menu.addMenu(self.profiles_menu)
        self.export_action = file_menu.addAction("E&xport profile…", lambda: self.transfer.export_profile())
        self.import_action = file_menu.addAction("&Import profile…", lambda: self.transfer.import_profile())
        self.export_portfolio_action = file_menu.addAction("Export por&tfolio…", self.export_portfolio)
        self.export_portfolio_action.setStatusTip(
            "Preview and save your portfolio for employers: PDF, HTML or Markdown"
        )
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("&Back up now", lambda: self.backups.back_up_now())
        self.restore_action = file_menu.addAction("R&estore from backup…", lambda: self.backups.open_restore_dialog())
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self.find_action = edit_menu.addAction("&Find…", self.search_box.focus_search)
        self.find_action.setShortcut(QKeySequence("Ctrl+K"))
        self.find_action.setStatusTip("Search your projects, notes, tasks and skills")
        self.addAction(self.find_action)
        edit_menu.addSeparator()
        self.add_task_action = edit_menu.addAction("Add &task…", self.add_own_task)
        self.add_task_action.setStatusTip("Add a task of your own to a step of the roadmap")
        self.add_skill_action = edit_menu.addAction("Add s&kill…", self.add_own_skill)
        self.add_skill_action.setStatusTip("Add a skill of your own, to a category or a new one")

        view_menu = bar.addMenu("&View")
        for number, entry in enumerate(PAGES, start=1):
            action = view_menu.addAction(entry.title)
            action.triggered.connect(lambda _=False, name=entry.name: self.go_to_page(name))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[ThemeMode, QAction] = {}
        group = QActionGroup(self)
        for mode, text in ((ThemeMode.SYSTEM, "&System"), (ThemeMode.LIGHT, "&Light"), (ThemeMode.DARK, "&Dark")):
            action = theme_menu.addAction(text)
            action.triggered.connect(lambda _=False, m=mode: self.set_theme(m))
            action.setCheckable(True)
            group.addAction(action)
            self.theme_actions[mode] = action

        help_menu = bar.addMenu("&Help")
        help_menu.addAction("&Keyboard shortcuts", self._show_shortcuts)
        help_menu.addAction("&About Roadmap", self._show_about)

    def _show_shortcuts(self) -> None:
        from roadmap_app.ui.dialogs.help import show_shortcuts

        show_shortcuts(self)

    def _show_about(self) -> None:
        from roadmap_app.ui.dialogs.help import show_about

        show_about(self, self.services.roadmap, self.paths)

    # --- pages and actions ----------------------------------------------------------------

    def show_page(self, name: PageName) -> None:
        self.navigation.setCurrentRow([e.name for e in PAGES].index(PageName(name)))

    def go_to_page(self, name: PageName) -> None:
        """Show a page and put the keyboard in it (Ctrl+1 … Ctrl+7)."""
        self.show_page(name)
        focus_into(self.current_page())

    def new_project(self) -> None:
        """File → New project: from any page, on the Portfolio page."""
        self.show_page(PageName.PORTFOLIO)
        self.portfolio.new_project()

    def add_own_task(self) -> None:
        """Edit → Add task…: on the Roadmap page, to the step it shows."""
        self.show_page(PageName.ROADMAP)
        self.roadmap.add_task_button.click()

    def add_own_skill(self) -> None:
        """Edit → Add skill…: on the Skills page, to the category of the skill it shows."""
        self.show_page(PageName.SKILLS)
        self.skills.add_skill_button.click()

    def current_page(self) -> Page:
        return self.page(PAGES[max(0, self.stack.currentIndex())])

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row])
            self.stack.setCurrentIndex(row)
            # On the Job search page Ctrl+N adds an application (the page's own shortcut):
            # two owners of one key would cancel each other.
            jobs = PAGES[row] is registry.JOB_SEARCH
            self.new_project_action.setShortcut(QKeySequence() if jobs else QKeySequence(QKeySequence.StandardKey.New))

    def page(self, entry: PageEntry[P]) -> P:
        """The page of ``entry``, built (and its module imported) on first use."""
        page_class = entry.load()
        page = self._pages.get(entry.name)
        if page is None:
            page = page_class(self.ctx)
            page.attach(self)
            index = PAGES.index(entry)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[entry.name] = page
            page.restore_state(self.settings)
            if entry is registry.PORTFOLIO:
                # File → New project owns Ctrl+N on every page; two owners would cancel each other.
                button = getattr(page, "new_button", None)
                if isinstance(button, QAbstractButton):
                    button.setShortcut(QKeySequence())
        assert isinstance(page, page_class)
        return page

    def _build_next_page(self) -> None:
        """After the first paint, build each page not shown yet and paint it once off screen, one
        page per turn of the event loop: Qt's layouts, size hints and text caches are then ready,
        and a page's first show costs what a later one does (a page is ~10 ms of idle time)."""
        if self._shut_down or not self.isVisible():
            return
        entry = next((e for e in PAGES if e.name not in self._warmed), None)
        if entry is None:
            return
        self._warmed.add(entry.name)
        page = self.page(entry)
        if page is not self.stack.currentWidget():
            page.setGeometry(self.stack.contentsRect())
            page.grab()
        QTimer.singleShot(0, self, self._build_next_page)

    @property
    def pages_warm(self) -> bool:
        """Whether every page has been built and painted once (for tests and benchmarks)."""
        return len(self._warmed) == len(PAGES)

    @property
    def pages(self) -> list[Page]:
        """Every page, building those not shown yet."""
        return [self.page(e) for e in PAGES]

    @property
    def dashboard(self) -> DashboardPage:
        return self.page(registry.DASHBOARD)

    @property
    def roadmap(self) -> RoadmapPage:
        return self.page(registry.ROADMAP)

    @property
    def skills(self) -> SkillsPage:
        return self.page(registry.SKILLS)

    @property
    def portfolio(self) -> PortfolioPage:
        return self.page(registry.PORTFOLIO)

    @property
    def career(self) -> CareerPage:
        return self.page(registry.CAREER)

    # --- the navigator: what pages and actions ask of the window ------------------------------

    def show_project(
        self, project_id: int, *, focus: ProjectFocus = ProjectFocus.NONE, note_id: int | None = None
    ) -> None:
        self.show_page(PageName.PORTFOLIO)
        portfolio = self.portfolio
        if not portfolio.select_project(project_id):
            return
        if note_id is not None:
            portfolio.show_note(note_id)
        if focus is ProjectFocus.LINK:
            portfolio.focus_link()
        elif focus is ProjectFocus.NOTE:
            portfolio.add_note()

    def show_item(self, item_id: str) -> None:
        """Select a skill on the Skills page, or a task on the Roadmap page."""
        item = self.services.roadmap.item(item_id)
        if item is not None and item.kind is ItemKind.SKILL:
            self.show_page(PageName.SKILLS)
            self.skills.select_skill(item_id)
        else:
            self.show_page(PageName.ROADMAP)
            self.roadmap.select_task(item_id)

    def show_application(self, application_id: int, then: str = "") -> None:
        """The Job search page with an application selected and the keyboard on the list;
        ``then`` "stage", "interview" or "note" opens that form on it (a next action's step)."""
        self.show_page(PageName.JOB_SEARCH)
        page = self.page(registry.JOB_SEARCH)
        if not page.select(application_id):
            return
        page.view.setFocus(Qt.FocusReason.OtherFocusReason)
        changes = page.changes
        opening = {"stage": changes.move_selected, "interview": changes.add_interview, "note": changes.add_note}
        if then in opening:
            opening[then]()

    def log_time_for(self, subject: str) -> None:
        """The Time page, ready to log time on a task, skill or ``project:ID``."""
        self.show_page(PageName.TIME)
        page = self.page(registry.TIME)
        page.select_subject(subject)
        page.minutes.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_study_day(self, day: date) -> None:
        self.show_page(PageName.TIME)
        self.page(registry.TIME).show_day(day)

    def start_project_from_idea(self, idea_id: str) -> None:
        self.show_page(PageName.PORTFOLIO)
        self.portfolio.start_from_idea(idea_id)

    def perform(self, suggestion: Suggestion) -> None:
        """Do what a next action says; the list refreshes through the change it makes."""
        from roadmap_app.ui.window.actions import perform_action

        try:
            perform_action(self, self.ctx, suggestion.action)
        except (*FAILURES, ValueError) as exc:  # type: ignore[misc]
            self.show_error(str(exc))
        self.ctx.notify(Change.SUGGESTIONS)

    def reload_all(self) -> None:
        self.ctx.reload_all()

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.status_label.setText(f"⚠ {message}")
        self._error_timer.start()

    def export_portfolio(self) -> None:
        """File → Export portfolio…: the preview, and saving it (see docs/records.md)."""
        # Loaded on first use, as the pages are: the window starts without it.
        from roadmap_app.ui.dialogs.portfolio_export_dialog import PortfolioExportDialog

        content = self.services.portfolio_document.content(self.ctx.profile_id)
        dialog = PortfolioExportDialog(content, Path.home(), self)
        dialog.accepted.connect(lambda: self.show_message(f"Saved your portfolio to {dialog.saved}"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_message(self, message: str) -> None:
        self.status_label.setText(message)
        self._error_timer.start()

    def bring_to_front(self) -> None:
        """Another start asked for this window (one window per data folder)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _tell_undo(self, index: int) -> None:
        """Say in the status bar what was just saved or undone, and how to take it back."""
        stack = self.ctx.undo_stack
        before, self._undo_index = self._undo_index, index
        if stack.count() == 0:
            return
        if index > before:
            self.show_message(f"Saved: {stack.text(index - 1)}. Undo with Ctrl+Z")
        elif index < before:
            self.show_message(f"Undone: {stack.text(index)}. Redo with Ctrl+Shift+Z")

    def _update_title(self) -> None:
        # Qt adds the application's display name to a title unless the title already ends with it.
        read_only = " (read-only)" if self.services.read_only else ""
        self.setWindowTitle(f"{self.ctx.profile.name}{read_only} — Roadmap")
        self.profile_label.setText(f"Profile: {self.ctx.profile.name}{read_only}")
        # Why nothing can be changed, kept in view (a read-only folder, a full disk).
        self.profile_label.setToolTip(self.services.read_only_note() or "Switch or add learners in File → Profile")

    # --- themes -------------------------------------------------------------------------

    @property
    def theme_mode(self) -> ThemeMode:
        value = str(self.settings.value("view/theme", ThemeMode.SYSTEM.value))
        return ThemeMode(value) if value in {m.value for m in ThemeMode} else ThemeMode.SYSTEM

    def set_theme(self, mode: ThemeMode) -> None:
        self.settings.setValue("view/theme", mode.value)
        self.apply_theme(mode)

    def _follow_system_scheme(self, _scheme: object = None) -> None:
        if self.theme_mode is ThemeMode.SYSTEM:
            self.apply_theme(ThemeMode.SYSTEM)

    def apply_theme(self, mode: ThemeMode) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, mode)
        self._update_theme_widgets(mode)

    def _update_theme_widgets(self, mode: ThemeMode) -> None:
        for label in self.findChildren(MutedLabel):
            label.apply_colour()
        # A widget with its own style sheet keeps the palette it was polished with; polish it again.
        for widget in self.findChildren(QWidget):
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet("")
                widget.setStyleSheet(sheet)
        self.theme_actions[mode].setChecked(True)
        self.update()

    # --- settings, painting, closing -------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            # Saved on a larger screen, or on one no longer attached: bring it wholly onto this one.
            if not self.isMaximized() and not self.isFullScreen():
                fit_frame_on_screen(self)
                # The frame's true size is known once shown: fit again then.
                self._fit_when_shown = True
        else:
            self.setGeometry(first_geometry(available_geometry(self)))
        self.setMinimumSize(minimum_size(available_geometry(self, self.geometry())))
        self.show_page(PageName.parse(str(self.settings.value("window/page", PageName.DASHBOARD.value))))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", PAGES[max(0, self.stack.currentIndex())].name.value)
        for page in self._pages.values():
            page.save_state(self.settings)
        self.settings.sync()

    def flush(self) -> None:
        """Save everything typed and not yet saved, on every page."""
        for page in self._pages.values():
            page.flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_when_shown:
            self._fit_when_shown = False
            fit_frame_on_screen(self)
        self.ctx.start_watching()
        if self._first_run:
            self._first_run = False
            QTimer.singleShot(0, self.show_welcome)

    def show_welcome(self) -> WelcomeDialog:
        from roadmap_app.ui.dialogs.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        self.welcome = dialog
        dialog.open()
        return dialog

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            self.ctx.mark_painted()
            # With the window as their context: a window deleted meanwhile drops them.
            QTimer.singleShot(0, self, self._after_first_paint)
            QTimer.singleShot(0, self, self._build_next_page)
            QTimer.singleShot(0, self, self._report_roadmap_update)

    def _after_first_paint(self) -> None:
        """The first paint read through the driver alone: now load what changes need, and watch
        for other processes' changes from here on."""
        if self._shut_down:
            return  # closed at once (--exit-after-startup): nothing more is read
        try:
            self.services.warm_up()
        except FAILURES as exc:
            self.ctx.report(exc)
        self.ctx.watch_from_now()

    def _report_roadmap_update(self) -> None:
        """A new version of the roadmap is said once, at the first start that meets it."""
        if self._shut_down:
            return  # closed at once (--exit-after-startup): said at a start that shows it
        try:
            update = self.services.roadmap_updates.since_last_start()
        except FAILURES:
            return  # a read-only folder or a full disk: said again at a start that can write
        if update is not None:
            self.show_message(update.describe())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down:
            self._shut_down = True
            self.flush()
            self.ctx.stop_watching()
            self.save_settings()
            self.backups.back_up_on_close()
            self.services.close()
        super().closeEvent(event)
        self.closed.emit()
