"""Roadmap's speed against the bare-stack floor: startup, interactions and memory, in one table.

    .venv/bin/python benchmarks/run.py            # the full run (about a quarter of an hour)
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, few repeats: checks it runs

Everything in the table is measured in the same run, so ratios compare like with like
on a machine whose load changes. Startup is the median wall time of whole processes;
memory is their peak resident size; interactions are timed in-process (services) or
through the window offscreen, from the input to the end of the repaint.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (a script beside this one)

FRAME_MS = 16.0
STARTUP_VS_FLOOR = 1.10
STARTUP_LARGE_VS_SMALL = 1.03
#: The command line against `python -c "import sqlalchemy.orm"`: the goal of each command.
CLI_GOALS = {
    "status": 1.15,
    "items --json": 1.15,
    "next": 1.25,
    "project list --json": 1.25,
    "job list --json": 1.25,
    "history --json": 1.25,
}
MEMORY_OVER_FLOOR_MB = 60.0
NOT_BUILT = "n/a (window not built)"
SEARCH_SHOWN = 20  # as many matches as the window's search box shows
AD_WORDS = 5000  # a very long job ad


@dataclass
class Settings:
    quick: bool
    startup_runs: int
    repeats: int
    large_size: str
    work: Path


@dataclass
class Process:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    error: str = ""


# --- processes ------------------------------------------------------------------------------


def child_env(work: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Any value, "0" included, stops Python from writing compiled modules: the app would be
    # compiled from source at every start, which an installed copy never is.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home = work / "home"
    for name, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache")):
        env[name] = str(home / sub)
    env["XDG_RUNTIME_DIR"] = str(home / "run")
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def app_command(data_dir: Path, *args: str) -> list[str]:
    """`roadmap-app` as installed beside this Python, else the module."""
    script = Path(sys.executable).with_name("roadmap-app")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "roadmap_app"]
    return [*base, "--data-dir", str(data_dir), *args]


def peak_kb(pid: int) -> int:
    """The process's peak resident size so far (VmHWM), 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_timed(command: Sequence[str], env: dict[str, str], timeout: float = 120) -> tuple[float, float, int, str]:
    """Wall seconds, peak resident MB, exit code and standard error of one process.

    The peak is read from /proc while the process runs: the kernel's ru_maxrss for a
    child also counts the forked copy of this (larger) process before it ran the command.
    """
    began = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = began + timeout
    peak = 0
    while True:
        peak = max(peak, peak_kb(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    elapsed = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return elapsed, (peak or usage.ru_maxrss) / 1024, proc.returncode, stderr


def window_available(data_dir: Path, env: dict[str, str]) -> tuple[bool, str]:
    _s, _m, code, stderr = run_timed(app_command(data_dir, "--exit-after-startup"), env)
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    return code == 0, (lines[-1] if lines else stderr.strip()[-200:])


def measure_startups(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, Process]:
    """Every command ``runs`` times, interleaved, after one untimed warm-up each."""
    results = {name: Process() for name in commands}
    for name, command in commands.items():
        _s, _m, code, stderr = run_timed(command, env)
        if code != 0:
            results[name].error = f"exit {code}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
    for _ in range(runs):
        for name, command in commands.items():
            if results[name].error:
                continue
            seconds, peak, code, stderr = run_timed(command, env)
            if code != 0:
                results[name].error = f"exit {code}: {stderr.strip()[-200:]}"
                continue
            results[name].seconds.append(seconds)
            results[name].peak_mb.append(peak)
    return results


# --- interactions through the services ----------------------------------------------------------


def timings(step: Callable[[int], object], repeats: int, before: Callable[[int], object] | None = None) -> list[float]:
    """Milliseconds of each of ``repeats`` calls of ``step``, after ``before`` (untimed) if given."""
    found = []
    for n in range(repeats + 1):
        if before is not None:
            before(n)
        began = time.perf_counter()
        step(n)
        if n:  # the first call warms up
            found.append((time.perf_counter() - began) * 1000)
    return found


def service_interactions(data_dir: Path, repeats: int) -> dict[str, list[float] | str]:
    from roadmap_app.bootstrap import open_services

    _paths, services = open_services(data_dir)
    try:
        profile_id = services.profiles.current().id
        skill_ids = [s.id for s in services.roadmap.skills]
        project_ids = [p.id for p in services.portfolio.projects(profile_id, limit=max(repeats, 1))]
        states = ("done", "in_progress", "todo")
        results: dict[str, list[float] | str] = {}
        results["set_state"] = timings(
            lambda n: services.progress.set_state(profile_id, skill_ids[n % len(skill_ids)], states[n % 3]), repeats
        )
        if project_ids:
            results["open_project"] = timings(
                lambda n: services.portfolio.get(profile_id, project_ids[n % len(project_ids)]), repeats
            )
        else:
            results["open_project"] = "n/a (no projects)"
        words = ("model", "tra", "fraud grad", "customer churn", "zzz")
        results["search"] = timings(
            lambda n: services.search.search(profile_id, words[n % len(words)], SEARCH_SHOWN), repeats
        )
        study = services.study
        results["history"] = timings(lambda n: study.history(profile_id), repeats)
        results["plan"] = timings(lambda n: study.plan(profile_id, 6.0), repeats)
        logged: list[int] = []
        results["log_time"] = timings(lambda n: logged.append(study.log(profile_id, 5, "skill.python").id), repeats)
        for session_id in logged:
            study.delete(profile_id, session_id)
        suggestions = getattr(services, "suggestions", None)
        if suggestions is None:
            results["next_actions"] = "n/a (no suggestions service)"
        else:
            results["next_actions"] = timings(lambda n: suggestions.next_actions(profile_id), repeats)
            # Right after a change, as the window asks for them after each one.
            results["next_actions_changed"] = timings(
                lambda n: suggestions.next_actions(profile_id),
                repeats,
                before=lambda n: services.progress.set_state(profile_id, skill_ids[n % len(skill_ids)], states[n % 3]),
            )
        jobs = getattr(services, "jobs", None)
        if jobs is None:
            results["job_list"] = results["job_show"] = "n/a (no job service)"
        else:
            found = jobs.list(profile_id)
            results["job_list"] = timings(lambda n: jobs.list(profile_id), repeats)
            if found:
                # As 'job show' does: the application with all it holds, and its ad's gap.
                ids = [a.id for a in found]
                results["job_show"] = timings(
                    lambda n: (jobs.get(profile_id, ids[n % len(ids)]), jobs.gap(profile_id, ids[n % len(ids)])),
                    repeats,
                )
            else:
                results["job_show"] = "n/a (no applications)"
        gap = getattr(services, "gap", None)
        if gap is None:
            results["gap_check"] = "n/a (no gap service)"
        else:
            ad = long_ad(AD_WORDS)
            results["gap_check"] = timings(lambda n: gap.check(profile_id, ad), repeats)
        return results
    finally:
        services.close()


def long_ad(words: int) -> str:
    """A job ad of ``words`` words, made of the hand-written test ads one after another."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "tests" / "data" / "ads").glob("*.txt"))]
    pool = " ".join(texts).split() or ["Python"]
    return " ".join((pool * (words // len(pool) + 1))[:words])


def window_interactions(data_dir: Path, repeats: int, env: dict[str, str]) -> dict[str, list[float] | str]:
    command = [sys.executable, str(HERE / "window_bench.py"), str(data_dir), "--repeats", str(repeats)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return {"error": f"window benchmark failed: {tail[0]}"}
    found: dict[str, list[float] | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


# --- the table --------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        ram = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    try:
        load = ", load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = ""
    return f"{os.cpu_count()} CPUs ({cpu}){ram}{load}; Python {platform.python_version()}"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, what: str, small: str = "", large: str = "", goal: str = "", verdict: str = "") -> None:
        self.rows.append((what, small, large, goal, verdict))

    def render(self) -> str:
        header = ("measure", "small profile", "large profile", "goal", "result")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(5)]

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in self.rows)])


def verdict(value: float, limit: float, unit: str) -> str:
    if value <= limit:
        return "met"
    return f"missed by {value - limit:.2f}{unit}" if unit != "x" else f"missed by {value / limit - 1:.0%}"


def interaction_cell(found: list[float] | str | None) -> str:
    if found is None:
        return "n/a"
    if isinstance(found, str):
        return found
    return f"{median(found):.1f} / {p95(found):.1f} ms"


def build_table(
    settings: Settings,
    startups: dict[str, Process],
    window_built: bool,
    services: dict[str, dict[str, list[float] | str]],
    window: dict[str, dict[str, list[float] | str]],
) -> Table:
    table = Table()
    qt, floor = startups["floor_qt"], startups["floor_qt_sqlalchemy"]
    qt_s, floor_s = median(qt.seconds), median(floor.seconds)
    runs = settings.startup_runs
    table.add(f"startup floor: bare Qt, first paint (median of {runs})", f"{qt_s:.2f} s", f"{qt_s:.2f} s")
    table.add("startup floor: Qt + import sqlalchemy.orm", f"{floor_s:.2f} s", f"{floor_s:.2f} s")
    app: dict[str, float] = {}
    if window_built:
        cells = {}
        for size in ("small", "large"):
            proc = startups[f"app_{size}"]
            if proc.error or not proc.seconds:
                cells[size] = proc.error or "failed"
                continue
            app[size] = median(proc.seconds)
            cells[size] = f"{app[size]:.2f} s"
        table.add("startup: roadmap-app --exit-after-startup", cells["small"], cells["large"])
        if len(app) == 2:
            table.add(
                "  ÷ floor Qt + SQLAlchemy",
                f"{app['small'] / floor_s:.2f}x",
                f"{app['large'] / floor_s:.2f}x",
                f"both ≤ {STARTUP_VS_FLOOR:.2f}x",
                verdict(max(app.values()) / floor_s, STARTUP_VS_FLOOR, "x"),
            )
            table.add("  ÷ floor bare Qt", f"{app['small'] / qt_s:.2f}x", f"{app['large'] / qt_s:.2f}x")
            ratio = app["large"] / app["small"]
            table.add(
                "  large ÷ small",
                "",
                f"{ratio:.2f}x",
                f"≤ {STARTUP_LARGE_VS_SMALL:.2f}x",
                verdict(ratio, STARTUP_LARGE_VS_SMALL, "x"),
            )
    else:
        table.add("startup: roadmap-app --exit-after-startup", NOT_BUILT, NOT_BUILT, f"≤ {STARTUP_VS_FLOOR:.2f}x floor")

    cli_floor = startups["floor_sqlalchemy"]
    if cli_floor.seconds:
        cli_floor_s = median(cli_floor.seconds)
        table.add(
            'command line floor: python -c "import sqlalchemy.orm"', f"{cli_floor_s:.2f} s", f"{cli_floor_s:.2f} s"
        )
        for command, goal in CLI_GOALS.items():
            cells, ratios = [], {}
            for size in ("small", "large"):
                proc = startups[f"cli_{size}_{command}"]
                if proc.error or not proc.seconds:
                    cells.append(proc.error or "failed")
                    continue
                ratios[size] = median(proc.seconds) / cli_floor_s
                cells.append(f"{median(proc.seconds):.2f} s ({ratios[size]:.2f}x)")
            result = verdict(ratios["large"], goal, "x") if "large" in ratios else ""
            table.add(f"  roadmap-app {command} (÷ floor)", cells[0], cells[1], f"large ≤ {goal:.2f}x", result)

    rows = [
        ("floor: a bare window of the same size repaints new text", "window", "floor_repaint"),
        ("set a skill's state: service call to commit", "services", "set_state"),
        ("set a skill's state: key D in the window to repaint", "window", "set_state_window"),
        ("switch pages (window, to repaint)", "window", "switch_page"),
        ("open a project with its notes: service", "services", "open_project"),
        ("open a project with its notes: window, to repaint", "window", "open_project_window"),
        ("filter skills: one keystroke (window, to repaint)", "window", "filter_window"),
        ("search notes: service, best 20 with snippets", "services", "search"),
        ("search notes: one keystroke in the window's search box", "window", "search_window"),
        ("compute next actions: service", "services", "next_actions"),
        ("compute next actions right after a state change: service", "services", "next_actions_changed"),
        ("study history, a year with streaks: service", "services", "history"),
        ("pace plan: service", "services", "plan"),
        ("log study time: service call to commit", "services", "log_time"),
        ("log study time: the Time page's form, Enter to repaint (window)", "window", "log_time_window"),
        ("repaint the year's heatmap (window)", "window", "heatmap_window"),
        ("select an application on the Job search page (window, to repaint)", "window", "open_application_window"),
        (f"gap check of a {AD_WORDS:,}-word job ad: service", "services", "gap_check"),
        ("job list: every application with its stages, interviews, contacts, notes: service", "services", "job_list"),
        ("job show: one application and the gap of its ad: service", "services", "job_show"),
    ]
    for what, source, key in rows:
        cells = []
        for size in ("small", "large"):
            if source == "window" and not window_built:
                cells.append(NOT_BUILT)
                continue
            found = (services if source == "services" else window)[size]
            cells.append(interaction_cell(found.get(key, found.get("error"))))
        large = (services if source == "services" else window).get("large", {}).get(key)
        result, goal = "", "large p95 < 16 ms"
        if key.startswith("floor"):
            goal = ""
        elif isinstance(large, list):
            result = verdict(p95(large), FRAME_MS, " ms")
        table.add(f"{what} (p50 / p95)", cells[0], cells[1], goal, result)

    qt_mb, floor_mb = median(qt.peak_mb), median(floor.peak_mb)
    table.add("peak memory (RSS): floor bare Qt", f"{qt_mb:.0f} MB", f"{qt_mb:.0f} MB")
    table.add("peak memory (RSS): floor Qt + SQLAlchemy", f"{floor_mb:.0f} MB", f"{floor_mb:.0f} MB")
    if window_built and all(startups[f"app_{s}"].peak_mb for s in ("small", "large")):
        small_mb, large_mb = (median(startups[f"app_{s}"].peak_mb) for s in ("small", "large"))
        limit = floor_mb + MEMORY_OVER_FLOOR_MB
        table.add(
            "peak memory (RSS): the window at startup",
            f"{small_mb:.0f} MB (+{small_mb - floor_mb:.0f})",
            f"{large_mb:.0f} MB (+{large_mb - floor_mb:.0f})",
            f"≤ floor + {MEMORY_OVER_FLOOR_MB:.0f} MB",
            verdict(large_mb, limit, " MB"),
        )
    else:
        table.add("peak memory (RSS): the window at startup", NOT_BUILT, NOT_BUILT)
    return table


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few repeats: checks that it runs")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the profiles here and keep them")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        quick=args.quick,
        startup_runs=2 if args.quick else 15,
        repeats=3 if args.quick else 40,
        large_size="quick" if args.quick else "large",
        work=work,
    )
    env = child_env(work)
    # Compiled as an installed copy is (pip compiles a wheel's modules when it installs it).
    compileall.compile_dir(str(HERE.parent / "roadmap_app"), quiet=1)
    os.environ.update({k: env[k] for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")})
    started = datetime.now(UTC)
    try:
        dirs = {"small": work / "small", "large": work / "large"}
        for size, data_dir in dirs.items():
            if not (data_dir / "roadmap.sqlite3").exists():
                generate(data_dir, "small" if size == "small" else settings.large_size)
        for data_dir in dirs.values():
            # Each run starts on the first page, not on the page a previous run left open.
            (data_dir / "config" / "roadmap-app.ini").unlink(missing_ok=True)
        window_built, why = window_available(dirs["small"], env)
        commands = {
            "floor_qt": [sys.executable, str(HERE / "floor_qt.py")],
            "floor_qt_sqlalchemy": [sys.executable, str(HERE / "floor_qt_sqlalchemy.py")],
        }
        if window_built:
            commands |= {f"app_{s}": app_command(d, "--exit-after-startup") for s, d in dirs.items()}
        commands["floor_sqlalchemy"] = [sys.executable, "-c", "import sqlalchemy.orm"]
        for command in CLI_GOALS:
            commands |= {f"cli_{s}_{command}": app_command(d, *command.split()) for s, d in dirs.items()}
        startups = measure_startups(commands, settings.startup_runs, env)
        failed = [f"{name}: {p.error}" for name, p in startups.items() if p.error and name.startswith("floor")]
        if failed:
            print("error: the floor scripts failed: " + "; ".join(failed), file=sys.stderr)
            return 1
        services = {s: service_interactions(d, settings.repeats) for s, d in dirs.items()}
        window: dict[str, dict[str, list[float] | str]] = {}
        if window_built:
            window = {s: window_interactions(d, settings.repeats, env) for s, d in dirs.items()}
        table = build_table(settings, startups, window_built, services, window)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    mode = "quick mode: tiny profiles, few repeats; timings mean nothing" if args.quick else "full run"
    print(f"Roadmap benchmarks, {started:%Y-%m-%d %H:%M} UTC, {mode}")
    print(f"Machine: {machine()}")
    sizes = (
        "large = 2,000 projects x 5 notes of 1 KB, every task and skill touched, 50,000 activity entries, "
        "500 job applications"
    )
    print(f"Profiles: small = a new learner; {'large = a tiny stand-in' if args.quick else sizes}")
    if not window_built:
        print(f"Window: not built ({why})")
    print()
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
