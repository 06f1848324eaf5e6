"""Status rules and Airwars grades."""

from __future__ import annotations

import pytest

from rashomon.link import DocumentInfo
from rashomon.models import Claim, Event, Hedge, Quantity, Span
from rashomon.status import StatusSettings, assess

KINDS = {"Pakistan Army": "state force", "Baloch Liberation Army": "armed group"}


def claim(doc, claimant=None, n=None, hedge=Hedge.attributed, **kw) -> Claim:
    qty = [Quantity(category="killed", victims="soldiers", low=n, high=n, text="n",
                    span=Span(start=0, end=1))] if n is not None else []
    return Claim(document_id=doc, span=Span(start=0, end=5), quote="xxxxx", claimant=claimant,
                 hedge=hedge, quantities=qty, **kw)


DOCS = {d: DocumentInfo(id=d, outlet=o) for d, o in
        [("a", "Quetta Ledger"), ("b", "Indus Wire"), ("c", "Quetta Ledger")]}


@pytest.mark.parametrize("claims,status,grade", [
    ([claim("a", None, 5, Hedge.asserted)], "single-source", "weak"),
    ([claim("a", None, 5, Hedge.asserted), claim("c", None, 5, Hedge.asserted)], "single-source", "weak"),
    ([claim("a", None, 5, Hedge.asserted), claim("b", None, 6, Hedge.asserted)], "corroborated", "fair"),
    ([claim("a", "Pakistan Army", 5), claim("b", None, 5, Hedge.asserted)], "corroborated", "confirmed"),
    ([claim("a", "Pakistan Army", 5), claim("b", "Baloch Liberation Army", 90, Hedge.alleged)],
     "contested", "contested"),
    ([claim("a", None, 5, Hedge.asserted), claim("b", "Baloch Liberation Army", hedge=Hedge.denied)],
     "contested", "contested"),
    ([claim("a", None, 5, Hedge.asserted), claim("b", None, notes=["conflicting accounts of the toll"])],
     "contested", "contested"),
])
def test_status_cases(claims, status, grade):
    got = assess(Event(id="e", claims=claims), DOCS, kinds=KINDS)
    assert got[:2] == (status, grade) and got[3]


def test_status_small_difference_is_not_contested():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", 5), claim("b", "Police", 7)])
    assert assess(ev, DOCS, StatusSettings(), KINDS)[0] == "corroborated"


def test_status_unverified_flag_caps_grade():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", 5, unverified=True), claim("b", None, 5, Hedge.asserted)])
    status, grade, unverified, reason = assess(ev, DOCS, kinds=KINDS)
    assert unverified and grade == "fair" and "verified" in reason


def test_status_all_denied_is_discounted():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", hedge=Hedge.denied)])
    assert assess(ev, DOCS, kinds=KINDS)[:2] == ("contested", "discounted")


def test_status_ranges_compare_as_intervals():
    several = Claim(document_id="a", span=Span(start=0, end=5), quote="xxxxx", hedge=Hedge.asserted,
                    quantities=[Quantity(category="killed", victims="soldiers", low=3, high=9, text="several",
                                         span=Span(start=0, end=1))])
    ev = Event(id="e", claims=[several, claim("b", "Police", 8)])
    assert assess(ev, DOCS, kinds=KINDS)[0] == "corroborated"
