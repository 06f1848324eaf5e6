"""Opening a database: engine creation, SQLite pragmas, Alembic migrations, writer locks.

Concurrency: every write transaction that links claims into events is serialised across
processes, because linking reads the events a document may join and rewrites them; two writers
interleaving there could each rewrite the same event from a stale copy (losing claims) or create
the same incident twice. On PostgreSQL the writers take a transaction-level advisory lock
(``pg_advisory_xact_lock``, released at commit or rollback, so a killed writer never leaves it
held); on SQLite they open the transaction with ``BEGIN IMMEDIATE`` (SQLite's single writer lock,
taken up front so a reader never has to upgrade mid-transaction, which WAL would refuse with
SQLITE_BUSY). Readers are never blocked by either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from rashomon.errors import StoreError
from rashomon.settings import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Advisory lock keys (any 64-bit numbers unique to rashomon): one for writers, one for migrations.
WRITE_LOCK = 0x5241_5348_0001
MIGRATE_LOCK = 0x5241_5348_0002
_BEGIN_OPTION = "rashomon_sqlite_begin"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own implicit BEGIN is switched off: SQLAlchemy's "begin" hook below emits it,
    # so a write transaction can ask for BEGIN IMMEDIATE (and SAVEPOINTs work as documented).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    # WAL: readers never block the writer, and a killed writer leaves the last commit intact.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


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
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, future=True, pool_pre_ping=True)
        return engine
    except SQLAlchemyError as exc:
        raise StoreError(f"Cannot open database {db}: {exc.__class__.__name__}.", code="E302") from exc
    except ImportError as exc:
        raise StoreError(f"Cannot open database {db}: its driver is not installed ({exc.name}).",
                         code="E302", hint="PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'.") from exc


@contextmanager
def write_transaction(engine: Engine, key: int = WRITE_LOCK) -> Iterator[Connection]:
    """A transaction holding the cross-process writer lock (see the module docstring).

    Input: an engine. Output: an open connection inside the transaction; committed on normal
    exit, rolled back on an exception (which propagates).
    """
    if engine.dialect.name == "sqlite":
        with engine.connect().execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}) as conn, conn.begin():
            yield conn
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent; safe when several processes
    open a fresh database at once: they migrate one after the other)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with write_transaction(engine, MIGRATE_LOCK) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        reason = one_line(str(exc.orig if hasattr(exc, "orig") else exc))
        unreachable = "connection" in reason and "failed" in reason
        hint = ("Check that the PostgreSQL server is running and that the URL's host, port, user and "
                "database are right." if unreachable else "Check that the path or URL points to a rashomon database.")
        raise StoreError(f"Cannot prepare the database: {reason}.", code="E303", hint=hint) from exc


def one_line(reason: str) -> str:
    """A driver's message as one clause: libpq writes one "connection to server at ... failed"
    line per address tried (localhost is ::1 and 127.0.0.1), each followed by its own "Is the
    server running ...?" advice; the error keeps each distinct line once and gives its own hint."""
    lines: list[str] = []
    for line in (raw.strip() for raw in reason.splitlines()):
        if line and not line.startswith("Is the server running") and line not in lines:
            lines.append(line)
    return "; ".join(lines).rstrip(".?! ") or "no reason given"
