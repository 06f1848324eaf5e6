"""Team mode: the storage behaviours and a CLI run on BOTH SQLite and a real PostgreSQL server,
and concurrent ingest from several processes into one PostgreSQL database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import PLACES, TEXT
from builders import make_claim as _claim
from builders import make_doc as _doc
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from sqlalchemy import text

from rashomon.ingest.engine import Engine
from rashomon.settings import database_url
from rashomon.store import EventFilter, open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A fresh database on each backend: a SQLite path or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    return request.getfixturevalue("pg_url")


def test_postgres_url_is_normalised_to_psycopg3():
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"


def test_postgres_store_round_trip(db):
    with Engine.open(db) as engine:
        store = engine.store
        doc = _doc()
        claim = _claim(doc)
        assert engine.add(doc, [claim]).new is True
        assert store.document(doc.id) == doc
        assert store.claims(document_id=doc.id) == [claim]


def test_postgres_store_same_content_twice_is_one_document(db):
    with Engine.open(db) as engine:
        doc = _doc()
        assert engine.store_batch([(doc, [_claim(doc)])])[0].new is True
        assert engine.store_batch([(doc, [_claim(doc)])])[0].new is False
        assert engine.store.count("documents") == 1 and engine.store.count("claims") == 1


def test_postgres_store_failed_linker_leaves_no_half_document(db):
    def broken_link(session, new):
        raise RuntimeError("linker crashed mid-document")

    with Engine.open(db) as engine:
        engine._link = broken_link
        doc = _doc()
        with pytest.raises(RuntimeError):
            engine.add(doc, [_claim(doc)])
        assert engine.store.count("documents") == 0 and engine.store.count("claims") == 0


def test_postgres_store_batch_keeps_good_documents_when_one_fails(db):
    docs = [_doc(TEXT.format(place=p, day=3, n=2)) for p in PLACES[:3]]

    with Engine.open(db) as engine:
        real = engine._link

        def link(session, new):
            if any(d.id == docs[1].id for d, _ in new):
                raise RuntimeError("bad document")
            return real(session, new)

        engine._link = link
        out = engine.store_batch([(d, [_claim(d).model_copy(update={"document_id": d.id})])
                                  for d in docs])
        assert [isinstance(o, Exception) for o in out] == [False, True, False]
        assert engine.store.known_documents(d.id for d in docs) == {docs[0].id, docs[2].id}


def test_postgres_store_reopens_at_head(db):
    with open_store(db) as s:
        with s.engine.connect() as conn:
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    with open_store(db) as s2:  # migrating again is a no-op
        with s2.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == rev
        assert s2.events(EventFilter()) == []


def test_postgres_cli_ingest_events_show(db, cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"r{i}", "published": "2025-03-12", "outlet": "Wire",
                                        "text": TEXT.format(place=p, day=10, n=i + 2)}) + "\n"
                            for i, p in enumerate(PLACES[:3])))
    r = cli("ingest", str(feed), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"]["new"] == 3
    r = cli("events", "--format", "json", env={"RASHOMON_DB": db})
    assert r.returncode == 0, r.stderr
    evs = json.loads(r.stdout)
    assert evs and all(e["id"].startswith("e_") for e in evs)
    r = cli("show", evs[0]["id"], "--db", db)
    assert r.returncode == 0 and "Traceback" not in r.stdout + r.stderr


def _feed(folder: Path, name: str, indices: range) -> Path:
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "published": f"2025-03-{1 + i % 27:02d}",
                                        "outlet": "Wire", "text": TEXT.format(
                                            place=PLACES[i % len(PLACES)], day=1 + i % 27, n=2 + i % 9)})
                            + "\n" for i in indices))
    return path


def test_postgres_concurrent_ingest_loses_and_duplicates_nothing(pg_url, tmp_path):
    # three processes, overlapping inputs (0-29, 10-39, 20-49): 50 distinct documents
    feeds = [_feed(tmp_path, f"f{k}", range(10 * k, 10 * k + 30)) for k in range(3)]
    exe = Path(sys.executable).parent / "rashomon"
    procs = [subprocess.Popen([str(exe), "ingest", str(f), "--db", pg_url, "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in feeds]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(r["counts"]["new"] for r in reports) == 50
    with open_store(pg_url) as store, store.engine.connect() as conn:
        assert store.count("documents") == 50
        dup = conn.execute(text("SELECT count(*) FROM (SELECT text FROM documents GROUP BY text "
                                "HAVING count(*) > 1) d")).scalar()
        assert dup == 0
        # every claim in at most one event, and every claim's event row exists exactly once
        orphans = conn.execute(text("SELECT count(*) FROM claims c LEFT JOIN events e "
                                    "ON e.id = c.event_id WHERE c.event_id IS NOT NULL "
                                    "AND e.id IS NULL")).scalar()
        assert orphans == 0
        in_payloads = [cid for ev in store.events() for cid in (c.id for c in ev.claims)]
        assert len(in_payloads) == len(set(in_payloads))


def test_migration_0005_backfills_killed_range_from_stored_events(db):
    """A database made before 0005 keeps its statistics: low/high come out of the JSON payload."""
    import json as _json
    from datetime import datetime

    from alembic import command
    from alembic.config import Config

    from rashomon.store.engine import (
        MIGRATE_LOCK,
        MIGRATIONS,
        make_engine,
        write_transaction,
    )
    from rashomon.store.stats import compute_stats

    engine = make_engine(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with write_transaction(engine, MIGRATE_LOCK) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        payload = {"id": "e_old", "estimates": {"killed": {"category": "killed", "low": 4, "best": 6, "high": 90}}}
        conn.execute(text("INSERT INTO events (id, unverified, killed_best, n_claims, n_documents, locked, "
                          "updated_at, payload) VALUES ('e_old', false, 6, 0, 0, false, :t, :p)"),
                     {"t": datetime(2025, 3, 1), "p": _json.dumps(payload)})
    engine.dispose()
    with open_store(db) as store:
        with store.engine.connect() as conn:
            row = conn.execute(text("SELECT killed_low, killed_best, killed_high FROM events")).one()
        assert tuple(row) == (4, 6, 90)
        stats = compute_stats(store)
        assert (stats.killed_low, stats.killed_best, stats.killed_high) == (4, 6, 90)


def test_postgres_review_corrections_survive_relink_and_name_the_analyst(db):
    """The review flow of tests/test_review.py on both backends: correct, verify, more reports,
    relink -> the analyst's values stay and the event is flagged new since review."""
    from test_review import LATE, REPORTS, _add, _panjgur

    from rashomon.ingest import review

    with Engine.open(db) as engine:
        for r in REPORTS:
            _add(engine, r)
        ev = _panjgur(engine)
        review.correct(engine, ev.id, {"killed.best": 7}, who="amina", why="register")
        review.set_review(engine, ev.id, status="verified", who="amina")
        _add(engine, LATE)
        engine.relink_all()
        after = engine.store.event(ev.id)
        assert after.estimates["killed"].best == 7 and after.review.status == "verified"
        assert after.review.new_since_review
        assert [(h.who, h.field) for h in review.history(engine.store, ev.id)] == [
            ("amina", "killed.best"), ("amina", "status")]
