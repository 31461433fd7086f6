"""The main window: navigation, the five pages, menus, undo, themes and remembered layout."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from roadmap_app import __version__
from roadmap_app.domain.model import ItemKind, ItemState, Profile
from roadmap_app.domain.suggestion_types import ActionKind, Suggestion
from roadmap_app.paths import AppPaths
from roadmap_app.services import Services, UserError
from roadmap_app.services.backups import BackupInfo
from roadmap_app.ui.context import Change, LearnerContext
from roadmap_app.ui.pages.base import Page
from roadmap_app.ui.pages.career import CareerPage
from roadmap_app.ui.pages.dashboard import DashboardPage
from roadmap_app.ui.pages.portfolio import PortfolioPage
from roadmap_app.ui.pages.roadmap import RoadmapPage
from roadmap_app.ui.pages.skills import SkillsPage
from roadmap_app.ui.profiles_menu import ProfilesMenu
from roadmap_app.ui.restore_dialog import RestoreDialog
from roadmap_app.ui.theme import ThemeMode, apply_theme
from roadmap_app.ui.undo import SetStateCommand
from roadmap_app.ui.welcome import WelcomeDialog
from roadmap_app.ui.widgets import MutedLabel

log = logging.getLogger(__name__)

PAGE_NAMES = ("dashboard", "roadmap", "skills", "portfolio", "career")
SHORTCUTS = [
    ("Ctrl+1 … Ctrl+5", "Go to Dashboard, Roadmap, Skills, Portfolio, Career"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last change"),
    ("D, L, S, R", "Mark the selected task or skill done, in progress (learning), skipped, or reset it"),
    ("Space", "Cycle the selected task or skill: to do → in progress → done"),
    ("Ctrl+F", "Filter the skills"),
    ("Ctrl+N", "New project (Portfolio)"),
    ("Ctrl+Q", "Quit"),
]


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
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self.ctx = LearnerContext(services, profile, self)
        self.last_error = ""
        self._painted = False
        self._first_run = first_run
        self._shut_down = False
        self.setObjectName("mainWindow")
        self.setAccessibleName("Roadmap")
        self.setMinimumSize(QSize(760, 520))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setFixedWidth(170)
        self.navigation.setSpacing(1)
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { padding: 10px 8px; background: palette(window); }"
            "QListWidget#navigation::item { padding: 4px 10px; border-radius: 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        self.stack = QStackedWidget()
        self.dashboard = DashboardPage(self.ctx)
        self.roadmap = RoadmapPage(self.ctx)
        self.skills = SkillsPage(self.ctx)
        self.portfolio = PortfolioPage(self.ctx)
        self.career = CareerPage(self.ctx)
        self.pages: list[Page] = [self.dashboard, self.roadmap, self.skills, self.portfolio, self.career]
        for number, page in enumerate(self.pages, start=1):
            item = QListWidgetItem(page.title)
            item.setToolTip(f"{page.title} (Ctrl+{number})")
            item.setSizeHint(QSize(150, 36))
            self.navigation.addItem(item)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.dashboard.open_suggestion.connect(self.perform)
        self.skills.open_project.connect(self.show_project)
        self.ctx.failed.connect(self.show_error)
        self.ctx.profile_switched.connect(self._update_title)
        self.ctx.changed.connect(lambda change: self._update_title() if change & Change.PROFILE else None)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Status")
        self.statusBar().addWidget(self.status_label, 1)
        # Owned by the window, so it never fires after the window is gone.
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.setInterval(10_000)
        self._error_timer.timeout.connect(self.status_label.clear)
        self._build_menus()
        self._update_title()
        self._restore_settings()
        self.apply_theme(self.theme_mode)
        hints = QApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._follow_system_scheme)

    # --- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.profiles_menu = ProfilesMenu(self.ctx, self)
        file_menu.addMenu(self.profiles_menu)
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("&Back up now", self.back_up_now)
        self.restore_action = file_menu.addAction("R&estore from backup…", self.open_restore_dialog)
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

        view_menu = bar.addMenu("&View")
        for number, page in enumerate(self.pages, start=1):
            action = view_menu.addAction(page.title)
            action.triggered.connect(lambda _=False, n=number - 1: self.show_page(n))
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
        help_menu.addAction("&Keyboard shortcuts", self.show_shortcuts)
        help_menu.addAction("&About Roadmap", self.show_about)

    # --- pages and actions ----------------------------------------------------------------

    def show_page(self, index_or_name: int | str) -> None:
        index = PAGE_NAMES.index(index_or_name) if isinstance(index_or_name, str) else index_or_name
        self.navigation.setCurrentRow(index)

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def show_project(self, project_id: int) -> None:
        self.show_page("portfolio")
        self.portfolio.select_project(project_id)

    def perform(self, suggestion: Suggestion) -> None:
        """Do what a next action says; the list refreshes through the change it makes."""
        action = suggestion.action
        try:
            if action.kind is ActionKind.SET_STATE:
                self.ctx.run(SetStateCommand(self.ctx, action.target, ItemState(action.value)))
            elif action.kind is ActionKind.START_PROJECT:
                self.show_page("portfolio")
                self.portfolio.start_from_idea(action.target)
            elif action.kind is ActionKind.OPEN_PROJECT:
                self.show_project(int(action.target))
                editor = self.portfolio.editor
                if action.value == "link":
                    editor.link_edits["repo_url"].setFocus()
                elif action.value == "note":
                    editor.add_note()
            elif action.kind is ActionKind.OPEN_ITEM:
                item = self.services.roadmap.item(action.target)
                if item is not None and item.kind is ItemKind.SKILL:
                    self.show_page("skills")
                    self.skills.select_skill(action.target)
                else:
                    self.show_page("roadmap")
                    self.roadmap.select_task(action.target)
            elif action.kind is ActionKind.OPEN_PAGE:
                self.show_page(action.target if action.target in PAGE_NAMES else "dashboard")
        except (UserError, ValueError) as exc:
            self.show_error(str(exc))
        self.dashboard.refresh_suggestions()

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.status_label.setText(f"⚠ {message}")
        self._error_timer.start()

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

    # --- backups --------------------------------------------------------------------------

    def back_up_now(self) -> BackupInfo | None:
        self.flush()
        try:
            info = self.services.backups.create()
        except UserError as exc:
            self.show_error(str(exc))
            return None
        self.show_message(f"Backed up to {info.path}")
        return info

    def open_restore_dialog(self) -> RestoreDialog:
        """The list of backups; accepting it restores the chosen one."""
        self.flush()
        dialog = RestoreDialog(self.services.backups.all(), self)
        dialog.accepted.connect(lambda: self.restore_backup(dialog.chosen_name()))
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def restore_backup(self, name: str | None) -> bool:
        """Replace the data with a backup (the current data is backed up first), then show it."""
        if name is None:
            return False
        self.flush()
        try:
            info = self.services.backups.restore(name)
        except UserError as exc:
            self.show_error(str(exc))
            self.ctx.reload_all()
            return False
        self.ctx.reload_all()
        self.show_message(f"Restored the backup {info.path.name}; your data before it was backed up first")
        return True

    def _back_up_on_close(self) -> None:
        try:
            made = self.services.backups.on_close()
        except Exception as exc:  # a failed backup never keeps the learner from closing
            log.warning("no backup on closing: %s", exc)
            self.show_error(str(exc))
            return
        if made is not None:
            log.info("backed up to %s", made.path)

    def _update_title(self) -> None:
        self.setWindowTitle(f"Roadmap — {self.ctx.profile.name}")

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Roadmap",
            f"<b>Roadmap {__version__}</b><p>{self.services.roadmap.summary}</p>"
            f"<p>Your data: {self.paths.data_dir}</p>",
        )

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
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 780)
        for page in self.pages:
            page.restore_state(self.settings)
        last = str(self.settings.value("window/page", "dashboard"))
        self.show_page(last if last in PAGE_NAMES else "dashboard")

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", PAGE_NAMES[max(0, self.stack.currentIndex())])
        for page in self.pages:
            page.save_state(self.settings)
        self.settings.sync()

    def flush(self) -> None:
        """Save everything typed and not yet saved, on every page."""
        for page in self.pages:
            page.flush()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ctx.start_watching()
        if self._first_run:
            self._first_run = False
            QTimer.singleShot(0, self.show_welcome)

    def show_welcome(self) -> WelcomeDialog:
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down:
            self._shut_down = True
            self.flush()
            self.ctx.stop_watching()
            self.save_settings()
            self._back_up_on_close()
            self.services.close()
        super().closeEvent(event)
        self.closed.emit()
