"""Alembic environment: run with the connection rashomon hands over (see store.engine)."""

from alembic import context

from rashomon.store.schema import metadata

connection = context.config.attributes.get("connection")


def run() -> None:
    if connection is None:
        raise RuntimeError("rashomon migrations run through rashomon.store.open_store()")
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run()
