"""Screenshots of every page in the light and dark themes, on a demo profile.

Run from the repository: `python docs/take_screenshots.py` (no display needed), or with
page names (`python docs/take_screenshots.py job_search`) for those pages only.
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
from roadmap_app.domain.jobs import InterviewKind, Stage
from roadmap_app.domain.model import ItemState, ProjectStatus
from roadmap_app.domain.pages import PageName
from roadmap_app.services import Services
from roadmap_app.ui.app.run import application
from roadmap_app.ui.pages.registry import JOB_SEARCH
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


AD = """Machine Learning Engineer, Search

You will train and ship ranking models in Python with PyTorch, write SQL against our
warehouse, and deploy with Docker and Kubernetes on AWS. Experience with MLflow and
Spark is a plus. Strong written and verbal communication.
"""

#: A dozen applications: company, role, location, salary, source, then (stage, days ago, note).
JOBS = [
    ("Nimbus Labs", "Machine learning engineer", "Berlin, hybrid", "€65–75k", "LinkedIn",
     [(Stage.APPLIED, 30, ""), (Stage.SCREENING, 24, "Recruiter call"), (Stage.INTERVIEW, 12, "Technical round booked")]),
    ("Orbital Analytics", "Junior ML engineer", "Remote (EU)", "€55k", "Company site",
     [(Stage.APPLIED, 9, "")]),
    ("Quill Health", "Data scientist, NLP", "Amsterdam", "", "Referral from Priya",
     [(Stage.APPLIED, 21, ""), (Stage.SCREENING, 16, "")]),
    ("Tessellate", "ML engineer, computer vision", "Munich", "€70k", "Job board",
     [(Stage.APPLIED, 40, ""), (Stage.INTERVIEW, 28, ""), (Stage.OFFER, 3, "Offer by email, answer by Friday")]),
    ("Brightline Retail", "ML platform engineer", "Remote", "", "LinkedIn",
     [(Stage.APPLIED, 35, ""), (Stage.REJECTED, 20, "Wanted more Kubernetes")]),
    ("Fathom Maps", "Applied scientist", "Zurich", "CHF 110k", "Meetup",
     [(Stage.SAVED, 2, "")]),
    ("Kestrel AI", "Machine learning engineer", "Paris", "", "Company site",
     [(Stage.SAVED, 5, "")]),
    ("Lumen Energy", "Forecasting engineer", "Copenhagen", "DKK 600k", "Job board",
     [(Stage.APPLIED, 6, "")]),
    ("Mosaic Bank", "ML engineer, fraud", "London", "£60k", "Recruiter",
     [(Stage.APPLIED, 50, ""), (Stage.SCREENING, 44, ""), (Stage.WITHDRAWN, 30, "Took too long")]),
    ("Pebble Robotics", "Perception intern", "Lisbon", "", "University fair",
     [(Stage.APPLIED, 18, ""), (Stage.REJECTED, 10, "")]),
    ("Riverbed Media", "Recommendation engineer", "Remote", "€60k", "LinkedIn",
     [(Stage.APPLIED, 14, ""), (Stage.SCREENING, 8, "")]),
    ("Sable Security", "ML engineer, anomaly detection", "Vienna", "", "Referral",
     [(Stage.APPLIED, 4, "")]),
]  # fmt: skip


def fill_jobs(services: Services, profile_id: int) -> int:
    """The dozen applications above; the one with interviews, contacts and notes is returned."""
    today = services.study.now().date()
    shown = 0
    for company, role, location, salary, source, steps in JOBS:
        first, *rest = steps
        app = services.jobs.add(
            profile_id, company, role, stage=first[0], on=today - timedelta(days=first[1]),
            url=f"https://jobs.example/{company.split()[0].lower()}", location=location, salary=salary,
            source=source, ad_text=AD if not shown else "",
        )  # fmt: skip
        for stage, back, note in rest:
            services.jobs.set_stage(profile_id, app.id, stage, on=today - timedelta(days=back), note=note)
        if not shown:
            shown = app.id
            services.jobs.add_interview(
                profile_id, app.id, today - timedelta(days=20), kind=InterviewKind.PHONE, note="30 min with HR"
            )
            services.jobs.add_interview(
                profile_id, app.id, today + timedelta(days=2), kind=InterviewKind.TECHNICAL, note="Ranking case study"
            )
            services.jobs.add_contact(profile_id, app.id, "Jana Weber", role="Recruiter", email="jana@nimbus.example")
            services.jobs.add_contact(profile_id, app.id, "Tom Okafor", role="Hiring manager")
            services.jobs.add_note(profile_id, app.id, "Ask about the on-call rota and the GPU budget.")
    return shown


def _first_ml_role(services: Services) -> str:
    steps = services.roadmap.career_steps
    return next((c.id for c in steps if "machine learning engineer" in c.title.lower()), steps[0].id)


def main() -> int:
    # A screen large enough for the biggest window, so that no window is fitted onto a smaller one.
    screen = Path(tempfile.gettempdir()) / "roadmap-screenshots-screen.json"
    screen.write_text('{"screens": [{"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1200}]}')
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    app = application()
    wanted = [PageName(a) for a in sys.argv[1:]] or list(PageName)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        paths, services = open_services(Path(folder) / "data")
        try:
            demo_project = fill_demo(services)
            demo_job = fill_jobs(services, services.profiles.current().id)
            for (suffix, size), theme in itertools.product(SIZES.items(), (ThemeMode.LIGHT, ThemeMode.DARK)):
                window = MainWindow(services, paths, services.profiles.current())
                window.set_theme(theme)
                window.show()
                window.resize(size)
                for name in wanted:
                    window.show_page(name)
                    if name == "roadmap":
                        window.roadmap.select_step("step.skills")
                    if name == "skills":
                        window.skills.select_skill("skill.python")
                    if name == "job_search":
                        window.page(JOB_SEARCH).select(demo_job)
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
