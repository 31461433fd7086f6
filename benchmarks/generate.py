"""Realistic learner profiles for the benchmarks.

``small``: a learner who has just started. ``large``: years of use: 2,000 projects, each
with its skills and five notes of about 1 KB, every task and skill touched (most with a
note), 50,000 activity entries, and 500 job applications, each with its ad (one of the
hand-written test ads), one to five dated stages, interviews, a contact and notes. The database is created by the app itself, so the
schema (with its search triggers) is the real one; the rows go in through one bulk
transaction on the same file.

    python benchmarks/generate.py DATA_DIR --size large
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from roadmap_app.bootstrap import open_services


@dataclass(frozen=True)
class Size:
    projects: int
    notes_per_project: int
    note_bytes: int
    activity: int
    touch_every_item: bool
    study_days: int = 0
    """Days back from today with study sessions (one or two a day, most days)."""
    applications: int = 0


SIZES = {
    "small": Size(projects=0, notes_per_project=0, note_bytes=0, activity=0, touch_every_item=False),
    "large": Size(
        projects=2_000,
        notes_per_project=5,
        note_bytes=1_000,
        activity=50_000,
        touch_every_item=True,
        study_days=5 * 365,
        applications=500,
    ),
    # The same shapes, tiny, for a quick check that everything still runs.
    "quick": Size(
        projects=60,
        notes_per_project=2,
        note_bytes=300,
        activity=500,
        touch_every_item=True,
        study_days=60,
        applications=20,
    ),
}

_VOCABULARY = """
model data training loss accuracy feature pipeline dataset baseline validation test split
regression classification cluster embedding transformer attention token batch epoch gradient
learning rate optimizer overfitting regularisation dropout tuning hyperparameter search grid
random forest boosting xgboost lightgbm logistic linear tree ensemble metric precision recall
latency deployment docker api endpoint monitoring drift retraining schedule airflow sql query
notebook pandas numpy sklearn pytorch tensorflow cuda gpu memory cache label annotation review
customer churn fraud sentiment forecast demand price image text speech audio video sensor
the a of to and in for with on that this it is was we I my our from by at as be have today
yesterday finally tried fixed broke found learned read wrote shipped refactored measured noticed
"""
WORDS = tuple(_VOCABULARY.split())
TITLES = (
    "Churn prediction",
    "Fraud detection",
    "Sentiment of reviews",
    "Demand forecasting",
    "Image classifier",
    "Speech commands",
    "Recommender",
    "Anomaly detection",
    "Price estimation",
    "Document search",
)
STATES = ("done", "in_progress", "skipped", "todo")
ACTIONS = {
    "item": ("item.state", "item.note"),
    "project": ("project.edit", "project.note.add", "project.note.edit"),
}
UUID_TABLES = ("profiles", "item_progress", "projects", "project_notes", "activity", "suggestion_feedback")
ADS = Path(__file__).resolve().parent.parent / "tests" / "data" / "ads"
COMPANIES = ("Acme Analytics", "Globex", "Initech", "Umbrella AI", "Hooli", "Stark Vision", "Wayne Data", "Cyberdyne")
ROLES = ("ML engineer", "Junior ML engineer", "Data scientist", "MLOps engineer", "Applied scientist")
PIPELINE = ("applied", "screening", "interview", "offer")
ENDS = ("rejected", "withdrawn", "accepted")


def fill_uuids(conn: sqlite3.Connection) -> None:
    """Give rows written here with plain SQL the UUID the app gives every record."""
    for table in UUID_TABLES:
        rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE uuid IS NULL")]
        conn.executemany(f"UPDATE {table} SET uuid = ? WHERE rowid = ?", [(str(uuid.uuid4()), r) for r in rowids])


def _text(rng: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choices(WORDS, k=rng.randint(6, 16))
        words.append(" ".join(sentence).capitalize() + ".")
        length += len(words[-1]) + 1
    return " ".join(words)[:size]


def generate(data_dir: Path, size_name: str, *, seed: int = 7) -> Path:
    """Create the data folder with one profile of the given size; returns the database path."""
    size = SIZES[size_name]
    paths, services = open_services(data_dir)
    try:
        profile = services.profiles.current()
        roadmap = services.roadmap
        database = paths.database
    finally:
        services.close()
    if size_name == "small":
        return database

    rng = random.Random(seed)
    skill_ids = [s.id for s in roadmap.skills]
    trackable = [*(t.id for t in roadmap.tasks), *skill_ids]
    start = datetime(2024, 1, 1, 8, 0)
    span = timedelta(days=700)

    def moment() -> str:
        return (start + span * rng.random()).replace(microsecond=0).isoformat(sep=" ")

    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        pid = profile.id
        conn.executemany(
            "INSERT INTO item_progress (profile_id, item_id, state, note, updated_at) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    pid,
                    item_id,
                    rng.choice(STATES),
                    _text(rng, rng.randint(40, 400)) if rng.random() < 0.8 else "",
                    moment(),
                )
                for item_id in trackable
            ],
        )
        projects = []
        for number in range(1, size.projects + 1):
            created = moment()
            status = rng.choice(("idea", "building", "done"))
            projects.append(
                (
                    number,
                    pid,
                    f"{rng.choice(TITLES)} #{number}",
                    _text(rng, rng.randint(80, 300)),
                    status,
                    f"https://example.org/learner/project-{number}" if status != "idea" else "",
                    "",
                    "",
                    created[:10] if status != "idea" else None,
                    created[:10] if status == "done" else None,
                    created,
                    created,
                )
            )
        conn.executemany(
            "INSERT INTO projects (id, profile_id, title, summary, status, repo_url, demo_url, idea_id,"
            " started_on, finished_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            projects,
        )
        conn.executemany(
            "INSERT INTO project_skills (project_id, skill_id) VALUES (?, ?)",
            [(p[0], s) for p in projects for s in rng.sample(skill_ids, k=min(len(skill_ids), rng.randint(1, 5)))],
        )
        conn.executemany(
            "INSERT INTO project_notes (project_id, created_at, updated_at, text) VALUES (?, ?, ?, ?)",
            [
                (p[0], at, at, _text(rng, size.note_bytes))
                for p in projects
                for at in sorted(moment() for _ in range(size.notes_per_project))
            ],
        )
        subjects = [*(("item", t) for t in trackable), *(("project", str(p[0])) for p in projects)]

        def entry() -> tuple[object, ...]:
            kind, subject = rng.choice(subjects)
            action = rng.choice(ACTIONS[kind])
            return (pid, moment(), action, kind, subject, "todo", "done")

        conn.executemany(
            "INSERT INTO activity (profile_id, at, action, subject_kind, subject_id, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            sorted((entry() for _ in range(size.activity)), key=lambda row: str(row[1])),
        )
        today = date.today()
        sessions = []
        for back in range(size.study_days):
            if rng.random() < 0.15:
                continue  # a day off
            day = (today - timedelta(days=back)).isoformat()
            for _ in range(rng.randint(1, 2)):
                kind, subject = rng.choice(subjects)
                sessions.append(
                    (
                        str(uuid.uuid4()),
                        pid,
                        day,
                        rng.choice((15, 25, 30, 45, 60, 90)),
                        kind,
                        subject,
                        _text(rng, 60),
                        f"{day} 20:00:00",
                    )
                )
        conn.executemany(
            "INSERT INTO study_sessions (uuid, profile_id, day, minutes, subject_kind, subject_id, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        if size.study_days:
            conn.execute("UPDATE profiles SET weekly_goal_minutes = 360 WHERE id = ?", (pid,))
        add_applications(conn, rng, pid, size.applications, today)
        fill_uuids(conn)
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
    finally:
        conn.close()
    return database


def _uuid() -> str:
    return str(uuid.uuid4())


def add_applications(conn: sqlite3.Connection, rng: random.Random, pid: int, count: int, today: date) -> None:
    """Job applications over the last two years, each moved on through a few dated stages."""
    ads = [p.read_text(encoding="utf-8") for p in sorted(ADS.glob("*.txt"))]
    stages, interviews, contacts, notes = [], [], [], []
    for number in range(1, count + 1):
        day = today - timedelta(days=rng.randint(0, 730))
        stamp = f"{day} 09:00:00"
        conn.execute(
            "INSERT INTO applications (id, uuid, profile_id, company, role, url, ad_text, location, salary, source,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number, _uuid(), pid, f"{rng.choice(COMPANIES)} #{number}", rng.choice(ROLES),
                f"https://example.org/jobs/{number}", rng.choice(ads), rng.choice(("Berlin", "Remote", "Lyon")),
                "60-70k", rng.choice(("LinkedIn", "Referral", "Company site")), stamp, stamp,
            ),
        )  # fmt: skip
        reached = list(PIPELINE[: rng.randint(1, len(PIPELINE))])
        if rng.random() < 0.4:
            reached.append(rng.choice(ENDS))
        for stage in reached:
            stages.append((_uuid(), number, stage, min(day, today).isoformat(), _text(rng, 40), stamp))
            day += timedelta(days=rng.randint(1, 12))
        for _ in range(rng.randint(0, 2) if "interview" in reached else 0):
            on = (today - timedelta(days=rng.randint(-10, 700))).isoformat()
            interviews.append(
                (_uuid(), number, on, rng.choice(("phone", "technical", "onsite")), _text(rng, 120), stamp)
            )
        if rng.random() < 0.6:
            contacts.append((_uuid(), number, f"Contact {number}", "Recruiter", f"hr{number}@example.org", stamp))
        notes.extend((_uuid(), number, _text(rng, 300), stamp, stamp) for _ in range(rng.randint(0, 2)))
    conn.executemany(
        'INSERT INTO application_stages (uuid, application_id, stage, "on", note, created_at)'
        " VALUES (?, ?, ?, ?, ?, ?)",
        stages,
    )
    conn.executemany(
        'INSERT INTO application_interviews (uuid, application_id, "on", kind, note, created_at)'
        " VALUES (?, ?, ?, ?, ?, ?)",
        interviews,
    )
    conn.executemany(
        "INSERT INTO application_contacts (uuid, application_id, name, role, email, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        contacts,
    )
    conn.executemany(
        "INSERT INTO application_notes (uuid, application_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        notes,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    args = parser.parse_args(argv)
    if (args.data_dir / "roadmap.sqlite3").exists():
        parser.error(f"{args.data_dir} already holds a database; give an empty folder")
    began = time.perf_counter()
    database = generate(args.data_dir, args.size)
    print(
        f"{args.size} profile in {database} ({database.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - began:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
