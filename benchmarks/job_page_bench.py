"""The Job search page with 500 applications: the service's list, and the page through the
window (from the call to the end of its repaint), p50 and p95 in milliseconds.

The applications are made through the services in a temporary folder: a third with an ad
of about 400 words, a quarter with an interview, a contact and a note, spread over every
stage.

    QT_QPA_PLATFORM=offscreen python benchmarks/job_page_bench.py --repeats 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from window_bench import PaintCounter, settle, timed

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.jobs import Stage
from roadmap_app.domain.pages import PageName
from roadmap_app.services import Services

AD = " ".join(["We build ranking models in Python and PyTorch, with SQL, Docker and Kubernetes on AWS."] * 30)


def fill(services: Services, profile_id: int, count: int) -> None:
    today = services.study.now().date()
    stages = list(Stage)
    for i in range(count):
        app = services.jobs.add(
            profile_id, f"Company {i}", "Machine learning engineer", stage=Stage.APPLIED,
            on=today - timedelta(days=60), ad_text=AD if i % 3 == 0 else "", location="Berlin",
        )  # fmt: skip
        stage = stages[i % len(stages)]
        if stage not in (Stage.APPLIED, Stage.SAVED):
            services.jobs.set_stage(profile_id, app.id, stage, on=today - timedelta(days=i % 50), note="a call")
        if i % 4 == 0:
            services.jobs.add_interview(profile_id, app.id, today - timedelta(days=5))
            services.jobs.add_contact(profile_id, app.id, "Kim Lee", role="Recruiter")
            services.jobs.add_note(profile_id, app.id, "Ask about the team. " * 10)


def p50_p95(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):6.1f} / {ordered[max(0, round(0.95 * len(ordered)) - 1)]:6.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)

    from roadmap_app.ui.app.run import application
    from roadmap_app.ui.pages.registry import JOB_SEARCH
    from roadmap_app.ui.window.main_window import MainWindow
    from roadmap_app.ui.window.undo_jobs import AddJobRecordCommand

    app = application()
    paints = PaintCounter()
    app.installEventFilter(paints)
    with tempfile.TemporaryDirectory() as folder:
        paths, services = open_services(Path(folder) / "data")
        try:
            me = services.profiles.current().id
            fill(services, me, args.applications)
            listing = []
            for _ in range(args.repeats):
                began = time.perf_counter()
                services.jobs.list(me)
                listing.append((time.perf_counter() - began) * 1000)
            window = MainWindow(services, paths, services.profiles.current())
            window.resize(1200, 800)
            window.show()
            window.show_page(PageName.JOB_SEARCH)
            page = window.page(JOB_SEARCH)
            settle(app, paints, paints.count)
            ids = [a.id for a in services.jobs.list(me)]
            refresh = [timed(app, paints, page.refresh) for _ in range(args.repeats)]
            select = [
                timed(app, paints, lambda n=n: page.select(ids[(n * 37) % len(ids)])) for n in range(args.repeats)
            ]
            ctx, stages = window.ctx, list(Stage)

            def move(n: int) -> None:  # through the undo stack, as Move to stage… does
                target = ids[(n * 53) % len(ids)]
                stage = stages[n % len(stages)]
                ctx.run(AddJobRecordCommand(ctx, "Move", "stage", target, stage, on=services.study.now().date()))

            moving = [timed(app, paints, lambda n=n: move(n)) for n in range(args.repeats)]
            undoing = [timed(app, paints, ctx.undo_stack.undo) for _ in range(args.repeats)]
            window.close()
        finally:
            services.close()
    print(f"{args.applications} applications, {args.repeats} repeats (p50 / p95)")
    print(f"  service: list every application         {p50_p95(listing)}")
    print(f"  window: re-read the page, to repaint    {p50_p95(refresh)}")
    print(f"  window: select another, to repaint      {p50_p95(select)}")
    print(f"  window: move one to a stage, to repaint {p50_p95(moving)}")
    print(f"  window: undo it, to repaint             {p50_p95(undoing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
