"""Bulk ingest: --workers N and --dask local give exactly the events of a single-process run,
and an extraction failure on a worker is reported for that document alone."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from rashomon.extract.pipeline import extract_claims
from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ScaleOptions, ingest_results
from rashomon.models import DocumentCreate
from rashomon.read.base import ReadResult
from rashomon.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "src" / "rashomon" / "packs" / "balochistan" / "demo"
PLACES = ["Kech", "Turbat", "Kalat", "Mastung", "Gwadar", "Panjgur", "Khuzdar", "Quetta", "Sibi"]
GROUPS = ["The Baloch Liberation Army", "Militants", "The Balochistan Liberation Front", "Gunmen"]
VICTIMS = ["soldiers", "policemen", "labourers", "Levies personnel"]
MODES = {"single": [], "workers2": ["--workers", "2"], "dask-local": ["--dask", "local", "--workers", "2"]}


def _reports(n: int, seed: int = 3) -> list[dict]:
    """Short generated reports: places, dates, numbers and groups vary; some repeat incidents."""
    rng, out = random.Random(seed), []
    for i in range(n):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(40))
        text = (f"{rng.choice(GROUPS)} attacked a checkpoint in {rng.choice(PLACES)} on "
                f"{day.day} {day:%B} {day.year}, killing {rng.randint(2, 12)} {rng.choice(VICTIMS)}, "
                f"officials said. Report {i}.")
        out.append({"id": f"g{i}", "outlet": rng.choice(["Wire A", "Wire B", "Wire C"]),
                    "published": (day + timedelta(days=1)).isoformat(), "text": text})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    feed = folder / "generated.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in _reports(40)))
    return [str(DEMO_CORPUS), str(feed)]


def _events(cli, db: str) -> list[dict]:
    r = cli("events", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    evs = json.loads(r.stdout)
    for e in evs:
        e.pop("updated_at", None)
    return evs


def test_parallel_events_identical_single_workers_dask(cli, corpus, tmp_path):
    outputs = {}
    for mode, flags in MODES.items():
        db = str(tmp_path / f"{mode}.db")
        r = cli("ingest", *corpus, "--db", db, "--batch-size", "7", "--json", *flags)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["counts"]["failed"] == 0
        outputs[mode] = _events(cli, db)
    assert outputs["single"], "the corpus must produce events"
    assert outputs["workers2"] == outputs["single"]
    assert outputs["dask-local"] == outputs["single"]


def boom_extract(doc, pack):
    """Extraction that raises for one marked document (importable by worker processes)."""
    if "BOOM" in doc.text:
        raise ValueError("synthetic extractor crash")
    return extract_claims(doc, pack)


def _results(n: int, boom_at: int) -> list[ReadResult]:
    out = []
    for i, r in enumerate(_reports(n, seed=9)):
        text = r["text"] + (" BOOM" if i == boom_at else "")
        out.append(ReadResult.of(DocumentCreate(text=text, source=f"mem:{i}")))
    return out


@pytest.mark.parametrize("scale", [ScaleOptions(workers=2, batch_size=4),
                                   ScaleOptions(dask="local", workers=2, batch_size=4)],
                         ids=["workers2", "dask-local"])
def test_parallel_worker_failure_is_reported_for_that_document_only(pack, tmp_path, scale):
    scale.extract = boom_extract
    seen = []
    with Engine(open_store(str(tmp_path / "p.db")), pack) as engine:
        store = engine.store
        report = ingest_results(engine, _results(15, boom_at=6), progress=seen.append, scale=scale)
        assert [i.location for i in report.items] == [f"mem:{i}" for i in range(15)]
        assert len(seen) == 15
        assert report.counts == {"new": 14, "duplicate": 0, "failed": 1}
        failed = report.failures[0]
        assert failed.location == "mem:6" and failed.code == "E250" and "synthetic" in failed.reason
        assert store.count("documents") == 14


def never_extract(doc, pack):
    raise AssertionError("a stored document was extracted again")


def test_parallel_rerun_reports_duplicates_without_extracting(pack, tmp_path):
    with Engine(open_store(str(tmp_path / "d.db")), pack) as engine:
        ingest_results(engine, _results(6, boom_at=-1))
        again = ingest_results(engine, _results(6, boom_at=-1),
                               scale=ScaleOptions(batch_size=2, extract=never_extract))
    assert again.counts == {"new": 0, "duplicate": 6, "failed": 0}
