"""Alembic environment: runs on the connection (and transaction) given by migrate.py."""

from alembic import context

from roadmap_app.storage.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
