"""Storage specific to SQLite, and the linker's event cache. The behaviours shared with
PostgreSQL (round trip, idempotency, rollback of a failed document) are in test_postgres.py,
which runs them on both backends."""

from __future__ import annotations

from builders import make_claim as _claim
from builders import make_doc as _doc
from sqlalchemy import text

from rashomon.store import EventFilter, open_store


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


def test_store_second_writer_links_into_the_first_writers_event(db_path, pack):
    """Two engines on one database: the second sees what the first stored (nothing stale)."""
    from rashomon.ingest.engine import Engine

    first = _doc()
    second = _doc("Gunmen attacked a checkpoint in Kech on Monday, killing three soldiers, officials said.")
    with Engine.open(db_path, pack) as a, Engine.open(db_path, pack) as b:
        (ev,) = a.add(first, [_claim(first)]).events
        (joined,) = b.add(second, [_claim(second)]).events
        assert {c.document_id for c in joined.claims} == {first.id, second.id}
        assert [e.id for e in a.store.events(EventFilter())] == [joined.id]
        assert a.store.event(ev.id).id == joined.id  # an old id leads to the event that took over
