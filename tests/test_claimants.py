"""Claimant track record figures."""

from __future__ import annotations

from rashomon.assess.claimants import track_record
from rashomon.assess.estimate import estimate_event
from rashomon.models import Claim, DocumentInfo, Event, Hedge, Quantity, Span

DOCS = {d: DocumentInfo(id=d, outlet=d.upper()) for d in ("a", "b", "c", "d")}


def claim(doc, claimant, n, hedge=Hedge.attributed) -> Claim:
    return Claim(document_id=doc, span=Span(start=0, end=5), quote="xxxxx", claimant=claimant, hedge=hedge,
                 quantities=[Quantity(category="killed", victims="soldiers", low=n, high=n, text="n",
                                      span=Span(start=0, end=1))])


def ev(eid, *claims) -> Event:
    e = Event(id=eid, claims=list(claims))
    e.estimates = estimate_event(e, DOCS, {"Baloch Liberation Army": "armed group"})
    return e


def test_claimants_track_record_ratios():
    events = [ev("e1", claim("a", None, 10, Hedge.asserted), claim("b", "Baloch Liberation Army", 30)),
              ev("e2", claim("c", None, 4, Hedge.asserted), claim("d", "Baloch Liberation Army", 4))]
    records = {r.claimant: r for r in track_record(events, DOCS)}
    bla = records["Baloch Liberation Army"]
    assert bla.figures == 2 and bla.events == 2
    assert bla.median_ratio == 2.0 and bla.share_above == 0.5 and bla.share_equal == 0.5
    assert bla.examples[0].ratio == 3.0
    assert records["A"].share_equal == 1.0


def test_claimants_empty():
    assert track_record([]) == []
