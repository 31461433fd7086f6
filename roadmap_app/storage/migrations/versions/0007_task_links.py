"""task_links: a task of step 1, 3 or 4 done by a credential, a project or an experience

One new table; the existing ones are untouched. A link names its record by kind, row id
and UUID (see ``TaskLinkRow``): no foreign key, as the record may be in one of three tables.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_links",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(), nullable=False),
        sa.Column("record_kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_task_links_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("profile_id", "task_id", "record_kind", "record_id", name=op.f("pk_task_links")),
    )
    op.create_index(
        "ix_task_links_profile_id_record_kind_record_id", "task_links", ["profile_id", "record_kind", "record_id"]
    )


def downgrade() -> None:
    raise NotImplementedError("schema 0007 is not downgraded; restore a backup made before the update")
