"""Score extraction against a gold file written by the project (``tests/data/extraction_gold.json``).

Gold shape: ``{"documents": {DOC_ID: {"events": [{"quote_contains", "event_type",
"sub_event_type", "date", "date_precision", "admin1", "admin2", "latitude", "longitude",
"actors": [{"name", "role"}], "claims": [{"quote_contains", "claimant", "category", "victims",
"low", "high"}]}]}}}`` where DOC_ID is the ``id`` of a record of the corpus (JSONL).

Each document goes alone through the whole pipeline (an in-memory engine, as ``rashomon
extract``). A gold event is matched to the system event one of whose claims quotes a sentence containing
``quote_contains``. Figures: event found (recall), event type, sub-event type, date, admin1,
admin2, median distance in km, perpetrator recall, and for gold claims: found, claimant correct,
numbers correct (low and high equal).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from rashomon.evaluate.report import EvalReport
from rashomon.extract.gazetteer import distance_km
from rashomon.models import Claim, Document, DocumentCreate, Event, Place
from rashomon.ingest.engine import Engine
from rashomon.packs import KnowledgePack, load_pack


def read_corpus(path: str | Path) -> dict[str, Document]:
    out: dict[str, Document] = {}
    for line in Path(path).read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            create = DocumentCreate(text=rec["text"], url=rec.get("url"), outlet=rec.get("outlet"),
                                    title=rec.get("title"), published=rec.get("published"),
                                    external_id=rec.get("id"))
            out[rec["id"]] = Document.from_create(create)
    return out


def _find_event(events: list[Event], needle: str) -> Event | None:
    for e in events:
        if any(needle in c.quote for c in e.claims):
            return e
    return None


def find_figure(claims: list[Claim], gold: dict):
    """The system figure for a gold claim: same sentence, same category (victims as tie-break)."""
    hits = [(c, q) for c in claims if gold["quote_contains"] in c.quote
            for q in c.quantities if q.category == gold["category"]]
    hits.sort(key=lambda cq: cq[1].victims != gold.get("victims"))
    return hits[0] if hits else None


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}
        self.distances: list[float] = []

    def add(self, name: str, ok: bool) -> None:
        self.counts.setdefault(name, [0, 0])
        self.counts[name][0] += int(ok)
        self.counts[name][1] += 1

    def metrics(self) -> dict[str, float]:
        out = {k: round(v[0] / v[1], 4) for k, v in sorted(self.counts.items()) if v[1]}
        if self.distances:
            out["median_distance_km"] = round(statistics.median(self.distances), 1)
        return out


def _score_event(t: _Tally, ev: Event | None, g: dict) -> None:
    t.add("event_found", ev is not None)
    if ev is None:
        return
    t.add("event_type", ev.event_type == g.get("event_type"))
    t.add("sub_event_type", ev.sub_event_type == g.get("sub_event_type"))
    t.add("date", bool(ev.date_start) and ev.date_start.isoformat() == g.get("date"))
    p = ev.place
    t.add("admin1", bool(p) and p.admin1 == g.get("admin1"))
    if g.get("admin2"):
        t.add("admin2", bool(p) and p.admin2 == g.get("admin2"))
    if g.get("latitude") is not None and p and p.latitude is not None:
        gp = Place(name="gold", latitude=g["latitude"], longitude=g["longitude"], precision=1)
        t.distances.append(distance_km(p, gp) or 0.0)
    names = {a.name for a in ev.actors if a.role == "perpetrator"}
    for a in g.get("actors", []):
        if a.get("role") == "perpetrator":
            t.add("perpetrator", a["name"] in names)


def _score_claims(t: _Tally, claims: list[Claim], gold_claims: list[dict]) -> None:
    for g in gold_claims:
        hit = find_figure(claims, g)
        t.add("claim_found", hit is not None)
        if hit is None:
            continue
        c, q = hit
        t.add("claimant", c.claimant == g.get("claimant"))
        t.add("claim_numbers", (q.low, q.high) == (g.get("low"), g.get("high")))


def evaluate_extraction(gold_path: str | Path, corpus_path: str | Path,
                        pack: KnowledgePack | None = None) -> EvalReport:
    pack = pack or load_pack()
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    corpus = read_corpus(corpus_path)
    t = _Tally()
    for doc_id, g in sorted(gold["documents"].items()):
        doc = corpus[doc_id]
        with Engine.in_memory(pack) as engine:  # one document alone, as ``rashomon extract``
            claims = engine.extract(doc)
            engine.add(doc, claims)
            events = engine.events_of([doc.id])
        for ge in g.get("events", []):
            _score_event(t, _find_event(events, ge["quote_contains"]), ge)
            _score_claims(t, claims, ge.get("claims", []))
    return EvalReport(name="extraction vs project gold", dataset=str(gold_path), metrics=t.metrics(),
                      notes=[f"{len(gold['documents'])} documents"])
