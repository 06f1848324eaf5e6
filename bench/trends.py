"""Trends benchmark: series and flags over synthetic events, as a ratio to a plain group-by.

Usage: ``.venv/bin/python bench/trends.py [--events 100000] [--repeat 3]``

Events are made directly (40 districts in 4 provinces, 5 years, a killed estimate and an armed
group on each). The baseline is the same process counting events per (district, week) with a
plain dict, the least work any series needs; the ratio says what the rules cost on top of it.
Issue #16's target: series and flags for 100k events in under 2 s on this machine class.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from rashomon.models import ActorKind, ActorMention, Estimate, Event, Place, Span
from rashomon.trends import build_series, flags_for
from rashomon.trends.series import week_start

GROUPS = ["Baloch Liberation Army", "Balochistan Liberation Front", "Tehrik-i-Taliban Pakistan"]


def events(n: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    day0 = date(2020, 1, 4)
    out = []
    for i in range(n):
        d = day0 + timedelta(days=rng.randrange(5 * 365))
        k = rng.randrange(40)
        lo = rng.randrange(6)
        out.append(Event(id=f"e_{i:08d}", event_type=rng.choice(["Battles", "Explosions/Remote violence", "Protests"]),
                         date_start=d, date_end=d,
                         place=Place(name=f"D{k}", admin2=f"D{k}", admin1=f"P{k % 4}", country="Pakistan"),
                         estimates={"killed": Estimate(category="killed", low=lo, best=lo + 1, high=lo + rng.randrange(20))},
                         actors=[ActorMention(name=rng.choice(GROUPS), kind=ActorKind.armed_group, text="x",
                                              span=Span(start=0, end=1))]))
    return out


def baseline(evs: list[Event]) -> dict:
    counts: dict = {}
    for e in evs:
        key = (e.place.admin2, week_start(e.date_start))
        counts[key] = counts.get(key, 0) + 1
    return counts


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    evs = events(a.events)
    for _ in range(a.repeat):
        base = timed(lambda: baseline(evs))
        series = timed(lambda: build_series(evs, level="district", period="week"))
        flags = timed(lambda: flags_for(evs, level="district"))
        print(f"events {a.events}: baseline {base:.3f} s, series {series:.3f} s ({series / base:.1f}x), "
              f"flags {flags:.3f} s ({flags / base:.1f}x), series + flags {series + flags:.3f} s")


if __name__ == "__main__":
    main()
