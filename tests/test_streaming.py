"""Streaming ingest: inputs are pulled lazily, a batch at a time, and the report can stay small."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rashomon.ingest.engine import Engine
from rashomon.ingest.run import REORDER_BATCHES, ScaleOptions, ingest_results
from rashomon.models import DocumentCreate
from rashomon.read.base import ReadResult
from rashomon.store import open_store

TEXT = "Gunmen attacked a checkpoint in Kech on {d} March 2025, killing {n} soldiers, police said. #{i}"


def _lazy(n: int, pulled: list[int]) -> Iterator[ReadResult]:
    for i in range(n):
        pulled[0] += 1  # inputs pulled so far
        if i % 10 == 9:
            yield ReadResult(location=f"mem:{i}", problem={"code": "E201", "message": "bad.",
                                                           "location": f"mem:{i}"})
        else:
            yield ReadResult.of(DocumentCreate(text=TEXT.format(d=1 + i % 28, n=2 + i % 7, i=i),
                                               source=f"mem:{i}"))


# At most one window of batches (stored together in date order) is held, plus, with workers, the
# batches in flight on them (2 per worker, and a window's worth so they work while it is stored).
@pytest.mark.parametrize("scale, most_ahead", [
    (ScaleOptions(batch_size=5), 5 * REORDER_BATCHES),
    (ScaleOptions(workers=2, batch_size=5), 5 * (2 * REORDER_BATCHES + 2 * 2))])
def test_streaming_reads_only_a_bounded_window_ahead(pack, tmp_path, scale, most_ahead):
    pulled, ahead = [0], []
    with Engine(open_store(str(tmp_path / "s.db")), pack) as engine:
        report = ingest_results(engine, _lazy(300, pulled),
                                progress=lambda item: ahead.append(pulled[0] - len(ahead) - 1),
                                scale=scale)
    assert len(report.items) == 300 and pulled[0] == 300
    assert [i.location for i in report.items] == [f"mem:{i}" for i in range(300)]
    assert max(ahead) <= most_ahead


def test_streaming_keep_items_false_keeps_failures_only(pack, tmp_path):
    seen = []
    with Engine(open_store(str(tmp_path / "s.db")), pack) as engine:
        store = engine.store
        report = ingest_results(engine, _lazy(30, [0]), progress=seen.append,
                                scale=ScaleOptions(keep_items=False))
        assert store.count("documents") == 27
    assert len(seen) == 30
    assert [i.location for i in report.items] == ["mem:9", "mem:19", "mem:29"]
    assert report.counts == {"new": 27, "duplicate": 0, "failed": 3}
    assert report.summary() == "30 inputs: 27 new, 0 duplicate, 3 failed"
    assert report.exit_code == 1


def test_streaming_default_batches_start_small_and_double_to_the_limit():
    from itertools import islice

    from rashomon.ingest.run import _sizes

    assert list(islice(_sizes(None, 200), 7)) == [20, 40, 80, 160, 200, 200, 200]
    assert list(islice(_sizes(7, 200), 3)) == [7, 7, 7]
    assert list(islice(_sizes(None, 5), 2)) == [5, 5]


def test_streaming_window_stored_by_date_reports_in_input_order(pack, tmp_path):
    """Documents are stored in date order within a window, but the report keeps input order and
    a repeated text is a duplicate at its later occurrence, whatever its date."""
    late = TEXT.format(d=25, n=3, i="late")
    early = TEXT.format(d=2, n=4, i="early")
    results = [ReadResult.of(DocumentCreate(text=TEXT.format(d=9, n=2, i="x"), source="x")),  # alone
               ReadResult.of(DocumentCreate(text=late, source="a", outlet="First")),
               ReadResult.of(DocumentCreate(text=early, source="b")),
               ReadResult.of(DocumentCreate(text=late, source="c", outlet="Second"))]
    with Engine(open_store(str(tmp_path / "w.db")), pack) as engine:
        store = engine.store
        report = ingest_results(engine, results, scale=ScaleOptions(batch_size=1))
        outlets = {d.outlet for d in store.documents()}
    assert [(i.location, i.status) for i in report.items] == [
        ("x", "new"), ("a", "new"), ("b", "new"), ("c", "duplicate")]
    assert outlets == {"First", None}
