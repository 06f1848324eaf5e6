"""One write transaction: what the ``Engine`` does to the database while it stores a batch.

A :class:`SqlSession` wraps the connection of a write transaction (``Store.session()``, under
the cross-process writer lock). It inserts documents and claims, answers the linker's reads
(it is a :class:`~rashomon.link.source.LinkSource`), saves and drops events, records replaced
event ids and audit entries. Nothing here decides anything: the engine does, in the order
read -> extract -> link -> assess -> store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from rashomon.errors import NotFoundError
from rashomon.link.source import StoredClaim
from rashomon.models import (
    Claim,
    Decisions,
    Document,
    DocumentInfo,
    Event,
    LinkReason,
    ReviewChange,
    now_utc,
)
from rashomon.store import review as review_sql
from rashomon.store import rows
from rashomon.store.schema import (
    audit_log,
    claims,
    documents,
    event_actors,
    event_aliases,
    events,
)

_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def shift(d: date, days: int) -> date:
    """``d`` moved by ``days``, stopped at the calendar's ends (a window next to year 1 or 9999
    would overflow)."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


class SqlSession:
    """Reads and writes of one transaction (see the module docstring)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: rolled back alone when the block raises."""
        nested = self.conn.begin_nested()
        try:
            yield
        except BaseException:
            nested.rollback()
            raise
        nested.commit()

    # ------------------------------------------------------------------ documents and claims

    def known(self, doc_ids: Iterable[str]) -> set[str]:
        return known_ids(self.conn, doc_ids)

    def insert(self, batch: Sequence[tuple[Document, list[Claim]]]) -> None:
        """Insert documents with their claims (claims in no event yet)."""
        if batch:
            self.conn.execute(insert(documents), [rows.document_row(d, len(f)) for d, f in batch])
        found = [rows.claim_row(c) for _, f in batch for c in f]
        if found:
            self.conn.execute(insert(claims), found)

    # ------------------------------------------------------------------ the linker's reads

    def linkable_claims(self, windows: Sequence[tuple[date, date]], incidents: Collection[str],
                        lookback_days: int, max_span_days: int = 31) -> list[StoredClaim]:
        docs: set[str] = set()
        linkable = claims.c.event_type.is_not(None)
        for part in _chunks(list(windows), 50):
            # a unit is blockable only when its dates span at most max_span_days, so its start
            # lies at most that far before the window: the date index is scanned, not the table
            dated = or_(*(and_(claims.c.date_start.between(shift(a, -max_span_days), b),
                               claims.c.date_end >= a) for a, b in part))
            docs.update(r[0] for r in self.conn.execute(
                select(claims.c.document_id).where(linkable, dated).distinct()))
            undated = or_(*(documents.c.published.between(a, shift(b, lookback_days))
                            for a, b in part))
            q = (select(claims.c.document_id).join(documents, documents.c.id == claims.c.document_id)
                 .where(linkable, claims.c.date_start.is_(None), undated).distinct())
            docs.update(r[0] for r in self.conn.execute(q))
        for part in _chunks(sorted(incidents)):
            q = select(claims.c.document_id).where(linkable, claims.c.incident.in_(part)).distinct()
            docs.update(r[0] for r in self.conn.execute(q))
        return self._claims_of(docs)

    def all_linkable_claims(self) -> list[StoredClaim]:
        """Every claim with an event type (for relinking the whole store)."""
        q = (select(claims.c.payload, claims.c.event_id).where(claims.c.event_type.is_not(None))
             .order_by(claims.c.document_id, claims.c.start, claims.c.id))
        return [StoredClaim(Claim.model_validate(r.payload), r.event_id) for r in self.conn.execute(q)]

    def event_ids(self) -> list[str]:
        return [r.id for r in self.conn.execute(select(events.c.id).order_by(events.c.id))]

    def event_documents(self, event_ids: Collection[str]) -> list[StoredClaim]:
        docs: set[str] = set()
        for part in _chunks(sorted(event_ids)):
            q = select(claims.c.document_id).where(claims.c.event_id.in_(part)).distinct()
            docs.update(r[0] for r in self.conn.execute(q))
        return self._claims_of(docs)

    def _claims_of(self, doc_ids: Collection[str]) -> list[StoredClaim]:
        out = []
        for part in _chunks(sorted(doc_ids)):
            q = (select(claims.c.payload, claims.c.event_id)
                 .where(claims.c.document_id.in_(part), claims.c.event_type.is_not(None))
                 .order_by(claims.c.document_id, claims.c.start, claims.c.id))
            out += [StoredClaim(Claim.model_validate(r.payload), r.event_id) for r in self.conn.execute(q)]
        return out

    def event_links(self, event_ids: Collection[str]) -> dict[str, list[LinkReason]]:
        out = {}
        for part in _chunks(sorted(event_ids)):
            for r in self.conn.execute(select(events.c.id, events.c.payload).where(events.c.id.in_(part))):
                out[r.id] = [LinkReason.model_validate(x) for x in r.payload.get("links", [])]
        return out

    def docinfo(self, doc_ids: Collection[str]) -> dict[str, DocumentInfo]:
        return load_docinfo(self.conn, doc_ids)

    def decisions(self) -> Decisions:
        return load_decisions(self.conn)

    # ------------------------------------------------------------------ events

    def load_event(self, event_id: str) -> Event:
        return load_event(self.conn, event_id)

    def save_events(self, evs: Iterable[Event]) -> None:
        """Write events (replacing rows of the same id) and point their claims at them."""
        evs = list(evs)
        if not evs:
            return
        ids = [e.id for e in evs]
        for part in _chunks(ids):
            self.conn.execute(update(claims).where(claims.c.event_id.in_(part)).values(event_id=None))
            self.conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(part)))
            self.conn.execute(delete(events).where(events.c.id.in_(part)))
        # microseconds, unlike other stamps: (id, updated_at) identifies an event's version
        # (incremental sync), and one event can be re-saved within a second
        stamp = _utc_now_micro()
        self.conn.execute(insert(events), [rows.event_row(e, stamp) for e in evs])
        for e in evs:
            e.updated_at = stamp
        actor_rows = [r for e in evs for r in rows.actor_rows(e)]
        if actor_rows:
            self.conn.execute(insert(event_actors), actor_rows)
        held = [{"cid": c.id, "eid": e.id} for e in evs for c in e.claims]
        if held:  # an empty list would run the statement once, without parameters
            self.conn.execute(update(claims).where(claims.c.id == bindparam("cid"))
                              .values(event_id=bindparam("eid")), held)

    def drop_events(self, ids: Iterable[str], replaced_by: dict[str, str] | None = None) -> None:
        """Remove events (their claims stay, in no event until relinked); each id in
        ``replaced_by`` keeps pointing at the event that took over its claims."""
        ids = sorted(set(ids))
        for part in _chunks(ids):
            self.conn.execute(update(claims).where(claims.c.event_id.in_(part)).values(event_id=None))
            self.conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(part)))
            self.conn.execute(delete(events).where(events.c.id.in_(part)))
        self.alias(replaced_by or {})

    def alias(self, replaced_by: dict[str, str]) -> None:
        """Record old id -> new id, and move older aliases of the old ids along (no chains)."""
        if not replaced_by:
            return
        stamp = now_utc()
        for old, new in sorted(replaced_by.items()):
            self.conn.execute(update(event_aliases).where(event_aliases.c.new_id == old)
                              .values(new_id=new, at=stamp))
        olds = sorted(replaced_by)
        for part in _chunks(olds):
            self.conn.execute(delete(event_aliases).where(event_aliases.c.old_id.in_(part)))
        self.conn.execute(insert(event_aliases), [{"old_id": o, "new_id": replaced_by[o], "at": stamp}
                                                  for o in olds])
        # an id that exists again as an event is no alias
        live = [r.id for r in self.conn.execute(select(events.c.id).where(
            events.c.id.in_(sorted(set(replaced_by.values()) | set(olds)))))]
        if live:
            self.conn.execute(delete(event_aliases).where(event_aliases.c.old_id.in_(live)))

    def review_changes(self, event_ids: Collection[str]) -> dict[str, list[ReviewChange]]:
        """Event id -> its review changes (following replaced ids), for ``rashomon.review``."""
        return review_sql.changes_for(self.conn, event_ids)

    def add_review_changes(self, changes: Iterable[ReviewChange]) -> None:
        review_sql.append_changes(self.conn, changes)

    def audit(self, action: str, event_ids: list[str], claim_ids: list[str], result: list[str],
              who: str, why: str | None) -> None:
        self.conn.execute(insert(audit_log).values(action=action, event_ids=event_ids,
                                                   claim_ids=claim_ids, result_event_ids=result,
                                                   who=who, why=why, at=now_utc()))


def _utc_now_micro() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def known_ids(conn: Connection, doc_ids: Iterable[str]) -> set[str]:
    """Which of these document ids are stored."""
    found: set[str] = set()
    for part in _chunks(sorted(set(doc_ids))):
        found.update(r.id for r in conn.execute(select(documents.c.id).where(documents.c.id.in_(part))))
    return found


def load_docinfo(conn: Connection, ids: Collection[str]) -> dict[str, DocumentInfo]:
    out: dict[str, DocumentInfo] = {}
    for part in _chunks(sorted(ids)):
        q = select(documents.c.id, documents.c.published, documents.c.outlet, documents.c.url,
                   documents.c.title).where(documents.c.id.in_(part))
        for r in conn.execute(q):
            out[r.id] = DocumentInfo(id=r.id, published=r.published, outlet=r.outlet, url=r.url,
                                     title=r.title)
    return out


def load_decisions(conn: Connection) -> Decisions:
    """Analyst decisions read back for the linker, so it never undoes them."""
    locked: dict[str, list[str]] = {}
    q = (select(events.c.id, claims.c.id.label("claim_id"))
         .join(claims, claims.c.event_id == events.c.id).where(events.c.locked.is_(True)))
    for r in conn.execute(q.order_by(events.c.id, claims.c.id)):
        locked.setdefault(r.id, []).append(r.claim_id)
    apart: list[tuple[str, str]] = []
    for r in conn.execute(select(audit_log.c.claim_ids, audit_log.c.event_ids)
                          .where(audit_log.c.action == "split")):
        apart += [(cid, eid) for cid in r.claim_ids for eid in r.event_ids]
    return Decisions(locked=locked, cannot_link=apart)


def load_event(conn: Connection, event_id: str) -> Event:
    row = conn.execute(select(events.c.payload, events.c.updated_at)
                       .where(events.c.id == event_id)).first()
    if row is None:
        raise NotFoundError(f"No event with id {event_id}.", code="E404",
                            hint="List events with 'rashomon events'.")
    ev = rows.event_from_row(row.payload, row.updated_at)
    attach_claims(conn, [ev])
    return ev


def attach_claims(conn: Connection, evs: list[Event]) -> None:
    if not evs:
        return
    by_id = {e.id: e for e in evs}
    for e in evs:
        e.claims = []
    for part in _chunks(list(by_id)):
        q = select(claims.c.event_id, claims.c.payload).where(claims.c.event_id.in_(part))
        for r in conn.execute(q.order_by(claims.c.document_id, claims.c.start)):
            by_id[r.event_id].claims.append(Claim.model_validate(r.payload))
