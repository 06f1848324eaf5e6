"""Linking: hand-built claims (no article text), determinism, incrementality, analyst decisions."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.link import LinkSettings, link_claims, merge_events, relink, split_event
from rashomon.link.cluster import Linker
from rashomon.link.keys import LinkKey
from rashomon.models import (
    ActorKind,
    ActorMention,
    Claim,
    DateInfo,
    Document,
    DocumentInfo,
    Place,
    Quantity,
    Span,
)
from rashomon.store.memory import MemoryStore

PLACES = {
    "Kachhi": Place(name="Mashkaf", admin1="Balochistan", admin2="Kachhi", country="Pakistan",
                    latitude=29.6, longitude=67.3, precision=1),
    "Kech": Place(name="Turbat", admin1="Balochistan", admin2="Kech", country="Pakistan",
                  latitude=26.0, longitude=63.05, precision=1),
    "Nushki": Place(name="Nushki", admin1="Balochistan", admin2="Nushki", country="Pakistan",
                    latitude=29.55, longitude=66.02, precision=3),
    "Zhob": Place(name="Zhob", admin1="Balochistan", admin2="Zhob", country="Pakistan",
                  latitude=31.34, longitude=69.45, precision=3),
    "Sherani": Place(name="Sherani", admin1="Balochistan", admin2="Sherani", country="Pakistan",
                     latitude=31.55, longitude=69.75, precision=3),
    "province": Place(name="Balochistan", admin1="Balochistan", country="Pakistan", precision=4),
}


def mk(doc: str, pos: int, quote: str, sub: str, day: date | None = None, place: str | None = None,
       actors=(), qty=(), frame: int | None = 0, **kw) -> Claim:
    etype = {"Armed clash": "Battles", "Attack": "Violence against civilians",
             "Abduction/forced disappearance": "Violence against civilians",
             "Remote explosive/landmine/IED": "Explosions/Remote violence",
             "Grenade": "Explosions/Remote violence", "Peaceful protest": "Protests",
             "Suicide bomb": "Explosions/Remote violence"}[sub]
    published = kw.pop("published", day)
    claim = Claim(
        document_id=doc, span=Span(start=pos, end=pos + len(quote)), quote=quote,
        event_type=etype, sub_event_type=sub, frame=frame,
        date=DateInfo(start=day, end=day, precision="day", text="on Tuesday") if day else None,
        place=PLACES[place] if place else None,
        actors=[ActorMention(name=n, kind=k, text=n, span=Span(start=pos, end=pos + 1),
                             generic=g) for n, k, g in actors],
        quantities=[Quantity(category=c, victims=v, low=lo, high=hi, text=str(lo),
                             span=Span(start=pos, end=pos + 1)) for c, v, lo, hi in qty],
        **kw)
    INFO[doc] = DocumentInfo(id=doc, published=published, outlet=doc.split("-")[0])
    return claim


INFO: dict[str, DocumentInfo] = {}  # document metadata of the claims built by mk()


def link(claims: list[Claim], **kw) -> list:
    """One batch over hand-built claims, with their documents' metadata."""
    return link_claims(claims, INFO, **kw)


def stored(*batches: list[Claim], locked: bool = False) -> MemoryStore:
    """A store holding ``batches`` linked one after the other (events locked if asked)."""
    store = MemoryStore()
    for batch in batches:
        add(store, batch)
    if locked:
        with store.session() as s:
            evs = store.events()
            for e in evs:
                e.locked = True
            s.save_events(evs)
    return store


def add(store: MemoryStore, claims: list[Claim]) -> list:
    """Link ``claims`` into the store as the engine does (without assessing); returns the events
    saved."""
    docs = sorted({c.document_id for c in claims})
    with store.session() as s:
        s.insert([(Document(id=d, text=d, published=INFO[d].published, outlet=INFO[d].outlet),
                   [c for c in claims if c.document_id == d]) for d in docs])
        changes = relink(s, claims, LinkSettings(), docinfo={d: INFO[d] for d in docs})
        s.drop_events(changes.dropped, changes.replaced_by)
        s.save_events(changes.events)
    return changes.events


BLA = ("Baloch Liberation Army", ActorKind.armed_group, False)
MILITANTS = ("militants", ActorKind.armed_group, True)
FC = ("Frontier Corps", ActorKind.state_force, False)
LABOURERS = ("labourers", ActorKind.civilians, False)
D = date(2025, 3, 11)


def jaffar() -> list[Claim]:
    return [
        mk("ledger-1", 0, "Militants hijacked the Jaffar Express carrying over 400 passengers in Bolan",
           "Abduction/forced disappearance", D, "Kachhi", [BLA], [("passengers", "passengers", 401, None)],
           incident="Jaffar Express"),
        mk("ledger-1", 90, "The army said 33 insurgents were killed in the operation", "Armed clash", None,
           None, [MILITANTS], [("attackers_killed", "militants", 33, 33)], claimant="Pakistan Army",
           published=date(2025, 3, 12)),
        mk("wire-2", 0, "Gunmen stormed a passenger train near a tunnel in Kachhi district on Tuesday",
           "Armed clash", D, "Kachhi", [MILITANTS], [("killed", "hostages", 26, 26)],
           published=date(2025, 3, 12)),
        mk("daily-3", 0, "The BLA claimed it executed over 200 hostages from the Jafar Express train",
           "Attack", date(2025, 3, 12), "Kachhi", [BLA], [("killed", "hostages", 201, None)],
           incident="Jaffar Express", claimant="Baloch Liberation Army", published=date(2025, 3, 13)),
    ]


def kech_pair() -> list[Claim]:
    d = date(2025, 5, 2)
    return [
        mk("a-1", 0, "A roadside bomb struck a Frontier Corps vehicle on the main road in Turbat",
           "Remote explosive/landmine/IED", d, "Kech", [FC], [("injured", "soldiers", 3, 3)]),
        mk("b-1", 0, "Armed men abducted three labourers from a construction site in Kech",
           "Abduction/forced disappearance", d, "Kech", [LABOURERS, MILITANTS],
           [("abducted", "labourers", 3, 3)]),
        mk("c-1", 0, "Three labourers working at a site were kidnapped by gunmen in Kech",
           "Abduction/forced disappearance", d, "Kech", [LABOURERS], [("abducted", "labourers", 3, 3)]),
    ]


def partition(events) -> set[frozenset]:
    return {frozenset(c.id for c in e.claims) for e in events}


def test_link_jaffar_three_outlets_one_event():
    events = link(jaffar())
    assert len(events) == 1
    ev = events[0]
    assert {c.document_id for c in ev.claims} == {"ledger-1", "wire-2", "daily-3"}
    reasons = " | ".join(r for lk in ev.links for r in lk.reasons)
    assert "same district Kachhi" in reasons and "both name jaffar express" in reasons
    assert ev.place.admin2 == "Kachhi" and ev.date_start == D


def test_link_same_day_same_district_unrelated_stay_apart():
    events = link(kech_pair())
    parts = partition(events)
    assert len(events) == 2
    ids = {c.document_id: c.id for c in kech_pair()}
    assert frozenset({ids["b-1"], ids["c-1"]}) in parts


def test_link_background_mention_never_joins_another_reports_event():
    store = stored(jaffar())
    (old,) = store.events()
    later = [
        mk("later-9", 0, "Militants attacked a convoy in Nushki, killing five people", "Attack",
           date(2025, 3, 16), "Nushki", [MILITANTS], [("killed", "people", 5, 5)], frame=0),
        mk("later-9", 80, "The attack comes days after the Jaffar Express hijacking in Bolan",
           "Abduction/forced disappearance", D, "Kachhi", [], [], frame=1, background=True,
           incident="Jaffar Express"),
    ]
    add(store, later)
    by_id = {e.id: e for e in store.events()}
    jaffar_ev = by_id[old.id]
    assert not [c for c in jaffar_ev.claims if c.document_id == "later-9"]
    new = [e for e in by_id.values() if e.id != old.id]
    assert len(new) == 1 and all(not c.background for c in new[0].claims)


def test_link_background_without_match_is_unlinked():
    bg = mk("x-1", 0, "It follows last year's attack in Kech", "Attack", date(2024, 1, 1), "Kech",
            background=True)
    assert link([bg]) == []


def test_link_claims_without_type_are_not_linked():
    c = mk("x-1", 0, "Something happened", "Attack", D, "Kech")
    c.event_type = None
    assert link([c]) == []


@pytest.mark.parametrize("seed", range(6))
def test_link_order_independent(seed):
    items = jaffar() + kech_pair()
    base = partition(link(items))
    random.Random(seed).shuffle(items)
    assert partition(link(items)) == base


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(7))))
def test_link_order_independent_hypothesis(order):
    items = jaffar() + kech_pair()
    events = link([items[i] for i in order])
    assert [sorted(c.id for c in e.claims) for e in events] == [
        sorted(c.id for c in e.claims) for e in link(items)]


def test_link_incremental_equals_batch():
    items = jaffar() + kech_pair()
    batch = link(items)
    store = stored(items[:3] + items[4:5], items[3:4] + items[5:])
    assert partition(store.events()) == partition(batch)
    assert sorted(e.id for e in store.events()) == sorted(e.id for e in batch)


def test_link_report_bridging_two_stored_events_gives_the_batch_result():
    """Stored events are not frozen: a later report that a batch would link with both brings
    them together exactly as the batch does (order does not matter)."""
    items = jaffar()
    store = stored(items[:2], items[2:3], items[3:])
    assert partition(store.events()) == partition(link(items))


def test_link_locked_event_respected():
    store = stored(jaffar()[:1], locked=True)
    (first,) = store.events()
    add(store, jaffar()[2:])
    events = store.events()
    assert {c.id for c in store.event(first.id).claims} == {c.id for c in first.claims}
    assert len(events) == 2


def test_link_cannot_link_respected():
    store = stored(jaffar()[:1])
    (first,) = store.events()
    late = jaffar()[3]
    with store.session() as s:
        s.audit("split", [first.id], [late.id], [first.id], "test", None)
    add(store, [late])
    assert store.claim_event_ids([late.id])[late.id] != first.id


def test_link_secondary_frame_follows_the_reports_lead_event():
    # a report is about the incident of its lead: a later frame that names no other place, day
    # or kind of incident (the toll given again, undated) stays in the report's one event and
    # cannot take the report into another report's event of that district
    d = date(2025, 5, 2)
    items = [mk("a-1", 0, "A bomb hit an FC vehicle in Turbat, killing two", "Remote explosive/landmine/IED", d, "Kech", [FC], frame=0),
             mk("a-1", 60, "Officials later said three soldiers had died", "Attack", None, None, [FC], frame=1),
             mk("b-2", 0, "Gunmen fired on a Levies post in Turbat", "Armed clash", d, "Kech", [FC],
                [("killed", "soldiers", 3, 3)], frame=0)]
    events = link(items)
    (mine,) = [e for e in events if any(c.document_id == "a-1" for c in e.claims)]
    assert len([c for c in mine.claims if c.document_id == "a-1"]) == 2


def test_link_round_up_of_two_districts_stays_two_events():
    # a round-up frame with its own district and kind of incident is another incident
    d = date(2025, 5, 2)
    items = [mk("a-1", 0, "A bomb hit an FC vehicle in Nushki", "Remote explosive/landmine/IED", d, "Nushki", [FC], frame=0),
             mk("a-1", 50, "In Turbat gunmen abducted three labourers", "Abduction/forced disappearance", d, "Kech", [], frame=1)]
    assert len(link(items)) == 2


def test_link_recalled_district_not_in_headline_follows_the_lead():
    # the headline names the lead's district only: a later frame placed in a neighbouring
    # district (where an attack it recalls happened) is part of this report's incident and
    # does not link the report to that district's event
    d = date(2025, 5, 2)
    INFO_TITLE = "Gunmen hit a post in Sherani, one guard dead"
    items = [mk("a-1", 0, "Gunmen stormed a post in Sherani, killing a guard", "Armed clash", d, "Sherani", [FC], frame=0),
             mk("a-1", 60, "It came a day after militants stormed a camp in Zhob", "Armed clash", d, "Zhob", [FC],
                [("killed", "guards", 1, 1)], frame=1),
             mk("b-2", 0, "Militants stormed a camp in Zhob, killing a guard", "Armed clash", d, "Zhob", [FC],
                [("killed", "guards", 1, 1)], frame=0)]
    INFO["a-1"] = INFO["a-1"].model_copy(update={"title": INFO_TITLE})
    events = link(items)
    assert len(events) == 2
    assert all(len({c.document_id for c in e.claims}) == 1 for e in events)


def test_link_two_districts_named_as_districts_stay_apart():
    # same night, same type, 40 km apart, but each report names its district as the place
    d = date(2025, 5, 2)
    items = [mk("a-1", 0, "Gunmen stormed a post, killing two guards", "Armed clash", d, "Zhob",
                [FC], [("killed", "guards", 2, 2)]),
             mk("b-2", 0, "Gunmen stormed a post, killing two guards", "Armed clash", d, "Sherani",
                [FC], [("killed", "guards", 2, 2)])]
    assert len(link(items)) == 2


def test_link_common_state_actors_are_no_corroboration():
    # the police appear in nearly every report: sharing them does not make one incident
    d = date(2025, 5, 2)
    pol = ("Police", ActorKind.state_force, False)
    items = [mk("a-1", 0, "A police station came under fire at night", "Armed clash", d, "Kech", [pol]),
             mk("b-2", 0, "A constable was shot dead by riders on a motorbike", "Attack", d, "Kech", [pol])]
    assert len(link(items)) == 2


def test_link_merge_and_split_roundtrip():
    events = link(kech_pair())
    merged = merge_events(events, [e.id for e in events])
    assert merged.locked and len(merged.claims) == 3
    moved = [merged.claims[0].id]
    a, b = split_event(merged, moved)
    assert a.id == merged.id and [c.id for c in b.claims] == moved and a.locked and b.locked


def test_link_settings_document_every_threshold():
    for name, field in LinkSettings.model_fields.items():
        if isinstance(field.default, (int, float)):
            assert field.description, name


def _key(i: int, day: int, district: str) -> LinkKey:
    return LinkKey(uid=f"c{i:06d}", claim_ids=(f"c{i:06d}",), doc=f"d{i}", frame=0, background=False,
                   start=day, end=day, prec=0, admin1="B", admin2=district, lat=None, lon=None, pprec=3,
                   family="violence", types=frozenset({"Attack"}), groups=frozenset(), named=frozenset(),
                   incidents=frozenset(), tokens=frozenset({i % 7, 100 + day}))


def test_link_blocking_scales_linearly():
    """Comparisons per unit stay flat as the corpus grows (never all pairs)."""
    import rashomon.link.cluster as cl

    counts = []
    for n in (2000, 8000):
        calls = 0
        real = cl.score

        def counting(*a, **k):
            nonlocal calls
            calls += 1
            return real(*a, **k)

        cl.score = counting
        try:
            Linker(LinkSettings()).run(_key(i, 700000 + i % (n // 10), f"D{i % 40}") for i in range(n))
        finally:
            cl.score = real
        counts.append(calls / n)
    assert counts[1] < counts[0] * 1.5


def test_link_evaluate_linking_on_hand_built_claims(tmp_path):
    import json

    from rashomon.evaluate.linking import evaluate_linking
    from rashomon.ingest.engine import Engine

    items = jaffar() + kech_pair()
    texts = {}
    for c in items:
        texts.setdefault(c.document_id, []).append(c.quote)
    lines = [json.dumps({"id": d, "url": None, "outlet": d, "title": d, "published": "2025-03-12",
                         "text": " ".join(q), "source_kind": "wire"}) for d, q in sorted(texts.items())]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines))
    inc = {d: "JAFFAR" for d in ("ledger-1", "wire-2", "daily-3")} | {"a-1": "IED", "b-1": "ABD", "c-1": "ABD"}
    gold = {"incidents": {"JAFFAR": {}, "IED": {"must_stay_apart_from": ["ABD"]}, "ABD": {}},
            "documents": {d: {"mentions": [{"quote_contains": q[0][:20], "incident": inc[d], "background": False}],
                              "claims": []} for d, q in texts.items()}}
    gold["documents"]["daily-3"]["claims"] = [{"quote_contains": "executed over 200", "claimant": "Baloch Liberation Army",
                                               "category": "killed", "victims": "hostages", "low": 201, "high": None}]
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    by_doc = {}
    for c in items:
        by_doc.setdefault(c.document_id, []).append(c)

    def extract(doc):
        return by_doc[doc.external_id]

    report = evaluate_linking(tmp_path / "corpus.jsonl", tmp_path / "gold.json", Engine.in_memory(), extract)
    assert report.labelled_claims == 6 and report.gold_pairs == 4
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert report.all_apart and report.matched_claims == 1
    assert report.claimant_accuracy == 1.0 and report.numbers_accuracy == 1.0


def test_link_shared_incident_name_relaxes_place_and_date():
    items = [
        mk("a-1", 0, "Militants hijacked the Jaffar Express in Bolan", "Abduction/forced disappearance",
           D, "Kachhi", incident="Jaffar Express"),
        mk("b-1", 0, "QUETTA: survivors of the Jaffar Express reached the city", "Abduction/forced disappearance",
           date(2025, 3, 14), "Nushki", incident="Jaffar Express"),
    ]
    events = link(items)
    assert len(events) == 1
    assert any("same incident name" in r for lk in events[0].links for r in lk.reasons)


def test_link_distinct_incident_names_far_apart_stay_apart():
    items = [mk("a-1", 0, "A bomb exploded at Quetta railway station", "Suicide bomb", D, "Kachhi",
                incident="Quetta railway station"),
             mk("b-1", 0, "Militants attacked the Jaffar Express", "Suicide bomb", date(2025, 3, 14), "Kachhi",
                incident="Jaffar Express")]
    assert len(link(items)) == 2


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_link_tokens_and_jaccard_never_crash(x, y):
    from rashomon.link.keys import tokens_of
    from rashomon.link.similarity import jaccard

    tx, ty = tokens_of(x, LinkSettings()), tokens_of(y, LinkSettings())
    assert list(tx) == sorted(set(tx)) and 0.0 <= jaccard(tx, ty) <= 1.0
    assert jaccard(tx, tx) == (1.0 if tx else 0.0)


def test_link_tokens_linear_on_1mb():
    import time

    from rashomon.link.keys import tokens_of

    t0 = time.perf_counter()
    tokens_of("ab1 " * 250_000 + "x" * 1_000_000, LinkSettings())
    assert time.perf_counter() - t0 < 5


def test_figures_of_an_incident_named_by_another_day_are_background():
    # the report is about Friday's blast; "Wednesday's raid" is another incident, recalled
    from rashomon.extract.pipeline import extract_claims
    from rashomon.models import Document
    from rashomon.packs import load_pack
    text = ("Three people were hurt when a bomb went off in a market in Kalat on Friday, police said. "
            "The army has said six attackers and two soldiers were killed in Wednesday's raid on the post.")
    claims = extract_claims(Document(id="d", text=text, published=date(2022, 2, 5)), load_pack("balochistan"))
    recalled = [c for c in claims if "Wednesday" in c.quote]
    assert recalled and all(c.background for c in recalled)
    assert not any(c.background for c in claims if "Friday" in c.quote)
