"""Round trips (hypothesis): events and claims come back equal through SQLite, JSON, JSON Lines,
GeoJSON and Parquet; each export has a reader that rebuilds the contract objects."""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from builders import store_prepared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.export.geojson import read_geojson, write_geojson
from rashomon.export.jsonfmt import read_json, write_json, write_jsonl
from rashomon.export.parquet import read_parquet, write_parquet
from rashomon.models import (
    ActorKind,
    ActorMention,
    Claim,
    DateInfo,
    Document,
    Estimate,
    Event,
    Hedge,
    LinkReason,
    Place,
    Quantity,
    Span,
)
from rashomon.public import event_json
from rashomon.store import EventFilter, open_store

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
maybe = lambda s: st.none() | s  # noqa: E731
counts = st.integers(0, 10_000)
days = st.dates(date(1990, 1, 1), date(2030, 12, 31))


@st.composite
def spans(draw, start: int | None = None) -> Span:
    s = draw(st.integers(0, 5000)) if start is None else start
    return Span(start=s, end=s + draw(st.integers(0, 300)))


places = st.builds(Place, name=words, admin1=maybe(words), admin2=maybe(words), country=maybe(words),
                   latitude=maybe(st.floats(-90, 90)), longitude=maybe(st.floats(-180, 180)),
                   precision=st.integers(1, 7))
actors = st.builds(ActorMention, name=words, kind=maybe(st.sampled_from(list(ActorKind))),
                   role=st.sampled_from(["perpetrator", "target", "responder", "other"]),
                   text=words, span=spans(), generic=st.booleans())


@st.composite
def quantities(draw) -> Quantity:
    low = draw(maybe(counts))
    high = None if low is None else draw(maybe(st.integers(low, low + 500)))
    return Quantity(category=draw(st.sampled_from(["killed", "injured", "attackers_killed"])),
                    victims=draw(maybe(words)), low=low, high=high, approximate=draw(st.booleans()),
                    text=draw(words), span=draw(spans()))


@st.composite
def date_infos(draw) -> DateInfo:
    start = draw(days)
    return DateInfo(start=start, end=start + timedelta(days=draw(st.integers(0, 40))),
                    precision=draw(st.sampled_from(["day", "week", "month", "year"])),
                    text=draw(words), span=draw(maybe(spans())))


@st.composite
def claims_of(draw, doc_id: str, n: int) -> list[Claim]:
    out = []
    for i in range(n):  # distinct, increasing spans: distinct ids, stable order in the store
        out.append(Claim(document_id=doc_id, span=draw(spans(start=i * 1000)), quote=draw(words),
                         claimant=draw(maybe(words)), hedge=draw(st.sampled_from(list(Hedge))),
                         event_type=draw(maybe(words)), date=draw(maybe(date_infos())),
                         place=draw(maybe(places)), actors=draw(st.lists(actors, max_size=2)),
                         quantities=draw(st.lists(quantities(), max_size=3)),
                         unverified=draw(st.booleans()), background=draw(st.booleans())))
    return out


@st.composite
def estimates(draw) -> Estimate:
    low, best, high = sorted(draw(st.lists(counts, min_size=3, max_size=3)))
    return Estimate(category="killed", low=low, best=best, high=high,
                    conservative=draw(maybe(counts)),
                    by_side=draw(st.dictionaries(st.sampled_from(["civilians", "state forces",
                                                                  "armed group", "unknown"]), counts)),
                    claim_ids=draw(st.lists(words, max_size=2)), derivation=draw(st.text(max_size=40)))


@st.composite
def events_with_docs(draw) -> tuple[list[Event], Document]:
    text = draw(st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
    doc = Document(id=Document.content_id(text), text=text, url=draw(maybe(words)),
                   outlet=draw(maybe(words)), published=draw(maybe(days)))
    all_claims = draw(claims_of(doc.id, draw(st.integers(0, 6))))
    evs, taken = [], 0
    for k in range(draw(st.integers(1, 3))):
        mine = all_claims[taken:taken + draw(st.integers(0, 3))]
        taken += len(mine)
        start = draw(maybe(days))
        cats = draw(st.lists(st.sampled_from(["killed", "attackers_killed", "injured"]), unique=True))
        evs.append(Event(
            id=f"e_{k:012x}", event_type=draw(maybe(words)), sub_event_type=draw(maybe(words)),
            date_start=start, date_end=None if start is None else start + timedelta(days=draw(st.integers(0, 9))),
            date_precision=None if start is None else draw(st.sampled_from(["day", "week", "month"])),
            place=draw(maybe(places)), actors=draw(st.lists(actors, max_size=3)),
            status=draw(st.sampled_from(["single-source", "corroborated", "contested"])),
            grade=draw(maybe(words)), unverified=draw(st.booleans()), status_reason=draw(st.text(max_size=20)),
            estimates={c: draw(estimates()).model_copy(update={"category": c}) for c in cats},
            claims=mine, links=[LinkReason(claim_id="a", other_claim_id="b", score=0.5, reasons=["x"])],
            updated_at=datetime(2026, 1, 2, 3, 4, 5)))
    return evs, doc


def _rows(evs: list[Event], doc: Document) -> list[dict]:
    return [event_json(e, {doc.id: doc}) for e in evs]


@SETTINGS
@given(events_with_docs())
def test_roundtrip_events_and_claims_through_sqlite(data):
    evs, doc = data
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "rt.db"))
        store_prepared(store, doc, evs)
        back = {e.id: e for e in store.events(EventFilter())}
        claims_back = store.claims(document_id=doc.id)
        store.close()
    strip = {"updated_at"}
    assert {e.id: e.model_dump(exclude=strip) for e in evs} == \
        {i: e.model_dump(exclude=strip) for i, e in back.items()}
    assert claims_back == sorted((c for e in evs for c in e.claims), key=lambda c: c.span.start)


@SETTINGS
@given(events_with_docs(), st.sampled_from(["json", "jsonl"]))
def test_roundtrip_contract_through_json(data, fmt):
    rows = _rows(*data)
    buf = io.StringIO()
    (write_json if fmt == "json" else write_jsonl)(rows, buf)
    assert read_json(buf.getvalue()) == rows


@SETTINGS
@given(events_with_docs())
def test_roundtrip_contract_through_geojson(data):
    rows = _rows(*data)
    buf = io.StringIO()
    write_geojson(rows, buf)
    assert read_geojson(buf.getvalue()) == rows


@SETTINGS
@given(events_with_docs())
def test_roundtrip_contract_through_parquet_with_claims(data):
    rows = _rows(*data)
    with tempfile.TemporaryDirectory() as tmp:
        write_parquet(rows, Path(tmp) / "out.parquet", claims=True)
        assert read_parquet(Path(tmp) / "out.parquet") == rows


@SETTINGS
@given(events_with_docs())
def test_roundtrip_parquet_folder_without_claims_keeps_events(data):
    rows = _rows(*data)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_parquet(rows, tmp + "/")
        assert [p.name for p in paths] == ["events.parquet"]
        assert read_parquet(tmp + "/") == [{**r, "claims": []} for r in rows]
