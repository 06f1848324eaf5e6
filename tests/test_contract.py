"""The events JSON contract and the analyst commands, on the demo database (real CLI)."""

from __future__ import annotations

import json
import sqlite3

import pytest

EVENT_KEYS = {"id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
              "place", "actors", "status", "estimates", "claims"}
CLAIM_KEYS = {"claimant", "category", "victims", "low", "high", "hedge", "quote", "document_id",
              "source_url", "span"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from conftest import run_cli

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    r = run_cli("demo", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "contested" in r.stdout and "side by side" in r.stdout
    return db


@pytest.fixture(scope="module")
def events_json(demo_db):
    from conftest import run_cli

    return json.loads(run_cli("events", "--db", demo_db, "--format", "json").stdout)


def test_contract_every_event_has_the_documented_fields(events_json):
    assert events_json
    for e in events_json:
        assert EVENT_KEYS <= set(e)
        assert set(e["place"] or {}) in (set(), {"name", "admin1", "admin2", "country", "latitude",
                                                 "longitude", "precision"})
        for a in e["actors"]:
            assert a["role"] in ("perpetrator", "target", "responder", "other")
        for est in e["estimates"].values():
            if None not in (est["low"], est["best"], est["high"]):
                assert est["low"] <= est["best"] <= est["high"]


def test_contract_every_quote_is_the_documents_text_at_its_span(demo_db, events_json):
    con = sqlite3.connect(demo_db)
    texts = dict(con.execute("select id, text from documents"))
    for e in events_json:
        for c in e["claims"]:
            assert CLAIM_KEYS <= set(c)
            start, end = c["span"]
            assert texts[c["document_id"]][start:end] == c["quote"]


def test_contract_demo_has_a_contested_event_with_two_sides(events_json):
    contested = [e for e in events_json if e["status"] == "contested"]
    assert contested
    sides = {c["claimant"] for e in contested for c in e["claims"] if c["low"] is not None}
    assert {"Pakistan Army", "Baloch Liberation Army"} <= sides


def test_contract_filters_narrow_the_list(cli, demo_db, events_json):
    out = json.loads(cli("events", "--db", demo_db, "--status", "contested", "--format", "json").stdout)
    assert out and all(e["status"] == "contested" for e in out)
    assert len(out) < len(events_json)
    out = json.loads(cli("events", "--db", demo_db, "--since", "2025-01-01", "--format", "json").stdout)
    assert all(e["date_end"] >= "2025-01-01" for e in out)


def test_contract_show_explains_claims_estimates_and_links(cli, demo_db, events_json):
    busiest = max(events_json, key=lambda e: len(e["claims"]))
    r = cli("show", busiest["id"], "--db", demo_db)
    assert r.returncode == 0
    for needle in ("Claims, side by side", "Estimates", "Why these claims were linked"):
        assert needle in r.stdout


def test_contract_merge_and_split_are_kept_and_logged(cli, demo_db, events_json, tmp_path):
    import shutil

    db = str(tmp_path / "copy.db")
    shutil.copy(demo_db, db)
    a, b = events_json[0]["id"], events_json[1]["id"]
    r = cli("merge", a, b, "--db", db, "--why", "test merge", "--who", "analyst")
    assert r.returncode == 0, r.stderr
    after = json.loads(cli("events", "--db", db, "--format", "json").stdout)
    assert len(after) == len(events_json) - 1
    wanted = {c["claim_id"] for e in events_json[:2] for c in e["claims"]}
    assert any(wanted <= {c["claim_id"] for c in e["claims"]} for e in after)
    con = sqlite3.connect(db)
    who, why, action = con.execute("select who, why, action from audit_log").fetchone()
    assert (who, why, action) == ("analyst", "test merge", "merge")
    assert con.execute("select count(*) from events where locked").fetchone()[0] == 1
    # a new report of the same incidents does not undo the merge
    cli("ingest", "-", "--db", db, input="Militants attacked a checkpost in Kech on 2 May 2025, police said.")
    assert con.execute("select count(*) from events where locked").fetchone()[0] == 1


def test_contract_claimants_track_record(cli, demo_db):
    out = json.loads(cli("claimants", "--db", demo_db, "--format", "json").stdout)
    names = {r["claimant"] for r in out}
    assert {"Pakistan Army", "Baloch Liberation Army"} <= names
    bla = next(r for r in out if r["claimant"] == "Baloch Liberation Army")
    assert bla["median_ratio"] is not None and bla["figures"] >= 1


def test_contract_extract_jsonl_one_line_per_record_in_order(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    recs = [{"id": "first", "text": "Gunmen shot dead two labourers in Turbat on 3 May 2025, police said."},
            {"id": "second", "text": "The weather was pleasant."},
            {"id": "third", "text": "A roadside bomb killed four soldiers in Kech on 5 May 2025, the army said."}]
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    r = cli("extract", str(src), "--format", "jsonl")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["first", "second", "third"]
    assert lines[1]["events"] == []
    for rec, line in zip(recs, lines):
        for e in line["events"]:
            for c in e["claims"]:
                assert rec["text"][c["span"][0]:c["span"][1]] == c["quote"]


def _documented_fields() -> dict[str, set[str]]:
    """Model name -> the backticked names in the first column of its docs/contract.md table."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "contract.md").read_text("utf-8")
    out = {}
    for part in re.split(r"^### ", text, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", part)
        if name:
            rows = re.findall(r"^\| ([^|]+) \|", part, flags=re.M)
            out[name.group(1)] = {f for r in rows for f in re.findall(r"`(\w+)`", r)}
    return out


@pytest.mark.parametrize("model", ["EventPublic", "EventDetail", "LinkPublic", "PlacePublic",
                                   "ActorPublic", "EstimatePublic", "ClaimEntry", "EventsPage",
                                   "EventRow", "ReviewPublic"])
def test_contract_docs_list_exactly_the_model_fields(model):
    import rashomon.public as public

    cls = getattr(public, model)
    fields = set(cls.model_fields)
    if model == "EventDetail":  # documented as EventPublic plus its own fields
        fields -= set(public.EventPublic.model_fields)
    assert _documented_fields()[model] == fields


def test_contract_json_output_is_the_typed_model(events_json):
    from rashomon.public import EventPublic

    for e in events_json:
        assert EventPublic.model_validate(e).to_json() == e


def test_contract_csv_and_dataframe_share_the_one_flat_row(demo_db):
    import csv
    import io

    from conftest import run_cli

    import rashomon
    from rashomon.public import ROW_COLUMNS

    header = next(csv.reader(io.StringIO(run_cli("events", "--db", demo_db, "--format", "csv").stdout)))
    with rashomon.open(demo_db) as db:
        assert header == ROW_COLUMNS == list(db.events().to_pandas().columns)
