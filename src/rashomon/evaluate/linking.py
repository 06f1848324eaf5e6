"""Linking evaluation against the multi-report corpus (``tests/data/linking/``).

A system claim is labelled with a gold incident when its quote contains one of the document's
gold mentions (``quote_contains``). Background mentions (an earlier incident recalled in passing)
are left out of the pairs and counted apart: one sitting in an event of the incident it recalls
is ``background_joined`` (issue #13: background never joins). Over all pairs of labelled claims: a pair is *gold-same* when
both carry the same incident and *system-same* when both sit in one event; precision, recall and
F1 follow. "Must stay apart" incidents are checked event by event. Claim attribution: a gold
claim is matched by a system claim of the same document whose quote contains its
``quote_contains`` and that has a quantity of the same category; then claimant and numbers are
compared.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from itertools import combinations
from pathlib import Path

from pydantic import Field

from rashomon.ingest.engine import Engine
from rashomon.models import Claim, Document, DocumentCreate, Event, Record


class ApartCheck(Record):
    incident: str
    other: str
    kept_apart: bool


class LinkingReport(Record):
    labelled_claims: int = 0
    gold_pairs: int = 0
    system_pairs: int = 0
    true_pairs: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    apart: list[ApartCheck] = Field(default_factory=list)
    all_apart: bool = True
    background_joined: int = 0  # background mentions inside an event of the incident they recall
    gold_claims: int = 0
    matched_claims: int = 0
    claimant_accuracy: float = 0.0
    numbers_accuracy: float = 0.0
    events: int = 0


def read_corpus(path: Path) -> list[tuple[str, Document]]:
    """(gold document id, Document) per JSON line."""
    out = []
    for line in Path(path).read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            create = DocumentCreate(text=rec["text"], url=rec.get("url"), outlet=rec.get("outlet"),
                                    title=rec.get("title"), external_id=rec.get("id"),
                                    published=date.fromisoformat(rec["published"][:10]) if rec.get("published") else None)
            out.append((rec["id"], Document.from_create(create)))
    return out


def _labels(claims: Iterable[tuple[str, Claim]], gold: dict, background: bool = False) -> dict[str, str]:
    """Claim id -> gold incident, for the gold's report mentions (or, with ``background``, its
    background mentions: an earlier incident recalled in passing, which must join no event of
    that incident, issue #13)."""
    labels = {}
    for gid, c in claims:
        for m in gold["documents"].get(gid, {}).get("mentions", []):
            if m["quote_contains"] in c.quote and bool(m.get("background")) == background:
                labels[c.id] = m["incident"]
                break
    return labels


def background_joined(claims: list[tuple[str, Claim]], gold: dict, labels: dict[str, str],
                      event_of: dict[str, str]) -> int:
    """Background mentions that sit in an event holding a report of the incident they recall."""
    events_of_incident: dict[str, set[str]] = {}
    for cid, inc in labels.items():
        if cid in event_of:
            events_of_incident.setdefault(inc, set()).add(event_of[cid])
    return sum(event_of.get(cid) in events_of_incident.get(inc, set())
               for cid, inc in _labels(claims, gold, background=True).items())


def pair_scores(labels: dict[str, str], event_of: dict[str, str]) -> tuple[int, int, int]:
    """(gold pairs, system pairs, true pairs) over labelled claims; unlinked claims are alone."""
    g = s = t = 0
    for a, b in combinations(sorted(labels), 2):
        same_gold = labels[a] == labels[b]
        same_sys = a in event_of and event_of.get(a) == event_of.get(b)
        g, s, t = g + same_gold, s + same_sys, t + (same_gold and same_sys)
    return g, s, t


def _apart(gold: dict, labels: dict[str, str], events: list[Event]) -> list[ApartCheck]:
    held = [{labels[c.id] for c in e.claims if c.id in labels} for e in events]
    out = []
    for inc, info in sorted(gold["incidents"].items()):
        for other in info.get("must_stay_apart_from", []):
            out.append(ApartCheck(incident=inc, other=other,
                                  kept_apart=not any(inc in h and other in h for h in held)))
    return out


def _attribution(gold: dict, claims: list[tuple[str, Claim]]) -> tuple[int, int, int, int]:
    n = matched = who_ok = num_ok = 0
    for gid, doc in gold["documents"].items():
        for gc in doc.get("claims", []):
            n += 1
            hit = next(((c, q) for g, c in claims if g == gid and gc["quote_contains"] in c.quote
                        for q in c.quantities if q.category == gc["category"]), None)
            if hit is None:
                continue
            c, q = hit
            matched += 1
            who_ok += c.claimant == gc.get("claimant")
            num_ok += (q.low, q.high) == (gc.get("low"), gc.get("high"))
    return n, matched, who_ok, num_ok


def evaluate_linking(corpus_path: Path | str, gold_path: Path | str, engine: Engine,
                     extract_fn: Callable[[Document], list[Claim]] | None = None) -> LinkingReport:
    """Store every corpus document through ``engine`` (extraction by the engine, or by
    ``extract_fn``), then score the events it holds against the gold."""
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    claims: list[tuple[str, Claim]] = []
    batch = []
    for gid, doc in read_corpus(Path(corpus_path)):
        found = extract_fn(doc) if extract_fn else engine.extract(doc)
        claims += [(gid, c) for c in found]
        batch.append((doc, found))
    for result in engine.store_batch(batch):
        if isinstance(result, Exception):
            raise result
    events = engine.store.events()
    event_of = {c.id: e.id for e in events for c in e.claims}
    labels = _labels(claims, gold)  # report mentions only: a recalled incident is not reported
    g, s, t = pair_scores(labels, event_of)
    p, r = (t / s if s else 0.0), (t / g if g else 0.0)
    apart = _apart(gold, labels, events)
    n, matched, who_ok, num_ok = _attribution(gold, claims)
    return LinkingReport(
        labelled_claims=len(labels), gold_pairs=g, system_pairs=s, true_pairs=t,
        precision=round(p, 3), recall=round(r, 3), f1=round(2 * p * r / (p + r), 3) if p + r else 0.0,
        apart=apart, all_apart=all(a.kept_apart for a in apart),
        background_joined=background_joined(claims, gold, labels, event_of), gold_claims=n, matched_claims=matched,
        claimant_accuracy=round(who_ok / matched, 3) if matched else 0.0,
        numbers_accuracy=round(num_ok / matched, 3) if matched else 0.0, events=len(events))
