"""The store: documents, claims and events in SQLite (default) or PostgreSQL.

Write path: :meth:`Store.add_documents` stores a batch of documents, their claims and the events
they touch in ONE transaction (a savepoint per document), so a crash or ``kill -9`` leaves either
whole documents or none of them; a re-run then completes the work (the content hash makes it
idempotent). Writers are serialised across processes (see ``store.engine``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from rashomon.errors import NotFoundError, StoreError
from rashomon.models import Claim, Document, Event, now_utc
from rashomon.store import rows
from rashomon.store.cache import EventCache
from rashomon.store.engine import make_engine, migrate, write_transaction
from rashomon.store.filters import EventFilter, apply_filter
from rashomon.store.schema import audit_log, claims, documents, event_actors, events

# Relinks the events new documents touch (a batch, or one document); given the open connection so
# it reads and writes inside their transaction. Returns the events to save. A linker with a
# ``saved(events)`` method is told once they are saved (``relink.StoreLinker`` caches them).
Linker = Callable[[Connection, list[Document], list[Claim]], list[Event]]


class Store:
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

    def write(self):
        """A write transaction holding the cross-process writer lock (context manager yielding
        the connection): use it for any write that reads events and rewrites them."""
        return write_transaction(self.engine)

    def add_document(self, doc: Document, found: list[Claim], linker: Linker | None = None
                     ) -> tuple[bool, list[Event]]:
        """Store ``doc`` with its claims and relink; returns (is_new, events touched).

        One transaction under the cross-process writer lock (``engine.write_transaction``), so
        concurrent ingesters neither duplicate the document nor lose or duplicate event rows.
        """
        result = self.add_documents([(doc, found)], linker)[0]
        if isinstance(result, Exception):
            raise result
        return result

    def add_documents(self, batch: Sequence[tuple[Document, list[Claim]]], linker: Linker | None = None
                      ) -> list[tuple[bool, list[Event]] | Exception]:
        """Store a batch of documents in input order in ONE transaction (one commit, one lock).

        Input: (document, claims) pairs; the linker. Output: per document, (is_new, events
        holding its claims), or the exception that document raised. The batch is first stored
        and linked as a whole (a few statements and ONE linker call: the cost of ingest); if
        that raises, it is redone one document per SAVEPOINT, so a failing document is rolled
        back alone and the rest of the batch is committed.
        """
        out: list[tuple[bool, list[Event]] | Exception] = []
        if not batch:
            return out
        try:
            with write_transaction(self.engine) as conn:
                nested = conn.begin_nested()
                try:
                    out = self._add_together(conn, batch, linker)
                    nested.commit()
                except Exception:  # find the culprit: one savepoint per document
                    nested.rollback()
                    out = [self._add_one(conn, doc, found, linker) for doc, found in batch]
        except SQLAlchemyError as exc:
            first = batch[0][0] if batch else None
            raise StoreError(f"Could not store document {first.id if first else ''}: "
                             f"{exc.__class__.__name__}.", code="E310",
                             location=first.source if first else None) from exc
        return out

    def _add_together(self, conn: Connection, batch: Sequence[tuple[Document, list[Claim]]],
                      linker: Linker | None) -> list[tuple[bool, list[Event]]]:
        # Under the writer lock, so no other process can store one of these ids meanwhile.
        stored = known_ids(conn, [doc.id for doc, _ in batch])
        new: list[tuple[Document, list[Claim]]] = []
        fresh: list[bool] = []
        for doc, found in batch:
            fresh.append(doc.id not in stored)  # a document repeated within the batch is not
            if fresh[-1]:
                stored.add(doc.id)
                new.append((doc, found))
        if new:
            conn.execute(insert(documents), [rows.document_row(d, len(f)) for d, f in new])
        found_all = [c for _, found in new for c in found]
        if found_all:
            conn.execute(insert(claims), [rows.claim_row(c) for c in found_all])
        touched = linker(conn, [d for d, _ in new], found_all) if linker and found_all else []
        self.save_events(conn, touched)
        if hasattr(linker, "saved"):
            linker.saved(touched)
        holding: dict[str, list[Event]] = {}
        for e in touched:
            for doc_id in {c.document_id for c in e.claims}:
                holding.setdefault(doc_id, []).append(e)
        return [(True, holding.get(doc.id, [])) if is_new else (False, [])
                for (doc, _), is_new in zip(batch, fresh)]

    def _add_one(self, conn: Connection, doc: Document, found: list[Claim], linker: Linker | None
                 ) -> tuple[bool, list[Event]] | Exception:
        nested = conn.begin_nested()
        try:
            result = self._add_together(conn, [(doc, found)], linker)[0]
            nested.commit()
            return result
        except SQLAlchemyError as exc:
            nested.rollback()
            return StoreError(f"Could not store document {doc.id}: {exc.__class__.__name__}.",
                              code="E310", location=doc.source)
        except Exception as exc:  # a linker bug: this document is rolled back, the batch goes on
            nested.rollback()
            return exc

    def save_events(self, conn: Connection, evs: Iterable[Event]) -> None:
        evs = list(evs)
        if not evs:
            return
        ids = [e.id for e in evs]
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(ids)))
        conn.execute(delete(events).where(events.c.id.in_(ids)))
        # microseconds, unlike other stamps: (id, updated_at) identifies an event's version
        # (``store.cache``, incremental sync), and one event can be re-saved within a second
        stamp = datetime.utcnow()
        conn.execute(insert(events), [rows.event_row(e, stamp) for e in evs])
        for e in evs:
            e.updated_at = stamp
        actor_rows = [r for e in evs for r in rows.actor_rows(e)]
        if actor_rows:
            conn.execute(insert(event_actors), actor_rows)
        held = [{"cid": c.id, "eid": e.id} for e in evs for c in e.claims]
        if held:  # an empty list would run the statement once, without parameters
            conn.execute(update(claims).where(claims.c.id == bindparam("cid")).values(event_id=bindparam("eid")), held)

    def drop_events(self, conn: Connection, ids: list[str]) -> None:
        drop_events(conn, ids)

    def audit(self, conn: Connection, action: str, event_ids: list[str], claim_ids: list[str],
              result: list[str], who: str, why: str | None) -> None:
        conn.execute(insert(audit_log).values(action=action, event_ids=event_ids,
                                              claim_ids=claim_ids, result_event_ids=result,
                                              who=who, why=why, at=now_utc()))

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
                self._attach_claims(conn, found)
        return found

    def count_events(self, f: EventFilter | None = None) -> int:
        q = apply_filter(select(func.count()).select_from(events), f or EventFilter())
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def event(self, event_id: str) -> Event:
        with self.engine.connect() as conn:
            return self.load_event(conn, event_id)

    def load_event(self, conn: Connection, event_id: str) -> Event:
        row = conn.execute(select(events.c.payload, events.c.updated_at)
                           .where(events.c.id == event_id)).first()
        if row is None:
            raise NotFoundError(f"No event with id {event_id}.", code="E404",
                                hint="List events with 'rashomon events'.")
        ev = rows.event_from_row(row.payload, row.updated_at)
        self._attach_claims(conn, [ev])
        return ev

    def _attach_claims(self, conn: Connection, evs: list[Event]) -> None:
        attach_claims(conn, evs)

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

    def audit_entries(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(audit_log).order_by(audit_log.c.id))]


def drop_events(conn: Connection, ids: list[str]) -> None:
    """Remove events (their claims stay, unassigned until relinked)."""
    if ids:
        conn.execute(update(claims).where(claims.c.event_id.in_(ids)).values(event_id=None))
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(ids)))
        conn.execute(delete(events).where(events.c.id.in_(ids)))


def known_ids(conn: Connection, doc_ids: Iterable[str]) -> set[str]:
    """Which of these document ids are stored (one query per 500 ids)."""
    ids, found = sorted(set(doc_ids)), set()
    for i in range(0, len(ids), 500):
        found.update(r.id for r in conn.execute(select(documents.c.id).where(documents.c.id.in_(ids[i:i + 500]))))
    return found


def events_in_windows(conn: Connection, windows: Sequence[tuple[date, date]] | None,
                      cache: EventCache | None = None) -> list[Event]:
    """Events overlapping any of the (start, end) windows (all events for None), with claims.
    An undated event counts as dated by the publication of its reports.

    With a ``cache``, only the ids and stamps are read for events it already holds unchanged;
    the others are loaded, validated and added to it. Callers must not modify returned events.
    """
    if windows is not None and not windows:
        return []
    found: dict[str, Event | None] = {}
    stamps: dict[str, datetime | None] = {}
    for i in range(0, len(windows), 50) if windows else [0]:
        cols = [events.c.id, events.c.updated_at] + ([] if cache is not None else [events.c.payload])
        q = select(*cols)
        if windows:
            q = q.where(or_(*(_overlapping(s, e) for s, e in windows[i:i + 50])))
        for r in conn.execute(q):
            if r.id not in found:
                stamps[r.id] = r.updated_at
                found[r.id] = (cache.get(r.id, r.updated_at) if cache is not None
                               else rows.event_from_row(r.payload, r.updated_at))
    missing = [k for k, v in found.items() if v is None]
    if cache is not None and missing:
        fresh = []
        for i in range(0, len(missing), 500):
            q = select(events.c.id, events.c.payload, events.c.updated_at).where(events.c.id.in_(missing[i:i + 500]))
            fresh += [rows.event_from_row(r.payload, r.updated_at) for r in conn.execute(q)]
        attach_claims(conn, fresh)
        for ev in fresh:
            found[ev.id] = ev
            cache.put(ev)
    elif cache is None:
        attach_claims(conn, [e for e in found.values() if e is not None])
    return [e for e in found.values() if e is not None]


def _overlapping(start: date, end: date):
    undated = select(claims.c.event_id).join(documents, documents.c.id == claims.c.document_id
                                             ).where(documents.c.published.between(start, end))
    return or_(and_(events.c.date_end >= start, events.c.date_start <= end),
               and_(events.c.date_start.is_(None), events.c.id.in_(undated)))


def attach_claims(conn: Connection, evs: list[Event]) -> None:
    if not evs:
        return
    by_id = {e.id: e for e in evs}
    for e in evs:
        e.claims = []
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        q = select(claims.c.event_id, claims.c.payload).where(claims.c.event_id.in_(ids[i:i + 500]))
        for r in conn.execute(q.order_by(claims.c.document_id, claims.c.start)):
            by_id[r.event_id].claims.append(Claim.model_validate(r.payload))


def open_store(db: str) -> Store:
    """Open (creating and migrating if needed) the database at a path or URL."""
    return Store(db)
