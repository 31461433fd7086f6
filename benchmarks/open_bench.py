"""Opening the data folder, as the window and every command do: p50/p95 of open_services()
plus close() in fresh processes, with the clean-close record trusted and with the file
checked (the record removed first, as after a crash or another program's write), and the
roadmap from its validated cache and parsed anew.

    python benchmarks/open_bench.py DATA_DIR [--runs 15]

DATA_DIR is a profile made by benchmarks/generate.py; it is opened and closed, never changed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import sys, time
import roadmap_app.services, roadmap_app.storage.tables  # as the command line has them loaded
from roadmap_app.bootstrap import open_services
start = time.perf_counter()
_paths, services = open_services(sys.argv[1])
opened = time.perf_counter()
services.close()
print((opened - start) * 1e3, (time.perf_counter() - opened) * 1e3)
"""


def run_once(data_dir: Path, *, check: bool, cache_home: str) -> tuple[float, float]:
    if check:
        (data_dir / ".roadmap.sqlite3.clean").unlink(missing_ok=True)
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    return float(out[0]), float(out[1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cold_cache, tempfile.TemporaryDirectory() as warm_cache:
        cases = {
            "record trusted, roadmap cached": (False, warm_cache),
            "file checked, roadmap cached": (True, warm_cache),
            "record trusted, roadmap parsed": (False, cold_cache),
        }
        run_once(args.data_dir, check=False, cache_home=warm_cache)  # fills the cache, writes the record
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so a drift of the machine touches every case alike
            for name, (check, cache_home) in cases.items():
                if cache_home == cold_cache:
                    for entry in Path(cold_cache).rglob("*.pickle"):
                        entry.unlink()
                times[name].append(run_once(args.data_dir, check=check, cache_home=cache_home))
        run_once(args.data_dir, check=False, cache_home=warm_cache)  # leaves the record as found
    print(f"{args.data_dir}: open_services() and close() in ms, {args.runs} fresh processes each")
    for name, pairs in times.items():
        opens = [o for o, _c in pairs]
        closes = [c for _o, c in pairs]
        print(
            f"  {name:32} open p50 {statistics.median(opens):6.1f}  p95 {p95(opens):6.1f}"
            f"   close p50 {statistics.median(closes):5.1f}  p95 {p95(closes):5.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
