"""The Python API for notebooks: ``db = rashomon.open("rashomon.db")``.

    >>> import rashomon
    >>> db = rashomon.open("rashomon.db")
    >>> db.events(since="2025-01-01", place="Kachhi").to_pandas()
    >>> db.claims(claimant="Baloch Liberation Army").to_pandas()
    >>> db.ingest(["reports/"]).counts
    >>> db.export("acled", "acled.csv", place="Kech")
    >>> db.add_reference("pakistan_ged.csv", kind="ucdp", name="ged")
    >>> db.compare("ged", place="Balochistan").matched

A notebook-style walk-through with real output is in ``docs/python-api.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from rashomon.export import ExportResult
from rashomon.ingest.report import IngestReport
from rashomon.models import Claim, Event
from rashomon.packs import load_pack
from rashomon.public import ROW_COLUMNS, EventRow, claim_entries, documents_for, event_json
from rashomon.read.readers import ReadOptions
from rashomon.reference import CompareReport, MatchedPair, ReferenceDataset
from rashomon.store import EventFilter, Store, open_store

class EventList(list):
    """A list of :class:`rashomon.models.Event` that converts to DataFrames."""

    def __init__(self, events: list[Event], rows: list[dict], claim_rows: list[dict]) -> None:
        super().__init__(events)
        self._rows = rows
        self._claim_rows = claim_rows

    def records(self) -> list[dict]:
        """Flat rows, one per event (``public.EventRow``: the columns of ``to_pandas``)."""
        return [EventRow.of(r).model_dump() for r in self._rows]

    def json(self) -> list[dict]:
        """The events JSON contract (``docs/contract.md``)."""
        return self._rows

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self.records(), columns=ROW_COLUMNS)

    def to_polars(self):
        import polars as pl

        return pl.DataFrame(self.records(), schema=_polars_schema(), orient="row") if self._rows else \
            pl.DataFrame(schema=_polars_schema())

    def claims_to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self._claim_rows)


def _polars_schema() -> dict:
    """Polars types of the flat row's columns, from ``EventRow``'s annotations."""
    import polars as pl

    types = {str: pl.Utf8, int: pl.Int64, float: pl.Float64, bool: pl.Boolean, date: pl.Date}
    out = {}
    for name, f in EventRow.model_fields.items():
        args = [a for a in getattr(f.annotation, "__args__", (f.annotation,)) if a is not type(None)]
        out[name] = types[args[0]]
    return out


class ClaimList(list):
    """A list of :class:`rashomon.models.Claim`; ``to_pandas`` gives one row per figure."""

    def __init__(self, claims: list[Claim], rows: list[dict]) -> None:
        super().__init__(claims)
        self._rows = rows

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self._rows)

    def to_polars(self):
        import polars as pl

        return pl.DataFrame(self._rows)


class Database:
    """A rashomon database (SQLite path or PostgreSQL URL)."""

    def __init__(self, db: str = "rashomon.db", pack: str | None = None, create: bool = False) -> None:
        self.store: Store = open_store(db, create=create)
        self.pack = load_pack(pack)

    def events(self, *, since: str | date | None = None, until: str | date | None = None,
               place: str | None = None, actor: str | None = None, type: str | None = None,
               status: str | None = None, updated_since: str | datetime | None = None,
               q: str | None = None, limit: int | None = None, offset: int = 0) -> EventList:
        """Events matching the filters (the same filters as ``rashomon events``), newest first.

        Dates may be ``date`` objects or ISO strings; ``place``, ``actor`` and ``type`` match
        substrings, case-insensitively, and ``actor`` and ``place`` also the names the pack gives
        an abbreviation or alias ("BLA", "KP"); ``status`` is a status or a grade (else E108); ``q``
        searches the reports' text ("Jaffar Express": every word, stemmed). The result is a list
        of :class:`Event` with ``.to_pandas()``, ``.to_polars()``, ``.json()`` and
        ``.claims_to_pandas()``."""
        f = _filter(self.pack, since=since, until=until, place=place, actor=actor, type=type, status=status,
                    updated_since=updated_since, q=q, limit=limit, offset=offset)
        found = self.store.events(f)
        docs = documents_for(found, self.store)
        rows = [event_json(e, docs) for e in found]
        return EventList(found, rows, [c for r in rows for c in r["claims"]])

    def event(self, event_id: str) -> Event:
        return self.store.event(event_id)

    def claims(self, *, claimant: str | None = None, document_id: str | None = None,
               event_id: str | None = None, limit: int | None = None) -> ClaimList:
        """Claims, optionally of one claimant, document or event."""
        found = self.store.claims(claimant=claimant, document_id=document_id, event_id=event_id,
                                  limit=limit)
        docs = {d.id: d for d in self.store.documents(ids=sorted({c.document_id for c in found}))}
        links = self.store.claim_event_ids([c.id for c in found]) if found else {}
        rows = [e for c in found for e in claim_entries(c, docs.get(c.document_id), links.get(c.id))]
        return ClaimList(found, rows)

    def ingest(self, paths: Sequence[str], **options) -> IngestReport:
        """Ingest files or folders; ``options`` are those of :class:`ReadOptions`."""
        from rashomon.ingest.engine import Engine
        from rashomon.ingest.run import ingest_paths

        return ingest_paths(Engine(self.store, self.pack), list(paths), ReadOptions(**options))

    def export(self, fmt: str, path: str | Path, *, claims: bool = False, **filters) -> ExportResult:
        """Write the events matching ``filters`` (those of :meth:`events`) as ``fmt`` (json,
        jsonl, csv, geojson, parquet, acled, ucdp) to ``path``; ``claims`` adds the claims table
        (parquet) or claims CSV. Returns what was written (rows, paths) and the events ACLED or
        UCDP left out because their country has no code there (``problems``, E117)."""
        from rashomon.export import export_events

        return export_events(self.store, fmt, _filter(self.pack, **filters), path, claims=claims,
                             pack=self.pack)

    def add_reference(self, path: str | Path, kind: str, name: str | None = None) -> ReferenceDataset:
        """Import a UCDP GED (``kind="ucdp"``) or ACLED (``"acled"``) CSV as reference dataset
        ``name`` (default: the file's stem), replacing one of the same name. Bad rows are in
        the result's ``problems``; the data stays apart from our claims."""
        from rashomon.reference import import_reference

        return import_reference(self.store, path, kind, name)

    def references(self) -> list[ReferenceDataset]:
        """The imported reference datasets, most recent first."""
        from rashomon.store.reference import list_datasets

        return list_datasets(self.store)

    def compare(self, reference: str | None = None, **filters) -> CompareReport:
        """Match our events (filtered as in :meth:`events`) with reference dataset
        ``reference`` (default: the latest added): ``.matched`` pairs with fatality figures and
        ``best_difference``, ``.only_ours``, ``.only_theirs`` (rules in ``docs/reference.md``).
        ``report.model_dump()`` gives plain data; :func:`matched_frame` a DataFrame."""
        from rashomon.reference import compare_reference

        return compare_reference(self.store, reference, _filter(self.pack, **filters))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _filter(pack=None, **filters) -> EventFilter:
    """An EventFilter from keyword filters; ISO strings are accepted for dates; actor and place
    words resolved through the pack's aliases (``store.resolve``)."""
    from rashomon.store.resolve import event_filter

    return event_filter(pack, **filters)


def matched_frame(report: CompareReport):
    """The matched pairs of a compare report as a pandas DataFrame (one row per pair)."""
    import pandas as pd

    return pd.DataFrame([p.model_dump() for p in report.matched],
                        columns=list(MatchedPair.model_fields))


def open(db: str = "rashomon.db", pack: str | None = None, create: bool = False) -> Database:  # noqa: A001
    """Open a rashomon database for analysis in Python. A SQLite file that does not exist is an
    error (E304), so a mistyped path never reads as an empty dataset; ``create=True`` makes a
    new one (to ingest into)."""
    return Database(db, pack, create)
