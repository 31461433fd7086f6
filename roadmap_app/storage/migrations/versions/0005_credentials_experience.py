"""credentials (step 1) and experience (step 4), with their skills, notes and search

- ``credentials`` and ``credential_skills``: a degree, certificate, course or bootcamp and
  the skills it covers.
- ``experiences``, ``experience_skills`` and ``experience_notes``: an internship, job,
  competition... with the skills used and dated Markdown notes, like a project's.
- ``credentials_fts``, ``experiences_fts`` and ``experience_notes_fts``: full-text search,
  kept in sync by triggers as in 0002 (external content keyed by the integer ids).

Only new tables: the existing ones and their triggers are untouched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# As in 0002: unicode61 folds case and accents; prefixes make "last word as typed" cheap.
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

# (fts table, content table, indexed columns)
INDEXED = (
    ("credentials_fts", "credentials", ("title", "provider", "note")),
    ("experiences_fts", "experiences", ("title", "organisation", "summary")),
    ("experience_notes_fts", "experience_notes", ("text",)),
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


def _record_table(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        *columns,
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name=op.f(f"fk_{name}_profile_id_profiles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid")),
    )
    op.create_index(f"ix_{name}_profile_id", name, ["profile_id"])


def _skill_table(name: str, owner: str, owner_table: str) -> None:
    op.create_table(
        name,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint([owner], [f"{owner_table}.id"], name=op.f(f"fk_{name}_{owner}_{owner_table}"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(owner, "skill_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_skill_id", name, ["skill_id"])


def upgrade() -> None:
    _record_table(
        "credentials",
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("provider", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    _skill_table("credential_skills", "credential_id", "credentials")
    _record_table(
        "experiences",
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
    )
    _skill_table("experience_skills", "experience_id", "experiences")
    op.create_table(
        "experience_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("experience_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_experience_notes_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experience_notes")),
        sa.UniqueConstraint("uuid", name=op.f("uq_experience_notes_uuid")),
    )
    op.create_index(
        "ix_experience_notes_experience_id_updated_at", "experience_notes", ["experience_id", "updated_at"]
    )
    for statement in _search_statements():
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("schema 0005 is not downgraded; restore a backup made before the update")
