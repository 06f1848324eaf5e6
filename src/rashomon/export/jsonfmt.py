"""JSON and JSON Lines exports: the events contract (``docs/contract.md``), claims included."""

from __future__ import annotations

import json
from typing import IO


def write_json(rows: list[dict], out: IO[str]) -> int:
    """Write contract rows as one JSON array; returns the number of events."""
    out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    return len(rows)


def write_jsonl(rows: list[dict], out: IO[str]) -> int:
    """Write contract rows one JSON object per line; returns the number of events."""
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


def read_json(text: str) -> list[dict]:
    """Contract rows from a ``json`` (array) or ``jsonl`` export's text."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        return json.loads(stripped)
    # split on "\n" only: str.splitlines() would also split inside strings holding U+2028/U+0085
    return [json.loads(line) for line in text.split("\n") if line.strip()]
