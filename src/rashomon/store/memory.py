"""An in-memory store with the interface of :class:`~rashomon.store.Store` (what httpx's
``MockTransport`` is to its transports): ``rashomon extract`` and ``rashomon eval`` run the same
``Engine`` over it as ``ingest`` does over a database, so what they measure is what a user gets;
tests use it for speed. Nothing is written anywhere; the data lives as long as the object.

A session's savepoint snapshots the tables (dictionaries of immutable-by-use records), so a
failing document is rolled back alone, as in SQL.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rashomon.errors import NotFoundError
from rashomon.link.source import StoredClaim
from rashomon.models import (
    Claim,
    Decisions,
    Document,
    DocumentInfo,
    Event,
    LinkReason,
    now_utc,
)
from rashomon.store.filters import EventFilter
from rashomon.store.search import text_matches


@dataclass
class _Tables:
    documents: dict[str, Document] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    event_of: dict[str, str | None] = field(default_factory=dict)  # claim id -> event id
    events: dict[str, Event] = field(default_factory=dict)  # without claims (see _claims_of)
    aliases: dict[str, str] = field(default_factory=dict)
    audit: list[dict] = field(default_factory=list)

    def copy(self) -> "_Tables":
        return _Tables(dict(self.documents), dict(self.claims), dict(self.event_of),
                       dict(self.events), dict(self.aliases), list(self.audit))


def _named(value: str | None, words: str, names: tuple[str, ...]) -> bool:
    v = (value or "").lower()
    return words.lower() in v or any(v == n.lower() for n in names)


def matches(e: Event, f: EventFilter) -> bool:
    """``store.filters.apply_filter`` in Python (same case-insensitive substring rules)."""
    p = e.place
    low = lambda s: (s or "").lower()  # noqa: E731
    if f.since and not (e.date_end and e.date_end >= f.since):
        return False
    if f.until and not (e.date_start and e.date_start <= f.until):
        return False
    if f.place and not any(_named(x, f.place, f.place_names) for x in
                           ((p.name, p.admin1, p.admin2, p.country) if p else ())):
        return False
    if f.actor and not any(_named(a.name, f.actor, f.actor_names) for a in e.actors):
        return False
    if f.type and not any(f.type.lower() in low(x) for x in (e.event_type, e.sub_event_type)):
        return False
    if f.status and f.status not in (e.status, e.grade):
        return False
    return not (f.updated_since and (e.updated_at is None or e.updated_at < f.updated_since))


class MemorySession:
    """The write session of a :class:`MemoryStore` (the interface of ``SqlSession``)."""

    def __init__(self, store: "MemoryStore") -> None:
        self.store = store

    @property
    def t(self) -> _Tables:
        return self.store._t

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        saved = self.t.copy()
        try:
            yield
        except BaseException:
            self.store._t = saved
            raise

    def known(self, doc_ids: Iterable[str]) -> set[str]:
        return {i for i in doc_ids if i in self.t.documents}

    def insert(self, batch: Sequence[tuple[Document, list[Claim]]]) -> None:
        for doc, found in batch:
            self.t.documents[doc.id] = doc
            for c in found:
                self.t.claims[c.id] = c
                self.t.event_of[c.id] = None

    # ------------------------------------------------------------------ the linker's reads

    def linkable_claims(self, windows: Sequence[tuple[date, date]], incidents: Collection[str],
                        lookback_days: int, max_span_days: int = 31) -> list[StoredClaim]:
        names, docs = set(incidents), set()
        back, span = timedelta(days=lookback_days), timedelta(days=max_span_days)
        for c in self.t.claims.values():
            if c.event_type is None or c.document_id in docs:
                continue
            if c.incident and c.incident.casefold() in names:
                docs.add(c.document_id)
            elif c.date is not None:
                if any(a - span <= c.date.start <= b and c.date.end >= a for a, b in windows):
                    docs.add(c.document_id)
            else:
                pub = self.t.documents[c.document_id].published
                if pub and any(a <= pub <= b + back for a, b in windows):
                    docs.add(c.document_id)
        return self._claims_of(docs)

    def all_linkable_claims(self) -> list[StoredClaim]:
        return self._claims_of({c.document_id for c in self.t.claims.values()})

    def event_ids(self) -> list[str]:
        return sorted(self.t.events)

    def event_documents(self, event_ids: Collection[str]) -> list[StoredClaim]:
        ids = set(event_ids)
        return self._claims_of({c.document_id for c in self.t.claims.values()
                                if self.t.event_of[c.id] in ids})

    def _claims_of(self, docs: set[str]) -> list[StoredClaim]:
        found = [c for c in self.t.claims.values() if c.document_id in docs and c.event_type]
        found.sort(key=lambda c: (c.document_id, c.span.start, c.id))
        return [StoredClaim(c, self.t.event_of[c.id]) for c in found]

    def event_links(self, event_ids: Collection[str]) -> dict[str, list[LinkReason]]:
        return {i: list(self.t.events[i].links) for i in event_ids if i in self.t.events}

    def docinfo(self, doc_ids: Collection[str]) -> dict[str, DocumentInfo]:
        return self.store.docinfo(doc_ids)

    def decisions(self) -> Decisions:
        locked = {e.id: sorted(c for c, i in self.t.event_of.items() if i == e.id)
                  for e in self.t.events.values() if e.locked}
        apart = [(c, e) for a in self.t.audit if a["action"] == "split"
                 for c in a["claim_ids"] for e in a["event_ids"]]
        return Decisions(locked=locked, cannot_link=apart)

    # ------------------------------------------------------------------ events

    def load_event(self, event_id: str) -> Event:
        return self.store.event(event_id)

    def save_events(self, evs: Iterable[Event]) -> None:
        stamp = datetime.now(UTC).replace(tzinfo=None)
        for e in evs:
            for cid, held in list(self.t.event_of.items()):
                if held == e.id:
                    self.t.event_of[cid] = None
            e.updated_at = stamp
            self.t.events[e.id] = e.model_copy(update={"claims": list(e.claims)})
            for c in e.claims:
                self.t.event_of[c.id] = e.id

    def drop_events(self, ids: Iterable[str], replaced_by: dict[str, str] | None = None) -> None:
        gone = set(ids)
        for cid, held in list(self.t.event_of.items()):
            if held in gone:
                self.t.event_of[cid] = None
        for i in gone:
            self.t.events.pop(i, None)
        self.alias(replaced_by or {})

    def alias(self, replaced_by: dict[str, str]) -> None:
        for old, new in replaced_by.items():
            for k, v in list(self.t.aliases.items()):
                if v == old:
                    self.t.aliases[k] = new
            self.t.aliases[old] = new
        for i in list(self.t.aliases):
            if i in self.t.events:
                del self.t.aliases[i]

    def audit(self, action: str, event_ids: list[str], claim_ids: list[str], result: list[str],
              who: str, why: str | None) -> None:
        self.t.audit.append({"action": action, "event_ids": event_ids, "claim_ids": claim_ids,
                             "result_event_ids": result, "who": who, "why": why, "at": now_utc()})


class MemoryStore:
    """Documents, claims and events in memory, with :class:`~rashomon.store.Store`'s methods."""

    db = ":memory:"
    dialect = "memory"

    def __init__(self) -> None:
        self._t = _Tables()

    def close(self) -> None:
        pass

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[MemorySession]:
        saved = self._t.copy()
        try:
            yield MemorySession(self)
        except BaseException:
            self._t = saved
            raise

    # ------------------------------------------------------------------ reads

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._t.documents

    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        return {i for i in doc_ids if i in self._t.documents}

    def count(self, table: str) -> int:
        return len({"documents": self._t.documents, "claims": self._t.claims,
                    "events": self._t.events}[table])

    def _searched(self, f: EventFilter) -> set[str] | None:
        """Ids of the events one of whose documents matches ``f.q`` (``search.text_matches``),
        read in one pass over documents and claims; None without ``q``."""
        if not f.q:
            return None
        hits = {i for i, d in self._t.documents.items() if text_matches(f"{d.title or ''} {d.text}", f.q)}
        return {held for c, held in self._t.event_of.items()
                if held is not None and self._t.claims[c].document_id in hits}

    def _matching(self, f: EventFilter) -> list[Event]:
        searched = self._searched(f)
        return [e for e in self._t.events.values()
                if matches(e, f) and (searched is None or e.id in searched)]

    def events(self, f: EventFilter | None = None, *, with_claims: bool = True) -> list[Event]:
        f = f or EventFilter()
        found = self._matching(f)
        found.sort(key=lambda e: (e.date_start is None, -(e.date_start.toordinal() if e.date_start else 0), e.id))
        found = found[f.offset:][:f.limit] if f.limit else found[f.offset:]
        return [self._copy(e, with_claims) for e in found]

    def count_events(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        return len(self._matching(f))

    def event(self, event_id: str) -> Event:
        e = self._t.events.get(self.resolve(event_id))
        if e is None:
            raise NotFoundError(f"No event with id {event_id}.", code="E404",
                                hint="List events with 'rashomon events'.")
        return self._copy(e, True)

    def resolve(self, event_id: str) -> str:
        return event_id if event_id in self._t.events else self._t.aliases.get(event_id, event_id)

    def _copy(self, e: Event, with_claims: bool) -> Event:
        return e.model_copy(update={"claims": list(e.claims) if with_claims else []})

    def claims(self, *, document_id: str | None = None, event_id: str | None = None,
               claimant: str | None = None, limit: int | None = None) -> list[Claim]:
        found = [c for c in self._t.claims.values()
                 if (document_id is None or c.document_id == document_id)
                 and (event_id is None or self._t.event_of[c.id] == event_id)
                 and (claimant is None or claimant.lower() in (c.claimant or "").lower())]
        found.sort(key=lambda c: (c.document_id, c.span.start))
        return found[:limit] if limit else found

    def claim_event_ids(self, claim_ids: list[str]) -> dict[str, str | None]:
        return {i: self._t.event_of[i] for i in claim_ids if i in self._t.event_of}

    def documents(self, limit: int | None = None, offset: int = 0, *, ids: list[str] | None = None,
                  with_text: bool = False) -> list[Document]:
        docs = [d for d in self._t.documents.values() if ids is None or d.id in set(ids)]
        docs.sort(key=lambda d: (d.published is None, -(d.published.toordinal() if d.published else 0), d.id))
        docs = docs[offset:][:limit] if limit else docs[offset:]
        return [d if with_text else d.model_copy(update={"text": ""}) for d in docs]

    def document(self, doc_id: str) -> Document:
        if doc_id not in self._t.documents:
            raise NotFoundError(f"No document with id {doc_id}.", code="E404",
                                hint="List documents with 'rashomon documents'.")
        return self._t.documents[doc_id]

    def docinfo(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]:
        return {i: self._t.documents[i].info() for i in doc_ids if i in self._t.documents}
