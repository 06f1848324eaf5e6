"""HTTP API: the events contract, filters and paging, documents, stats, exports, ingest, errors."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from rashomon.public import documents_for, event_json
from rashomon.store import open_store
from rashomon.web.app import create_app

TOKEN = "s3cret-token"

# Written for these tests: one attack told by the army (4 killed) and by the BLA (40 killed).
ARMY = ("QUETTA, Feb 3 (Frontier Wire) - Militants attacked a Frontier Corps checkpoint in Kalat "
        "district of Balochistan on Sunday night. The military's media wing ISPR said four soldiers "
        "were killed and six attackers were killed in the exchange of fire.\n\n"
        "Officials said the area had been cordoned off.")
BLA = ("QUETTA, Feb 3 (Hill Times) - The Baloch Liberation Army claimed responsibility for an attack "
       "on a Frontier Corps checkpoint in Kalat district on Sunday. BLA spokesman Jeeyand Baloch said "
       "its fighters killed 40 soldiers in the attack on the checkpoint in Kalat on Sunday.\n\n"
       "The claim could not be independently verified.")
OTHER = ("KARACHI, May 6 (Demo Wire) - Gunmen shot dead two labourers in Turbat on Monday, police said.")


def doc_body(text: str, outlet: str, published: str, title: str) -> dict:
    return {"text": text, "outlet": outlet, "published": published, "title": title,
            "url": f"https://example.invalid/{outlet.replace(' ', '').lower()}"}


BODIES = [doc_body(ARMY, "Frontier Wire", "2025-02-03", "Army says 4 soldiers killed in Kalat"),
          doc_body(BLA, "Hill Times", "2025-02-03", "BLA claims 40 soldiers killed in Kalat"),
          doc_body(OTHER, "Demo Wire", "2025-05-06", "Two labourers shot dead in Turbat")]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("api") / "api.db")
    with TestClient(create_app(db, token=TOKEN)) as client:
        client.posted = [client.post("/api/documents", json=b, headers={"Authorization": f"Bearer {TOKEN}"})
                         for b in BODIES]
        client.db = db
        yield client


def contested(api) -> dict:
    items = api.get("/api/events", params={"place": "Kalat"}).json()["items"]
    return max(items, key=lambda e: len({c["claimant"] for c in e["claims"]}))


def test_api_post_documents_answers_201_with_document_and_events(api):
    for r in api.posted:
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["status"] == "new" and len(body["document_id"]) == 16
        assert body["claims"] >= 1 and all(e.startswith("e_") for e in body["events"])


def test_api_post_same_document_twice_answers_200_duplicate(api):
    r = api.post("/api/documents", json=BODIES[0], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert r.json()["status"] == "duplicate"
    assert r.json()["document_id"] == api.posted[0].json()["document_id"]


def test_api_events_items_are_exactly_the_contract(api):
    page = api.get("/api/events").json()
    with open_store(api.db) as store:
        evs = store.events()
        expected = [event_json(e, documents_for(evs, store)) for e in evs]
    assert page["total"] == len(expected) >= 2
    strip = lambda rows: [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]  # noqa: E731
    assert strip(page["items"]) == strip(expected)


def test_api_contested_event_keeps_both_sides_figures(api):
    ev = contested(api)
    killed = {c["claimant"]: c["low"] for c in ev["claims"] if c["category"] == "killed"}
    assert killed.get("Baloch Liberation Army") == 40
    assert killed.get("Pakistan Army") == 4


@pytest.mark.parametrize("params, check", [
    ({"place": "Kalat"}, lambda e: e["place"]["name"] == "Kalat"),
    ({"place": "balochistan"}, lambda e: "Balochistan" in (e["place"]["admin1"] or "")),
    ({"since": "2025-04-01"}, lambda e: e["date_end"] >= "2025-04-01"),
    ({"until": "2025-03-01"}, lambda e: e["date_start"] <= "2025-03-01"),
    ({"actor": "Baloch Liberation"}, lambda e: any("Baloch Liberation" in a["name"] for a in e["actors"])),
    ({"type": "Battles"}, lambda e: "Battles" in (e["event_type"] or "") + (e["sub_event_type"] or "")),
    ({"status": "contested"}, lambda e: e["status"] == "contested" or e["grade"] == "contested"),
])
def test_api_events_filters_select_matching_events(api, params, check):
    body = api.get("/api/events", params=params).json()
    assert body["items"], params
    assert all(check(e) for e in body["items"])
    assert body["total"] == len(body["items"])


def test_api_events_pages_with_limit_offset_and_total(api):
    total = api.get("/api/events").json()["total"]
    first = api.get("/api/events", params={"limit": 1}).json()
    second = api.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == total
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_api_events_updated_since_supports_incremental_sync(api):
    items = api.get("/api/events").json()["items"]
    newest = max(e["updated_at"] for e in items)
    later = api.get("/api/events", params={"updated_since": newest}).json()["items"]
    assert later and all(e["updated_at"] >= newest for e in later)
    assert api.get("/api/events", params={"updated_since": "2999-01-01T00:00:00"}).json()["items"] == []


def test_api_event_detail_has_claims_and_links(api):
    ev = contested(api)
    body = api.get(f"/api/events/{ev['id']}").json()
    assert body["id"] == ev["id"] and "links" in body
    assert {c["claim_id"] for c in body["claims"]} == {c["claim_id"] for c in ev["claims"]}
    assert all({"claim_id", "other_claim_id", "score", "reasons"} <= set(ln) for ln in body["links"])


def test_api_document_detail_has_text_and_claim_spans(api):
    doc_id = api.posted[1].json()["document_id"]
    body = api.get(f"/api/documents/{doc_id}").json()
    assert body["text"] == BLA and body["outlet"] == "Hill Times"
    assert body["claims"]
    for c in body["claims"]:
        start, end = c["span"]
        assert body["text"][start:end] == c["quote"]


def test_api_documents_list_has_total_without_text(api):
    body = api.get("/api/documents", params={"limit": 2}).json()
    assert body["total"] == 3 and len(body["items"]) == 2
    assert all("text" not in d for d in body["items"])


@pytest.mark.parametrize("by", ["week", "month"])
def test_api_stats_groups_killed_by_period(api, by):
    from rashomon.store.stats import period_key

    key = period_key(date.fromisoformat(contested(api)["date_start"]), by)
    s = api.get("/api/stats", params={"by": by}).json()
    period = {p["key"]: p for p in s["periods"]}[key]
    assert period["events"] >= 1
    assert period["killed_low"] <= period["killed_best"] <= period["killed_high"]
    assert period["killed_high"] >= 40  # the BLA's figure widens the range
    assert s["total_events"] == sum(p["events"] for p in s["periods"])
    assert {"districts", "actors", "types", "statuses"} <= set(s)


def test_api_stats_follow_the_filters(api):
    everything = api.get("/api/stats").json()
    kalat = api.get("/api/stats", params={"place": "Kalat"}).json()
    assert 0 < kalat["total_events"] < everything["total_events"]
    assert [d["key"] for d in kalat["districts"]] == ["Kalat, Balochistan"]


def test_api_claimants_compares_figures_with_best_estimates(api):
    records = {r["claimant"]: r for r in api.get("/api/claimants").json()}
    assert records["Baloch Liberation Army"]["median_ratio"] > records["Pakistan Army"]["median_ratio"]


def test_api_export_csv_has_one_row_per_event(api):
    r = api.get("/api/export/events.csv", params={"place": "Kalat"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == api.get("/api/events", params={"place": "Kalat"}).json()["total"]
    assert all(row["place"] == "Kalat" for row in rows)


def test_api_export_json_matches_events_endpoint(api):
    exported = api.get("/api/export/events.json").json()
    listed = api.get("/api/events", params={"limit": 1000}).json()["items"]
    assert [e["id"] for e in exported] == [e["id"] for e in listed]


@pytest.mark.parametrize("fmt, needle", [("jsonl", b'"event_type"'), ("geojson", b"FeatureCollection"),
                                         ("parquet", b"PAR1"), ("acled", b"event_date"), ("ucdp", b"best")])
def test_api_export_offers_every_export_format(api, fmt, needle):
    r = api.get(f"/api/export/events.{fmt}")
    assert r.status_code == 200
    assert needle in r.content


def test_api_export_unknown_format_is_a_422_error(api):
    r = api.get("/api/export/events.xml")
    assert r.status_code == 422 and r.json()["error"]["code"] == "E422"


def test_api_openapi_lists_every_endpoint(api):
    paths = api.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}",
              "/api/claimants", "/api/stats", "/api/export/events.{fmt}"):
        assert p in paths
    assert "post" in paths["/api/documents"]


def test_api_docs_page_is_served_without_any_cdn(api):
    r = api.get("/docs")
    assert r.status_code == 200 and 'src="/static/apidocs.js"' in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text
    assert api.get("/static/apidocs.js").status_code == 200


def test_api_stats_cache_sees_new_events(tmp_path):
    with TestClient(create_app(str(tmp_path / "fresh.db"), token=TOKEN)) as client:
        assert client.get("/api/stats").json()["total_events"] == 0
        r = client.post("/api/documents", json=BODIES[2], headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201
        assert client.get("/api/stats").json()["total_events"] == len(r.json()["events"]) >= 1


# ----------------------------------------------------------------- map and chart helpers (pure)

def test_geo_reads_polygons_back_from_a_shapefile_and_skips_outside_ones():
    from rashomon.web.geo import read_shapes, write_shapefile

    square = [[(66.0, 29.0), (67.0, 29.0), (67.0, 30.0), (66.0, 30.0), (66.0, 29.0)]]
    far = [[(-10.0, 50.0), (-9.0, 50.0), (-9.0, 51.0), (-10.0, 50.0)]]
    shapes = read_shapes(write_shapefile([square, far]), bbox=(60.0, 23.0, 78.5, 37.5))
    assert shapes[1] is None
    assert shapes[0].parts == square and shapes[0].bbox == (66.0, 29.0, 67.0, 30.0)


@pytest.mark.parametrize("lon, lat, where", [(60.0, 37.5, "top-left"), (78.5, 23.0, "bottom-right")])
def test_geo_projection_maps_the_region_box_to_the_svg_box(lon, lat, where):
    from rashomon.web.geo import projection, region

    p = projection(800, region("balochistan"))  # the pack's [map] extent
    x, y = p.xy(lon, lat)
    assert (x, y) == ((0.0, 0.0) if where == "top-left" else (800.0, p.height))


def test_geo_region_is_the_pack_map_extent_or_the_box_of_its_places(tmp_path):
    from rashomon.web.geo import region

    assert region("balochistan").extent == (60.0, 23.0, 78.5, 37.5)
    assert region("balochistan").countries == ("PAK",)
    pack = tmp_path / "boxless"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "boxless"\n')
    (pack / "places.toml").write_text('[[places]]\nname = "A"\nlat = 10.0\nlon = 20.0\n'
                                      '[[places]]\nname = "B"\nlat = 12.0\nlon = 25.0\n')
    assert region(str(pack)).extent == (19.0, 9.0, 26.0, 13.0)


def test_geo_simplify_keeps_ends_and_drops_collinear_points():
    from rashomon.web.geo import simplify

    line = [(float(i), 0.0) for i in range(100)] + [(99.0, 5.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (99.0, 0.0), (99.0, 5.0)]


def test_geo_outlines_without_any_source_leave_the_map_empty(monkeypatch, tmp_path):
    from rashomon.web import geo

    monkeypatch.setenv("RASHOMON_NE_COUNTRIES", str(tmp_path / "missing.shp"))
    monkeypatch.setenv("RASHOMON_NE_PROVINCES", str(tmp_path / "missing.shp"))
    geo.outlines.cache_clear()
    try:
        out = geo.outlines(800.0)
        assert out.countries == {} and out.provinces == "" and out.source == "none installed"
    finally:
        geo.outlines.cache_clear()


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_charts_highlight_segments_rebuild_the_text(text, raw):
    from rashomon.web.charts import highlight_segments

    spans = [(min(a, b), max(a, b), f"c{i}") for i, (a, b) in enumerate(raw)]
    pieces = highlight_segments(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    assert all(p["text"] for p in pieces)
    assert not any(a["mark"] and b["mark"] for a, b in zip(pieces, pieces[1:]))


def test_charts_timeline_band_spans_low_to_high():
    from rashomon.store.stats import Bucket
    from rashomon.web.charts import timeline

    t = timeline([Bucket(key="2025-W05", events=2, killed_low=4, killed_best=4, killed_high=40),
                  Bucket(key="2025-W06", events=1)], width=200, height=100)
    assert len(t.bars) == 2 and t.max_killed == 40 and t.max_events == 2
    assert t.bars[0]["h"] == 80.0 and t.band.count(",") == 4


def test_api_trends_series_and_flags_over_the_store(api):
    series = api.get("/api/trends/series", params={"level": "province", "period": "month"})
    assert series.status_code == 200, series.text
    rows = series.json()
    assert [s["area"] for s in rows] == ["Balochistan"]
    assert sum(p["events"] for p in rows[0]["points"]) >= 2
    assert len(rows[0]["points"]) == 4  # February to May, the empty months included
    flags = api.get("/api/trends/flags", params={"fired": "false"})
    assert flags.status_code == 200 and set(flags.json()["formulas"]) >= {"surge", "toll_high"}
    assert api.get("/api/trends/series", params={"level": "country"}).status_code == 422
