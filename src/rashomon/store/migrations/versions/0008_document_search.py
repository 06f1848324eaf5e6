"""Full-text search over documents: an FTS5 index on SQLite, a GIN index on PostgreSQL.

The statements live in ``rashomon.store.search`` beside the query that uses them (the PostgreSQL
index only serves a query that repeats its expression exactly).

Revision ID: 0008
Revises: 0007
"""
from alembic import op

from rashomon.store import search

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in search.POSTGRES_DDL if postgres else search.SQLITE_DDL:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in search.POSTGRES_DROP if postgres else search.SQLITE_DROP:
        op.execute(statement)
