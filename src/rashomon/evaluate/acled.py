"""Extraction scored on real ACLED ``notes``, as a user gets it.

Contract: ``evaluate_acled(path, limit=None) -> EvalReport``. ``path`` is an ACLED export CSV:
with a lower-case ``notes`` column (and ``sub_event_type``, ``latitude``, ``longitude``) it is
read as protest notes (the layout of the Balochistan development file), with ``NOTES`` and
``FATALITIES`` as fatality notes (the Africa 2016 layout). Each note goes through the whole pipeline as ``rashomon extract`` takes it
(``ingest.engine.extract_events``). The rows are shuffled with a fixed seed and the first
``limit`` kept, and every figure follows the rules of ``../shared/eval/score_acled.py``, so both
print the same figures for the same file and limit:

* protest notes (the first protest or riot event, else the first event): date exact (against
  the note's leading "On D Month YYYY"), district (the note's "(District, Province)" against the
  place's admin2 or name), admin1 (against that province), within 25 km of ACLED's point,
  sub-event type and its balanced accuracy (mean recall over the gold types).
* fatality notes (the first event): the killed figure (``estimates.killed.low``, 0 when none) exact, and
  exact where deaths > 0; admin1.

ACLED data is for measuring only: nothing of it is stored or copied.
"""

from __future__ import annotations

import csv
import math
import random
import re
from pathlib import Path

from rashomon.evaluate.report import EvalReport
from rashomon.ingest.engine import extract_events
from rashomon.models import DocumentCreate, Event
from rashomon.packs import KnowledgePack

SEED = 48  # the scorer's shuffle
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE = re.compile(r"\s*On (\d{1,2}) ([A-Za-z]+) (\d{4})")
_DISTRICT = re.compile(r"\(([^,()]+), ([^,()]+)\)")  # "(Kech, Balochistan)"


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z]", "", (s or "").lower())


def _km(a: float, b: float, c: float, d: float) -> float:
    # the scorer's own formula and Earth diameter (not gazetteer.distance_km's radius), so a
    # point right at 25 km counts the same way in both
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def read_acled(path: str | Path, limit: int | None = None) -> tuple[str, list[dict]]:
    """(mode, rows with notes) of an ACLED CSV, shuffled as the scorer shuffles them."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    mode = "protest" if rows and "notes" in rows[0] else "fatality"
    key = "notes" if mode == "protest" else "NOTES"
    random.Random(SEED).shuffle(rows)
    rows = [r for r in rows if (r.get(key) or "").strip()]
    return mode, rows[:limit] if limit else rows


def _main_protest(events: list[Event]) -> Event | None:
    for e in events:
        if re.search(r"protest|riot", str(e.event_type), re.I):
            return e
    return events[0] if events else None


def _protest(row: dict, events: list[Event], hits: dict, per_type: dict) -> None:
    e = _main_protest(events)
    place = e.place if e is not None else None
    note = row["notes"]
    m = _DATE.match(note)
    if m and m.group(2).lower() in _MONTHS:
        want = f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
        hits.setdefault("date_exact", []).append(e is not None and str(e.date_start) == want)
    d2 = _DISTRICT.search(note)
    if d2:
        hits.setdefault("district", []).append(
            place is not None and _norm(d2.group(1)) in (_norm(place.admin2), _norm(place.name)))
    if d2:  # GeoNames' spellings of provinces are the pack's by then (admin1_aliases)
        hits.setdefault("admin1", []).append(place is not None and _norm(place.admin1) == _norm(d2.group(2)))
    try:
        near = _km(float(row["latitude"]), float(row["longitude"]), place.latitude, place.longitude) <= 25
    except (TypeError, ValueError, AttributeError):
        near = False
    hits.setdefault("within_25km", []).append(near)
    ok = e is not None and _norm(e.sub_event_type) == _norm(row["sub_event_type"])
    hits.setdefault("sub_event_type", []).append(ok)
    per_type.setdefault(row["sub_event_type"], []).append(ok)


def _fatality(row: dict, events: list[Event], hits: dict) -> None:
    e = events[0] if events else None
    killed = e.estimates.get("killed") if e is not None else None
    ours = killed.low if killed is not None and killed.low is not None else 0
    gold = int(row["FATALITIES"] or 0)
    hits.setdefault("killed_exact", []).append(ours == gold)
    if gold > 0:
        hits.setdefault("killed_exact_deaths", []).append(ours == gold)
    admin1 = e.place.admin1 if e is not None and e.place is not None else None
    hits.setdefault("admin1", []).append(_norm(admin1) == _norm(row["ADMIN1"]))


def evaluate_acled(path: str | Path, limit: int | None = None,
                   pack: KnowledgePack | None = None) -> EvalReport:
    """Date, place, type and killed-figure accuracy of the whole pipeline on ACLED notes."""
    mode, rows = read_acled(path, limit)
    key = "notes" if mode == "protest" else "NOTES"
    hits: dict[str, list[bool]] = {}
    per_type: dict[str, list[bool]] = {}
    for i, row in enumerate(rows):
        events = extract_events(DocumentCreate(text=row[key], external_id=f"acled-{i}"), pack)
        if mode == "protest":
            _protest(row, events, hits, per_type)
        else:
            _fatality(row, events, hits)
    metrics = {k: round(sum(v) / len(v), 4) for k, v in hits.items() if v}
    if per_type:  # the majority type alone scores 1 / number of types
        metrics["sub_event_balanced_accuracy"] = round(
            sum(sum(v) / len(v) for v in per_type.values()) / len(per_type), 4)
    metrics["rows"] = float(len(rows))
    return EvalReport(name=f"ACLED {mode} notes: the whole pipeline", dataset=str(path),
                      metrics=metrics, notes=["ACLED data: for measuring only, nothing stored"])


__all__ = ["evaluate_acled", "read_acled"]
