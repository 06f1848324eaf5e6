"""CSV export: one flat row per event (``rashomon events --format csv`` uses the same writer);
with ``claims`` a second CSV holds one row per claim figure (the contract's claim entries)."""

from __future__ import annotations

import csv
import json
from typing import IO

CSV_COLUMNS = ["id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
               "place", "admin2", "admin1", "country", "latitude", "longitude", "place_precision",
               "actors", "status", "unverified", "killed_low", "killed_best", "killed_high",
               "n_claims", "claimants"]

CLAIM_COLUMNS = ["event_id", "claim_id", "claimant", "hedge", "category", "victims", "low", "high",
                 "approximate", "words", "quote", "document_id", "outlet", "published",
                 "source_url", "span", "words_span", "unverified", "background"]


def write_events_csv(rows: list[dict], out: IO[str]) -> int:
    """Write contract rows as flat CSV (columns ``CSV_COLUMNS``); returns the number of events."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for r in rows:
        p = r["place"] or {}
        k = r["estimates"].get("killed", {})
        w.writerow([r["id"], r["event_type"], r["sub_event_type"], r["date_start"], r["date_end"],
                    r["date_precision"], p.get("name"), p.get("admin2"), p.get("admin1"),
                    p.get("country"), p.get("latitude"), p.get("longitude"), p.get("precision"),
                    "; ".join(f"{a['name']} ({a['role']})" for a in r["actors"]), r["status"],
                    r["unverified"], k.get("low"), k.get("best"), k.get("high"),
                    len({c["claim_id"] for c in r["claims"]}),
                    "; ".join(sorted({c["claimant"] or "(outlet)" for c in r["claims"]}))])
    return len(rows)


def write_claims_csv(rows: list[dict], out: IO[str]) -> int:
    """Write the claim entries of contract rows (spans as JSON pairs); returns the row count."""
    w = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in rows:
        for c in r["claims"]:
            w.writerow({**c, "span": json.dumps(c["span"]),
                        "words_span": json.dumps(c["words_span"]) if c["words_span"] else ""})
            n += 1
    return n
