"""Parquet export (pyarrow): an events table and, optionally, a claims table.

Events are the columns of the one flat event row (``public.EventRow``: the CSV's and the
DataFrames' columns, place split into ``place``/``admin1``/..., the ``killed_*`` figures for
quick analysis), then ``actor_list`` (a list of {name, role} structs), ``estimates`` as a JSON
string (its ``by_side`` maps vary per event), ``updated_at`` and ``review`` (JSON, null when no analyst reviewed it). Claims are the contract's claim entries, one row per figure,
with ``event_id`` and ``position`` (order within the event). :func:`read_parquet` rebuilds the
contract objects, so ``read_parquet(write_parquet(rows)) == rows``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from rashomon.public import EventRow

_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), date: pa.date32()}


def _arrow_type(annotation) -> pa.DataType:
    """The Arrow type of an ``EventRow`` field (``X | None`` is nullable ``X``)."""
    args = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not type(None)]
    return _ARROW[args[0]]


# The flat columns are the one event row (``public.EventRow``), then what a flat row cannot hold:
# the actors as structs, the estimates (JSON: their by_side maps vary per event), the stamp.
EVENT_SCHEMA = pa.schema(
    [(name, _arrow_type(f.annotation)) for name, f in EventRow.model_fields.items()]
    + [("actor_list", pa.list_(pa.struct([("name", pa.string()), ("role", pa.string())]))),
       ("estimates", pa.string()), ("updated_at", pa.timestamp("us")),
       ("review", pa.string())])  # the contract's review object as JSON (null when unreviewed)

CLAIM_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("position", pa.int64()), ("claim_id", pa.string()),
    ("claimant", pa.string()), ("claimant_words", pa.string()), ("claimant_start", pa.int64()),
    ("claimant_end", pa.int64()), ("hedge", pa.string()), ("quote", pa.string()),
    ("document_id", pa.string()), ("source_url", pa.string()), ("outlet", pa.string()),
    ("published", pa.date32()), ("span_start", pa.int64()), ("span_end", pa.int64()),
    ("unverified", pa.bool_()), ("background", pa.bool_()), ("category", pa.string()),
    ("victims", pa.string()), ("low", pa.int64()), ("high", pa.int64()),
    ("approximate", pa.bool_()), ("subset", pa.bool_()), ("words", pa.string()), ("words_start", pa.int64()),
    ("words_end", pa.int64()), ("mark", pa.string()),
])

_PLACE = {"place": "name", "admin1": "admin1", "admin2": "admin2", "country": "country",
          "latitude": "latitude", "longitude": "longitude", "place_precision": "precision"}


def parquet_paths(out: str | Path) -> tuple[Path, Path]:
    """(events file, claims file): ``DIR/`` gives DIR/events.parquet and DIR/claims.parquet,
    ``out.parquet`` gives out.parquet and out.claims.parquet."""
    out = Path(out)
    if str(out).endswith(("/", "\\")) or out.is_dir():
        return out / "events.parquet", out / "claims.parquet"
    return out, out.with_name(f"{out.stem}.claims.parquet")


def event_record(row: dict) -> dict:
    """One events-table row from one contract row."""
    rec = EventRow.of(row).model_dump()
    rec.update(actor_list=row["actors"], estimates=json.dumps(row["estimates"], ensure_ascii=False),
               updated_at=datetime.fromisoformat(row["updated_at"]) if row["updated_at"] else None,
               review=json.dumps(row["review"], ensure_ascii=False) if row.get("review") else None)
    return rec


def claim_records(row: dict) -> list[dict]:
    """Claims-table rows from one contract row's claim entries."""
    out = []
    for i, c in enumerate(row["claims"]):
        ws = c["words_span"] or [None, None]
        cs = c.get("claimant_span") or [None, None]
        rec = {k: v for k, v in c.items() if k not in ("span", "words_span", "claimant_span")}
        out.append({**rec, "event_id": row["id"], "position": i, "published": _day(c["published"]),
                    "span_start": c["span"][0], "span_end": c["span"][1],
                    "claimant_start": cs[0], "claimant_end": cs[1],
                    "words_start": ws[0], "words_end": ws[1]})
    return out


def write_parquet(rows: list[dict], out: str | Path, claims: bool = False) -> list[Path]:
    """Write the events table (and with ``claims`` the claims table); returns the paths."""
    events_path, claims_path = parquet_paths(out)
    events_path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist([event_record(r) for r in rows], schema=EVENT_SCHEMA),
                   events_path)
    if not claims:
        return [events_path]
    recs = [c for r in rows for c in claim_records(r)]
    pq.write_table(pa.Table.from_pylist(recs, schema=CLAIM_SCHEMA), claims_path)
    return [events_path, claims_path]


def read_parquet(out: str | Path) -> list[dict]:
    """Contract rows back from a Parquet export (claims empty when no claims table exists)."""
    events_path, claims_path = parquet_paths(out)
    by_event: dict[str, list[dict]] = {}
    if claims_path.exists():
        for rec in sorted(pq.read_table(claims_path).to_pylist(), key=lambda r: r["position"]):
            by_event.setdefault(rec["event_id"], []).append(_claim_entry(rec))
    return [_contract_row(rec, by_event.get(rec["id"], []))
            for rec in pq.read_table(events_path).to_pylist()]


def _contract_row(rec: dict, claims: list[dict]) -> dict:
    place = None
    if rec["place_precision"] is not None:
        place = {key: rec[col] for col, key in _PLACE.items()}
    return {
        "id": rec["id"], "event_type": rec["event_type"], "sub_event_type": rec["sub_event_type"],
        "date_start": _iso(rec["date_start"]), "date_end": _iso(rec["date_end"]),
        "date_precision": rec["date_precision"], "place": place, "actors": rec["actor_list"],
        "status": rec["status"], "grade": rec["grade"], "unverified": rec["unverified"],
        "status_reason": rec["status_reason"], "estimates": json.loads(rec["estimates"]),
        "claims": claims, "updated_at": _iso(rec["updated_at"]),
        "review_status": rec["review_status"],
        "review": json.loads(rec["review"]) if rec["review"] else None,
    }


def _claim_entry(rec: dict) -> dict:
    words_span = [rec["words_start"], rec["words_end"]] if rec["words_start"] is not None else None
    entry = {k: rec[k] for k in ("claim_id", "event_id", "claimant", "claimant_words")}
    entry["claimant_span"] = ([rec["claimant_start"], rec["claimant_end"]]
                              if rec["claimant_start"] is not None else None)
    entry.update({k: rec[k] for k in ("hedge", "quote", "document_id", "source_url", "outlet")})
    entry.update(published=_iso(rec["published"]), span=[rec["span_start"], rec["span_end"]],
                 unverified=rec["unverified"], background=rec["background"])
    entry.update({k: rec[k] for k in ("category", "victims", "low", "high", "approximate")})
    entry["subset"] = bool(rec.get("subset"))  # files written before the column: no subsets
    entry["words"] = rec["words"]
    entry["words_span"] = words_span
    entry["mark"] = rec["mark"]
    return entry


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
