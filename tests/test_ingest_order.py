"""Linking through the store gives the events of one batch over the whole corpus, however the
corpus arrives: in one batch, one document per call (a fresh engine each time, as separate CLI
runs or API posts), shuffled, in small batches; on SQLite and on PostgreSQL. Compared on
everything an event holds: id, claims, links, estimates, status."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import LINKING, SHARED
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures: a throwaway PostgreSQL)

from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ScaleOptions, ingest_results
from rashomon.models import DocumentCreate
from rashomon.read.readers import ReadResult
from rashomon.store import EventFilter
from rashomon.store.memory import MemoryStore

CORPORA = {"project": LINKING / "corpus.jsonl", "dev": SHARED / "dev" / "linking_dev" / "corpus.jsonl"}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _results(records: list[dict]) -> list[ReadResult]:
    return [ReadResult(location=r["id"], document=DocumentCreate(
        text=r["text"], published=(r.get("published") or "")[:10] or None, outlet=r.get("outlet"),
        url=r.get("url"), external_id=r["id"])) for r in records]


def snapshot(store) -> list[tuple]:
    out = []
    for e in store.events(EventFilter()):
        est = tuple(sorted((k, v.low, v.best, v.high, v.conservative, tuple(sorted(v.by_side.items())))
                           for k, v in e.estimates.items()))
        links = tuple(sorted((lk.claim_id, lk.other_claim_id, lk.score) for lk in e.links))
        out.append((e.id, tuple(sorted(c.id for c in e.claims)), e.status, e.grade, est, links,
                    e.date_start, e.place.name if e.place else None))
    return sorted(out)


@pytest.fixture(scope="module")
def extracted(pack):
    """Each corpus's read results with their claims, extracted once (linking is under test)."""
    out = {}
    engine = Engine.in_memory(pack)
    for name, path in CORPORA.items():
        results = _results(_records(path))
        out[name] = (results, {r.location: engine.extract(_doc(r)) for r in results})
    return out


def _doc(r: ReadResult):
    from rashomon.models import Document

    return Document.from_create(r.document)


def _extract(found):
    # picklable stand-in for extraction: the claims already found, keyed by external id
    return lambda doc, pack: found[doc.external_id]


def _ingest(store, pack, results, found, batch_size=None) -> None:
    engine = Engine(store, pack)
    ingest_results(engine, results, scale=ScaleOptions(batch_size=batch_size, extract=_extract(found)))


def one_batch(pack, results, found) -> list[tuple]:
    store = MemoryStore()
    _ingest(store, pack, results, found, batch_size=len(results))
    return snapshot(store)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "o.db")
    return request.getfixturevalue("pg_url")


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_ingest_order_batch_one_per_call_and_shuffled_agree(db, pack, extracted, corpus):
    from rashomon.store import open_store

    results, found = extracted[corpus]
    expected = one_batch(pack, results, found)
    assert sum(len(k[1]) > 1 for k in expected) >= 5, "the corpus must link reports"
    with open_store(db) as store:  # one document per call, each with a fresh engine
        for r in results:
            _ingest(store, pack, [r], found)
        assert snapshot(store) == expected
    shuffled = results[:]
    random.Random(len(results)).shuffle(shuffled)
    with open_store(db + "_2" if "://" not in db else db) as store:
        if "://" in db:  # PostgreSQL: clear the same database for the second run
            _clear(store)
        _ingest(store, pack, shuffled, found, batch_size=7)
        assert snapshot(store) == expected


def _clear(store) -> None:
    from sqlalchemy import text

    with store.engine.begin() as conn:
        for table in ("event_aliases", "event_actors", "events", "claims", "documents", "audit_log"):
            conn.execute(text(f"DELETE FROM {table}"))


@pytest.mark.parametrize("seed", [1, 7, 13])
def test_ingest_order_shuffled_in_memory_agrees(pack, extracted, seed):
    for corpus in sorted(CORPORA):
        results, found = extracted[corpus]
        shuffled = results[:]
        random.Random(seed).shuffle(shuffled)
        store = MemoryStore()
        _ingest(store, pack, shuffled, found, batch_size=random.Random(seed).choice((1, 3, 10)))
        assert snapshot(store) == one_batch(pack, results, found), corpus


def test_ingest_unchanged_neighbour_event_is_not_saved_again(tmp_path, pack):
    """A nearby event that a new report does not join keeps its version (sync sees no change)."""
    from rashomon.store import open_store

    def ingest(text: str) -> None:
        ingest_results(engine, [ReadResult(location="mem", document=DocumentCreate(
            text=text, published="2025-03-12", outlet="Demo Wire"))])

    store = open_store(str(tmp_path / "n.db"))
    engine = Engine(store, pack)
    ingest("Gunmen killed three soldiers in an attack on a checkpoint in Kech on 10 March 2025, police said.")
    (before,) = store.events(EventFilter())
    ingest("Police arrested five suspects in a raid in Turbat on 11 March 2025, officials said.")
    after = {e.id: e for e in store.events(EventFilter())}
    store.close()
    assert len(after) == 2 and after[before.id].updated_at == before.updated_at


def test_ingest_order_relink_all_restores_the_events_and_changes_nothing_on_a_current_store(pack, extracted):
    from rashomon.store.memory import MemoryStore

    results, found = extracted["project"]
    store = MemoryStore()
    _ingest(store, pack, results, found, batch_size=4)
    expected = snapshot(store)
    engine = Engine(store, pack)
    assert engine.relink_all()[1] == len(expected)
    assert snapshot(store) == expected
    with store.session() as s:  # an old database: events lost or built by other rules
        s.drop_events([e.id for e in store.events(EventFilter())][::2])
    engine.relink_all()
    assert snapshot(store) == expected
