"""The Engine: the one path from documents to events, for every entry point.

    read -> extract -> link -> assess -> store

``rashomon ingest`` (batches, ``--workers``, ``--dask``), ``rashomon extract``, ``rashomon eval``,
``POST /api/documents`` and the Python API all go through :class:`Engine`: over a database
(:meth:`Engine.open`) or over the in-memory store (:meth:`Engine.in_memory`), which is how
``extract`` and ``eval`` show and measure exactly what ``ingest`` stores.

Storing a batch is one transaction (:meth:`Engine.store_batch`): its documents and claims are
inserted, the new claims are linked into what is stored (``link.relink``: the events are those
of one batch over everything, whatever the batch sizes and order), the events that changed are
assessed (``assess``) and written. If the batch fails, it is redone one document per savepoint,
so a failing document is rolled back alone and the rest of the batch is kept.
"""

from __future__ import annotations

import errno

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from rashomon.assess import assess_events, claimant_kinds
from rashomon.review import review_events
from rashomon.assess.claimants import ClaimantRecord, track_record
from rashomon.errors import StoreError
from rashomon.extract.pipeline import Pipeline
from rashomon.link import LinkSettings, actor_parents, link_claims, relink
from rashomon.models import Claim, Document, DocumentCreate, Event
from rashomon.packs import KnowledgePack, load_pack
from rashomon.settings import Settings
from rashomon.store import EventFilter, Store, open_store
from rashomon.store.memory import MemoryStore


@dataclass
class Stored:
    """What storing one document did: new (or a duplicate), and the events holding its claims."""

    new: bool
    events: list[Event] = field(default_factory=list)


class Engine:
    """Extracts, links, assesses and stores documents with one knowledge pack (see the module
    docstring). ``store``: a :class:`~rashomon.store.Store` or a
    :class:`~rashomon.store.memory.MemoryStore`."""

    def __init__(self, store: Store | MemoryStore, pack: KnowledgePack | str | None = None,
                 link_settings: LinkSettings | None = None) -> None:
        self.store = store
        if pack is None or isinstance(pack, str):
            pack = load_pack(pack or Settings.from_env().pack)
        self.pack = pack
        self.link_settings = link_settings or LinkSettings.for_pack(pack)
        self.parents = actor_parents(pack)
        self.kinds = claimant_kinds(pack)
        self._pipeline: Pipeline | None = None

    @classmethod
    def open(cls, db: str | None = None, pack: KnowledgePack | str | None = None) -> "Engine":
        """An engine over the database at ``db`` (default ``RASHOMON_DB`` or ``rashomon.db``)."""
        return cls(open_store(db or Settings.from_env().db), pack)

    @classmethod
    def in_memory(cls, pack: KnowledgePack | str | None = None) -> "Engine":
        """An engine over a fresh in-memory store (nothing is written anywhere)."""
        return cls(MemoryStore(), pack)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ the stages

    @property
    def pipeline(self) -> Pipeline:
        """The extraction pipeline, built on first use (reads and merges never load it)."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.pack)
        return self._pipeline

    def extract(self, doc: Document) -> list[Claim]:
        """Stage 2 alone: the claims of one document (nothing stored)."""
        return self.pipeline(doc)

    def store_batch(self, batch: Sequence[tuple[Document, list[Claim]]]) -> list[Stored | Exception]:
        """Store documents with their claims, link and assess, in ONE transaction.

        Output, per document in input order: :class:`Stored`, or the exception that document
        raised (its savepoint rolled back, the others kept). A document repeated in the batch
        or already stored is not new. Raises :class:`StoreError` when the database itself fails.
        """
        if not batch:
            return []
        try:
            with self.store.session() as s:
                try:
                    with s.savepoint():
                        return self._store_together(s, batch)
                except Exception:  # find the culprit: one savepoint per document
                    return [self._store_one(s, doc, found) for doc, found in batch]
        except SQLAlchemyError as exc:
            raise store_failure(exc, batch[0][0]) from exc

    def _store_one(self, s, doc: Document, found: list[Claim]) -> Stored | Exception:
        try:
            with s.savepoint():
                return self._store_together(s, [(doc, found)])[0]
        except SQLAlchemyError as exc:
            return store_failure(exc, doc)
        except Exception as exc:  # a bug in linking or assessment: this document alone fails
            return exc

    def _store_together(self, s, batch: Sequence[tuple[Document, list[Claim]]]) -> list[Stored]:
        known = s.known([doc.id for doc, _ in batch])  # under the writer lock
        fresh: list[bool] = []
        new: list[tuple[Document, list[Claim]]] = []
        for doc, found in batch:
            fresh.append(doc.id not in known)
            if fresh[-1]:  # a document repeated within the batch is stored once
                known.add(doc.id)
                new.append((doc, found))
        s.insert(new)
        touched = self._link(s, new)
        holding: dict[str, list[Event]] = {}
        for e in touched:
            for doc_id in {c.document_id for c in e.claims}:
                holding.setdefault(doc_id, []).append(e)
        return [Stored(True, holding.get(doc.id, [])) if is_new else Stored(False)
                for (doc, _), is_new in zip(batch, fresh)]

    def _link(self, s, new: Sequence[tuple[Document, list[Claim]]]) -> list[Event]:
        """Stages 3 and 4 inside the session: relink, assess, write."""
        found = [c for _, f in new for c in f]
        if not any(c.event_type for c in found):
            return []
        changes = relink(s, found, self.link_settings, self.parents,
                         docinfo={d.id: d.info() for d, _ in new})
        docinfo = changes.docinfo
        missing = {c.document_id for e in changes.events for c in e.claims} - set(docinfo)
        if missing:
            docinfo.update(s.docinfo(missing))
        events = assess_events(changes.events, docinfo, self.kinds)
        s.drop_events(changes.dropped, changes.replaced_by)
        # after the aliases are written: a reviewed event whose id changed keeps its review
        review_events(s, events, docinfo, self.kinds)
        s.save_events(events)
        return events

    def relink_all(self) -> tuple[int, int]:
        """Link every stored claim again from scratch, in one batch (analysts' locked events
        kept as they are): for a database built by an earlier version or with other link
        settings. Returns (events before, events after), both counting locked events."""
        with self.store.session() as s:
            before = s.event_ids()
            decisions = s.decisions()
            held = {c for ids in decisions.locked.values() for c in ids}
            rows = [r for r in s.all_linkable_claims() if r.claim.id not in held]
            claims = [r.claim for r in rows]
            docinfo = s.docinfo({c.document_id for c in claims})
            events = assess_events(link_claims(claims, docinfo, self.link_settings,
                                               parents=self.parents, decisions=decisions),
                                   docinfo, self.kinds)
            holder = {c.id: e.id for e in events for c in e.claims}
            old = {}
            for r in rows:
                if r.event_id is not None and r.event_id not in decisions.locked and r.claim.id in holder:
                    old.setdefault(r.event_id, []).append(holder[r.claim.id])
            new_ids = {e.id for e in events}
            gone = [e for e in before if e not in decisions.locked and e not in new_ids]
            s.drop_events(gone, {e: min(set(v), key=lambda i: (-v.count(i), i))
                                 for e, v in old.items() if e in gone})
            review_events(s, events, docinfo, self.kinds)
            s.save_events(events)
            return len(before), len(events) + len(decisions.locked)

    # ------------------------------------------------------------------ conveniences

    def add(self, doc: Document | DocumentCreate, claims: list[Claim] | None = None) -> Stored:
        """Extract (unless ``claims`` are given), store, link and assess one document. Raises
        on failure; batch callers use :meth:`store_batch` or ``ingest``, which never raise."""
        doc = doc if isinstance(doc, Document) else Document.from_create(doc)
        if self.store.has_document(doc.id):
            return Stored(False)
        result = self.store_batch([(doc, claims if claims is not None else self.extract(doc))])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def events_of(self, doc_ids: Iterable[str]) -> list[Event]:
        """The stored events holding claims of these documents, sorted by id."""
        claim_ids = [c.id for d in sorted(set(doc_ids)) for c in self.store.claims(document_id=d)]
        held = {e for e in self.store.claim_event_ids(claim_ids).values() if e is not None}
        return [self.store.event(e) for e in sorted(held)]


def extract_events(doc: Document | DocumentCreate, pack: KnowledgePack | str | None = None) -> list[Event]:
    """What ``rashomon extract`` shows for one document: its events, as ``ingest`` would store
    them in an empty database (an in-memory engine, thrown away afterwards), in the order the
    text tells them: incidents it reports first, passing mentions of earlier ones (background)
    after, each by the position of its first claim."""
    with Engine.in_memory(pack) as engine:
        doc = doc if isinstance(doc, Document) else Document.from_create(doc)
        engine.add(doc)
        return sorted(engine.events_of([doc.id]), key=lambda e: _text_order(e, doc.id))


def _text_order(e: Event, doc_id: str) -> tuple[bool, int, str]:
    own = [c for c in e.claims if c.document_id == doc_id] or e.claims
    return all(c.background for c in own), min(c.span.start for c in own), e.id


def claimant_records(store: Store | MemoryStore) -> list[ClaimantRecord]:
    """Each claimant's track record over every stored event (``assess.claimants``)."""
    events = store.events(EventFilter())
    return track_record(events, store.docinfo({c.document_id for e in events for c in e.claims}))


# SQLite says "database or disk is full", the OS "No space left on device", PostgreSQL
# raises DiskFull (SQLSTATE 53100): all mean the same to the user.
_DISK_FULL = ("disk is full", "no space left on device", "diskfull", "53100")


def store_failure(exc: BaseException, doc: Document) -> StoreError:
    """The one-sentence error of a failed write; a full disk says so (code E291)."""
    orig = getattr(exc, "orig", None) or exc
    said = f"{type(orig).__name__} {orig} {getattr(orig, 'sqlstate', '')}".lower()
    if getattr(orig, "errno", None) == errno.ENOSPC or any(m in said for m in _DISK_FULL):
        return StoreError(f"Could not store document {doc.id}: the disk is full.", code="E291",
                          location=doc.source, hint="Free disk space, then run the same command "
                          "again: stored documents are skipped.")
    return StoreError(f"Could not store document {doc.id}: {exc.__class__.__name__}.",
                      code="E310", location=doc.source)
