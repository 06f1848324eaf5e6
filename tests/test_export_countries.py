"""Country codes in the ACLED and UCDP exports: each event is coded as its own country (a Malian
event as Mali, never as Pakistan), an event without a place country takes the knowledge pack's
one country, and an event whose country cannot be coded is left out as error E117 naming it."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from builders import store_prepared

from rashomon.export import export_events
from rashomon.export.acled import write_acled
from rashomon.export.ucdp import write_ucdp
from rashomon.models import ActorKind, ActorMention, Claim, Document, Event, Hedge, Place, Span
from rashomon.packs import load_pack
from rashomon.store import open_store

TEXT = "A made-up report written for the country-code tests: clashes in several countries."
DOC = Document(id=Document.content_id(TEXT), text=TEXT, outlet="Test Wire", published=date(2025, 3, 12))


def _event(hexid: str, place: Place | None) -> Event:
    actors = [ActorMention(name="armed forces", kind=ActorKind.state_force, role="target", text="troops",
                           span=Span(start=0, end=1)),
              ActorMention(name="gunmen", kind=ActorKind.armed_group, role="perpetrator", text="gunmen",
                           span=Span(start=0, end=1), generic=True)]
    start = int(hexid, 16) % 60  # one claim per event, each its own span
    claim = Claim(document_id=DOC.id, span=Span(start=start, end=start + 5), quote="quote",
                  claimant=None, hedge=Hedge.asserted)
    return Event(id=f"e_{hexid:0>12}", event_type="Battles", sub_event_type="Armed clash",
                 date_start=date(2025, 3, 1), date_end=date(2025, 3, 1), date_precision="day",
                 place=place, actors=actors, claims=[claim], updated_at=datetime(2025, 3, 2))


MALI = Place(name="Gao", admin1="Gao", country="Mali", country_code="ML", latitude=16.27,
             longitude=-0.04, precision=1)
PAKISTAN = Place(name="Turbat", admin1="Balochistan", admin2="Kech", country="Pakistan",
                 country_code="PK", latitude=26.0, longitude=63.05, precision=1)


def _acled(events: list[Event], default: str | None = None) -> tuple[pd.DataFrame, list]:
    buf = io.StringIO()
    written = write_acled(events, {}, buf, default)
    return pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False), written.problems


def _ucdp(events: list[Event], default: str | None = None) -> tuple[pd.DataFrame, list]:
    buf = io.StringIO()
    written = write_ucdp(events, {}, buf, default)
    return pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False), written.problems


def test_export_countries_malian_event_is_coded_as_mali_in_acled():
    df, problems = _acled([_event("a1", MALI)], default="PK")
    row = df.iloc[0]
    assert problems == []
    assert (row["iso"], row["region"], row["country"]) == (466, "Western Africa", "Mali")
    assert row["event_id_cnty"].startswith("MLI")
    assert row["actor1"] == "Unidentified Armed Group (Mali)"


def test_export_countries_malian_event_is_coded_as_mali_in_ucdp():
    df, problems = _ucdp([_event("a1", MALI)], default="PK")
    row = df.iloc[0]
    assert problems == []
    assert (row["country"], row["country_id"], row["region"]) == ("Mali", 432, "Africa")
    assert (row["side_a"], row["gwnoa"]) == ("Government of Mali", 432)


def test_export_countries_pakistani_event_keeps_its_codes():
    acled, _ = _acled([_event("b2", PAKISTAN)])
    ucdp, _ = _ucdp([_event("b2", PAKISTAN)])
    assert (acled.iloc[0]["iso"], acled.iloc[0]["region"]) == (586, "Southern Asia")
    assert (ucdp.iloc[0]["country_id"], ucdp.iloc[0]["region"]) == (770, "Asia")


def test_export_countries_place_country_name_without_code_is_that_country():
    named = Place(name="Gao", country="Mali", precision=6)
    df, problems = _acled([_event("c3", named)], default="PK")
    assert problems == [] and df.iloc[0]["iso"] == 466


@pytest.mark.parametrize("place,named", [
    (Place(name="Oz", country="Atlantis", country_code="XX", precision=6), "'Atlantis' (code 'XX')"),
    (Place(name="Oz", country="Atlantis", precision=6), "'Atlantis' has no ISO 3166 code"),
    (Place(name="Oz", country_code="QQ", precision=6), "code 'QQ'"),
])
@pytest.mark.parametrize("write", [_acled, _ucdp])
def test_export_countries_unknown_country_is_an_error_naming_it(write, place, named):
    df, problems = write([_event("d4", place), _event("b2", PAKISTAN)], "PK")
    assert list(df["country"]) == ["Pakistan"]  # the other row is written
    [p] = problems
    assert p.code == "E117" and p.location == "e_0000000000d4" and named in p.message


@pytest.mark.parametrize("write", [_acled, _ucdp])
def test_export_countries_no_country_and_no_pack_country_is_an_error(write):
    df, problems = write([_event("e5", None)], None)
    assert len(df) == 0
    [p] = problems
    assert p.code == "E117" and "knowledge pack gives no single one" in p.message


def test_export_countries_territory_without_gw_number_is_refused_by_ucdp_only():
    puerto_rico = Place(name="San Juan", country="Puerto Rico", country_code="PR", precision=1)
    acled, none = _acled([_event("f6", puerto_rico)])
    ucdp, [p] = _ucdp([_event("f6", puerto_rico)])
    assert none == [] and acled.iloc[0]["region"] == "Caribbean"
    assert len(ucdp) == 0 and "Puerto Rico (PR) has no Gleditsch-Ward number" in p.message


def _pack(tmp_path, context: str):
    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.toml").write_text(f'name = "test"\n\n[context]\n{context}\n', "utf-8")
    return load_pack("test", str(root))


@pytest.mark.parametrize("context,code", [
    ('country_code = "PK"', "PK"), ('country_code = "ml"', "ML"), ('countries = ["ML"]', "ML"),
    ('countries = ["ML", "NE"]\ncountry_code = "ML"', None), ("", None),
])
def test_export_countries_pack_default_is_its_one_country(tmp_path, context, code):
    assert _pack(tmp_path, context).default_country_code == code


@pytest.fixture
def stored(db_path):
    with open_store(db_path) as s:
        store_prepared(s, DOC, [_event("a1", MALI), _event("e5", None),
                                _event("d4", Place(name="Oz", country="Atlantis", precision=6))])
    store = open_store(db_path)
    yield store
    store.close()


@pytest.mark.parametrize("context,country", [('countries = ["ML"]', "Mali"),
                                             ('country_code = "PK"', "Pakistan")])
def test_export_countries_event_without_place_takes_the_packs_country(stored, tmp_path, context,
                                                                        country):
    buf = io.StringIO()
    result = export_events(stored, "acled", None, buf, pack=_pack(tmp_path, context))
    df = pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False).set_index("location")
    assert df.loc["", "country"] == country
    assert result.rows == 2 and [p.location for p in result.problems] == ["e_0000000000d4"]


def test_export_countries_pack_of_several_countries_leaves_placeless_events_out(stored, tmp_path):
    result = export_events(stored, "ucdp", None, io.StringIO(),
                           pack=_pack(tmp_path, 'countries = ["ML", "NE"]'))
    assert result.rows == 1
    assert sorted(p.location for p in result.problems) == ["e_0000000000d4", "e_0000000000e5"]


def test_export_countries_cli_names_the_country_and_exits_1(stored, db_path, tmp_path, cli):
    out = tmp_path / "acled.csv"
    r = cli("export", "--db", db_path, "-f", "acled", "-o", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "E117" in r.stderr and "Atlantis" in r.stderr and "1 events left out" in r.stderr
    assert set(pd.read_csv(out)["country"]) == {"Mali", "Pakistan"}  # the balochistan pack: PK


def test_export_countries_api_counts_the_events_left_out(stored, db_path):
    from fastapi.testclient import TestClient

    from rashomon.web.app import create_app

    with TestClient(create_app(db_path, pack="balochistan")) as client:
        r = client.get("/api/export/events.acled")
    assert r.status_code == 200 and r.headers["X-Rashomon-Left-Out"] == "1"
    assert "Mali" in r.text and "Atlantis" not in r.text
