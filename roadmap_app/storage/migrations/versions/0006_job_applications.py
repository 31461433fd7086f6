"""job applications (step 5): the application, its dated stage changes, interviews,
contacts and notes, with search

- ``applications``: company, role, the ad's text, link, location, salary text, source.
- ``application_stages``: the dated timeline; the stage is read from its newest change.
- ``application_interviews``, ``application_contacts``, ``application_notes``.
- ``applications_fts`` and one search table per child with text, kept in sync by triggers
  as in 0002 (external content keyed by the integer ids).

Every child goes with its application (ON DELETE CASCADE). Only new tables: the existing
ones and their triggers are untouched.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# As in 0002: unicode61 folds case and accents; prefixes make "last word as typed" cheap.
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

# (fts table, content table, indexed columns)
INDEXED = (
    ("applications_fts", "applications", ("company", "role", "ad_text")),
    ("application_stages_fts", "application_stages", ("note",)),
    ("application_interviews_fts", "application_interviews", ("note",)),
    ("application_contacts_fts", "application_contacts", ("name", "role", "email")),
    ("application_notes_fts", "application_notes", ("text",)),
)


def _search_statements() -> list[str]:
    statements = []
    for fts, table, columns in INDEXED:
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content = '{table}', content_rowid = 'id', {TOKENIZE})",
            f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
                INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});
            END""",
            f"""CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
                INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});
            END""",
            f"""CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN
                INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});
                INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});
            END""",
        ]
    return statements


def _child_table(name: str, *columns: sa.Column[object]) -> None:
    """A table of rows that belong to one application and go with it."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f(f"fk_{name}_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid")),
    )
    op.create_index(f"ix_{name}_application_id", name, ["application_id"])


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("company", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("ad_text", sa.Text(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("salary", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f("fk_applications_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("uuid", name=op.f("uq_applications_uuid")),
    )
    op.create_index("ix_applications_profile_id", "applications", ["profile_id"])
    _child_table(
        "application_stages",
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    _child_table(
        "application_interviews",
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    _child_table(
        "application_contacts",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
    )
    _child_table(
        "application_notes",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    for statement in _search_statements():
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("schema 0006 is not downgraded; restore a backup made before the update")
