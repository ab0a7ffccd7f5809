"""Alembic environment: always run on a connection SchoolDP has already opened and keyed."""

from __future__ import annotations

from alembic import context

from schooldp.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
