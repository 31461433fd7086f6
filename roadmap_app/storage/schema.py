"""Schema revisions this version of the app knows, oldest first.

Kept apart from Alembic so that a normal start can check the version without importing
it. A test checks that this list matches the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD_REVISION = KNOWN_REVISIONS[-1]
