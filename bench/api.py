"""API latency at scale: a synthetic database of N events (default 100k), then p50/p95 of
``/api/events`` with filters and of ``/api/stats`` through the real app (in-process TestClient),
next to the same SQL run directly in the same process (ratio = API / SQL); then the trends
endpoints, cached and cold, beside a plain GROUP BY.

    .venv/bin/python bench/api.py                 # 100k events, 30 requests per case
    .venv/bin/python bench/api.py --events 20000 --repeat 20 --db /tmp/bench_api.db

Rows go straight into the store's tables in batches (no extraction): realistic dates over 5
years, Balochistan districts with coordinates, statuses, actors, killed estimates, and a claim
for one event in ten.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rashomon.store import EventFilter, open_store  # noqa: E402
from rashomon.store.filters import apply_filter  # noqa: E402
from rashomon.store.schema import claims, documents, event_actors, events  # noqa: E402
from rashomon.store.stats import compute_stats  # noqa: E402

DISTRICTS = [("Kech", 26.0, 63.05), ("Quetta", 30.18, 66.99), ("Kalat", 29.03, 66.59),
             ("Gwadar", 25.12, 62.32), ("Panjgur", 26.97, 64.1), ("Khuzdar", 27.8, 66.61),
             ("Nushki", 29.55, 66.02), ("Kachhi", 29.45, 67.6), ("Mastung", 29.8, 66.84),
             ("Awaran", 26.45, 65.23), ("Dera Bugti", 29.03, 69.15), ("Kohlu", 29.9, 69.25)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Suicide bomb"), ("Violence against civilians", "Attack"),
         ("Violence against civilians", "Abduction/forced disappearance")]
STATUSES = ["single-source"] * 6 + ["corroborated"] * 2 + ["contested"] * 2 + ["discounted"]
ACTORS = ["Baloch Liberation Army", "Baloch Liberation Front", "Pakistan Army", "Frontier Corps",
          "Police", "Tehrik-i-Taliban Pakistan", "civilians"]
CASES = [
    ("events, no filter", {}),
    ("events, status=contested", {"status": "contested"}),
    ("events, place=Kech", {"place": "Kech"}),
    ("events, 3 months", {"since": "2023-01-01", "until": "2023-03-31"}),
    ("events, actor=Baloch Liberation Front", {"actor": "Baloch Liberation Front"}),
    ("events, updated_since, nothing new (sync)", {"updated_since": "2030-01-01T00:00:00"}),
    ("events, updated_since, all 100k changed", {"updated_since": "2025-12-31T00:00:00"}),
]


def event_payload(i: int, rng: random.Random, stamp: datetime) -> tuple[dict, list[dict]]:
    d = date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    name, lat, lon = rng.choice(DISTRICTS)
    etype, sub = rng.choice(TYPES)
    status = rng.choice(STATUSES)
    low = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
    high = low if status != "contested" else low * rng.choice([2, 5, 10]) + 1
    eid = f"e_{i:012x}"
    actors = rng.sample(ACTORS, 2)
    place = {"name": name, "admin1": "Balochistan", "admin2": name, "country": "Pakistan",
             "latitude": lat, "longitude": lon, "precision": 3}
    payload = {"id": eid, "event_type": etype, "sub_event_type": sub, "date_start": d.isoformat(),
               "date_end": d.isoformat(), "date_precision": "day", "place": place,
               "actors": [{"name": a, "role": "other", "text": a, "span": {"start": 0, "end": 1}} for a in actors],
               "status": status, "estimates": {"killed": {"category": "killed", "low": low, "best": low,
                                                          "high": high, "derivation": "synthetic"}},
               "updated_at": stamp.isoformat()}
    row = {"id": eid, "event_type": etype, "sub_event_type": sub, "date_start": d, "date_end": d,
           "date_precision": "day", "place_name": name, "admin1": "Balochistan", "admin2": name,
           "country": "Pakistan", "latitude": lat, "longitude": lon, "place_precision": 3,
           "status": status, "grade": None, "unverified": False, "killed_best": low,
           "killed_low": low, "killed_high": high,
           "n_claims": 0, "n_documents": 0, "locked": False, "updated_at": stamp, "payload": payload}
    return row, [{"event_id": eid, "name": a, "role": "other"} for a in actors]


def build(db: str, n: int, seed: int = 7) -> None:
    """Fill ``db`` with ``n`` synthetic events (skipped when it already holds them)."""
    store = open_store(db)
    if store.count("events") >= n:
        store.close()
        return
    rng, stamp = random.Random(seed), datetime(2026, 1, 1)
    text = "Synthetic document for the API benchmark. " * 5
    with store.engine.begin() as conn:
        conn.execute(insert(documents).values(id="bench0000000000", text=text, ingested_at=stamp, n_claims=0))
        for start in range(0, n, 5000):
            batch = [event_payload(i, rng, stamp) for i in range(start, min(n, start + 5000))]
            conn.execute(insert(events), [r for r, _ in batch])
            conn.execute(insert(event_actors), [a for _, acts in batch for a in acts])
            conn.execute(insert(claims), [claim_row(r["id"], k) for k, (r, _) in enumerate(batch) if k % 10 == 0])
    store.close()


def claim_row(event_id: str, k: int) -> dict:
    cid = f"c_{event_id[2:]}{k:02x}"[:16]
    payload = {"id": cid, "document_id": "bench0000000000", "span": {"start": 0, "end": 40},
               "quote": "Synthetic document for the API benchmark", "claimant": "Police"}
    return {"id": cid, "document_id": "bench0000000000", "event_id": event_id, "start": 0, "end": 40,
            "claimant": "Police", "hedge": "attributed", "background": False, "payload": payload}


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up (imports, first connection)
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]


def direct_sql(store, params: dict):
    """The page and count queries the endpoint runs, straight on the connection (no JSON, no HTTP)."""
    f = EventFilter(**params)
    order = ((events.c.updated_at, events.c.id) if f.updated_since
             else (events.c.date_start.desc().nulls_last(), events.c.id))  # as the endpoint orders
    page = apply_filter(select(events.c.payload), f).order_by(*order).limit(50)
    count = apply_filter(select(func.count()).select_from(events), f)

    def run():
        with store.engine.connect() as conn:
            conn.execute(page).all()
            conn.execute(count).scalar_one()
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--db", default="/tmp/rashomon_bench_api.db")
    a = ap.parse_args()
    t = time.perf_counter()
    build(a.db, a.events)
    print(f"database: {a.db}, {a.events} events (ready in {time.perf_counter() - t:.1f} s)")
    from fastapi.testclient import TestClient

    from rashomon.web.app import create_app

    app = create_app(a.db)
    client, store = TestClient(app), app.state.store
    print(f"{'case':42} {'API p50':>8} {'API p95':>8} {'SQL p50':>8} {'ratio':>6}  (ms)")
    for name, params in CASES:
        api = timed(lambda p=params: client.get("/api/events", params=p).raise_for_status(), a.repeat)
        sql = timed(direct_sql(store, params), a.repeat)
        print(f"{name:42} {api[0]:8.1f} {api[1]:8.1f} {sql[0]:8.1f} {api[0] / sql[0]:6.1f}")
    for name, params in [("stats by week, no filter", {}), ("stats by month, place=Kech", {"place": "Kech", "by": "month"})]:
        warm = timed(lambda p=params: client.get("/api/stats", params=p).raise_for_status(), a.repeat)
        f = EventFilter(**{k: v for k, v in params.items() if k != "by"})
        cold = timed(lambda f=f, b=params.get("by", "week"): compute_stats(store, f, b), max(3, a.repeat // 5))
        print(f"{name + ' (cached)':42} {warm[0]:8.1f} {warm[1]:8.1f} {cold[0]:8.1f} {warm[0] / cold[0]:6.2f}")
    print("SQL column for stats = the uncached aggregation (compute_stats) on the same store.")
    trends(client, store, a.repeat)


def trends(client, store, repeat: int) -> None:
    """/api/trends/series and /flags: warm (cached per filter until the data change) and cold
    (the first request after a change: every matching event is read and the rules run), beside
    the least SQL any weekly series needs (a GROUP BY district and day, summing killed)."""
    plain = select(events.c.admin2, events.c.date_start, func.count(), func.sum(events.c.killed_best)
                   ).group_by(events.c.admin2, events.c.date_start)

    def sql():
        with store.engine.connect() as conn:
            conn.execute(plain).all()
    base = timed(sql, max(3, repeat // 5))
    print(f"{'plain SQL: killed per district and day':42} {'':8} {'':8} {base[0]:8.1f}")
    for name, path in [("trends series by district/week", "/api/trends/series"),
                       ("trends flags by district", "/api/trends/flags")]:
        warm = timed(lambda p=path: client.get(p).raise_for_status(), repeat)
        colds = []
        for _ in range(2):
            client.app.state.stats._items.clear()  # as after new data
            t = time.perf_counter()
            client.get(path).raise_for_status()
            colds.append((time.perf_counter() - t) * 1000)
        print(f"{name + ' (cached)':42} {warm[0]:8.1f} {warm[1]:8.1f} {base[0]:8.1f} {warm[0] / base[0]:6.2f}")
        print(f"{name + ' (cold, first after a change)':42} {min(colds):8.1f} {max(colds):8.1f} {base[0]:8.1f} "
              f"{min(colds) / base[0]:6.1f}")


if __name__ == "__main__":
    main()
