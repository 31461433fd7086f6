"""Where the window's start goes: the wall time of each phase up to the first paint and the exit.

    .venv/bin/python benchmarks/startup_phases.py DATA_DIR [--repeats 5]

Each repeat is a new process that runs `roadmap-app --data-dir DATA_DIR
--exit-after-startup` (offscreen) with a clock read between the phases: the command line
(its imports), Qt, the window's modules, opening the data, the profile, building the main
window (and the dashboard with its first read), the first paint, and closing. The medians
are printed in milliseconds from the first line the interpreter runs ("at"), with the
difference between consecutive medians ("took"); compare runs made in the same
conditions, and the whole process with the floor (`benchmarks/run.py`) for the verdict.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# Run in the child: the phases, timed from the start of the interpreter.
CHILD = r"""
import json, sys, time
marks = []
def mark(name): marks.append((name, time.perf_counter()))
from roadmap_app.startup import pause_collector
pause_collector()
mark("start")
from roadmap_app.cli.parser import parse
args = parse(["--data-dir", sys.argv[1], "--exit-after-startup"])
mark("command line parsed (its imports)")
import PySide6.QtWidgets
mark("Qt imported")
from roadmap_app.ui.app import run
mark("window modules imported")
from roadmap_app.ui.window.main_window import MainWindow
opened = run._open
def _open(*a, **k):
    result = opened(*a, **k)
    mark("data opened")
    return result
run._open = _open
built = MainWindow.__init__
def init(self, *a, **k):
    mark("profile read")
    built(self, *a, **k)
    mark("main window and dashboard built")
    self.first_painted.connect(lambda: mark("first paint"))
MainWindow.__init__ = init
code = run.run_window(args)
mark("closed")
start = marks[0][1]
print(json.dumps([(n, round((t - start) * 1000, 1)) for n, t in marks]))
sys.exit(code)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs: list[list[tuple[str, float]]] = []
    for _ in range(max(1, args.repeats)):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(args.data_dir)], capture_output=True, text=True, env=env, check=False
        )
        if result.returncode != 0:
            print(f"error: the window did not start: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        runs.append([tuple(m) for m in json.loads(result.stdout.strip().splitlines()[-1])])
    names = [n for n, _t in runs[0]]
    print(f"{'phase':40s} {'at (ms)':>9s} {'took (ms)':>10s}   median of {len(runs)}")
    previous = 0.0
    for i, name in enumerate(names):
        at = statistics.median(r[i][1] for r in runs)
        print(f"{name:40s} {at:9.1f} {at - previous:10.1f}")
        previous = at
    return 0


if __name__ == "__main__":
    sys.exit(main())
