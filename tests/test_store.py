"""Storage: records come back equal, one transaction per document, migrations are idempotent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from rashomon.models import Claim, DateInfo, Document, Hedge, Place, Quantity, Span
from rashomon.store import EventFilter, open_store


def _doc(t: str = "Gunmen attacked a checkpoint in Kech on Monday, killing three soldiers.") -> Document:
    return Document(id=Document.content_id(t), text=t, url="https://example.org/a",
                    outlet="Demo Wire", published=date(2025, 3, 12))


def _claim(doc: Document) -> Claim:
    return Claim(document_id=doc.id, span=Span(start=0, end=len(doc.text)), quote=doc.text,
                 claimant="Police", hedge=Hedge.attributed, event_type="Battles",
                 sub_event_type="Armed clash",
                 date=DateInfo(start=date(2025, 3, 10), end=date(2025, 3, 10), precision="day",
                               text="on Monday", span=Span(start=34, end=43)),
                 place=Place(name="Kech", admin1="Balochistan", admin2="Kech", country="Pakistan",
                             latitude=26.0, longitude=62.9, precision=3),
                 quantities=[Quantity(category="killed", victims="soldiers", low=3, high=3,
                                      text="three", span=Span(start=53, end=58))])


def test_store_document_and_claims_round_trip(store):
    doc = _doc()
    claim = _claim(doc)
    is_new, _ = store.add_document(doc, [claim])
    assert is_new
    assert store.document(doc.id) == doc
    assert store.claims(document_id=doc.id) == [claim]


def test_store_same_content_twice_is_one_document(store):
    doc = _doc()
    assert store.add_document(doc, [_claim(doc)])[0] is True
    assert store.add_document(doc, [_claim(doc)])[0] is False
    assert store.count("documents") == 1 and store.count("claims") == 1


def test_store_failed_linker_leaves_no_half_document(store):
    doc = _doc()

    def broken_linker(conn, batch, claims):
        raise RuntimeError("linker crashed mid-document")

    try:
        store.add_document(doc, [_claim(doc)], broken_linker)
    except RuntimeError:
        pass
    assert store.count("documents") == 0 and store.count("claims") == 0


def test_store_uses_wal_and_reopens_at_head(db_path):
    s = open_store(db_path)
    with s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    s.close()
    s2 = open_store(db_path)  # migrating again is a no-op
    with s2.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == rev
    assert s2.events(EventFilter()) == []
    s2.close()


def test_store_event_cache_serves_only_the_stored_version(store, pack):
    """The linker's cache of candidate events never hands out a version the database replaced."""
    from rashomon.relink import make_linker
    from rashomon.store.store import events_in_windows

    linker = make_linker(pack)
    first = _doc()
    store.add_documents([(first, [_claim(first)])], linker)
    window = [(date(2025, 3, 1), date(2025, 3, 20))]
    with store.engine.connect() as conn:
        cached = events_in_windows(conn, window, linker.cache)
        assert len(cached) == 1 and events_in_windows(conn, window, linker.cache)[0] is cached[0]
    second = _doc("Gunmen attacked a checkpoint in Kech on Monday, killing three soldiers, officials said.")
    store.add_documents([(second, [_claim(second)])], make_linker(pack))  # another writer
    with store.engine.connect() as conn:
        fresh = events_in_windows(conn, window, linker.cache)
    assert len(fresh) == 1 and fresh[0] is not cached[0]
    assert {c.document_id for c in fresh[0].claims} == {first.id, second.id}


def test_store_event_cache_is_bounded():
    from rashomon.models import Event
    from rashomon.store.cache import EventCache

    cache = EventCache(size=3)
    evs = [Event(id=f"e{i}") for i in range(5)]
    for ev in evs:
        cache.put(ev)
    assert len(cache) == 3
    assert cache.get("e0", None) is None and cache.get("e4", None) is evs[4]
