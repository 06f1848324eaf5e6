"""Claimant track record: how each claimant's figures compare with the events' best estimates.

For every event and category with a ``best`` estimate, each claimant's *current* (not superseded,
not denied) total is compared with it: ratio = total / best. A claimant that always says 3x the
best estimate has a median ratio of 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import median

from pydantic import Field

from rashomon.assess.estimate import figures, supersede
from rashomon.models import Event, Hedge, Record


class TrackExample(Record):
    event_id: str
    category: str
    figure: int
    best: int
    ratio: float
    claim_id: str


class ClaimantRecord(Record):
    claimant: str
    figures: int = 0
    events: int = 0
    median_ratio: float | None = None
    share_above: float = 0.0
    share_below: float = 0.0
    share_equal: float = 0.0
    examples: list[TrackExample] = Field(default_factory=list)


def _examples(event: Event, docinfo: Mapping) -> dict[str, list[TrackExample]]:
    figs = [f for f in figures(event, docinfo, {}) if f.lo is not None and f.claim.hedge != Hedge.denied]
    current, _ = supersede(figs)
    out: dict[str, list[TrackExample]] = {}
    for cat, est in sorted(event.estimates.items()):
        if not est.best:
            continue
        best_by: dict[str, TrackExample] = {}
        for f in (f for f in current if f.q.category == cat):
            ex = TrackExample(event_id=event.id, category=cat, figure=f.lo, best=est.best,
                              ratio=round(f.lo / est.best, 3), claim_id=f.claim.id)
            # a claimant's headline figure for the category is its largest (its total)
            if f.who not in best_by or f.lo > best_by[f.who].figure:
                best_by[f.who] = ex
        for who, ex in best_by.items():
            out.setdefault(who, []).append(ex)
    return out


def track_record(events: Iterable[Event], docinfo: Mapping | None = None,
                 max_examples: int = 5) -> list[ClaimantRecord]:
    """One record per claimant (the outlet's name, or its document id when unknown, for figures
    the outlet asserts), sorted by number of figures then name."""
    pooled: dict[str, list[TrackExample]] = {}
    for ev in events:
        for who, exs in _examples(ev, docinfo or {}).items():
            pooled.setdefault(who, []).extend(exs)
    records = []
    for who, exs in pooled.items():
        ratios = [e.ratio for e in exs]
        n = len(ratios)
        records.append(ClaimantRecord(
            claimant=who, figures=n, events=len({e.event_id for e in exs}),
            median_ratio=round(median(ratios), 3),
            share_above=round(sum(r > 1 for r in ratios) / n, 3),
            share_below=round(sum(r < 1 for r in ratios) / n, 3),
            share_equal=round(sum(r == 1 for r in ratios) / n, 3),
            examples=sorted(exs, key=lambda e: -abs(e.ratio - 1))[:max_examples]))
    return sorted(records, key=lambda r: (-r.figures, r.claimant))
