"""`roadmap check FILE`: validate a roadmap file without opening any learner's data."""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_app.content import load_roadmap
from roadmap_app.domain.pace import DEFAULT_HOURS
from roadmap_app.domain.suggestion_wording import count_of


def roadmap_check(args: argparse.Namespace, _ctx: object) -> int:
    """Print what the file holds, or raise ContentError naming ``file: key: problem``."""
    roadmap = load_roadmap(Path(args.file))
    tasks, skills = roadmap.tasks, roadmap.skills
    counts = ", ".join(
        (
            count_of(len(roadmap.steps), "step"),
            count_of(len(tasks), "task"),
            f"{count_of(len(skills), 'skill')} in {count_of(len(roadmap.categories), 'category', 'categories')}",
            count_of(len(roadmap.project_ideas), "project idea"),
            count_of(len(roadmap.outside_skills), "outside skill"),
        )
    )
    print(f"{Path(args.file).name}: ok: roadmap '{roadmap.id}' version {roadmap.version}, {counts}")
    unestimated = [t.id for t in tasks if t.effort is None] + [s.id for s in skills if s.effort is None]
    if unestimated:
        shown = ", ".join(unestimated[:3]) + (f" and {len(unestimated) - 3} more" if len(unestimated) > 3 else "")
        print(
            f"note: {len(unestimated)} tasks and skills have no hours estimate ({shown}); the pace plan counts {DEFAULT_HOURS:g} h for each"
        )
    return 0
