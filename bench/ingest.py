"""Ingest speed and memory: 1 process vs --workers 2 vs --dask local, SQLite vs PostgreSQL.

    .venv/bin/python bench/ingest.py rates [--n 400] [--order published]
    .venv/bin/python bench/ingest.py memory [--sizes 10000,100000] [--dated]
    .venv/bin/python bench/ingest.py split [--n 2000] [--order published]
    .venv/bin/python bench/ingest.py trace [--n 100000] [--every 15] [--dated]
    .venv/bin/python bench/ingest.py long [--sizes 30000,100000,300000,1000000,3000000]

``rates``: one synthetic corpus (``bench/synthetic.py``: places, dates, numbers, actors vary),
ingested into a fresh database per mode, in one run: documents/s of (a) one process,
(b) ``--workers 2``, (c) ``--dask local`` with 2 workers, all on SQLite, and (d) one process on
PostgreSQL (a throwaway server started by ``tests/pgserver.py``). It also times the extraction
stage alone through the same backends, because storing + linking run in the driver (one
process, for identical events) and bound the end-to-end scaling (Amdahl). Two rates per mode:
the *marginal* rate, (n - n/3) / (time for n - time for the first n/3), in which start-up
(loading the pack, starting workers) and the pipeline's fill and drain cancel out; and the
*end-to-end* rate of the full run. The driver's CPU seconds are printed beside: when they
approach the wall time, the driver is the bottleneck, whatever the number of workers.

``memory``: peak RSS of ``rashomon ingest`` (a subprocess, single process) at each size. The
memory corpus is undated by default (no date, so linking has no candidate window and stays
cheap) so that 100k documents finish in minutes; extraction, batching, storing and the report
run as usual, which is what streaming must keep flat. ``--dated`` uses the dated corpus in
publication order instead, so linking's candidates, event cache and seed memo are in play too.

``split``: where one single-process ingest spends its time (extraction, the linker, the rest
of storing), timed inside the run, and the scaling bound that follows (Amdahl: only
extraction runs in the workers). ``--order published`` feeds the corpus in publication order
(as an archive is usually read) instead of random dates over five years, the worst case for
linking: every batch then needs candidates from all over the period.

``trace``: one ingest sampled over time (RSS and documents committed), so that a slow leak or
a falling rate shows, not just the peak.

``long``: peak RSS of ``rashomon extract`` on *one* text of incident-dense sentences at each
size, minus the peak for a one-sentence text in the same run, per character: the memory that
one long document costs. Beyond ``EXTRACT_MAX_CHARS`` (settings) extraction reads a prefix, so
the cost stops growing there.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from synthetic import reports  # noqa: E402

from rashomon.ingest.engine import Engine  # noqa: E402
from rashomon.ingest.parallel import open_map  # noqa: E402
from rashomon.ingest.run import ScaleOptions, ingest_paths  # noqa: E402
from rashomon.models import Document  # noqa: E402
from rashomon.packs import load_pack  # noqa: E402
from rashomon.store import open_store  # noqa: E402

# Baseline: one process with the bulk modes' batch size (200), so the ratios measure parallelism
# alone; fixed batches of 20 (the single-process default until 2026-12) show what batch size does.
MODES = {"1 process, batch 200": ScaleOptions(batch_size=200),
         "1 process, batch 20": ScaleOptions(batch_size=20),
         "--workers 2": ScaleOptions(workers=2, batch_size=200),
         "--dask local (2)": ScaleOptions(dask="local", workers=2, batch_size=200)}


def write_corpus(path: Path, n: int, undated: bool = False, order: str = "random") -> Path:
    """``order``: "published" sorts the feed as a news archive is usually read."""
    records = reports(n)
    if order == "published" and not undated:
        records = sorted(records, key=lambda r: (r["published"], r["id"]))
    with path.open("w") as f:
        for r in records:
            if undated:
                r.pop("published")
                r["text"] = r["text"].replace(" on ", " ")
            f.write(json.dumps(r) + "\n")
    return path


def _cpu() -> float:
    """CPU seconds of this process (the driver): workers forked by the fork server are not its
    children, so their time is not counted here."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


@dataclass
class Timing:
    wall: float  # seconds, start-up (pack loading, worker start) included
    driver_cpu: float  # CPU seconds of the driver process
    new: int


def timed_ingest(db: str, feed: Path, scale: ScaleOptions) -> Timing:
    """One ingest into a fresh database."""
    with Engine(open_store(db), load_pack()) as engine:
        t0, c0 = time.perf_counter(), _cpu()
        report = ingest_paths(engine, [str(feed)], scale=scale)
        return Timing(time.perf_counter() - t0, _cpu() - c0, report.counts["new"])


def extraction_only(feed: Path, scale: ScaleOptions) -> float:
    """Wall seconds to extract the corpus through the backend alone (no store, no linking)."""
    pack = load_pack()
    docs = [Document(id=Document.content_id(json.loads(line)["text"]), text=json.loads(line)["text"])
            for line in feed.read_text().splitlines()]
    batches = [docs[i:i + 50] for i in range(0, len(docs), 50)]
    with open_map(pack, scale.workers, scale.dask) as run:
        list(run(batches[:2], lambda b: b))  # warm the workers
        t0 = time.perf_counter()
        for _ in run(batches, lambda b: b):
            pass
        return time.perf_counter() - t0


def rates(n: int, order: str = "random") -> None:
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-bench-"))
    feed = write_corpus(tmp / "corpus.jsonl", n, order=order)
    head = tmp / "head.jsonl"  # the first third: the same start-up, a third of the work
    head.write_text("".join(feed.read_text().splitlines(keepends=True)[: n // 3]))
    print(f"corpus: {n} synthetic reports ({order} order); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    base = None
    for i, (name, scale) in enumerate([*MODES.items(), ("PostgreSQL, 1 process, batch 200", None)]):
        if scale is None:
            from pgserver import start_server, stop_server

            server = start_server()
            dbs = [server.create_database(), server.create_database()]
            scale = ScaleOptions(batch_size=200)
        else:
            server, dbs = None, [str(tmp / f"{i}a.db"), str(tmp / f"{i}b.db")]
        try:
            small, big = timed_ingest(dbs[0], head, scale), timed_ingest(dbs[1], feed, scale)
        finally:
            if server is not None:
                stop_server(server)
        # the marginal rate: start-up and the pipeline's fill and drain cancel out
        rate = (big.new - small.new) / (big.wall - small.wall)
        ext = extraction_only(feed, scale) if server is None else None
        base = base or (rate, big.wall, ext)
        print(f"{name:32s} {rate:7.1f} docs/s x{rate / base[0]:4.2f} | end-to-end {big.new / big.wall:6.1f}"
              f" docs/s ({big.wall:5.1f} s, driver CPU {big.driver_cpu:5.1f} s) x{base[1] / big.wall:4.2f}"
              + (f" | extraction stage {n / ext:7.1f} docs/s x{base[2] / ext:4.2f}" if ext else ""))


def split(n: int, order: str = "random") -> None:
    import rashomon.ingest.parallel as parallel
    from rashomon.extract.pipeline import extract_claims

    spent = {"extraction": 0.0, "linker": 0.0}

    def timed_extract(doc, pack):
        t0 = time.perf_counter()
        try:
            return extract_claims(doc, pack)
        finally:
            spent["extraction"] += time.perf_counter() - t0

    call = Engine._link

    def timed_link(self, *args):  # linking and assessing, inside the storing transaction
        t0 = time.perf_counter()
        try:
            return call(self, *args)
        finally:
            spent["linker"] += time.perf_counter() - t0

    Engine._link = timed_link
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-split-"))
    feed = write_corpus(tmp / "corpus.jsonl", n, order=order)
    pack = load_pack()
    parallel.warm(parallel.register(pack))  # loading resources is not part of the split
    with Engine(open_store(str(tmp / "split.db")), pack) as engine:
        t0 = time.perf_counter()
        report = ingest_paths(engine, [str(feed)], scale=ScaleOptions(extract=timed_extract))
        total = time.perf_counter() - t0
    rest = total - spent["extraction"] - spent["linker"]
    print(f"{report.counts['new']} documents in {total:.1f} s ({n / total:.0f} docs/s); per document:")
    for name, secs in [*spent.items(), ("storing, reading, rest", rest)]:  # linker: link + assess
        print(f"  {name:24s} {1000 * secs / n:6.2f} ms  {100 * secs / total:5.1f} %")
    serial = total - spent["extraction"]
    print(f"Amdahl bound with extraction on 2 workers: x{total / (serial + spent['extraction'] / 2):.2f}, "
          f"on any number: x{total / serial:.2f}")


def peak_rss_mb(args: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, wall s) of a subprocess."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - t0


def memory(sizes: list[int], dated: bool = False) -> None:
    """``dated``: the dated corpus in publication order (linking candidates, caches in play)."""
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-mem-"))
    exe = str(Path(sys.executable).parent / "rashomon")
    for n in sizes:
        feed = write_corpus(tmp / f"m{n}.jsonl", n, undated=not dated, order="published")
        rss, wall = peak_rss_mb([exe, "ingest", str(feed), "--db", str(tmp / f"m{n}.db")])
        print(f"{n:7d} documents: peak RSS {rss:6.0f} MB, {wall:6.0f} s ({n / wall:.0f} docs/s)", flush=True)
        feed.unlink()


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _stored(db: Path) -> int | None:
    """Documents committed so far (a read-only look at the ingest's database)."""
    import sqlite3
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return None


def trace(n: int, every: float, dated: bool = False) -> None:
    """One ingest of ``n`` JSON lines, sampled every ``every`` seconds: RSS now and documents
    committed, then per tenth of the run the RSS and the rate, so that growth of memory or a
    falling rate over the run shows (a peak alone would hide a slow leak until it is large)."""
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-trace-"))
    exe = str(Path(sys.executable).parent / "rashomon")
    feed = write_corpus(tmp / f"t{n}.jsonl", n, undated=not dated, order="published")
    db = tmp / "t.db"
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "ingest", str(feed), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, float, int]] = []
    while proc.poll() is None:
        time.sleep(every)
        rss, done = _rss_mb(proc.pid), _stored(db)
        if rss is not None and done is not None:
            samples.append((time.perf_counter() - t0, rss, done))
            print(f"{samples[-1][0]:8.0f} s {rss:6.0f} MB {done:8d} documents", flush=True)
    wall = time.perf_counter() - t0
    print(f"{n} documents in {wall:.0f} s ({n / wall:.0f} docs/s), exit {proc.returncode}")
    print("tenth | documents | RSS at its end | docs/s within it")
    last_t, last_n = 0.0, 0
    for k in range(1, 11):
        within = [s for s in samples if s[2] <= n * k / 10]
        if not within:
            continue
        t, rss, done = within[-1]
        rate = (done - last_n) / (t - last_t) if t > last_t else 0.0
        print(f"{k:5d} | {done:9d} | {rss:6.0f} MB | {rate:6.0f}")
        last_t, last_n = t, done
    feed.unlink()


def _long_text(chars: int) -> str:
    """Incident-dense text: one attack per sentence, its day, district and toll varying."""
    places, out, k, size = ["Kech", "Zhob", "Gwadar", "Dera Bugti", "Panjgur", "Khuzdar"], [], 0, 0
    while size < chars:
        line = (f"On {1 + k % 28} March 2025, militants attacked a checkpoint in {places[k % 6]}, "
                f"killing {2 + k % 30} soldiers, the ISPR said in statement number {k + 1}. ")
        out.append(line)
        size, k = size + len(line), k + 1
    return "".join(out)[:chars]


def long_text(sizes: list[int]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-long-"))
    exe = str(Path(sys.executable).parent / "rashomon")
    one = tmp / "one.txt"
    one.write_text("On 5 March 2025, militants attacked a checkpoint in Kech, killing 3 soldiers.")
    base, _ = peak_rss_mb([exe, "extract", str(one)])
    print(f"baseline (one sentence): peak RSS {base:.0f} MB")
    print("characters | peak RSS | over baseline | bytes per character | s")
    for n in sizes:
        path = tmp / f"l{n}.txt"
        path.write_text(_long_text(n))
        rss, wall = peak_rss_mb([exe, "extract", str(path)])
        over = max(rss - base, 0.0)
        print(f"{n:10,d} | {rss:5.0f} MB | {over:6.0f} MB | {over * 2**20 / n:8.0f} | {wall:5.0f}", flush=True)
        path.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["rates", "memory", "split", "trace", "long"])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--sizes", default=None,
                    help="memory: documents per run (10000,100000); long: characters (30000,...,3000000)")
    ap.add_argument("--every", type=float, default=15.0, help="trace: seconds between samples")
    ap.add_argument("--dated", action="store_true",
                    help="memory: dated reports in publication order instead of undated ones")
    ap.add_argument("--order", choices=["random", "published"], default="random",
                    help="feed order: random dates (worst case for linking) or by publication date")
    args = ap.parse_args()
    if args.what == "rates":
        rates(args.n, args.order)
    elif args.what == "split":
        split(args.n, args.order)
    elif args.what == "trace":
        trace(args.n, args.every, args.dated)
    elif args.what == "long":
        long_text([int(s) for s in (args.sizes or "30000,100000,300000,1000000,3000000").split(",")])
    else:
        memory([int(s) for s in (args.sizes or "10000,100000").split(",")], args.dated)


if __name__ == "__main__":
    main()
