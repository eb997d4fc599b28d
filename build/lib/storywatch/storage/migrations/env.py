"""Alembic environment: storywatch passes its own connection (see storage/store.py)."""

from alembic import context
from alembic.util import CommandError

from storywatch.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise CommandError("no database: storywatch passes its connection (storage/store.py), "
                           "or set sqlalchemy.url")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
