"""the learner's own tasks and skills

- ``own_items``: a task (on a step) or a skill (in a category of the roadmap's, or one of
  the learner's own) with its title, description and prerequisites; ``removed_at`` marks
  one the learner removed, kept so that its progress shows as archived with its title.
- ``own_items_fts``: full-text search over their titles and descriptions, kept in sync by
  triggers as in 0002.

Only new tables: the existing ones and their triggers are untouched.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
COLUMNS = "title, description"


def upgrade() -> None:
    op.create_table(
        "own_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("step_id", sa.String(), nullable=False),
        sa.Column("category_id", sa.String(), nullable=False),
        sa.Column("category_name", sa.String(), nullable=False),
        sa.Column("prerequisites", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_own_items_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_items")),
        sa.UniqueConstraint("uuid", name=op.f("uq_own_items_uuid")),
        sa.UniqueConstraint("profile_id", "item_id", name="uq_own_items_profile_id_item_id"),
    )
    new = "new.title, new.description"
    old = "old.title, old.description"
    for statement in (
        f"CREATE VIRTUAL TABLE own_items_fts USING fts5({COLUMNS}, content = 'own_items', content_rowid = 'id', {TOKENIZE})",
        f"""CREATE TRIGGER own_items_fts_insert AFTER INSERT ON own_items BEGIN
            INSERT INTO own_items_fts (rowid, {COLUMNS}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER own_items_fts_delete AFTER DELETE ON own_items BEGIN
            INSERT INTO own_items_fts (own_items_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER own_items_fts_update AFTER UPDATE OF {COLUMNS} ON own_items BEGIN
            INSERT INTO own_items_fts (own_items_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {old});
            INSERT INTO own_items_fts (rowid, {COLUMNS}) VALUES (new.id, {new});
        END""",
    ):
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("schema 0008 is not downgraded; restore a backup made before the update")
