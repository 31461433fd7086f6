"""time: study sessions, a saved timer, the weekly goal; sessions' notes in search

- ``study_sessions``: minutes on a day, for a task or skill (``subject_kind`` "item"), a
  project ("project", by row id) or nothing; a note; a UUID like every learner record.
- ``study_timers``: one per profile at most; its start is saved so it survives a crash.
- ``profiles``: ``weekly_goal_minutes`` (0: none yet), ``min_minutes_per_day`` (a day counts
  towards a streak from it; 10) and ``ready_by`` (the day the learner wants to be job-ready).
- ``study_notes_fts``: the sessions' notes for search, kept in sync by triggers as in 0002.

Columns are added with ALTER TABLE, so ``profiles`` is not rebuilt.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

SEARCH = [
    f"CREATE VIRTUAL TABLE study_notes_fts USING fts5(note, content = 'study_sessions', content_rowid = 'id', {TOKENIZE})",
    """CREATE TRIGGER study_notes_fts_insert AFTER INSERT ON study_sessions BEGIN
        INSERT INTO study_notes_fts (rowid, note) VALUES (new.id, new.note);
    END""",
    """CREATE TRIGGER study_notes_fts_delete AFTER DELETE ON study_sessions BEGIN
        INSERT INTO study_notes_fts (study_notes_fts, rowid, note) VALUES ('delete', old.id, old.note);
    END""",
    """CREATE TRIGGER study_notes_fts_update AFTER UPDATE OF note ON study_sessions BEGIN
        INSERT INTO study_notes_fts (study_notes_fts, rowid, note) VALUES ('delete', old.id, old.note);
        INSERT INTO study_notes_fts (rowid, note) VALUES (new.id, new.note);
    END""",
]


def upgrade() -> None:
    op.add_column("profiles", sa.Column("weekly_goal_minutes", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("profiles", sa.Column("min_minutes_per_day", sa.Integer(), nullable=False, server_default="10"))
    op.add_column("profiles", sa.Column("ready_by", sa.Date(), nullable=True))
    op.create_table(
        "study_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(), nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_study_sessions_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_sessions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_study_sessions_uuid")),
    )
    op.create_index("ix_study_sessions_profile_id_day", "study_sessions", ["profile_id", "day"])
    op.create_table(
        "study_timers",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(), nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("running_since", sa.DateTime(), nullable=True),
        sa.Column("banked_seconds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_study_timers_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("profile_id", name=op.f("pk_study_timers")),
    )
    for statement in SEARCH:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("schema 0004 is not downgraded; restore a backup made before the update")
