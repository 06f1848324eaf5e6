"""The batch driver: read inputs, extract claims, store, link and assess them, streaming in batches.

Inputs are read lazily and cut into batches of ``batch_size``; each batch is extracted (in this
process, in local worker processes or on a Dask cluster: ``rashomon.ingest.parallel``) and then
stored by THIS process, a window of batches at a time in date order, one transaction per batch
(``Engine.store_batch``); the report stays in input order. Nothing but the current window
of batches is held in memory: the report keeps one small item per input (or, with
``keep_items=False``, only the failures and counts).

A document that fails to read, extract or store becomes a failed item of the report; the run goes
on. Re-running over the same inputs finds every stored document by its content hash and reports
it as a duplicate (without extracting it again): idempotent, and a killed run is completed by
the next. Storing and linking are sequential and linking depends neither on the order nor on the
grouping of documents (``link.relink``), so the events are exactly those of one batch over the
whole corpus, whatever the number of workers, the batch sizes or the input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from pydantic import Field, computed_field

from rashomon.ingest.engine import Engine, Stored
from rashomon.ingest.parallel import Extract, Outcome, open_map
from rashomon.ingest.report import STATUSES, IngestItem, IngestReport
from rashomon.models import Claim, Document, DocumentCreate
from rashomon.read.clean import check_document
from rashomon.read.readers import ReadOptions, ReadResult, iter_inputs
from rashomon.settings import Settings

Progress = Callable[[IngestItem], None]
# Without an explicit --batch-size, batches start small (the progress bar moves at once) and
# double up to the configured size: a batch is linked in one pass, so large batches are much
# cheaper per document (bench/ingest.py rates: 200 vs 20 is ~1.5x the throughput, date-ordered).
FIRST_BATCH = 20
# Batches extracted, then stored together in date order (``_write_window``): a batch's claims
# are linked against the events near their dates, so date-sorted batches load few candidates,
# where batches of an unsorted archive each span the whole period. Linking does not depend on
# order or grouping (tests/test_ingest_order.py), so the events are the same.
REORDER_BATCHES = 8  # 1,600 documents at the default batch size: ~60 MB held


@dataclass
class ScaleOptions:
    """How to run a bulk ingest: ``workers`` local processes or a ``dask`` scheduler address
    (``local`` for a LocalCluster), documents per batch, and whether to keep every report item."""

    workers: int = 1
    dask: str | None = None
    batch_size: int | None = None
    keep_items: bool = True
    extract: Extract | None = None  # replaceable for tests; must be picklable


@dataclass
class _Batch:
    """Slots in input order: an item already decided (read failure, known duplicate) or a
    document waiting for its claims."""

    slots: list[IngestItem | tuple[str, Document, list[str]]] = field(default_factory=list)

    @property
    def docs(self) -> list[Document]:
        return [s[1] for s in self.slots if isinstance(s, tuple)]


def ingest_paths(engine: Engine, paths: Sequence[str], options: ReadOptions | None = None,
                 progress: Progress | None = None, scale: ScaleOptions | None = None) -> IngestReport:
    """Ingest files, folders and ``-`` (stdin); returns a report accounting for every input."""
    return ingest_results(engine, iter_inputs(paths, options or ReadOptions()), progress, scale)


def ingest_results(engine: Engine, results: Iterable[ReadResult], progress: Progress | None = None,
                   scale: ScaleOptions | None = None) -> IngestReport:
    """Extract, store and link every read result; ``progress`` is called once per input, in order.

    With ``scale.keep_items`` False the report holds only the failed items plus the counts of
    every status (a :class:`CountingReport`), so its size does not grow with the run.
    """
    scale = scale or ScaleOptions()
    report = IngestReport(items=[]) if scale.keep_items else CountingReport(items=[])
    for item in _process(engine, results, scale):
        report.add(item)
        if progress:
            progress(item)
    return report


class CountingReport(IngestReport):
    """An ingest report for huge runs: counts of every status, items of the failures (and of
    the documents stored with a warning) only."""

    tally: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(STATUSES, 0), exclude=True)

    def add(self, item: IngestItem) -> IngestItem:
        self.tally[item.status] += 1
        if item.status == "failed" or item.warnings:
            self.items.append(item)
        return item

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        return dict(self.tally)

    def summary(self) -> str:
        total = sum(self.tally.values())
        parts = ", ".join(f"{count} {status}" for status, count in self.tally.items())
        return f"{total} input{'' if total == 1 else 's'}: {parts}"


def _process(engine: Engine, results: Iterable[ReadResult], scale: ScaleOptions) -> Iterator[IngestItem]:
    most = scale.batch_size or Settings.from_env().batch_size
    batches = (_prepare(engine, chunk) for chunk in _chunks(results, _sizes(scale.batch_size, most)))
    with open_map(engine.pack, scale.workers, scale.dask, scale.extract,
                  ahead=REORDER_BATCHES) as extract_map:
        held: list[tuple[_Batch, list[Outcome]]] = []
        first = True  # the first batch is stored alone, so progress shows at once
        for batch, outcomes in extract_map(batches, lambda b: b.docs):
            held.append((batch, outcomes))
            if first or len(held) >= REORDER_BATCHES:
                yield from _write_window(engine, held, most)
                held, first = [], False
        if held:
            yield from _write_window(engine, held, most)


def _sizes(fixed: int | None, most: int) -> Iterator[int]:
    """Batch sizes: ``fixed`` every time, else 20, 40, 80... up to ``most``."""
    size = fixed or min(FIRST_BATCH, most)
    while True:
        yield size
        size = fixed or min(2 * size, most)


def _chunks(results: Iterable[ReadResult], sizes: Iterator[int]) -> Iterator[list[ReadResult]]:
    it = iter(results)
    while chunk := list(islice(it, next(sizes))):
        yield chunk


def _prepare(engine: Engine, chunk: list[ReadResult]) -> _Batch:
    """Turn read results into slots; documents already stored are duplicates, not extracted."""
    docs = [Document.from_create(r.document) if r.problem is None else None for r in chunk]
    known = engine.store.known_documents(d.id for d in docs if d is not None)
    batch = _Batch()
    for r, doc in zip(chunk, docs):
        if doc is None:
            batch.slots.append(IngestItem(location=r.location, status="failed", code=r.problem.code,
                                          reason=r.problem.message))
        elif doc.id in known:
            batch.slots.append(_duplicate(r.location, doc))
        else:
            batch.slots.append((r.location, doc, r.warnings))
    return batch


def _write_window(engine: Engine, held: list[tuple[_Batch, list[Outcome]]],
                  size: int) -> list[IngestItem]:
    """Store the extracted documents of several batches, sorted by date, ``size`` per
    transaction; return one item per slot, in input order. A text that occurs twice is stored
    at its first occurrence; the later ones are duplicates, as in input order."""
    slots = [slot for batch, _ in held for slot in batch.slots]
    outcomes = iter([o for _, outs in held for o in outs])
    waiting = [(k, slot[0], slot[1], next(outcomes)) for k, slot in enumerate(slots)
               if isinstance(slot, tuple)]
    notes = {k: slot[2] for k, slot in enumerate(slots) if isinstance(slot, tuple) and slot[2]}
    firsts: dict[str, int] = {}
    for k, _, doc, found in waiting:
        if not isinstance(found, str):
            firsts.setdefault(doc.id, k)
    todo = sorted(((k, doc, found) for k, _, doc, found in waiting if firsts.get(doc.id) == k),
                  key=lambda t: (_when(t[1], t[2]), t[0]))
    results: dict[int, object] = {}
    for i in range(0, len(todo), size):
        part = todo[i:i + size]
        for (k, _, _), result in zip(part, engine.store_batch([(d, c) for _, d, c in part])):
            results[k] = result
    items = {k: item_for(loc, doc, found, None if isinstance(found, str) else results.get(k, Stored(False)))
             for k, loc, doc, found in waiting}
    for k, warnings in notes.items():
        items[k].warnings = warnings
    return [slot if isinstance(slot, IngestItem) else items[k] for k, slot in enumerate(slots)]


def _when(doc: Document, claims: list[Claim]) -> tuple[int, int]:
    """Sort key: the earliest claim date, else the publication date, undated last."""
    day = min((c.date.start for c in claims if c.date), default=None) or doc.published
    return (0, day.toordinal()) if day else (1, 0)


def item_for(location: str, doc: Document, claims: Outcome, result: Stored | Exception | None
             ) -> IngestItem:
    """The report item of one document: failed extraction (``claims`` is the reason), failed
    storing, duplicate or new."""
    if isinstance(claims, str):
        return IngestItem(location=location, status="failed", document_id=doc.id, code="E250",
                          reason=f"extraction failed: {claims}")
    if isinstance(result, Exception):
        code = getattr(result, "code", None) or "E310"
        return IngestItem(location=location, status="failed", document_id=doc.id, code=code,
                          reason=f"storing failed: {getattr(result, 'message', None) or result}")
    if result is None or not result.new:
        return _duplicate(location, doc)
    return IngestItem(location=location, status="new", document_id=doc.id, title=doc.title,
                      claims=len(claims), events=len(result.events))


def _duplicate(location: str, doc: Document) -> IngestItem:
    return IngestItem(location=location, status="duplicate", document_id=doc.id, title=doc.title)


def ingest_one(engine: Engine, doc: Document, location: str) -> IngestItem:
    """Extract and store one document (``POST /api/documents``); never raises for bad data.

    The document passes the same per-field checks as a read one (``read.clean``)."""
    checked = check_document(DocumentCreate(**doc.model_dump(exclude={"id"})), location)
    if checked.problem is not None:
        return IngestItem.failed(checked.problem)
    doc = Document.from_create(checked.document)
    if engine.store.has_document(doc.id):
        return _duplicate(location, doc)
    try:
        claims: Outcome = engine.extract(doc)
    except Exception as exc:  # one bad document never stops the caller
        claims = f"{exc.__class__.__name__}: {exc}"
    if isinstance(claims, str):
        return item_for(location, doc, claims, None)
    item = item_for(location, doc, claims, engine.store_batch([(doc, claims)])[0])
    item.warnings = checked.warnings
    return item
