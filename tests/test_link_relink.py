"""Incremental linking (``link.relink``) gives exactly the events of one batch over everything:
random dense corpora of hand-built claims, linked in random orders and batch sizes through the
in-memory store, against ``link_claims`` on the whole corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from rashomon.link import LinkSettings, link_claims, relink
from rashomon.models import (
    ActorKind,
    ActorMention,
    Claim,
    DateInfo,
    Document,
    Place,
    Quantity,
    Span,
)
from rashomon.store.memory import MemoryStore

DISTRICTS = [("Kech", 26.0, 63.05), ("Gwadar", 25.12, 62.32), ("Panjgur", 26.96, 64.09),
             ("Quetta", 30.18, 67.0), ("Mastung", 29.8, 66.85)]
TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Suicide bomb"),
         ("Violence against civilians", "Abduction/forced disappearance"),
         ("Protests", "Peaceful protest")]
GROUPS = [("Baloch Liberation Army", ActorKind.armed_group, False),
          ("Baloch Liberation Front", ActorKind.armed_group, False),
          ("militants", ActorKind.armed_group, True), ("Frontier Corps", ActorKind.state_force, False),
          ("labourers", ActorKind.civilians, False)]
WORDS = ("convoy checkpoint highway bus passengers station bazaar school camp tower railway "
         "ambush blast gunmen rocket grenade abducted protest sit-in hostages soldiers").split()
START = date(2025, 3, 1)


def _place(r: random.Random) -> Place | None:
    pick = r.random()
    if pick < 0.15:
        return None
    if pick < 0.3:
        return Place(name="Balochistan", admin1="Balochistan", country="Pakistan", precision=4)
    name, lat, lon = r.choice(DISTRICTS)
    lat, lon = lat + r.uniform(-0.2, 0.2), lon + r.uniform(-0.2, 0.2)
    return Place(name=name, admin1="Balochistan", admin2=name, country="Pakistan",
                 latitude=round(lat, 3), longitude=round(lon, 3), precision=r.choice((1, 2, 3)))


def _date(r: random.Random) -> DateInfo | None:
    pick = r.random()
    day = START + timedelta(days=r.randrange(12))
    if pick < 0.2:
        return None
    if pick < 0.3:
        return DateInfo(start=day - timedelta(days=day.weekday()), end=day - timedelta(days=day.weekday()) + timedelta(days=6),
                        precision="week", text="last week")
    if pick < 0.35:
        return DateInfo(start=date(2025, 3, 1), end=date(2025, 3, 31), precision="month", text="in March")
    return DateInfo(start=day, end=day, precision="day", text="on Tuesday")


def _claim(r: random.Random, doc: str, pos: int, frame: int | None, background: bool) -> Claim:
    etype, sub = r.choice(TYPES)
    quote = " ".join(r.sample(WORDS, 6))
    actors = [ActorMention(name=n, kind=k, text=n, span=Span(start=pos, end=pos + 1), generic=g)
              for n, k, g in r.sample(GROUPS, r.randrange(3))]
    qty = [Quantity(category=r.choice(("killed", "injured")), victims=r.choice((None, "soldiers")),
                    low=n, high=n, text=str(n), span=Span(start=pos, end=pos + 1))
           for n in r.sample(range(1, 9), r.randrange(2))]
    return Claim(document_id=doc, span=Span(start=pos, end=pos + len(quote)), quote=quote,
                 event_type=etype, sub_event_type=sub, frame=frame, background=background,
                 date=_date(r), place=_place(r), actors=actors, quantities=qty,
                 incident=r.choice(("Jaffar Express", "Noshki convoy")) if r.random() < 0.08 else None)


def corpus(seed: int, n_docs: int = 30) -> tuple[list[Document], dict[str, list[Claim]]]:
    r = random.Random(seed)
    docs, claims = [], {}
    for i in range(n_docs):
        text = f"report {seed}-{i}"
        published = START + timedelta(days=r.randrange(14)) if r.random() < 0.9 else None
        # a headline, naming a district half the time (headline places, ``similarity``)
        title = " ".join(r.sample(WORDS, 3) + ([r.choice(DISTRICTS)[0]] if r.random() < 0.5 else []))
        doc = Document(id=Document.content_id(text), text=text, outlet=r.choice("ABCDE"),
                       published=published, title=title)
        found = []
        for j in range(r.randint(1, 4)):
            frame = r.choice((0, 0, 1, None))
            found.append(_claim(r, doc.id, 10 * j, frame, background=r.random() < 0.12))
        docs.append(doc)
        claims[doc.id] = found
    return docs, claims


def _shape(events) -> list[tuple]:
    return sorted((e.id, tuple(c.id for c in e.claims), tuple(
        (lk.claim_id, lk.other_claim_id, lk.score, tuple(lk.reasons)) for lk in e.links)) for e in events)


def incremental(docs, claims, order: list[int], sizes: list[int], settings: LinkSettings) -> list:
    store = MemoryStore()
    info = {d.id: d.info() for d in docs}
    i = 0
    for size in sizes:
        part = [docs[k] for k in order[i:i + size]]
        i += size
        if not part:
            continue
        with store.session() as s:
            s.insert([(d, claims[d.id]) for d in part])
            new = [c for d in part for c in claims[d.id]]
            changes = relink(s, new, settings, docinfo={d.id: info[d.id] for d in part})
            s.drop_events(changes.dropped, changes.replaced_by)
            s.save_events(changes.events)
    return store.events()


def _sizes(r: random.Random, n: int) -> list[int]:
    out = []
    while sum(out) < n:
        out.append(r.choice((1, 1, 2, 3, 5, 8)))
    return out


@pytest.mark.parametrize("seed", range(60))
def test_link_relink_any_order_and_batching_equals_one_batch(seed):
    docs, claims = corpus(seed)
    settings = LinkSettings()
    info = {d.id: d.info() for d in docs}
    batch = link_claims([c for d in docs for c in claims[d.id]], info, settings)
    r = random.Random(1000 + seed)
    order = list(range(len(docs)))
    r.shuffle(order)
    assert _shape(incremental(docs, claims, order, _sizes(r, len(docs)), settings)) == _shape(batch)


@pytest.mark.parametrize("seed", range(10))
def test_link_relink_one_document_at_a_time_in_reverse_equals_one_batch(seed):
    docs, claims = corpus(500 + seed, n_docs=40)
    settings = LinkSettings()
    info = {d.id: d.info() for d in docs}
    batch = link_claims([c for d in docs for c in claims[d.id]], info, settings)
    order = sorted(range(len(docs)), key=lambda k: docs[k].published or date.max, reverse=True)
    assert _shape(incremental(docs, claims, order, [1] * len(docs), settings)) == _shape(batch)


def test_link_relink_corpus_is_dense_enough_to_matter():
    """The random corpora must hold multi-report events and re-decisions, or the tests above
    would pass trivially."""
    docs, claims = corpus(3)
    info = {d.id: d.info() for d in docs}
    batch = link_claims([c for d in docs for c in claims[d.id]], info, LinkSettings())
    assert sum(len({c.document_id for c in e.claims}) > 1 for e in batch) >= 3
    headline = [seed for seed in range(10) if any(
        "headline names" in reason for e in _batch(seed) for lk in e.links for reason in lk.reasons)]
    assert len(headline) >= 3  # headline places decide some links


def _batch(seed: int) -> list:
    docs, claims = corpus(seed)
    return link_claims([c for d in docs for c in claims[d.id]], {d.id: d.info() for d in docs},
                       LinkSettings())
