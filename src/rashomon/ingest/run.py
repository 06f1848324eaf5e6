"""Ingest orchestration: read inputs, extract claims, store and link, one document at a time.

Each document is stored with its claims and the events they touch in one transaction (see
``Store.add_document``). A document that fails to read or extract becomes a failed item of the
report; the batch goes on. Re-running over the same inputs finds every stored document by its
content hash and reports it as a duplicate: idempotent, and a killed run is completed by the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from rashomon.extract.pipeline import extract_claims
from rashomon.ingest.readers import ReadOptions, ReadResult, iter_inputs
from rashomon.ingest.report import IngestItem, IngestReport
from rashomon.models import Claim, Document
from rashomon.packs import KnowledgePack
from rashomon.relink import make_linker
from rashomon.store import Store

Progress = Callable[[IngestItem], None]


def ingest_paths(store: Store, paths: Sequence[str], pack: KnowledgePack,
                 options: ReadOptions | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest files, folders and ``-`` (stdin); returns a report accounting for every input."""
    return ingest_results(store, iter_inputs(paths, options or ReadOptions()), pack, progress)


def ingest_results(store: Store, results: Iterable[ReadResult], pack: KnowledgePack,
                   progress: Progress | None = None) -> IngestReport:
    report = IngestReport(items=[])
    for item in _process(store, results, pack):
        report.items.append(item)
        if progress:
            progress(item)
    return report


def _process(store: Store, results: Iterable[ReadResult], pack: KnowledgePack) -> Iterator[IngestItem]:
    linker = make_linker(pack)
    for r in results:
        if r.problem is not None:
            yield IngestItem(location=r.location, status="failed", code=r.problem.code,
                             reason=r.problem.message)
            continue
        doc = Document.from_create(r.document)
        yield store_one(store, doc, r.location, pack, linker)


def store_one(store: Store, doc: Document, location: str, pack: KnowledgePack, linker,
              found: list[Claim] | None = None) -> IngestItem:
    """Extract (unless ``found`` is given) and store one document; never raises for bad data."""
    if store.has_document(doc.id):
        return IngestItem(location=location, status="duplicate", document_id=doc.id, title=doc.title)
    try:
        claims = found if found is not None else extract_claims(doc, pack)
    except Exception as exc:  # one bad document never stops the batch
        return IngestItem(location=location, status="failed", document_id=doc.id, code="E250",
                          reason=f"extraction failed: {exc.__class__.__name__}: {exc}")
    is_new, events = store.add_document(doc, claims, linker)
    status = "new" if is_new else "duplicate"
    return IngestItem(location=location, status=status, document_id=doc.id, title=doc.title,
                      claims=len(claims) if is_new else 0, events=len(events))
