"""Interactions through the window, each timed from the input to the end of its repaint.

Run by ``run.py`` in its own process (Qt offscreen); prints one JSON object: for every
interaction a list of milliseconds, or an error message instead when it cannot run.

    QT_QPA_PLATFORM=offscreen python benchmarks/window_bench.py DATA_DIR --repeats 30

The seven interactions of the one-frame goal: a state set with key D on a skill
(``set_state_window``) and on a task (``set_state_task_window``), a page switched
(``switch_page``), a project opened (``open_project_window``), one keystroke in the skill
filter (``filter_window``), an application opened on the Job search page
(``open_application_window``), time logged with the Time page's form (``log_time_window``,
each logged session undone untimed, so the data stays the same from run to run) and the
heatmap repainted (``heatmap_window``). ``--summary`` adds p50 / p95 lines on stderr;
``--only NAME`` runs some of them; ``--profile FILE`` writes a cProfile of the timed runs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QWidget,
)

from roadmap_app.bootstrap import open_services

SETTLE_LIMIT_S = 5.0


class PaintCounter(QObject):
    """Counts paint events anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(app: QApplication, paints: PaintCounter, before: int) -> None:
    """Process events until what the input changed has been painted."""
    deadline = time.perf_counter() + SETTLE_LIMIT_S
    while time.perf_counter() < deadline:
        app.processEvents()
        if paints.count > before:
            app.processEvents()
            return


def timed(app: QApplication, paints: PaintCounter, action: Callable[[], object]) -> float:
    before = paints.count
    began = time.perf_counter()
    action()
    settle(app, paints, before)
    return (time.perf_counter() - began) * 1000


def find(window: QWidget, kind: type[QWidget], name: str) -> Any:
    found = window.findChild(kind, name)
    if found is None:
        raise LookupError(f"no {name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--only", action="append", default=[], help="an interaction to run (repeatable)")
    parser.add_argument("--summary", action="store_true", help="p50 / p95 of each interaction on stderr")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the timed runs here")
    args = parser.parse_args(argv)
    profiler = cProfile.Profile() if args.profile else None

    from roadmap_app.ui.app.run import application
    from roadmap_app.ui.window.main_window import MainWindow

    app = application()
    paints = PaintCounter()
    app.installEventFilter(paints)
    results: dict[str, list[float] | str] = {}

    # The floor for an interaction: the bare window of floor_qt.py, as large, showing new text.
    bare = QMainWindow()
    label = QLabel("Roadmap")
    bare.setCentralWidget(label)
    bare.resize(1200, 800)
    bare.show()
    settle(app, paints, paints.count)
    results["floor_repaint"] = [
        timed(app, paints, lambda n=n: label.setText(f"Roadmap {n}")) for n in range(1, args.repeats + 1)
    ]
    bare.close()

    paths, services = open_services(args.data_dir)
    profile = services.profiles.current()
    window = MainWindow(services, paths, profile)
    window.show()
    # After showing: the window restores its saved size when it is shown, and the
    # interactions are timed at the bare window's size whatever an earlier run left.
    window.resize(1200, 800)
    settle(app, paints, paints.count)
    getattr(window, "pages", None)  # every page built, as they are shortly after startup
    deadline = time.perf_counter() + SETTLE_LIMIT_S
    while not getattr(window, "pages_warm", True) and time.perf_counter() < deadline:
        app.processEvents()  # and painted once off screen, as the window does in idle time
    settle(app, paints, paints.count)
    navigation: QListWidget = find(window, QListWidget, "navigation")
    seen: dict[str, Any] = {}

    def widget(kind: type[QWidget], name: str) -> Any:
        """A widget looked up once, not inside each timed step: a search of the whole
        window's tree costs a few tenths of a millisecond, which the learner never waits for."""
        found = seen.get(name)
        if found is None or not shiboken6.isValid(found):
            found = seen[name] = find(window, kind, name)
        return found

    project_ids = [p.id for p in services.portfolio.projects(profile.id, limit=args.repeats)]

    def run(name: str, step: Callable[[int], object], after: Callable[[int], object] | None = None) -> None:
        """Time ``step(n)`` for n in 1..repeats; ``after(n)``, untimed, puts back what it changed."""
        if args.only and name not in args.only:
            return
        try:
            step(0)  # a first, untimed, run: lazily built widgets and caches
            settle(app, paints, paints.count)
            if after is not None:
                after(0)
                settle(app, paints, paints.count)
            times = []
            for n in range(1, args.repeats + 1):
                if profiler is not None:
                    profiler.enable()
                times.append(timed(app, paints, lambda n=n: step(n)))
                if profiler is not None:
                    profiler.disable()
                if after is not None:
                    after(n)
                    settle(app, paints, paints.count)
            results[name] = times
        except Exception as exc:  # a missing widget or a changed window: report it, go on
            results[name] = f"n/a ({exc})"

    pages = navigation.count()
    run("switch_page", lambda n: navigation.setCurrentRow(n % pages))

    def set_state(n: int) -> None:
        if n == 0:
            navigation.setCurrentRow(2)
            view = widget(QWidget, "skillsView")
            view.setFocus()
        view = widget(QWidget, "skillsView")
        QTest.keyClick(view, Qt.Key.Key_D if n % 2 else Qt.Key.Key_R)

    run("set_state_window", set_state)

    def set_task_state(n: int) -> None:
        if n == 0:
            window.show_page("roadmap")
            view = widget(QWidget, "tasksView")
            view.setCurrentIndex(view.model().index(0, 0))
            view.setFocus()
        view = widget(QWidget, "tasksView")
        QTest.keyClick(view, Qt.Key.Key_D if n % 2 else Qt.Key.Key_R)

    run("set_state_task_window", set_task_state)
    navigation.setCurrentRow(2)

    def filter_skills(n: int) -> None:
        box: QLineEdit = widget(QLineEdit, "skillsFilter")
        if n % 4 == 0:
            box.clear()
        else:
            QTest.keyClick(box, "pyt"[n % 4 - 1])

    navigation.setCurrentRow(2)
    run("filter_window", filter_skills)
    widget(QLineEdit, "skillsFilter").clear()

    def open_project(n: int) -> None:
        if not project_ids:
            raise LookupError("no projects")
        window.show_project(project_ids[n % len(project_ids)])

    run("open_project_window", open_project)

    def search(n: int) -> None:
        box: QLineEdit = widget(QLineEdit, "searchBox")
        if n % 4 == 0:
            box.clear()
        else:
            QTest.keyClick(box, "mod"[n % 4 - 1])

    run("search_window", search)

    def repaint_heatmap(n: int) -> None:
        heatmap: QWidget = widget(QWidget, "historyHeatmap")
        if n == 0:
            window.show_page("time")
            # Where the page stacks its cards (a narrow window) the heatmap is below the
            # fold, and repainting it would paint nothing: scrolled to, as a learner would.
            area = heatmap.parentWidget()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            if area is not None:
                area.ensureWidgetVisible(heatmap)
        heatmap.update()

    run("heatmap_window", repaint_heatmap)

    def log_time(n: int) -> None:
        if n == 0:
            window.show_page("time")
        button: QPushButton = widget(QPushButton, "logTimeButton")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    run("log_time_window", log_time, after=lambda _n: window.ctx.undo_stack.undo())

    application_ids = [a.id for a in services.jobs.list(profile.id)]

    def open_application(n: int) -> None:
        if not application_ids:
            raise LookupError("no applications")
        if n == 0:
            window.show_page("job_search")
        page = window.current_page()
        page.select(application_ids[(n * 37) % len(application_ids)])  # type: ignore[attr-defined]

    run("open_application_window", open_application)

    window.close()
    services.close()
    print(json.dumps(results))
    if profiler is not None:
        profiler.dump_stats(str(args.profile))
    if args.summary:
        for name, values in results.items():
            if isinstance(values, str):
                print(f"{name:26} {values}", file=sys.stderr)
                continue
            ordered = sorted(values)
            p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
            print(f"{name:26} p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
