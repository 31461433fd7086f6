"""Screenshots of every page in the light and dark themes, on a demo profile.

Run from the repository: `python docs/take_screenshots.py` (no display needed).
The demo data is made through the services in a temporary folder; nothing real is touched.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSize

from roadmap_app.bootstrap import open_services
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.pages import PageName
from roadmap_app.services import Services
from roadmap_app.ui.app.run import application
from roadmap_app.ui.window.main_window import MainWindow
from roadmap_app.ui.window.theme import ThemeMode

OUT = Path(__file__).resolve().parent / "screenshots"
# The sizes of a common laptop screen and of a small one: "" and "-small" in the file names.
SIZES = {"": QSize(1366, 860), "-small": QSize(1024, 640)}

DONE = [
    "task.credential.choose-path",
    "task.credential.check-job-ads",
    "task.credential.enrol",
    "task.credential.complete",
    "skill.python",
    "skill.sql",
    "skill.linear-algebra",
    "skill.calculus",
    "skill.probability",
]
LEARNING = ["skill.descriptive-statistics", "skill.data-preprocessing", "skill.scikit-learn"]

NOTE = """# Week 3: a first baseline

Trained a **logistic regression** on TF-IDF features: 0.81 F1 on the held-out set.

- clean the emoji handling before the next run
- try a small transformer (see [the Hugging Face course](https://huggingface.co/course))

> Remote images such as ![badge](https://example.com/badge.png) are never fetched.
"""


def fill_demo(services: Services) -> int:
    """A learner a few weeks in: one step done, skills under way, two projects with notes."""
    profile = services.profiles.create("Sam")
    services.profiles.use(profile.id)
    services.profiles.set_goal(profile.id, current_step_id="step.skills", target_career_id=_first_ml_role(services))
    known = {s.id for s in services.roadmap.skills} | {t.id for t in services.roadmap.tasks}
    for item in DONE:
        if item in known:
            services.progress.set_state(profile.id, item, ItemState.DONE)
    for item in LEARNING:
        if item in known:
            services.progress.set_state(profile.id, item, ItemState.IN_PROGRESS)
    first_skill_task = services.roadmap.steps[1].tasks[0].id
    services.progress.set_state(profile.id, first_skill_task, ItemState.IN_PROGRESS)
    services.progress.set_note(profile.id, "skill.python", "Finished the official tutorial; next: typing and tests.")
    if "skill.python" in known:
        services.resources.add(
            profile.id, "skill.python", "Fluent Python, 2nd edition", kind="book", of=24, progress=9,
            url="https://www.oreilly.com/library/view/fluent-python-2nd/9781492056348/",
        )  # fmt: skip
        services.resources.add(profile.id, "skill.python", "Python testing with pytest", kind="video", done=True)
    idea = services.roadmap.project_ideas[0]
    project = services.portfolio.start_from_idea(profile.id, idea.id)
    services.portfolio.update(
        profile.id, project.id, status=ProjectStatus.BUILDING, repo_url="https://github.com/sam/" + idea.id[5:]
    )
    services.portfolio.add_note(profile.id, project.id, "# Plan\n\nCollect the data set and write a baseline.")
    services.portfolio.add_note(profile.id, project.id, NOTE)
    services.portfolio.add(
        profile.id,
        "House price regression",
        summary="Gradient boosting on a public housing data set, with a small web demo.",
        status=ProjectStatus.DONE,
        repo_url="https://github.com/sam/house-prices",
        skill_ids=[s for s in ("skill.python", "skill.scikit-learn") if s in known],
    )
    # A few months of study, most days, towards a weekly goal of 6 hours.
    services.profiles.set_goal(profile.id, weekly_goal_minutes=360)
    today = services.study.now().date()
    for back in range(150):
        if (back * 7) % 10 < 3:
            continue  # a day off, in a pattern that repeats
        minutes = (20, 45, 30, 60, 90)[back % 5]
        subject = ("skill.python", "task.skills.maths", "skill.sql", "", f"project:{project.id}")[back % 5]
        services.study.log(profile.id, minutes, subject, day=today - timedelta(days=back), note="")
    if "step.credential" in {s.id for s in services.roadmap.steps}:
        services.credentials.add(
            profile.id, "BSc Computer Science", kind="degree", provider="Open University", status="done",
            skill_ids=[s for s in ("skill.python", "skill.linear-algebra") if s in known],
        )  # fmt: skip
    return project.id


def _first_ml_role(services: Services) -> str:
    steps = services.roadmap.career_steps
    return next((c.id for c in steps if "machine learning engineer" in c.title.lower()), steps[0].id)


def main() -> int:
    # A screen large enough for the biggest window, so that no window is fitted onto a smaller one.
    screen = Path(tempfile.gettempdir()) / "roadmap-screenshots-screen.json"
    screen.write_text('{"screens": [{"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1200}]}')
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        paths, services = open_services(Path(folder) / "data")
        try:
            demo_project = fill_demo(services)
            for (suffix, size), theme in itertools.product(SIZES.items(), (ThemeMode.LIGHT, ThemeMode.DARK)):
                window = MainWindow(services, paths, services.profiles.current())
                window.set_theme(theme)
                window.show()
                window.resize(size)
                for name in PageName:
                    window.show_page(name)
                    if name == "roadmap":
                        window.roadmap.select_step("step.skills")
                    if name == "skills":
                        window.skills.select_skill("skill.python")
                    if name == "portfolio":
                        window.portfolio.select_project(demo_project)
                        window.portfolio.editor.tabs.setCurrentIndex(1)
                    for _ in range(5):
                        app.processEvents()
                    target = OUT / f"{name}-{theme.value}{suffix}.png"
                    window.grab().save(str(target))
                    print(target.relative_to(OUT.parent.parent))
                window.close()
                window.deleteLater()
                app.processEvents()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
