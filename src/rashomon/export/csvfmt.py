"""CSV export: one flat row per event (``public.EventRow``) (``rashomon events --format csv`` uses the same writer);
with ``claims`` a second CSV holds one row per claim figure (the contract's claim entries)."""

from __future__ import annotations

import csv
import json
from typing import IO

from rashomon.public import ROW_COLUMNS, EventRow

CSV_COLUMNS = ROW_COLUMNS  # the one flat event row (public.EventRow)

CLAIM_COLUMNS = ["event_id", "claim_id", "claimant", "claimant_words", "claimant_span", "hedge", "category", "victims", "low", "high",
                 "approximate", "subset", "words", "quote", "document_id", "outlet", "published",
                 "source_url", "span", "words_span", "unverified", "background"]


def write_events_csv(rows: list[dict], out: IO[str]) -> int:
    """Write contract rows as flat CSV (the columns of ``public.EventRow``); returns the count."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for r in rows:
        flat = EventRow.of(r).model_dump(mode="json")
        w.writerow([flat[c] for c in CSV_COLUMNS])
    return len(rows)


def write_claims_csv(rows: list[dict], out: IO[str]) -> int:
    """Write the claim entries of contract rows (spans as JSON pairs); returns the row count."""
    w = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in rows:
        for c in r["claims"]:
            w.writerow({**c, "span": json.dumps(c["span"]),
                        "words_span": json.dumps(c["words_span"]) if c["words_span"] else "",
                        "claimant_span": json.dumps(c["claimant_span"]) if c.get("claimant_span") else ""})
            n += 1
    return n
