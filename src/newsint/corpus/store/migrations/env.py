"""Alembic environment: runs on the connection the store hands over (online mode only)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsint.corpus.store.tables import Base

config = context.config
connection = config.attributes.get("connection")


def _run(conn: object) -> None:
    # Batch mode lets ALTER TABLE work on SQLite (copy-and-move); a no-op elsewhere.
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the developer's `alembic` command line: the URL comes from alembic.ini or -x db=...
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).begin() as conn:
        _run(conn)
