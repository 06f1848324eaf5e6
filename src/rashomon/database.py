"""The Python API for notebooks: ``db = rashomon.open("rashomon.db")``.

    >>> import rashomon
    >>> db = rashomon.open("rashomon.db")
    >>> db.events(since="2025-01-01", place="Kachhi").to_pandas()
    >>> db.claims(claimant="Baloch Liberation Army").to_pandas()
    >>> db.ingest(["reports/"]).counts
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rashomon.contract import claim_entries, documents_for, event_json
from rashomon.ingest.readers import ReadOptions
from rashomon.ingest.report import IngestReport
from rashomon.models import Claim, Event
from rashomon.packs import load_pack
from rashomon.store import EventFilter, Store, open_store

_EVENT_COLUMNS = ["id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
                  "place", "admin1", "admin2", "country", "latitude", "longitude",
                  "place_precision", "status", "grade", "unverified", "killed_low", "killed_best",
                  "killed_high", "n_claims", "actors"]


class EventList(list):
    """A list of :class:`rashomon.models.Event` that converts to DataFrames."""

    def __init__(self, events: list[Event], rows: list[dict], claim_rows: list[dict]) -> None:
        super().__init__(events)
        self._rows = rows
        self._claim_rows = claim_rows

    def records(self) -> list[dict]:
        """Flat rows, one per event (the columns of ``to_pandas``)."""
        out = []
        for r in self._rows:
            p = r["place"] or {}
            k = r["estimates"].get("killed", {})
            out.append({
                "id": r["id"], "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
                "date_start": _d(r["date_start"]), "date_end": _d(r["date_end"]),
                "date_precision": r["date_precision"], "place": p.get("name"),
                "admin1": p.get("admin1"), "admin2": p.get("admin2"), "country": p.get("country"),
                "latitude": p.get("latitude"), "longitude": p.get("longitude"),
                "place_precision": p.get("precision"), "status": r["status"], "grade": r["grade"],
                "unverified": r["unverified"], "killed_low": k.get("low"),
                "killed_best": k.get("best"), "killed_high": k.get("high"),
                "n_claims": len({c["claim_id"] for c in r["claims"]}),
                "actors": "; ".join(f"{a['name']} ({a['role']})" for a in r["actors"])})
        return out

    def json(self) -> list[dict]:
        """The events JSON contract (``docs/contract.md``)."""
        return self._rows

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self.records(), columns=_EVENT_COLUMNS)

    def to_polars(self):
        import polars as pl

        return pl.DataFrame(self.records(), schema=_polars_schema(), orient="row") if self._rows else \
            pl.DataFrame(schema=_polars_schema())

    def claims_to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self._claim_rows)


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _polars_schema() -> dict:
    import polars as pl

    types = {"date_start": pl.Date, "date_end": pl.Date, "latitude": pl.Float64,
             "longitude": pl.Float64, "place_precision": pl.Int64, "unverified": pl.Boolean,
             "killed_low": pl.Int64, "killed_best": pl.Int64, "killed_high": pl.Int64,
             "n_claims": pl.Int64}
    return {c: types.get(c, pl.Utf8) for c in _EVENT_COLUMNS}


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

    def __init__(self, db: str = "rashomon.db", pack: str = "balochistan") -> None:
        self.store: Store = open_store(db)
        self.pack = load_pack(pack)

    def events(self, *, since: str | date | None = None, until: str | date | None = None,
               place: str | None = None, actor: str | None = None, type: str | None = None,
               status: str | None = None, limit: int | None = None) -> EventList:
        """Events matching the filters (the same filters as ``rashomon events``)."""
        f = EventFilter(since=since, until=until, place=place, actor=actor, type=type,
                        status=status, limit=limit)
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
        from rashomon.ingest.run import ingest_paths

        return ingest_paths(self.store, list(paths), self.pack, ReadOptions(**options))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(db: str = "rashomon.db", pack: str = "balochistan") -> Database:  # noqa: A001
    """Open a rashomon database for analysis in Python."""
    return Database(db, pack)
