"""Data routes of the dashboard's Leaflet map (``/api/map/...``): GeoJSON, no tile server.

* ``outlines.geojson``: the pack region's country polygons (and province lines when a source is
  installed), from ``geo``'s shapefile reader, simplified, clipped to the region box padded by
  ``CLIP_MARGIN`` and cached for the life of the process;
* ``events.geojson``: the newest ``MAP_LIMIT`` events matching the dashboard's filters, one Point
  each with flat properties only (a popup needs no claims, so none are read).
"""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from rashomon.export.geojson import flat_properties
from rashomon.public import event_json
from rashomon.web import geo
from rashomon.web.deps import Filters

router = APIRouter(prefix="/api/map", tags=["map"])
MAP_LIMIT = 2000  # newest events on the map; the list pages through all of them
CLIP_MARGIN = 2.0  # degrees of land kept around the region, so panning a little shows no cut edge
DIGITS = 3  # ~100 m: finer than the 0.02-degree simplification, and a third of the bytes
GEOJSON = "application/geo+json"

Box = tuple[float, float, float, float]


def padded(extent: Box, margin: float = CLIP_MARGIN) -> Box:
    west, south, east, north = extent
    return (max(west - margin, -180.0), max(south - margin, -90.0),
            min(east + margin, 180.0), min(north + margin, 90.0))


def clip_ring(ring: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the box's four edges (a country reaching far outside the
    region, Iran or India for Pakistan, is cut at the box: edges along it are never drawn)."""
    west, south, east, north = box
    edges = ((lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)))
    pts = ring
    for keep, cross in edges:
        out: list[tuple[float, float]] = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if keep(cur):
                if not keep(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif keep(prev):
                out.append(cross(prev, cur))
        pts = out
        if not pts:
            break
    return pts


def _at_x(a, b, x):
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a, b, y):
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def clip_line(line: list[tuple[float, float]], box: Box) -> list[list[tuple[float, float]]]:
    """The runs of a line's points inside the box (a point outside ends a run: at 0.02 degrees
    between points the lost end segment is invisible)."""
    west, south, east, north = box
    runs, run = [], []
    for x, y in line:
        if west <= x <= east and south <= y <= north:
            run.append((x, y))
        elif run:
            runs.append(run)
            run = []
    return [r for r in runs + [run] if len(r) >= 2]


def _coords(points) -> list[list[float]]:
    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in points]


@cache
def outlines_geojson(where: geo.Region) -> dict:
    """A FeatureCollection: one MultiPolygon per country (``iso3``, ``name``, ``label``: a
    lon/lat inside its largest clipped part) and one MultiLineString of province lines."""
    box = padded(where.extent)
    features = []
    src = geo.country_source()
    if src and src.exists():
        shp, dbf = geo._shp_and_dbf(src)
        codes = geo.read_dbf(dbf, "ADM0_A3") if dbf else []
        names = geo.read_dbf(dbf, "NAME_EN") if dbf else []
        home = []
        for code, name, shape in zip(codes, names, geo.read_shapes(shp, box)):
            if shape is None:
                continue
            if code in where.countries:
                home.append(shape)
            rings = [clip_ring(geo.simplify(part, geo.TOLERANCE), box) for part in shape.parts]
            rings = [r for r in rings if len(r) >= 3]
            if not rings:
                continue
            big = max(rings, key=len)
            label = [round(sum(x for x, _ in big) / len(big), DIGITS), round(sum(y for _, y in big) / len(big), DIGITS)]
            # each ring as its own polygon: the reader does not pair holes with shells, and
            # a filled hole (a lake, an enclave) is acceptable at dashboard scale
            features.append({"type": "Feature", "id": code,
                             "geometry": {"type": "MultiPolygon",
                                          "coordinates": [[_coords(r + r[:1])] for r in rings]},
                             "properties": {"kind": "country", "iso3": code, "name": name or code,
                                            "label": label}})
        lines, _ = geo.province_parts(where, home)
        runs = [run for line in lines for run in clip_line(geo.simplify(line, geo.TOLERANCE), box)]
        if runs:
            features.append({"type": "Feature", "id": "provinces",
                             "geometry": {"type": "MultiLineString", "coordinates": [_coords(r) for r in runs]},
                             "properties": {"kind": "provinces"}})
    return {"type": "FeatureCollection", "features": features, "bbox": list(where.extent)}


def region_of(request: Request) -> geo.Region:
    return geo.region(getattr(request.app.state, "pack_name", None))


@router.get("/outlines.geojson", response_class=JSONResponse,
            responses={200: {"content": {GEOJSON: {}}, "description": "country outlines of the region"}})
def outlines(request: Request) -> JSONResponse:
    """Country outlines (and province lines) of the pack's map region, as GeoJSON; ``bbox`` is
    the region's ``[west, south, east, north]`` (the map's first view)."""
    return JSONResponse(outlines_geojson(region_of(request)), media_type=GEOJSON)


@router.get("/events.geojson", response_class=JSONResponse,
            responses={200: {"content": {GEOJSON: {}}, "description": "located events, flat properties"}})
def events(request: Request, f: Filters) -> JSONResponse:
    """The newest located events matching the filters (at most ``MAP_LIMIT``), as GeoJSON Points
    with flat properties (date, type, place, killed low/best/high, status); ``truncated`` says
    that older matches were left out."""
    found = request.app.state.store.events(f.model_copy(update={"limit": MAP_LIMIT}), with_claims=False)
    features = []
    for e in found:
        row = event_json(e, {})
        p = row.get("place") or {}
        if p.get("latitude") is None or p.get("longitude") is None:
            continue
        props = flat_properties(row)
        del props["claimants"]  # read without claims (for speed): an empty string would mislead
        features.append({"type": "Feature", "id": e.id, "properties": props,
                         "geometry": {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]}})
    return JSONResponse({"type": "FeatureCollection", "features": features,
                         "truncated": len(found) >= MAP_LIMIT}, media_type=GEOJSON)
