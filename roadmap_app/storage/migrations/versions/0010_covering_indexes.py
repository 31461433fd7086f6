"""indexes that hold what the history reads, so that it reads no table rows

- ``activity``: ``(profile_id, at)`` becomes ``(profile_id, at, action)``. The history's
  changes per day count a year of entries by their day, study entries left out: the
  action was read from each entry's row.
- ``study_sessions``: ``(profile_id, day)`` becomes ``(profile_id, day, minutes)``. The
  streaks add up the minutes of every day studied: they were read from each session's row.

Each new index serves every query the old one did (it starts with the same columns).
No table or row changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_activity_profile_id_at_action", "activity", ["profile_id", "at", "action"])
    op.drop_index("ix_activity_profile_id_at", table_name="activity")
    op.create_index("ix_study_sessions_profile_id_day_minutes", "study_sessions", ["profile_id", "day", "minutes"])
    op.drop_index("ix_study_sessions_profile_id_day", table_name="study_sessions")


def downgrade() -> None:
    op.create_index("ix_study_sessions_profile_id_day", "study_sessions", ["profile_id", "day"])
    op.drop_index("ix_study_sessions_profile_id_day_minutes", table_name="study_sessions")
    op.create_index("ix_activity_profile_id_at", "activity", ["profile_id", "at"])
    op.drop_index("ix_activity_profile_id_at_action", table_name="activity")
