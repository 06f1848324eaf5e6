"""Status rules and Airwars grades."""

from __future__ import annotations

import pytest

from rashomon.assess.status import StatusSettings, assess
from rashomon.models import Claim, DocumentInfo, Event, Hedge, Quantity, Span

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
    ([claim("a", None, 5, Hedge.asserted), claim("b", None, contested_in_text=True)],
     "contested", "contested"),
])
def test_status_cases(claims, status, grade):
    got = assess(Event(id="e", claims=claims), DOCS, kinds=KINDS)
    assert (got.status, got.grade) == (status, grade) and got.reason


def test_status_small_difference_is_not_contested():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", 5), claim("b", "Police", 7)])
    assert assess(ev, DOCS, StatusSettings(), KINDS).status == "corroborated"


def test_status_unverified_flag_caps_grade():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", 5, unverified=True), claim("b", None, 5, Hedge.asserted)])
    got = assess(ev, DOCS, kinds=KINDS)
    assert got.unverified and got.grade == "fair" and "verified" in got.reason


def test_status_all_denied_is_discounted():
    ev = Event(id="e", claims=[claim("a", "Pakistan Army", hedge=Hedge.denied)])
    got = assess(ev, DOCS, kinds=KINDS)
    assert (got.status, got.grade) == ("contested", "discounted")


def test_status_ranges_compare_as_intervals():
    several = Claim(document_id="a", span=Span(start=0, end=5), quote="xxxxx", hedge=Hedge.asserted,
                    quantities=[Quantity(category="killed", victims="soldiers", low=3, high=9, text="several",
                                         span=Span(start=0, end=1))])
    ev = Event(id="e", claims=[several, claim("b", "Police", 8)])
    assert assess(ev, DOCS, kinds=KINDS).status == "corroborated"


def test_status_reads_the_typed_contested_flag_not_the_notes_wording():
    """A note that happens to say "conflict" is no contest; the typed flag is."""
    noted = Event(id="e", claims=[claim("a", None, 5, Hedge.asserted),
                                  claim("b", None, notes=["place: a conflict zone"])])
    assert assess(noted, DOCS, kinds=KINDS).status != "contested"


def test_status_nobody_killed_against_a_count_is_denied_by_that_party():
    got = assess(Event(id="e", claims=[claim("a", "Baloch Liberation Army", 12, Hedge.alleged),
                                       claim("b", "Pakistan Army", 0)]), DOCS, kinds=KINDS)
    assert got.status == "contested" and got.reason.startswith("denied by Pakistan Army")
