"""Opening a database: engine creation, SQLite pragmas, Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from rashomon.errors import StoreError
from rashomon.settings import database_url

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last commit intact.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(db: str) -> Engine:
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            path = Path(url.split(":///", 1)[1])
            if str(path) != ":memory:" and not path.parent.exists():
                raise StoreError(f"The folder for database {path} does not exist.", code="E301",
                                 hint="Create the folder or pass another --db path.")
            engine = create_engine(url, future=True)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, future=True, pool_pre_ping=True)
        return engine
    except SQLAlchemyError as exc:
        raise StoreError(f"Cannot open database {db}: {exc.__class__.__name__}.", code="E302") from exc


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"Cannot prepare the database: {exc.orig if hasattr(exc, 'orig') else exc}",
                         code="E303", hint="Check that the path or URL points to a rashomon database.") from exc
