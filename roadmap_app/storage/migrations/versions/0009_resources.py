"""learning resources on tasks and skills, with their search

- ``resources``: a course, book, video, docs page or article the learner keeps on an item
  (a task or skill id), with its link, kind, progress ("3 of 10") and done.
- ``resources_fts``: full-text search over their titles and links, kept in sync by triggers
  as in 0002 (external content keyed by the integer ids).

Only new tables: the existing ones and their triggers are untouched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# As in 0002: unicode61 folds case and accents; prefixes make "last word as typed" cheap.
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

SEARCH = (
    f"CREATE VIRTUAL TABLE resources_fts USING fts5(title, url, content = 'resources', content_rowid = 'id', {TOKENIZE})",
    """CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
        INSERT INTO resources_fts (rowid, title, url) VALUES (new.id, new.title, new.url);
    END""",
    """CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
        INSERT INTO resources_fts (resources_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url);
    END""",
    """CREATE TRIGGER resources_fts_update AFTER UPDATE OF title, url ON resources BEGIN
        INSERT INTO resources_fts (resources_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url);
        INSERT INTO resources_fts (rowid, title, url) VALUES (new.id, new.title, new.url);
    END""",
)


def upgrade() -> None:
    op.create_table(
        "resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_resources_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resources")),
        sa.UniqueConstraint("uuid", name=op.f("uq_resources_uuid")),
    )
    op.create_index("ix_resources_profile_id_item_id_position", "resources", ["profile_id", "item_id", "position"])
    for statement in SEARCH:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("schema 0009 is not downgraded; restore a backup made before the update")
