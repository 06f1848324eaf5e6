"""Output snapshot: a digest of every event and claim the CLI produces on the project's and the
shared development corpora, so a refactor can prove that it changed nothing (or say what it did).

It drives the real console script as a user would (``ingest`` + ``events --format json`` and
the database's claims, or ``extract --format jsonl``), then keeps only hashes: one per event,
per claim and per extracted record, never third-party text.

    python scripts/snapshot.py --out snapshot.json             # record
    python scripts/snapshot.py --check snapshot.json           # compare; exit 1 and list changes

Run from the project root after ``make install``; ``../shared`` must sit beside the checkout.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "dev"
SEED = ROOT.parent / "shared" / "data" / "seed"

INGESTED = {  # corpus name -> inputs given to `rashomon ingest`
    "demo": [ROOT / "src" / "rashomon" / "packs" / "balochistan" / "demo"],
    "linking_project": [ROOT / "tests" / "data" / "linking" / "corpus.jsonl"],
    "linking_dev": [DEV / "linking_dev" / "corpus.jsonl"],
    "seed": sorted(SEED.glob("*.txt")),
}


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _strip(event: dict) -> dict:
    """An event without its storage stamp (which differs on every run)."""
    return {k: v for k, v in event.items() if k != "updated_at"}


def _run(cli: str, *args: str) -> str:
    out = subprocess.run([cli, *args], capture_output=True, text=True, timeout=3600)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{cli} {' '.join(args[:2])} failed: {out.stderr[-500:]}")
    return out.stdout


def ingested(cli: str, inputs: list[Path]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "s.db")
        _run(cli, "ingest", *map(str, inputs), "--db", db)
        events = json.loads(_run(cli, "events", "--db", db, "--format", "json", "--limit", "1000000"))
        events = events.get("events", events) if isinstance(events, dict) else events
        with sqlite3.connect(db) as conn:
            claims = {cid: _digest([json.loads(payload), eid]) for cid, payload, eid in
                      conn.execute("SELECT id, payload, event_id FROM claims")}
    return {"events": {e["id"]: _digest(_strip(e)) for e in events}, "claims": claims}


def _records(name: str) -> list[dict]:
    if name == "case":
        with (DEV / "case2021_task2" / "dev.tsv").open(encoding="utf-8", newline="") as fh:
            rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [{"id": f"case-{r['id']}", "text": r["EventSnippet"]} for r in rows]
    if name.startswith("glocon"):
        kind, field = ("sentence", "sentence") if name == "glocon_sentences" else ("document", "text")
        path = DEV / "glocon_samples" / kind / ("Sabinet.json" if kind == "sentence" else "Sabinet_R.json")
        lines = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
        return [{"id": f"g-{i}", "text": r[field]} for i, r in enumerate(lines)]
    file, key = {"acled_balochistan": ("balochistan_protest_notes_even.csv", "notes"),
                 "acled_africa": ("africa_2016_notes_even.csv", "NOTES")}[name]
    with (DEV / "acled" / file).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [{"id": f"a-{i}", "text": r[key]} for i, r in enumerate(rows) if (r.get(key) or "").strip()]


EXTRACTED = ["case", "glocon_sentences", "glocon_documents", "acled_balochistan", "acled_africa"]


def extracted(cli: str, name: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in _records(name):
            f.write(json.dumps(r) + "\n")
    out = {}
    for line in _run(cli, "extract", f.name, "--format", "jsonl").splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            out[str(rec.get("id"))] = _digest([_strip(e) for e in rec.get("events") or []])
    Path(f.name).unlink()
    return {"records": out}


def snapshot(cli: str, only: list[str] | None = None) -> dict:
    snap = {}
    for name, inputs in INGESTED.items():
        if not only or name in only:
            snap[name] = ingested(cli, inputs)
    for name in EXTRACTED:
        if not only or name in only:
            snap[name] = extracted(cli, name)
    return snap


def differences(old: dict, new: dict) -> list[str]:
    out = []
    for corpus in sorted(set(old) | set(new)):
        for part in sorted(set(old.get(corpus, {})) | set(new.get(corpus, {}))):
            a, b = old.get(corpus, {}).get(part, {}), new.get(corpus, {}).get(part, {})
            gone, added = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
            if gone or added or changed:
                out.append(f"{corpus} {part}: {len(changed)} changed, {len(gone)} gone, "
                           f"{len(added)} new (of {len(a)}) e.g. {(changed + gone + added)[:5]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=str(ROOT / ".venv" / "bin" / "rashomon"))
    ap.add_argument("--out", help="write the snapshot here")
    ap.add_argument("--check", help="compare with this snapshot")
    ap.add_argument("--only", nargs="*", help="corpus names")
    args = ap.parse_args()
    snap = snapshot(args.cli, args.only)
    if args.out:
        Path(args.out).write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n")
    if args.check:
        old = json.loads(Path(args.check).read_text())
        if args.only:
            old = {k: v for k, v in old.items() if k in args.only}
        diff = differences(old, snap)
        print("\n".join(diff) or "snapshot: identical")
        sys.exit(1 if diff else 0)
    for name, parts in snap.items():
        print(name, {k: len(v) for k, v in parts.items()})


if __name__ == "__main__":
    main()
