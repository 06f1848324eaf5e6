"""Ingest from the command line: bad input loses nothing, re-runs are idempotent, kill -9 is safe."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

GOOD = "Militants attacked a Levies post in Kalat on {day} March 2025, killing {n} personnel, officials said."


def _batch(folder: Path) -> None:
    (folder / "good.txt").write_text(GOOD.format(day=3, n=4))
    (folder / "legacy.txt").write_bytes(
        "Gunmen killed five labourers near Turbat on 2 March 2025, police said \u2013 \u201cin cold blood\u201d."
        .encode("cp1252"))
    (folder / "empty.txt").write_text("   \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "big.txt").write_text("word " * 5000)
    lines = [json.dumps({"id": "r1", "text": GOOD.format(day=5, n=2)}), "{not json",
             json.dumps({"id": "r3", "title": "no text here"}),
             json.dumps({"id": "r4", "text": GOOD.format(day=7, n=6)})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "nav.html").write_text("<html><head><script>var x=1;</script></head><body><nav></nav></body></html>")


def test_ingest_bad_inputs_get_reasons_and_the_rest_lands(cli, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    _batch(data)
    db = str(tmp_path / "r.db")
    r = cli("ingest", str(data), "--db", db, "--max-bytes", "10000", "--json")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    report = json.loads(r.stdout)
    by_loc = {i["location"].replace(str(data) + "/", ""): i for i in report["items"]}
    assert by_loc["good.txt"]["status"] == "new"
    assert by_loc["legacy.txt"]["status"] == "new"
    assert by_loc["feed.jsonl:line 1"]["status"] == "new"
    assert by_loc["feed.jsonl:line 4"]["status"] == "new"
    failed = {k: v["reason"] for k, v in by_loc.items() if v["status"] == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt", "big.txt", "feed.jsonl:line 2",
                           "feed.jsonl:line 3", "nav.html"}
    assert "line 2" in failed["feed.jsonl:line 2"]
    assert "10000" in failed["big.txt"] or "limit" in failed["big.txt"]
    legacy = [d for d in json.loads(cli("documents", "--db", db, "--format", "json").stdout)]
    assert len(legacy) == 4
    con = sqlite3.connect(db)
    texts = [t for (t,) in con.execute("select text from documents")]
    assert any("\u201cin cold blood\u201d" in t for t in texts)


def test_ingest_twice_is_idempotent(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD.format(day=3, n=4))
    db = str(tmp_path / "r.db")
    first = json.loads(cli("ingest", str(src), "--db", db, "--json").stdout)
    second = json.loads(cli("ingest", str(src), "--db", db, "--json").stdout)
    assert [i["status"] for i in first["items"]] == ["new"]
    assert [i["status"] for i in second["items"]] == ["duplicate"]
    events_once = cli("events", "--db", db, "--format", "json").stdout
    cli("ingest", str(src), "--db", db)
    assert json.loads(cli("events", "--db", db, "--format", "json").stdout) == json.loads(events_once)


def test_ingest_stdin(cli, tmp_path):
    db = str(tmp_path / "r.db")
    r = cli("ingest", "-", "--db", db, "--json", input=GOOD.format(day=9, n=3))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["items"][0]["status"] == "new"


def _consistent(db: str) -> tuple[int, bool]:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = con.execute("select id, n_claims from documents").fetchall()
    counts = dict(con.execute("select document_id, count(*) from claims group by document_id").fetchall())
    whole = all(counts.get(i, 0) == n for i, n in docs)
    orphans = con.execute("select count(*) from claims where document_id not in (select id from documents)").fetchone()[0]
    con.close()
    return len(docs), whole and orphans == 0


def _event_groups(db: str) -> list[list[str]]:
    """Each event as the sorted ids of its claims: what must not depend on kills or batching."""
    exe = str(Path(sys.executable).parent / "rashomon")
    out = subprocess.run([exe, "events", "--db", db, "--format", "json"], capture_output=True, text=True).stdout
    return sorted(sorted(c["claim_id"] for c in e["claims"]) for e in json.loads(out))


@pytest.mark.parametrize("mode", [[], ["--workers", "2"]], ids=["one-process", "workers-2"])
def test_ingest_killed_mid_batch_leaves_consistent_db_and_rerun_completes(tmp_path, mode):
    n = 400
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"d{i}", "published": "2025-03-20",
                                          "text": GOOD.format(day=1 + i % 28, n=1 + i % 9) + f" Report {i}."})
                              for i in range(n)) + "\n")
    db = str(tmp_path / "k.db")
    exe = str(Path(sys.executable).parent / "rashomon")
    proc = subprocess.Popen([exe, "ingest", str(feed), "--db", db, *mode], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if os.path.exists(db):
            try:
                con = sqlite3.connect(db, timeout=1)
                stored = con.execute("select count(*) from documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if stored >= 20:
                break
    os.kill(proc.pid, signal.SIGKILL)  # the driver only: its workers must follow it (PDEATHSIG)
    proc.wait()
    count, whole = _consistent(db)
    assert whole, "a killed ingest left half a document"
    assert 0 < count < n, f"kill came too late or too early ({count} stored)"
    r = subprocess.run([exe, "ingest", str(feed), "--db", db, "--json", *mode], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    statuses = [i["status"] for i in json.loads(r.stdout)["items"]]
    assert statuses.count("duplicate") >= count and len(statuses) == n
    assert _consistent(db) == (n, True)
    clean = str(tmp_path / "clean.db")  # the same corpus in one uninterrupted run
    subprocess.run([exe, "ingest", str(feed), "--db", clean], capture_output=True, check=True)
    assert _event_groups(db) == _event_groups(clean), "the resumed run's events differ"
