"""Access to the reference-dataset tables (``store/reference_schema.py``).

A dataset is replaced as a whole in one transaction: re-adding the same name is idempotent and
never leaves half a dataset behind.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select

from rashomon.errors import NotFoundError, Problem
from rashomon.models import ReferenceDataset, ReferenceEvent, now_utc
from rashomon.store.reference_schema import reference_datasets, reference_events

_COLUMNS = [c.name for c in reference_events.c if c.name not in ("id", "dataset", "payload")]


def replace_dataset(store, dataset: ReferenceDataset, evs: list[ReferenceEvent]) -> ReferenceDataset:
    """Store ``dataset`` with its events, replacing any dataset of the same name."""
    stamp = now_utc()
    with store.engine.begin() as conn:
        conn.execute(delete(reference_events).where(reference_events.c.dataset == dataset.name))
        conn.execute(delete(reference_datasets).where(reference_datasets.c.name == dataset.name))
        conn.execute(insert(reference_datasets).values(
            name=dataset.name, kind=dataset.kind, source=dataset.source, imported_at=stamp,
            n_events=len(evs), problems=[p.model_dump() for p in dataset.problems]))
        rows = [_row(dataset.name, e) for e in evs]
        for i in range(0, len(rows), 1000):
            conn.execute(insert(reference_events), rows[i:i + 1000])
    return dataset.model_copy(update={"imported_at": stamp, "n_events": len(evs)})


def _row(name: str, e: ReferenceEvent) -> dict:
    row = {c: getattr(e, c) for c in _COLUMNS}
    return {**row, "dataset": name, "payload": e.raw}


def list_datasets(store) -> list[ReferenceDataset]:
    """All reference datasets, most recently imported first."""
    q = select(reference_datasets).order_by(reference_datasets.c.imported_at.desc(),
                                            reference_datasets.c.name)
    with store.engine.connect() as conn:
        return [_dataset(r) for r in conn.execute(q)]


def get_dataset(store, name: str | None) -> ReferenceDataset:
    """The dataset ``name`` (the most recent one when ``name`` is None); NotFoundError if absent."""
    found = list_datasets(store)
    match = [d for d in found if name is None or d.name == name]
    if not match:
        names = ", ".join(d.name for d in found) or "none yet"
        raise NotFoundError(f"No reference dataset {name or ''}".rstrip() + f" (stored: {names}).",
                            code="E125", hint="Add one with 'rashomon reference add FILE --kind ucdp'.")
    return match[0]


def _dataset(r) -> ReferenceDataset:
    return ReferenceDataset(name=r.name, kind=r.kind, source=r.source, imported_at=r.imported_at,
                            n_events=r.n_events, problems=[Problem(**p) for p in r.problems or []])


def load_events(store, name: str, since: date | None = None,
                until: date | None = None) -> list[ReferenceEvent]:
    """Events of dataset ``name`` whose dates overlap [since, until] (open ends allowed)."""
    q = select(reference_events).where(reference_events.c.dataset == name)
    if since:
        q = q.where(reference_events.c.date_end >= since)
    if until:
        q = q.where(reference_events.c.date_start <= until)
    with store.engine.connect() as conn:
        rows = conn.execute(q.order_by(reference_events.c.date_start, reference_events.c.id))
        return [ReferenceEvent(**{c: getattr(r, c) for c in _COLUMNS}, dataset=name,
                               raw=r.payload or {}) for r in rows]
