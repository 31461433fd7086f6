"""a typed activity log; a UUID on every record the learner makes; tombstones for deletions

- ``activity``: ``subject`` and ``detail`` (free text) become ``subject_kind``,
  ``subject_id``, ``field``, ``before`` and ``after``; every existing entry is converted
  by ``domain.activity.from_legacy``, the same reading an import of a format-1 export uses.
- ``profiles``, ``item_progress``, ``projects``, ``project_notes``, ``activity`` and
  ``suggestion_feedback`` get a random ``uuid`` (unique), filled in for existing rows.
- ``tombstones``: the UUID, kind and time of each deleted record, and its profile's UUID.

The UUID columns are added with ALTER TABLE, so ``projects``, ``project_notes`` and
``item_progress`` are not rebuilt and their search triggers (0002) stay in place. Only
``activity``, which has no triggers, is rebuilt to drop its old columns.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import uuid

import sqlalchemy as sa
from alembic import op

from roadmap_app.domain.activity import from_legacy

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UUID_TABLES = ("profiles", "item_progress", "projects", "project_notes", "activity", "suggestion_feedback")


def _fill_uuids(conn: sa.Connection, table: str) -> None:
    rowids = [r[0] for r in conn.exec_driver_sql(f"SELECT rowid FROM {table}")]
    if rowids:
        conn.exec_driver_sql(
            f"UPDATE {table} SET uuid = ? WHERE rowid = ?", [(str(uuid.uuid4()), rowid) for rowid in rowids]
        )


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("activity", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("subject_kind", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("subject_id", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("field", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("before", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("after", sa.Text(), nullable=False, server_default=""))
    entries = conn.exec_driver_sql("SELECT id, action, subject, detail FROM activity").fetchall()
    converted = []
    for entry_id, action, subject, detail in entries:
        typed = from_legacy(action, subject or "", detail or "")
        converted.append(
            (typed.action.value, typed.subject_kind.value, typed.subject_id, typed.field, typed.before, typed.after, entry_id)
        )
    if converted:
        conn.exec_driver_sql(
            "UPDATE activity SET action = ?, subject_kind = ?, subject_id = ?, field = ?, before = ?, after = ?"
            " WHERE id = ?",
            converted,
        )
    op.drop_index("ix_activity_profile_id_subject_at", table_name="activity")
    with op.batch_alter_table("activity", recreate="always") as batch_op:
        batch_op.drop_column("subject")
        batch_op.drop_column("detail")
    op.create_index(
        "ix_activity_profile_id_subject_kind_subject_id_at",
        "activity",
        ["profile_id", "subject_kind", "subject_id", "at"],
    )

    for table in UUID_TABLES:
        op.add_column(table, sa.Column("uuid", sa.String(length=36), nullable=True))
        _fill_uuids(conn, table)
        op.create_index(f"uq_{table}_uuid", table, ["uuid"], unique=True)

    op.create_table(
        "tombstones",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("profile_uuid", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_tombstones")),
    )
    op.create_index("ix_tombstones_profile_uuid", "tombstones", ["profile_uuid"])


def downgrade() -> None:
    raise NotImplementedError("schema 0003 is not downgraded; restore a backup made before the update")
