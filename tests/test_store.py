"""Storage specific to SQLite, and the linker's event cache. The behaviours shared with
PostgreSQL (round trip, idempotency, rollback of a failed document) are in test_postgres.py,
which runs them on both backends."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from builders import make_claim as _claim, make_doc as _doc
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
