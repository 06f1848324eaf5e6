"""Acceptance on the seed article (read from ../shared/data/seed/, never copied here).

The tool must get everything in it right: the Jaffar Express hijacking with both sides' claims,
the 16 March bus ambush, the October 2024 bombing, the strategic developments, and nothing it
cannot point to in the text.
"""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.ingest.engine import Engine
from rashomon.models import Document


@pytest.fixture(scope="module")
def seed(seed_text, pack):
    """The seed article through the whole pipeline, as ``rashomon extract`` takes it."""
    doc = Document(id=Document.content_id(seed_text), text=seed_text)
    with Engine.in_memory(pack) as engine:
        claims = engine.extract(doc)
        engine.add(doc, claims)
        return doc, claims, engine.events_of([doc.id])


def _figures(claims):
    return [(c, q) for c in claims for q in c.quantities]


def _jaffar(events):
    found = [e for e in events if e.date_start == date(2025, 3, 11)]
    assert len(found) == 1, [(e.date_start, e.sub_event_type) for e in events]
    return found[0]


def test_seed_every_value_points_to_its_text(seed):
    doc, claims, _ = seed
    assert claims
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.quote
        for q in c.quantities:
            assert doc.text[q.span.start:q.span.end] == q.text
        if c.date and c.date.span:
            assert doc.text[c.date.span.start:c.date.span.end] == c.date.text
        for a in c.actors:
            assert doc.text[a.span.start:a.span.end] == a.text


def test_seed_jaffar_express_hijacking_in_bolan_by_bla(seed):
    _, _, events = seed
    ev = _jaffar(events)
    assert ev.date_precision == "day"
    assert ev.place is not None and ev.place.admin1 == "Balochistan"
    assert ev.place.admin2 == "Kachhi"
    assert ev.place.country == "Pakistan"
    assert "Baloch Liberation Army" in {a.name for a in ev.actors if a.role == "perpetrator"}
    assert any(c.incident == "Jaffar Express" for c in ev.claims)


def test_seed_jaffar_military_and_bla_claims_are_kept_apart(seed):
    _, _, events = seed
    ev = _jaffar(events)
    figs = _figures(ev.claims)
    army = [(c, q) for c, q in figs if c.claimant == "Pakistan Army"]
    bla = [(c, q) for c, q in figs if c.claimant == "Baloch Liberation Army"]
    assert any(q.category == "attackers_killed" and q.low == q.high == 33 for _, q in army)
    assert any(q.category == "rescued" and q.victims == "passengers" for _, q in army)
    assert any(q.category == "killed" and q.victims == "hostages" and q.low == 201 and q.high is None
               for _, q in bla)
    assert all(c.hedge.value == "alleged" for c, _ in army + bla)
    passengers = [q for _, q in figs if q.category == "passengers"]
    assert passengers and passengers[0].low == 425 and passengers[0].approximate


def test_seed_jaffar_is_contested_and_unverified(seed):
    _, _, events = seed
    ev = _jaffar(events)
    assert ev.status == "contested"
    assert ev.unverified is True


def test_seed_march_16_bus_ambush_year_from_context(seed):
    _, _, events = seed
    found = [e for e in events if e.date_start == date(2025, 3, 16)]
    assert len(found) == 1
    ev = found[0]
    assert ev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    figs = _figures(ev.claims)
    assert any(c.claimant == "Baloch Liberation Army" and q.category == "killed"
               and q.victims == "soldiers" and q.low == 24 for c, q in figs)
    assert ev.place is not None and ev.place.admin1 == "Balochistan"


def test_seed_october_2024_suicide_bombing_month_precision(seed):
    _, _, events = seed
    found = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert len(found) == 1
    ev = found[0]
    assert (ev.date_start, ev.date_end, ev.date_precision) == (date(2024, 10, 1), date(2024, 10, 31), "month")
    assert any(q.category == "killed" and q.low == q.high == 2 and q.victims == "Chinese nationals"
               for _, q in _figures(ev.claims))


def test_seed_strategic_developments_are_kept(seed):
    _, _, events = seed
    strategic = [e for e in events if e.event_type == "Strategic developments"]
    quotes = " ".join(c.quote for e in strategic for c in e.claims)
    assert "open letter" in quotes
    assert "vowed" in quotes


def test_seed_nothing_invented(seed):
    _, claims, events = seed
    violent = [e for e in events if e.event_type != "Strategic developments"]
    assert len(violent) == 3, [(e.date_start, e.sub_event_type, e.claims[0].quote[:60]) for e in violent]
    assert all(e.date_start is None or e.date_start.year >= 2024 for e in events)
    for c in claims:
        if c.place and c.place.country:
            assert c.place.country == "Pakistan"
