"""RSS over repeated renewals of the parser pipeline, with and without ``malloc_trim``.

    .venv/bin/python bench/renewal_rss.py [--texts 6000] [--renew-after 400] [--trim]

``syntax.parser()`` loads a fresh copy of the spaCy pipeline every ``RENEW_AFTER`` sentences so
that spaCy's string store cannot grow without end (docs/performance.md). This parses short
incident sentences, each with new numbers, with a small ``--renew-after`` so that a few thousand
texts cover a dozen renewals, and prints the process's RSS every 1,000 texts: a creep that keeps
rising with each renewal would be fragmentation the renewals cause; a plateau means they cost a
bounded amount. ``--trim`` calls glibc's ``malloc_trim(0)`` after each renewal.
"""

from __future__ import annotations

import argparse
import ctypes
import gc

import rashomon.extract.syntax as syntax


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=6000)
    ap.add_argument("--renew-after", type=int, default=400)
    ap.add_argument("--trim", action="store_true")
    a = ap.parse_args()
    syntax.RENEW_AFTER = a.renew_after
    libc = ctypes.CDLL("libc.so.6") if a.trim else None
    texts = [f"Militants attacked checkpoint {i} in Kech on Monday, killing {i % 9} soldiers, "
             f"police said {i}x{i * 7}." for i in range(a.texts)]
    samples, renewals, batch = [], 0, 100
    for k in range(0, len(texts), batch):
        syntax.parse_texts(texts[k:k + batch])
        if syntax._Loaded.uses <= batch:  # this batch loaded a fresh pipeline
            renewals += 1
            gc.collect()
            if libc is not None:
                libc.malloc_trim(0)
        if k % 1000 == 0:
            samples.append(round(rss_mb()))
    print(f"{'trim' if a.trim else 'no trim'}: {renewals} loads, RSS MB every 1,000 texts: {samples}")


if __name__ == "__main__":
    main()
