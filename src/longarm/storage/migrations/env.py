"""Alembic environment: runs migrations on the connection longarm hands over."""

from __future__ import annotations

from alembic import context

from longarm.storage.tables import Base

connection = context.config.attributes.get("connection")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
