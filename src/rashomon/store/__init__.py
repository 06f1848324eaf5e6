"""Storage: SQLAlchemy 2 over SQLite (default, a file) or PostgreSQL, migrated by Alembic."""

from rashomon.store.filters import EventFilter
from rashomon.store.store import Store, open_store

__all__ = ["EventFilter", "Store", "open_store"]
