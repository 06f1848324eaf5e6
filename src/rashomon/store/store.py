"""The store: documents, claims and events in SQLite (default) or PostgreSQL.

Reads are methods of :class:`Store`. Writes happen in a :meth:`Store.session`: one transaction
under the cross-process writer lock (``store.engine``), through a
:class:`~rashomon.store.session.SqlSession`; the ``Engine`` (``rashomon.ingest.engine``) stores a
batch of documents, their claims and the events they change in one session, so a crash or
``kill -9`` leaves either whole batches or none; a re-run completes the work (the content hash
makes it idempotent).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select

from rashomon.errors import NotFoundError, StoreError
from rashomon.models import Claim, Document, DocumentInfo, Event, ReviewChange
from rashomon.store import review as review_sql
from rashomon.store import rows
from rashomon.settings import database_url
from rashomon.store.engine import make_engine, migrate, write_transaction
from rashomon.store.filters import EventFilter, apply_filter
from rashomon.store.schema import claims, documents, event_aliases, events
from rashomon.store.session import (
    SqlSession,
    attach_claims,
    known_ids,
    load_docinfo,
    load_event,
)


class Store:
    """A rashomon database (SQLite path or SQLAlchemy URL), migrated on open."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.engine = make_engine(db)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ------------------------------------------------------------------ writes

    @contextmanager
    def session(self) -> Iterator[SqlSession]:
        """A write transaction holding the writer lock: committed when the block ends, rolled
        back when it raises."""
        with write_transaction(self.engine) as conn:
            yield SqlSession(conn)

    # ------------------------------------------------------------------ reads

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already (one query per 500 ids)."""
        with self.engine.connect() as conn:
            return known_ids(conn, doc_ids)

    def count(self, table: str) -> int:
        t = {"documents": documents, "claims": claims, "events": events}[table]
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t)).scalar_one()

    def events(self, f: EventFilter | None = None, *, with_claims: bool = True) -> list[Event]:
        f = f or EventFilter()
        q = apply_filter(select(events.c.payload, events.c.id, events.c.updated_at), f)
        q = q.order_by(events.c.date_start.desc().nulls_last(), events.c.id).offset(f.offset)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            found = [rows.event_from_row(r.payload, r.updated_at) for r in conn.execute(q)]
            if with_claims:
                attach_claims(conn, found)
        return found

    def count_events(self, f: EventFilter | None = None) -> int:
        q = apply_filter(select(func.count()).select_from(events), f or EventFilter())
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def event(self, event_id: str) -> Event:
        """One event with its claims; an id replaced by relinking leads to the event that took
        over its claims (``resolve``)."""
        with self.engine.connect() as conn:
            return load_event(conn, self._resolve(conn, event_id))

    def resolve(self, event_id: str) -> str:
        """The current id of an event: itself, or the event that replaced it."""
        with self.engine.connect() as conn:
            return self._resolve(conn, event_id)

    def _resolve(self, conn, event_id: str) -> str:
        if conn.execute(select(events.c.id).where(events.c.id == event_id)).first():
            return event_id
        row = conn.execute(select(event_aliases.c.new_id).where(event_aliases.c.old_id == event_id)).first()
        return row.new_id if row else event_id

    def claims(self, *, document_id: str | None = None, event_id: str | None = None,
               claimant: str | None = None, limit: int | None = None) -> list[Claim]:
        q = select(claims.c.payload).order_by(claims.c.document_id, claims.c.start)
        if document_id:
            q = q.where(claims.c.document_id == document_id)
        if event_id:
            q = q.where(claims.c.event_id == event_id)
        if claimant:
            q = q.where(claims.c.claimant.ilike(f"%{claimant}%"))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [Claim.model_validate(r.payload) for r in conn.execute(q)]

    def claim_event_ids(self, claim_ids: list[str]) -> dict[str, str | None]:
        with self.engine.connect() as conn:
            q = select(claims.c.id, claims.c.event_id).where(claims.c.id.in_(claim_ids))
            return {r.id: r.event_id for r in conn.execute(q)}

    def documents(self, limit: int | None = None, offset: int = 0, *, ids: list[str] | None = None,
                  with_text: bool = False) -> list[Document]:
        cols = [c for c in documents.c if with_text or c.name != "text"]
        q = select(*cols).order_by(documents.c.published.desc().nulls_last(), documents.c.id)
        if ids is not None:
            q = q.where(documents.c.id.in_(ids))
        q = q.offset(offset)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [rows.document_from_row(r) for r in conn.execute(q)]

    def document(self, doc_id: str) -> Document:
        with self.engine.connect() as conn:
            r = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
        if r is None:
            raise NotFoundError(f"No document with id {doc_id}.", code="E404",
                                hint="List documents with 'rashomon documents'.")
        return rows.document_from_row(r)

    # ------------------------------------------------------------------ review

    def review_candidates(self, review_status: str | None = None) -> list[Event]:
        """Every event (of one review status), with its claims: the review queue sorts them."""
        q = select(events.c.payload, events.c.updated_at)
        if review_status:
            q = q.where(events.c.review_status == review_status)
        with self.engine.connect() as conn:
            found = [rows.event_from_row(r.payload, r.updated_at) for r in conn.execute(q)]
            attach_claims(conn, found)
        return found

    def review_changes(self, event_id: str) -> list[ReviewChange]:
        """The review changes of an event (and of the ids it replaced), oldest first."""
        with self.engine.connect() as conn:
            return review_sql.changes_for(conn, [event_id])[event_id]

    def audit_rows(self, event_id: str) -> list[dict]:
        """The merge/split audit rows naming this event or an id it replaced."""
        with self.engine.connect() as conn:
            ids = review_sql.former_ids(conn, [event_id])[event_id]
            return review_sql.audit_rows(conn, ids)

    def docinfo(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """Publication metadata of these documents."""
        with self.engine.connect() as conn:
            return load_docinfo(conn, set(doc_ids))


def open_store(db: str, create: bool = True) -> Store:
    """Open (migrating if needed) the database at a path or URL. With ``create=False`` a SQLite
    file that does not exist is an error (E304) instead of a new empty database: read-only
    commands use it, so a mistyped ``--db`` never answers "0 events"."""
    if not create:
        must_exist(db)
    return Store(db)


def must_exist(db: str) -> None:
    """Raise E304 when ``db`` names a SQLite file that does not exist (URLs are not checked:
    a server's database is created by its administrator)."""
    url = database_url(db)
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1]
        if path != ":memory:" and not Path(path).is_file():
            raise StoreError(f"No database at {db}.", code="E304",
                             hint=f"Create one with 'rashomon ingest FILES --db {db}', or check the path.")
