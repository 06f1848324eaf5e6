"""UCDP GED export: one row per organised-violence event in GED's 49 columns.

Identifiers that only UCDP can assign (conflict, dyad and side ids, ``code_status``,
``active_year``) are left empty; mappings are in ``docs/export.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from rashomon.assess.estimate import fatality_range
from rashomon.codebooks import codes
from rashomon.export.common import (
    Written,
    write_coded_rows,
    actor_name,
    camp,
    country,
    sides,
    stable_number,
)
from rashomon.export.priogrid import priogrid_gid
from rashomon.export.review import REVIEW_COLUMNS, review_columns
from rashomon.models import ActorKind, ActorMention, Document, Event

UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
    *REVIEW_COLUMNS,
]
STATE = {ActorKind.state_force, ActorKind.officials}


def is_organised_violence(event: Event) -> bool:
    """Whether UCDP would code the event at all (battles, explosions, violence against civilians)."""
    return (event.event_type or "") in codes()["ucdp"]["violent_types"]


def violence_type(event: Event) -> tuple[int, ActorMention | None, ActorMention | None]:
    """(type_of_violence, side A, side B): 1 state-based when a state actor faces an armed group
    (the state is side A); 2 non-state when two armed groups fight; else 3 one-sided (an
    organised actor against civilians, or with no organised opponent named)."""
    s = sides(event)
    a, b = s.actor1, s.actor2
    ca, cb = camp(a), camp(b)
    if {ca, cb} == {"state", "armed"}:
        return (1, a, b) if ca == "state" else (1, b, a)
    if ca == cb == "armed" and event.event_type != "Violence against civilians":
        return 2, a, b
    return 3, (a if ca != "civilian" else b), None


def _deaths(event: Event, type_: int, side_a: ActorMention | None) -> dict[str, int]:
    low, best, high = fatality_range(event)
    killed = event.estimates.get("killed")
    split = dict(killed.by_side) if killed else {}
    state_is_a = side_a is not None and side_a.kind in STATE
    d = {"deaths_a": split.get("state forces", 0) if state_is_a else split.get("armed group", 0),
         "deaths_b": split.get("armed group", 0) if state_is_a else split.get("state forces", 0),
         "deaths_civilians": split.get("civilians", 0), "deaths_unknown": split.get("unknown", 0)}
    if type_ == 3:  # side B is "Civilians": deaths of anyone else on the other side are unknown
        d["deaths_unknown"] += d["deaths_b"]
        d["deaths_b"] = 0
    counted = sum(d.values())
    best = max(best, counted)
    d["deaths_unknown"] += best - counted
    return {**d, "best": best, "low": min(low, best), "high": max(high, best)}


def ucdp_row(event: Event, docs: Mapping[str, Document], default_country: str | None = None) -> dict:
    """One UCDP GED row for one event; ``default_country`` (the pack's) is the country of an
    event whose place names none. Raises CountryNotCoded when its country cannot be coded."""
    table, cty = codes()["ucdp"], country(event, default_country, "ucdp")
    type_, a, b = violence_type(event)
    name_a = _side_name(a, cty.name)
    name_b = table["civilians"] if type_ == 3 else _side_name(b, cty.name)
    prec = table["date_prec"].get(event.date_precision or "year", 5)
    if prec == 1 and event.date_end and event.date_start and event.date_end > event.date_start:
        prec = 2
    unknown_ids = ("active_year", "code_status", "conflict_dset_id", "conflict_new_id",
                   "conflict_name", "dyad_dset_id", "dyad_new_id", "side_a_dset_id",
                   "side_a_new_id", "side_b_dset_id", "side_b_new_id")
    return {
        **dict.fromkeys(unknown_ids, ""), "id": stable_number(event.id), "relid": event.id,
        "year": event.date_start.year if event.date_start else "", "type_of_violence": type_,
        "dyad_name": f"{name_a} - {name_b}" if name_a and name_b else "",
        "side_a": name_a, "side_b": name_b, **_sources(event, docs), **_where(event.place),
        "country": cty.name, "country_id": cty.gwno, "region": cty.ucdp_region,
        "event_clarity": 2 if event.status == "contested" or event.unverified else 1,
        "date_prec": prec, "date_start": _num(event.date_start), "date_end": _num(event.date_end),
        **_deaths(event, type_, a),
        "gwnoa": cty.gwno if a is not None and a.kind in STATE else "",
        "gwnob": cty.gwno if type_ == 1 and b is not None and b.kind in STATE else "",
        **review_columns(event),
    }


def _sources(event: Event, docs: Mapping[str, Document]) -> dict:
    srcs = [docs[d] for d in sorted({c.document_id for c in event.claims}) if d in docs]
    return {
        "number_of_sources": len(srcs), "source_article": "; ".join(_article(d) for d in srcs),
        "source_office": "; ".join(sorted({d.outlet for d in srcs if d.outlet})),
        "source_date": "; ".join(sorted({d.published.isoformat() for d in srcs if d.published})),
        "source_headline": "; ".join(d.title for d in srcs if d.title),
        "source_original": "; ".join(sorted({c.claimant for c in event.claims if c.claimant})),
    }


def _where(p) -> dict:
    lat, lon = (p.latitude, p.longitude) if p else (None, None)
    located = lat is not None and lon is not None
    return {
        "where_prec": p.precision if p else 7, "where_coordinates": p.name if p else "",
        "where_description": p.name if p else "", **_admin(p), "latitude": _num(lat),
        "longitude": _num(lon), "geom_wkt": f"POINT ({lon} {lat})" if located else "",
        "priogrid_gid": _num(priogrid_gid(lat, lon)),
    }


def _admin(p) -> dict[str, str]:
    """``adm_1``/``adm_2`` spelled as GED does: "Balochistan province", "Kech district"."""
    table = codes()["ucdp"]
    if p is None:
        return {"adm_1": "", "adm_2": ""}
    adm1 = p.admin1 or ""
    if adm1 in table["provinces"]:
        adm1 += table["province_suffix"]
    return {"adm_1": adm1, "adm_2": p.admin2 + table["district_suffix"] if p.admin2 else ""}


def _side_name(a: ActorMention | None, country_name: str) -> str:
    if a is None:
        return ""
    if a.kind in STATE:
        return codes()["ucdp"]["government"].format(country=country_name)
    return actor_name(a, country_name)


def _article(d: Document) -> str:
    parts = [d.outlet, d.published.isoformat() if d.published else None, d.title, d.url]
    return ", ".join(x for x in parts if x)


def _num(value) -> object:
    return "" if value is None else value


def write_ucdp(events: list[Event], docs: Mapping[str, Document], out: IO[str],
               default_country: str | None = None) -> Written:
    """Write the UCDP GED CSV (header = ``UCDP_COLUMNS``) for the organised-violence events
    (others are skipped). An event whose country cannot be coded is left out as a problem (E117)
    and the file goes on; returns rows written and problems."""
    return write_coded_rows((e for e in events if is_organised_violence(e)), UCDP_COLUMNS, out,
                            lambda e: ucdp_row(e, docs, default_country))
