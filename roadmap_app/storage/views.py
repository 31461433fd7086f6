"""Light Core views of some tables, for the reads a command makes on every run.

Importing ``storage.tables`` costs about 40 ms (24 declarative classes) and its first ORM
query about 10 ms more (the mappers are configured). These are SQLAlchemy Core
``table()``/``column()`` clauses with the same names and column types, so a read through
them converts values (dates, times) exactly as the ORM does, at none of that cost.
They are for reading only: writes go through ``storage.tables``. Each column here is
checked against that schema by tests/test_plain_tables.py. They are reached as
``storage.plain.NAME``, which imports this module (and SQLAlchemy) on first use.
"""

from __future__ import annotations

from sqlalchemy import Date, DateTime, Integer, String, Text, column, table

settings = table("settings", column("key", String), column("value", String))

profiles = table(
    "profiles",
    column("id", Integer),
    column("uuid", String),
    column("name", String),
    column("created_at", DateTime),
    column("current_step_id", String),
    column("target_career_id", String),
    column("weekly_goal_minutes", Integer),
    column("min_minutes_per_day", Integer),
    column("ready_by", Date),
)

item_progress = table(
    "item_progress",
    column("profile_id", Integer),
    column("item_id", String),
    column("state", String),
    column("note", Text),
    column("updated_at", DateTime),
)

own_items = table(
    "own_items",
    column("id", Integer),
    column("uuid", String),
    column("profile_id", Integer),
    column("item_id", String),
    column("kind", String),
    column("title", String),
    column("description", Text),
    column("step_id", String),
    column("category_id", String),
    column("category_name", String),
    column("prerequisites", Text),
    column("position", Integer),
    column("created_at", DateTime),
    column("updated_at", DateTime),
    column("removed_at", DateTime),
)

projects = table(
    "projects",
    column("id", Integer),
    column("uuid", String),
    column("profile_id", Integer),
    column("title", String),
    column("summary", Text),
    column("status", String),
    column("repo_url", String),
    column("demo_url", String),
    column("idea_id", String),
    column("started_on", Date),
    column("finished_on", Date),
    column("created_at", DateTime),
    column("updated_at", DateTime),
)

project_skills = table("project_skills", column("project_id", Integer), column("skill_id", String))

credentials = table(
    "credentials",
    column("id", Integer),
    column("uuid", String),
    column("profile_id", Integer),
    column("title", String),
    column("status", String),
)
credential_skills = table("credential_skills", column("credential_id", Integer), column("skill_id", String))

experiences = table(
    "experiences", column("id", Integer), column("uuid", String), column("profile_id", Integer), column("title", String)
)
experience_skills = table("experience_skills", column("experience_id", Integer), column("skill_id", String))

task_links = table(
    "task_links",
    column("profile_id", Integer),
    column("task_id", String),
    column("record_kind", String),
    column("record_id", Integer),
    column("record_uuid", String),
)

activity = table(
    "activity",
    column("id", Integer),
    column("profile_id", Integer),
    column("at", DateTime),
    column("action", String),
    column("subject_kind", String),
    column("subject_id", String),
    column("field", String),
    column("before", Text),
    column("after", Text),
)

suggestion_feedback = table(
    "suggestion_feedback",
    column("profile_id", Integer),
    column("key", String),
    column("snoozed_until", Date),
    column("dismissed_fingerprint", String),
)

study_sessions = table(
    "study_sessions",
    column("id", Integer),
    column("profile_id", Integer),
    column("day", Date),
    column("minutes", Integer),
    column("subject_kind", String),
    column("subject_id", String),
)

ALL = (
    settings,
    profiles,
    item_progress,
    own_items,
    projects,
    project_skills,
    credentials,
    credential_skills,
    experiences,
    experience_skills,
    task_links,
    activity,
    suggestion_feedback,
    study_sessions,
)
