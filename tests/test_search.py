"""Full-text search (issue #15): ``--q`` on the command line, ``q=`` in the API and the page,
``EventFilter(q=...)`` in the library, on SQLite (FTS5), PostgreSQL (tsvector) and the in-memory
store. The three reports are written for this test."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

from rashomon.errors import ConfigError
from rashomon.ingest.engine import Engine
from rashomon.models import Document
from rashomon.packs import load_pack
from rashomon.store import EventFilter, open_store
from rashomon.store.memory import MemoryStore
from rashomon.store.resolve import event_filter
from rashomon.store.search import fts5_query, text_matches

REPORTS = [
    "Militants attacked a levies checkpoint in Kech on 3 June 2025, killing three soldiers, police said.",
    "Gunmen shot dead two labourers from Punjab in Turbat on 5 May 2025, police said.",
    "Armed men hijacked the Jaffar Express near Mach on 11 March 2025 and killed 21 passengers, "
    "the army said.",
]

CASES = [("attack", 1), ("attacks", 1),  # stemmed: "attacked" is found by both
         ("Jaffar Express", 1), ('"Jaffar Express"', 1), ('"Express Jaffar"', 0),
         ("labourers OR hijacked", 2), ("police", 2), ("Kech police", 1), ("Quetta", 0)]


@pytest.fixture(params=["sqlite", "postgresql", "memory"])
def store(request, tmp_path):
    if request.param == "memory":
        s = MemoryStore()
    else:
        s = open_store(str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_url"))
    with Engine(s, load_pack()) as engine:
        for text in REPORTS:
            engine.add(Document(id=Document.content_id(text), text=text))
    yield s
    s.close()


@pytest.mark.parametrize("q, n", CASES)
def test_search_finds_the_events_whose_reports_hold_the_words(store, q, n):
    assert store.count_events(EventFilter(q=q)) == n
    assert len(store.events(EventFilter(q=q))) == n


def test_search_combines_with_the_other_filters(store):
    # Turbat is in Kech district too: both police reports are there, the hijacking is not
    assert store.count_events(EventFilter(q="police", place="Kech")) == 2
    assert store.count_events(EventFilter(q="hijacked", place="Kech")) == 0


def test_search_terms_are_never_read_as_fts5_syntax():
    # a user's NEAR, *, ^, column filters or unbalanced quotes are words, not operators
    assert fts5_query('title: NEAR(a b) * ^x "open') == '"title" "NEAR a" "b" "x" "open"'
    assert fts5_query("a OR OR b OR") == '"a" OR "b"'


def test_search_without_a_word_is_a_one_sentence_error():
    with pytest.raises(ConfigError) as err:
        event_filter(q="?!")
    assert err.value.code == "E107" and "no word to search for" in err.value.message


def test_memory_search_strips_common_endings():
    assert text_matches("Gunmen were killing labourers", "killed labourer")
    assert not text_matches("Gunmen were killing labourers", "bombed")


def test_cli_events_and_export_take_q(tmp_path):
    feed = tmp_path / "r.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in REPORTS), encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert run_cli("ingest", str(feed), "--db", db).returncode == 0
    found = json.loads(run_cli("events", "--db", db, "--q", "Jaffar Express", "--format", "json").stdout)
    assert [e["place"]["admin2"] for e in found] == ["Kachhi"]
    out = run_cli("export", "--format", "jsonl", "--db", db, "--q", "labourers")
    assert out.returncode == 0 and len(out.stdout.strip().splitlines()) == 1
    bad = run_cli("events", "--db", db, "--q", "!!")
    assert bad.returncode == 2 and "Error E107:" in bad.stderr


def test_api_and_page_take_q(tmp_path):
    from fastapi.testclient import TestClient

    from rashomon.web.app import create_app

    db = str(tmp_path / "a.db")
    with Engine(open_store(db), load_pack()) as engine:
        for text in REPORTS:
            engine.add(Document(id=Document.content_id(text), text=text))
    client = TestClient(create_app(db))
    found = client.get("/api/events", params={"q": "hijacked"}).json()
    assert found["total"] == 1 and len(found["items"]) == 1
    assert client.get("/api/events", params={"q": "!!"}).status_code == 422
    page = client.get("/", params={"q": "hijacked"}).text
    assert 'name="q" value="hijacked"' in page


def test_a_database_made_before_search_is_indexed_when_it_is_opened(tmp_path):
    # documents stored at revision 0007 (no search index) are found after the upgrade
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from rashomon.store.engine import MIGRATIONS

    db = tmp_path / "old.db"
    with Engine(open_store(str(db)), load_pack()) as engine:
        engine.add(Document(id=Document.content_id(REPORTS[2]), text=REPORTS[2]))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with create_engine(f"sqlite:///{db}").begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    with open_store(str(db)) as store:
        assert store.count_events(EventFilter(q="hijacked")) == 1
