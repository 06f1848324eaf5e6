"""Linking through the store is incremental AND deterministic: same input, same events, in any
input order (tests/data/linking/corpus.jsonl, written by the project)."""

from __future__ import annotations

import json
import random

import pytest

from rashomon.ingest.readers import ReadResult
from rashomon.ingest.run import ScaleOptions, ingest_results
from rashomon.models import DocumentCreate
from rashomon.store import EventFilter, open_store

from conftest import LINKING


def _records() -> list[dict]:
    return [json.loads(line) for line in (LINKING / "corpus.jsonl").read_text("utf-8").splitlines() if line]


def _events_after(records: list[dict], path: str, pack, batch_size: int | None = None) -> list[tuple]:
    store = open_store(path)
    results = [ReadResult(location=r["id"], document=DocumentCreate(
        text=r["text"], published=r.get("published"), outlet=r.get("outlet"), url=r.get("url"),
        external_id=r["id"])) for r in records]
    ingest_results(store, results, pack, scale=ScaleOptions(batch_size=batch_size))
    out = sorted((e.id, tuple(sorted(c.id for c in e.claims)), e.status,
                  tuple(sorted((k, v.low, v.best, v.high) for k, v in e.estimates.items())))
                 for e in store.events(EventFilter()))
    store.close()
    return out


@pytest.mark.parametrize("seed", [1, 7, 13, 42])
def test_ingest_order_does_not_change_events(tmp_path, pack, seed):
    records = _records()
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    assert _events_after(records, str(tmp_path / "a.db"), pack) == \
        _events_after(shuffled, str(tmp_path / "b.db"), pack)


def test_ingest_batch_size_does_not_change_events(tmp_path, pack):
    """A batch is linked in one pass: one document per batch, a few, or all at once agree."""
    records = _records()
    one = _events_after(records, str(tmp_path / "one.db"), pack, batch_size=1)
    assert one, "the corpus must produce events"
    assert _events_after(records, str(tmp_path / "few.db"), pack, batch_size=5) == one
    assert _events_after(records, str(tmp_path / "all.db"), pack, batch_size=len(records)) == one


def test_ingest_incremental_equals_batch_membership(tmp_path, pack):
    """Ingesting one document at a time gives the events a one-shot batch link gives."""
    from rashomon.link import actor_parents, link_claims
    from rashomon.evaluate.linking import read_corpus
    from rashomon.extract.pipeline import extract_claims
    from rashomon.relink import contexts, docinfo

    docs = [d for _, d in read_corpus(LINKING / "corpus.jsonl")]
    claims = [c for d in docs for c in extract_claims(d, pack)]
    batch = link_claims(contexts(claims, {d.id: docinfo(d) for d in docs}), [],
                        parents=actor_parents(pack))
    incremental = _events_after(_records(), str(tmp_path / "i.db"), pack)
    assert {frozenset(c.id for c in e.claims) for e in batch} == {frozenset(m) for _, m, _, _ in incremental}


def test_ingest_unchanged_neighbour_event_is_not_saved_again(tmp_path, pack):
    """A nearby event that a new report does not join keeps its version (sync sees no change)."""
    def ingest(text: str) -> None:
        ingest_results(store, [ReadResult(location="mem", document=DocumentCreate(
            text=text, published="2025-03-12", outlet="Demo Wire"))], pack)

    store = open_store(str(tmp_path / "n.db"))
    ingest("Gunmen killed three soldiers in an attack on a checkpoint in Kech on 10 March 2025, police said.")
    (before,) = store.events(EventFilter())
    ingest("Police arrested five suspects in a raid in Turbat on 11 March 2025, officials said.")
    after = {e.id: e for e in store.events(EventFilter())}
    store.close()
    assert len(after) == 2 and after[before.id].updated_at == before.updated_at
