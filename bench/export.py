"""Export and compare speed on a synthetic database (see docs/performance.md, Exports)."""
import io
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rashomon.export import export_events
from rashomon.models import (
    ActorKind,
    ActorMention,
    Claim,
    Document,
    Estimate,
    Event,
    Hedge,
    Place,
    Quantity,
    ReferenceEvent,
    Span,
)
from rashomon.reference.compare import compare_events
from rashomon.store import EventFilter, open_store

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rnd = random.Random(7)
DISTRICTS = [(f"District{i}", 25 + i * 0.2, 62 + i * 0.15) for i in range(40)]
tmp = tempfile.mkdtemp()
store = open_store(str(Path(tmp) / "b.db"))
doc = Document(id="d" * 16, text="synthetic", outlet="Bench Wire", published=date(2024, 1, 1))
claims, events, refs = [], [], []
for i in range(N):
    name, lat, lon = rnd.choice(DISTRICTS)
    day = date(2020, 1, 1) + timedelta(days=rnd.randrange(1800))
    place = Place(name=name, admin1="Balochistan", admin2=name, country="Pakistan", latitude=lat,
                  longitude=lon, precision=rnd.choice([1, 3]))
    cs = [Claim(document_id=doc.id, span=Span(start=i * 10 + k, end=i * 10 + k + 5), quote="q",
                claimant=rnd.choice([None, "Police", "Baloch Liberation Army"]), hedge=Hedge.attributed,
                quantities=[Quantity(category="killed", victims="soldiers", low=k + 1, high=k + 1,
                                     text=str(k + 1), span=Span(start=0, end=1))]) for k in range(3)]
    claims += cs
    events.append(Event(id=f"e_{i:012x}", event_type="Battles", sub_event_type="Armed clash",
        date_start=day, date_end=day, date_precision="day", place=place,
        actors=[ActorMention(name="Baloch Liberation Army", kind=ActorKind.armed_group, role="perpetrator", text="BLA", span=Span(start=0, end=3)),
                ActorMention(name="Frontier Corps", kind=ActorKind.state_force, role="target", text="FC", span=Span(start=0, end=2))],
        estimates={"killed": Estimate(category="killed", low=1, best=2, high=3, conservative=1, by_side={"state forces": 2})},
        claims=cs))
    if rnd.random() < 0.7:
        refs.append(ReferenceEvent(ref_id=str(i), date_start=day + timedelta(days=rnd.choice([0, 0, 1, 3])),
                                   date_end=day, type_of_violence=1, admin1="Balochistan province",
                                   admin2=f"{name} district", best=2, low=2, high=2))
for r in refs:
    if r.date_end < r.date_start:
        r.date_end = r.date_start
with store.session() as s:  # records built by hand: no extraction, no linking
    s.insert([(doc, claims)])
    s.save_events(events)

def timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t

base = timed(lambda: store.events(EventFilter()))
print(f"events={N} claims={len(claims)} baseline store.events(): {base:.2f} s")
for fmt in ("json", "jsonl", "csv", "geojson", "acled", "ucdp"):
    t = timed(lambda: export_events(store, fmt, None, io.StringIO()))
    print(f"{fmt:8s} {t:6.2f} s  {t / base:4.1f}x")
t = timed(lambda: export_events(store, "parquet", None, Path(tmp) / "o.parquet", claims=True))
print(f"parquet+claims {t:6.2f} s  {t / base:4.1f}x")
loaded = store.events(EventFilter())
t = timed(lambda: compare_events(loaded, refs))
rep = compare_events(loaded, refs)
print(f"compare {N} ours x {len(refs)} theirs: {t:.2f} s ({t / base:.1f}x); matched {len(rep.matched)}")
