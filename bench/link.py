"""Linking benchmark: synthetic claims at 10k, 100k, 1M; time, peak RSS, ratio to a sort baseline.

Usage: ``.venv/bin/python bench/link.py [--sizes 10000,100000,1000000] [--claims-path 10000]``

Each size runs in its own subprocess so ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` is that
size's peak. Keys (``rashomon.link.keys.LinkKey``) are generated directly, as the adapter would
build them from Claims, and placed by the same ``Linker`` that ``link_claims`` uses. One extra run
(``--claims-path``) goes through full ``Claim`` records and ``link_claims`` to show the adapter
and Event-building cost. The baseline is sorting the same keys by date.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date

DISTRICTS = [(f"District{i:02d}", 25.0 + (i % 8) * 0.9, 61.5 + (i // 8) * 1.3) for i in range(40)]
TYPES = ["Armed clash", "Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED",
         "Suicide bomb", "Grenade", "Peaceful protest", "Arrests"]
FAMILY = {"Peaceful protest": "protest", "Arrests": "strategic"}
GROUPS = ["Baloch Liberation Army", "Balochistan Liberation Front", "Tehrik-i-Taliban Pakistan",
          "Baloch Republican Army", "Islamic State Khorasan Province"]
DAY0 = date(2020, 1, 1).toordinal()
SPAN_DAYS = 5 * 365


def incidents(n_claims: int, rng: random.Random):
    """Yield (incident index, reports) with 1-5 reports per incident (mean ~3)."""
    i = made = 0
    while made < n_claims:
        k = min(rng.choice((1, 2, 3, 3, 4, 5)), n_claims - made)
        yield i, k
        i, made = i + 1, made + k


def make_keys(n: int, seed: int = 7):
    from rashomon.link.keys import LinkKey, shared

    EMPTY = shared([])
    rng = random.Random(seed)
    vocab = list(range(50000))
    keys = []
    for inc, reports in incidents(n, rng):
        name, lat, lon = rng.choice(DISTRICTS)
        day = DAY0 + rng.randrange(SPAN_DAYS)
        t = rng.choice(TYPES)
        group = rng.choice(GROUPS) if rng.random() < 0.6 else None
        words = rng.sample(vocab, 12)
        name, t = sys.intern(name), sys.intern(t)
        for r in range(reports):
            cid = f"c_{len(keys):012d}"
            vague, undated = rng.random() < 0.05, rng.random() < 0.05
            d = day + (rng.random() < 0.2)
            toks = tuple(sorted(set(rng.sample(words, 6) + rng.sample(vocab, 4))))
            keys.append(LinkKey(
                uid=cid, claim_ids=(cid,), doc=f"doc{inc}_{r}", frame=0, background=False,
                start=d - 3 if undated else d, end=d, prec=1 if undated else 0,
                admin1="Balochistan", admin2=None if vague else name,
                lat=None if vague else lat + rng.uniform(-0.1, 0.1),
                lon=None if vague else lon + rng.uniform(-0.1, 0.1), pprec=4 if vague else 2,
                family=FAMILY.get(t, "violence"), types=shared([t]),
                groups=shared([group] if group and rng.random() < 0.7 else []),
                named=EMPTY, incidents=EMPTY, tokens=toks, facets=EMPTY))
    rng.shuffle(keys)
    return keys


def run_one(n: int, claims_path: bool) -> dict:
    from rashomon.link.cluster import Linker
    from rashomon.link.keys import LinkKey
    from rashomon.link.settings import LinkSettings

    t0 = time.perf_counter()
    keys = make_keys(n)
    gen = time.perf_counter() - t0
    gc.collect()
    gc.freeze()  # the generated keys are long-lived: keep the cyclic GC from rescanning them
    t0 = time.perf_counter()
    sorted(keys, key=LinkKey.sort_key)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    if claims_path:
        n_events = _claims_run(keys)
    else:
        n_events = len(Linker(LinkSettings()).run(keys))
    link = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": n, "path": "claims" if claims_path else "keys", "events": n_events,
            "generate_s": round(gen, 2), "baseline_sort_s": round(base, 3), "link_s": round(link, 2),
            "ratio_to_sort": round(link / base, 1), "us_per_claim": round(link / n * 1e6, 1),
            "peak_rss_mb": round(rss)}


def _claims_run(keys) -> int:
    """Turn keys into full Claim records and run link_claims (the real public path)."""
    from rashomon.link import link_claims
    from rashomon.models import ActorKind, ActorMention, Claim, DateInfo, DocumentInfo, Place, Span

    claims, docinfo = [], {}
    for k in keys:
        t = next(iter(k.types))
        et = {"protest": "Protests", "strategic": "Strategic developments"}.get(k.family, "Battles")
        d = date.fromordinal(k.end)
        docinfo[k.doc] = DocumentInfo(id=k.doc, published=d)
        claims.append((Claim(
            id=k.uid, document_id=k.doc, span=Span(start=0, end=40), quote=" ".join(f"w{x}" for x in sorted(k.tokens)),
            event_type=et, sub_event_type=t, frame=0,
            date=None if k.prec else DateInfo(start=d, end=d, precision="day", text="on Monday"),
            place=Place(name=k.admin2 or "Balochistan", admin1=k.admin1, admin2=k.admin2, latitude=k.lat,
                        longitude=k.lon, precision=k.pprec),
            actors=[ActorMention(name=g, kind=ActorKind.armed_group, text=g, span=Span(start=0, end=3))
                    for g in k.groups])))
    return len(link_claims(claims, docinfo))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--claims-path", type=int, default=10000, help="size for the full Claim path; 0 = skip")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--claims", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, a.claims)))
        return
    runs = [(int(s), False) for s in a.sizes.split(",")] + ([(a.claims_path, True)] if a.claims_path else [])
    for n, claims in runs:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--claims"] if claims else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        print(out.strip(), flush=True)


if __name__ == "__main__":
    main()
