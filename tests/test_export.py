"""Exports: ACLED and UCDP layouts read back with pandas, GeoJSON validity, PRIO-GRID cells,
filters, the CLI (files, stdout, errors)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timezone

import pandas as pd
import pytest
from builders import store_prepared
from hypothesis import given
from hypothesis import strategies as st

from rashomon.assess.estimate import all_deaths
from rashomon.export import export_events
from rashomon.export.acled import ACLED_COLUMNS, interaction
from rashomon.export.common import claim_summary
from rashomon.export.priogrid import cell_centre, priogrid_gid
from rashomon.export.ucdp import UCDP_COLUMNS
from rashomon.models import (
    ActorKind,
    ActorMention,
    Claim,
    Document,
    Estimate,
    Event,
    Hedge,
    Place,
    Quantity,
    Span,
)
from rashomon.store import EventFilter, open_store

TEXT = "A made-up report written for the export tests: an attack, a clash and a protest."


def _claim(doc: Document, start: int, claimant: str | None, figures: list[tuple[str, str, int, int | None, str]],
           hedge: Hedge = Hedge.attributed) -> Claim:
    return Claim(document_id=doc.id, span=Span(start=start, end=start + 5), quote="quote",
                 claimant=claimant, hedge=hedge,
                 quantities=[Quantity(category=c, victims=v, low=lo, high=hi, text=w,
                                      span=Span(start=start, end=start + 1))
                             for c, v, lo, hi, w in figures])


def _actor(name: str, kind: ActorKind, role: str, generic: bool = False) -> ActorMention:
    return ActorMention(name=name, kind=kind, role=role, text=name, span=Span(start=0, end=1),
                        generic=generic)


ATTACKERS = Estimate(category="attackers_killed", low=33, best=33, high=33, conservative=33,
                     by_side={"armed group": 33})


def _events(doc: Document) -> list[Event]:
    kech = Place(name="Turbat", admin1="Balochistan", admin2="Kech", country="Pakistan",
                 country_code="PK", latitude=26.0, longitude=63.05, precision=1)
    panjgur = Place(name="Panjgur", admin1="Balochistan", admin2="Panjgur", country="Pakistan",
                    latitude=26.97, longitude=64.09, precision=3)
    clash = Event(
        id="e_0000000000a1", event_type="Battles", sub_event_type="Armed clash",
        date_start=date(2025, 3, 11), date_end=date(2025, 3, 11), date_precision="day", place=kech,
        actors=[_actor("Baloch Liberation Army", ActorKind.armed_group, "perpetrator"),
                _actor("Frontier Corps", ActorKind.state_force, "target")],
        status="contested",
        # "killed" counts every side, as estimate_event derives it from the two parts
        estimates={"killed": all_deaths(
                       Estimate(category="killed", low=5, best=7, high=90, conservative=5,
                                by_side={"state forces": 7}), ATTACKERS),
                   "attackers_killed": ATTACKERS},
        claims=[_claim(doc, 0, "Pakistan Army", [("attackers_killed", "militants", 33, 33, "33")]),
                _claim(doc, 10, "Baloch Liberation Army",
                       [("killed", "soldiers", 90, None, "over 90")], Hedge.alleged)],
        updated_at=datetime(2025, 3, 12, 8, 0, 0))
    attack = Event(
        id="e_0000000000b2", event_type="Violence against civilians", sub_event_type="Attack",
        date_start=date(2025, 2, 1), date_end=date(2025, 2, 7), date_precision="week",
        place=panjgur, actors=[_actor("gunmen", ActorKind.armed_group, "perpetrator", generic=True),
                               _actor("labourers", ActorKind.civilians, "target", generic=True)],
        estimates={"killed": Estimate(category="killed", low=3, best=3, high=3, conservative=3,
                                      by_side={"civilians": 3})},
        claims=[_claim(doc, 20, None, [("killed", "labourers", 3, 3, "three")], Hedge.asserted)],
        updated_at=datetime(2025, 2, 8))
    protest = Event(id="e_0000000000c3", event_type="Protests", sub_event_type="Peaceful protest",
                    date_start=date(2025, 1, 5), date_end=date(2025, 1, 5), date_precision="day",
                    claims=[_claim(doc, 30, None, [])], updated_at=datetime(2025, 1, 6))
    return [clash, attack, protest]


@pytest.fixture
def filled(db_path):
    doc = Document(id=Document.content_id(TEXT), text=TEXT, outlet="Test Wire",
                   url="https://example.invalid/a", title="Made up", published=date(2025, 3, 12))
    evs = _events(doc)
    with open_store(db_path) as s:
        store_prepared(s, doc, evs)
    store = open_store(db_path)
    yield store
    store.close()


def _export(store, fmt: str, f: EventFilter | None = None) -> str:
    buf = io.StringIO()
    export_events(store, fmt, f, buf)
    return buf.getvalue()


def test_export_acled_has_the_31_columns_in_order(filled):
    df = pd.read_csv(io.StringIO(_export(filled, "acled")), keep_default_na=False)
    assert list(df.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 33
    assert len(df) == 3
    assert set(df["iso"]) == {586} and set(df["region"]) == {"Southern Asia"}
    assert all(v.startswith("PAK") for v in df["event_id_cnty"])


def test_export_acled_codes_actors_fatalities_and_notes(filled):
    df = pd.read_csv(io.StringIO(_export(filled, "acled")), keep_default_na=False).set_index("event_date")
    clash, attack = df.loc["2025-03-11"], df.loc["2025-02-01"]
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == (2, 1, 12)
    assert clash["fatalities"] == 5 + 33  # conservative killed + conservative attackers killed
    assert clash["notes"] == ("Pakistan Army claimed 33 militants killed; "
                              "Baloch Liberation Army claimed over 90 soldiers killed")
    assert (clash["geo_precision"], clash["time_precision"]) == (1, 1)
    assert attack["actor1"] == "Unidentified Armed Group (Pakistan)"
    assert attack["civilian_targeting"] == "Civilian targeting" and attack["interaction"] == 27
    assert (attack["geo_precision"], attack["time_precision"]) == (2, 2)
    stamp = filled.event("e_0000000000a1").updated_at.replace(tzinfo=timezone.utc).timestamp()
    assert clash["timestamp"] == int(stamp)  # Unix time of the last update


@pytest.mark.parametrize("inter1,inter2,expected", [(1, 2, 12), (2, 1, 12), (1, 0, 10), (0, 0, 0),
                                                    (7, 3, 37)])
def test_export_acled_interaction_puts_lower_code_first(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


def test_export_ucdp_has_the_49_columns_and_ordered_figures(filled):
    df = pd.read_csv(io.StringIO(_export(filled, "ucdp")), keep_default_na=False)
    assert list(df.columns) == UCDP_COLUMNS and len(UCDP_COLUMNS) == 51
    assert len(df) == 2  # the protest is not organised violence
    assert (df["low"] <= df["best"]).all() and (df["best"] <= df["high"]).all()
    deaths = df[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)
    assert (deaths == df["best"]).all()
    assert set(df["country_id"]) == {770}


def test_export_ucdp_codes_types_sides_and_grid(filled):
    df = pd.read_csv(io.StringIO(_export(filled, "ucdp")), keep_default_na=False).set_index("relid")
    clash, attack = df.loc["e_0000000000a1"], df.loc["e_0000000000b2"]
    assert (clash["type_of_violence"], clash["side_a"], clash["side_b"]) == \
        (1, "Government of Pakistan", "Baloch Liberation Army")
    assert (clash["deaths_a"], clash["deaths_b"], clash["best"]) == (7, 33, 40)
    assert (clash["low"], clash["high"]) == (38, 123)
    assert clash["priogrid_gid"] == priogrid_gid(26.0, 63.05) and str(clash["gwnoa"]) == "770"
    assert clash["event_clarity"] == 2 and clash["date_prec"] == 1
    assert (attack["type_of_violence"], attack["side_b"], attack["deaths_civilians"]) == (3, "Civilians", 3)
    assert attack["date_prec"] == 3 and attack["where_prec"] == 3
    assert (clash["adm_1"], clash["adm_2"]) == ("Balochistan province", "Kech district")  # GED spelling


@pytest.mark.parametrize("lat,lon,gid", [
    (-89.75, -179.75, 1), (-89.9, 179.9, 720), (-89.6, -179.6, 1), (-89.4, -179.6, 721),
    (89.9, 179.9, 259200), (30.18, 67.0, 173295), (0.1, 0.1, 180 * 720 + 361),
    (None, 67.0, None), (95.0, 0.0, None),
])
def test_export_priogrid_known_cells(lat, lon, gid):
    assert priogrid_gid(lat, lon) == gid


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_export_priogrid_centre_lies_within_half_a_cell(lat, lon):
    clat, clon = cell_centre(priogrid_gid(lat, lon))
    assert abs(clat - lat) <= 0.25 + 1e-9 and abs(clon - lon) <= 0.25 + 1e-9


def test_export_geojson_is_a_valid_feature_collection(filled):
    data = json.loads(_export(filled, "geojson"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    by_id = {f["id"]: f for f in data["features"]}
    assert by_id["e_0000000000a1"]["geometry"] == {"type": "Point", "coordinates": [63.05, 26.0]}
    assert by_id["e_0000000000c3"]["geometry"] is None  # no place: unlocated feature
    for f in data["features"]:
        assert f["type"] == "Feature" and f["properties"]["id"] == f["id"]
        assert f["properties"]["claims"], "properties carry the claims"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "geojson", "acled"])
def test_export_respects_filters(filled, fmt):
    out = _export(filled, fmt, EventFilter(place="Panjgur"))
    assert "e_0000000000b2" in out or "Panjgur" in out
    assert "e_0000000000a1" not in out and "Turbat" not in out


def test_export_status_filter_keeps_only_that_status(filled):
    rows = json.loads(_export(filled, "json", EventFilter(status="contested")))
    assert [r["id"] for r in rows] == ["e_0000000000a1"]


def test_export_csv_with_claims_writes_a_claims_file(filled, tmp_path):
    result = export_events(filled, "csv", None, tmp_path / "ev.csv", claims=True)
    assert [p.rsplit("/", 1)[-1] for p in result.paths] == ["ev.csv", "ev.claims.csv"]
    claims = pd.read_csv(tmp_path / "ev.claims.csv")
    assert set(claims["event_id"]) == {"e_0000000000a1", "e_0000000000b2", "e_0000000000c3"}


def test_export_claim_summary_names_the_outlet_when_it_speaks(filled):
    ev = filled.event("e_0000000000b2")
    assert claim_summary(ev, {c.document_id: "Test Wire" for c in ev.claims}) == \
        "Test Wire reported three labourers killed"


def test_export_cli_writes_files_and_stdout(filled, db_path, tmp_path, cli):
    r = cli("export", "--db", db_path, "--format", "ucdp", "-o", "-")
    assert r.returncode == 0 and r.stdout.startswith("id,relid,year")
    r = cli("export", "--db", db_path, "-f", "parquet", "--claims", "-o", str(tmp_path / "x.parquet"))
    assert r.returncode == 0, r.stderr
    assert len(pd.read_parquet(tmp_path / "x.parquet")) == 3
    assert len(pd.read_parquet(tmp_path / "x.claims.parquet")) == 4


@pytest.mark.parametrize("args,code", [(["-f", "parquet", "-o", "-"], "E111"),
                                       (["-f", "xml"], "E110")])
def test_export_cli_errors_are_one_sentence(filled, db_path, cli, args, code):
    r = cli("export", "--db", db_path, *args)
    assert r.returncode == 2 and code in r.stderr and "Traceback" not in r.stderr


def test_export_geojson_adds_flat_columns_beside_the_contract_object(filled):
    from rashomon.export.geojson import FLAT_ONLY
    from rashomon.public import EventPublic

    assert not set(FLAT_ONLY) & set(EventPublic.model_fields)  # never shadows a contract field
    data = json.loads(_export(filled, "geojson"))
    for f in data["features"]:
        p = f["properties"]
        assert set(FLAT_ONLY) <= set(p)
        assert all(not isinstance(p[k], (dict, list)) for k in FLAT_ONLY)
        killed = p["estimates"].get("killed") or {}
        assert (p["killed_low"], p["killed_best"], p["killed_high"]) == \
            (killed.get("low"), killed.get("best"), killed.get("high"))
        assert p["claimants"] == "; ".join(sorted({c["claimant"] for c in p["claims"] if c["claimant"]}))
        assert p["event_id"] == f["id"] and p["place_name"] == (p["place"] or {}).get("name")
