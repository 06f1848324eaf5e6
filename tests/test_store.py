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

    def broken_linker(conn, d, claims):
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
