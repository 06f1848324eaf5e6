"""GeoJSON export (RFC 7946): a FeatureCollection with one Point feature per event.

Coordinates are ``[longitude, latitude]`` (WGS 84, as RFC 7946 requires); an event without
coordinates gets ``"geometry": null`` (allowed by RFC 7946 section 3.2: an unlocated feature).
``properties`` is the event's contract object (``docs/contract.md``), claims included, plus the
flat columns of ``flat_properties`` that the contract does not already have (``FLAT_ONLY``):
GIS tools show one level of properties, and would show the nested ones as JSON text.
"""

from __future__ import annotations

import json
from typing import IO


def flat_properties(row: dict) -> dict:
    """One level of plain values for a contract row: what a GIS attribute table or a map popup
    can show without walking nested objects (killed range, place parts, actors as one string)."""
    p = row.get("place") or {}
    k = (row.get("estimates") or {}).get("killed") or {}
    claimants = sorted({c["claimant"] for c in row.get("claims") or [] if c.get("claimant")})
    return {"event_id": row["id"], "date_start": row.get("date_start"), "date_end": row.get("date_end"),
            "event_type": row.get("event_type"), "sub_event_type": row.get("sub_event_type"),
            "place_name": p.get("name"), "admin1": p.get("admin1"), "admin2": p.get("admin2"),
            "country": p.get("country"), "precision": p.get("precision"),
            "killed_low": k.get("low"), "killed_best": k.get("best"), "killed_high": k.get("high"),
            "status": row.get("status"), "grade": row.get("grade"),
            "review_status": row.get("review_status"),
            "actor_names": "; ".join(dict.fromkeys(a["name"] for a in row.get("actors") or [])),
            "claimants": "; ".join(claimants)}


# flat columns added beside the contract's fields (the others repeat a contract field's value);
# read_geojson drops them again, so a GeoJSON export reads back to exactly the contract rows
FLAT_ONLY = ("event_id", "place_name", "admin1", "admin2", "country", "precision", "killed_low",
             "killed_best", "killed_high", "actor_names", "claimants")


def feature(row: dict) -> dict:
    """One Feature for one contract row."""
    p = row.get("place") or {}
    lat, lon = p.get("latitude"), p.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    flat = flat_properties(row)
    return {"type": "Feature", "id": row["id"], "geometry": geometry,
            "properties": {**row, **{k: flat[k] for k in FLAT_ONLY}}}


def feature_collection(rows: list[dict]) -> dict:
    """The FeatureCollection of contract rows."""
    return {"type": "FeatureCollection", "features": [feature(r) for r in rows]}


def write_geojson(rows: list[dict], out: IO[str]) -> int:
    """Write the FeatureCollection; returns the number of features."""
    json.dump(feature_collection(rows), out, ensure_ascii=False)
    out.write("\n")
    return len(rows)


def read_geojson(text: str) -> list[dict]:
    """Contract rows back from a GeoJSON export's text (the features' properties)."""
    data = json.loads(text)
    return [{k: v for k, v in f["properties"].items() if k not in FLAT_ONLY} for f in data.get("features", [])]
