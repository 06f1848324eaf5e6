"""ACLED export: one row per event in ACLED's 31 columns (mappings in ``docs/export.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timezone
from typing import IO

from rashomon.assess.estimate import conservative_fatalities
from rashomon.codebooks import codes
from rashomon.export.common import (
    Sides,
    Written,
    write_coded_rows,
    actor_name,
    claim_summary,
    country,
    sides,
    stable_number,
)
from rashomon.export.review import REVIEW_COLUMNS, corrected_killed, review_columns
from rashomon.models import ActorMention, Document, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp", *REVIEW_COLUMNS,
]


def inter_code(a: ActorMention | None) -> int:
    """ACLED inter code from our actor kind (0: no actor; unknown kind: 8, other)."""
    if a is None:
        return 0
    return codes()["acled"]["inter"].get(a.kind.value if a.kind else "other", 8)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes, lower first (10 = state forces acting alone)."""
    if inter2 == 0 or inter1 == 0:
        return max(inter1, inter2) * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def acled_row(event: Event, docs: Mapping[str, Document], default_country: str | None = None) -> dict:
    """One ACLED row for one event; ``default_country`` (the pack's) is the country of an event
    whose place names none. Raises CountryNotCoded when its country cannot be coded."""
    table, cty = codes()["acled"], country(event, default_country, "acled")
    s: Sides = sides(event)
    i1, i2 = inter_code(s.actor1), inter_code(s.actor2)
    outlets = {c.document_id: docs[c.document_id].outlet if c.document_id in docs else None
               for c in event.claims}
    day = event.date_start
    return {
        "event_id_cnty": f"{cty.iso3}{stable_number(event.id)}",
        "event_date": day.isoformat() if day else "", "year": day.year if day else "",
        "time_precision": table["time_precision"].get(event.date_precision or "year", 3),
        "disorder_type": table["disorder_sub"].get(event.sub_event_type or "",
                                                   table["disorder"].get(event.event_type or "", "")),
        "event_type": event.event_type or "", "sub_event_type": event.sub_event_type or "",
        "actor1": actor_name(s.actor1, cty.name), "assoc_actor_1": "; ".join(s.assoc1),
        "inter1": i1, "actor2": actor_name(s.actor2, cty.name),
        "assoc_actor_2": "; ".join(s.assoc2), "inter2": i2, "interaction": interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "",
        "iso": cty.iso_numeric, "region": cty.acled_region, **_place(event, cty.name),
        "source": "; ".join(sorted({o for o in outlets.values() if o})), "source_scale": "",
        "notes": claim_summary(event, outlets), "fatalities": _fatalities(event),
        "tags": _tags(event), "timestamp": _timestamp(event), **review_columns(event),
    }


def _fatalities(event: Event) -> int:
    fixed = corrected_killed(event)
    return conservative_fatalities(event) if fixed is None else fixed


def _place(event: Event, country_name: str) -> dict:
    p = event.place
    if p is None:
        return {"country": country_name, "admin1": "", "admin2": "", "admin3": "", "location": "",
                "latitude": "", "longitude": "", "geo_precision": 3}
    return {"country": p.country or country_name, "admin1": p.admin1 or "",
            "admin2": p.admin2 or "", "admin3": "", "location": p.name,
            "latitude": "" if p.latitude is None else p.latitude,
            "longitude": "" if p.longitude is None else p.longitude,
            "geo_precision": codes()["acled"]["geo_precision"].get(str(p.precision), 3)}


def _tags(event: Event) -> str:
    tags = [f"rashomon status={event.status}"]
    if event.grade:
        tags.append(f"rashomon grade={event.grade}")
    if event.unverified:
        tags.append("unverified")
    return "; ".join(tags)


def _timestamp(event: Event) -> int | str:
    if event.updated_at is None:
        return ""
    return int(event.updated_at.replace(tzinfo=timezone.utc).timestamp())


def write_acled(events: list[Event], docs: Mapping[str, Document], out: IO[str],
                default_country: str | None = None) -> Written:
    """Write the ACLED CSV (header = ``ACLED_COLUMNS``). An event whose country cannot be coded
    is left out as a problem (E117) and the file goes on; returns rows written and problems."""
    return write_coded_rows(events, ACLED_COLUMNS, out, lambda e: acled_row(e, docs, default_country))
