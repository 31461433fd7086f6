"""Interactions through the window, each timed from the input to the end of its repaint.

Run by ``run.py`` in its own process (Qt offscreen); prints one JSON object: for every
interaction a list of milliseconds, or an error message instead when it cannot run.

    QT_QPA_PLATFORM=offscreen python benchmarks/window_bench.py DATA_DIR --repeats 30
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QMainWindow, QWidget

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
    args = parser.parse_args(argv)

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
    window.resize(1200, 800)
    window.show()
    settle(app, paints, paints.count)
    getattr(window, "pages", None)  # every page built, as they are shortly after startup
    settle(app, paints, paints.count)
    navigation: QListWidget = find(window, QListWidget, "navigation")
    project_ids = [p.id for p in services.portfolio.projects(profile.id, limit=args.repeats)]

    def run(name: str, step: Callable[[int], object]) -> None:
        try:
            step(0)  # a first, untimed, run: lazily built widgets and caches
            settle(app, paints, paints.count)
            results[name] = [timed(app, paints, lambda n=n: step(n)) for n in range(1, args.repeats + 1)]
        except Exception as exc:  # a missing widget or a changed window: report it, go on
            results[name] = f"n/a ({exc})"

    pages = navigation.count()
    run("switch_page", lambda n: navigation.setCurrentRow(n % pages))

    def set_state(n: int) -> None:
        if n == 0:
            navigation.setCurrentRow(2)
            view = find(window, QWidget, "skillsView")
            view.setFocus()
        view = find(window, QWidget, "skillsView")
        QTest.keyClick(view, Qt.Key.Key_D if n % 2 else Qt.Key.Key_R)

    run("set_state_window", set_state)

    def filter_skills(n: int) -> None:
        box: QLineEdit = find(window, QLineEdit, "skillsFilter")
        if n % 4 == 0:
            box.clear()
        else:
            QTest.keyClick(box, "pyt"[n % 4 - 1])

    navigation.setCurrentRow(2)
    run("filter_window", filter_skills)
    find(window, QLineEdit, "skillsFilter").clear()

    def open_project(n: int) -> None:
        if not project_ids:
            raise LookupError("no projects")
        window.show_project(project_ids[n % len(project_ids)])

    run("open_project_window", open_project)

    def search(n: int) -> None:
        box: QLineEdit = find(window, QLineEdit, "searchBox")
        if n % 4 == 0:
            box.clear()
        else:
            QTest.keyClick(box, "mod"[n % 4 - 1])

    run("search_window", search)

    def repaint_heatmap(n: int) -> None:
        if n == 0:
            window.show_page("time")
        heatmap: QWidget = find(window, QWidget, "historyHeatmap")
        heatmap.update()

    run("heatmap_window", repaint_heatmap)

    window.close()
    services.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
