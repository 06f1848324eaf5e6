"""Compare our events with a reference dataset's: matched pairs, only ours, only theirs, and
the fatality differences of matched pairs (rules in ``docs/reference.md``).

A pair matches when (1) the date ranges, each widened by ``date_slack_days``, overlap; (2) the
places agree: within ``max_km`` when both have coordinates, or the same district (spellings
normalised), or the same province when either side is imprecise (no district, or precision
code 4 or more; a side without precision code, district and coordinates counts as
imprecise); (3) the types are compatible (``codes.toml`` ``[compare.types]``). Pairs are
chosen one-to-one, best first: closer place basis, then smaller date gap, then distance.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date, timedelta

from pydantic import Field

from rashomon.assess.estimate import fatality_range
from rashomon.codebooks import codes
from rashomon.models import Event, Record, ReferenceEvent

_NON_LETTERS = re.compile(r"[^a-z]+")
_REPEATS = re.compile(r"(.)\1+")
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


class MatchedPair(Record):
    ours: str
    theirs: str
    our_date: date | None
    their_date: date | None
    date_gap_days: int
    place_basis: str  # "12 km apart", "same district", "same province"
    our_place: str | None
    their_place: str | None
    our_low: int
    our_best: int
    our_high: int
    their_low: int | None
    their_best: int | None
    their_high: int | None
    best_difference: int | None  # ours minus theirs


class CompareReport(Record):
    reference: str
    since: date | None = None
    until: date | None = None
    n_ours: int = 0
    n_theirs: int = 0
    matched: list[MatchedPair] = Field(default_factory=list)
    only_ours: list[str] = Field(default_factory=list)
    only_theirs: list[str] = Field(default_factory=list)
    mean_abs_best_difference: float | None = None
    our_best_total: int = 0
    their_best_total: int = 0


def admin_key(name: str | None) -> str | None:
    """A spelling-insensitive key for a district or province name: 'Khyber Pakhtunkwa province'
    and 'Khyber Pakhtunkhwa' give the same key (letters only, admin words dropped, folded
    spelling variants, no h, u as o, ee as i, doubled letters single)."""
    if not name:
        return None
    cfg = codes()["compare"]
    words = [w for w in name.lower().split() if w not in cfg["admin_words"]]
    key = _NON_LETTERS.sub("", "".join(words))
    key = cfg["spellings"].get(key, key)
    key = key.replace("h", "").replace("ee", "i").replace("u", "o")
    return _REPEATS.sub(r"\1", key) or None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def place_match(ours: Event, theirs: ReferenceEvent) -> tuple[int, float, str] | None:
    """(rank, distance, basis) when the places agree, else None; lower rank is closer."""
    p = ours.place
    if p is None:
        return None
    dist = math.inf
    if None not in (p.latitude, p.longitude, theirs.latitude, theirs.longitude):
        dist = km(p.latitude, p.longitude, theirs.latitude, theirs.longitude)
        if dist <= codes()["compare"]["max_km"]:
            return 0, dist, f"{dist:.0f} km apart"
    ours2, theirs2 = admin_key(p.admin2), admin_key(theirs.admin2)
    if ours2 and ours2 == theirs2:
        return 1, dist, "same district"
    imprecise = (p.precision >= 4 or (not ours2 and p.latitude is None)
                 or (theirs.where_prec or 0) >= 4
                 or (not theirs2 and theirs.where_prec is None and theirs.latitude is None))
    if imprecise and admin_key(p.admin1) and admin_key(p.admin1) == admin_key(theirs.admin1):
        return 2, dist, "same province"
    return None


def type_of_violence(theirs: ReferenceEvent) -> int:
    """UCDP's type, or one guessed from the sides when the file lacks it (Civilians as side B:
    one-sided; a government on either side: state-based; else non-state)."""
    if theirs.type_of_violence:
        return theirs.type_of_violence
    if (theirs.side_b or "").lower().startswith("civilians"):
        return 3
    sides = f"{theirs.side_a or ''} {theirs.side_b or ''}".lower()
    return 1 if "government of" in sides else 2


def types_compatible(ours: Event, theirs: ReferenceEvent) -> bool:
    """ACLED: the same event type, or both political violence; UCDP: ``[compare.types]``.
    Our events without a type are compatible with anything."""
    if ours.event_type is None:
        return True
    if theirs.event_type is not None:
        return ours.event_type == theirs.event_type or {ours.event_type, theirs.event_type} <= VIOLENT
    return ours.event_type in codes()["compare"]["types"][str(type_of_violence(theirs))]


def date_gap(ours: Event, theirs: ReferenceEvent) -> int | None:
    """Days between the two date ranges (0 when they overlap), None when a date is missing."""
    if None in (ours.date_start, ours.date_end, theirs.date_start, theirs.date_end):
        return None
    if ours.date_end < theirs.date_start:
        return (theirs.date_start - ours.date_end).days
    if theirs.date_end < ours.date_start:
        return (ours.date_start - theirs.date_end).days
    return 0


def candidates(ours: list[Event], theirs: list[ReferenceEvent]) -> list[tuple]:
    """All compatible (rank, gap, distance, our index, their index, basis) pairs; reference
    events are indexed by day so each of our events only meets those near its dates."""
    slack = codes()["compare"]["date_slack_days"]
    by_day: dict[date, list[int]] = defaultdict(list)
    for j, t in enumerate(theirs):
        if t.date_start and t.date_end:
            for k in range(min((t.date_end - t.date_start).days, 400) + 1):
                by_day[t.date_start + timedelta(days=k)].append(j)
    out = []
    for i, e in enumerate(ours):
        if not (e.date_start and e.date_end):
            continue
        near = {j for k in range(-slack, (e.date_end - e.date_start).days + slack + 1)
                for j in by_day.get(e.date_start + timedelta(days=k), ())}
        for j in sorted(near):
            gap = date_gap(e, theirs[j])
            where = place_match(e, theirs[j]) if types_compatible(e, theirs[j]) else None
            if gap is not None and gap <= slack and where:
                out.append((where[0], gap, where[1], i, j, where[2]))
    return sorted(out)


def compare_events(ours: list[Event], theirs: list[ReferenceEvent], reference: str = "",
                   since: date | None = None, until: date | None = None) -> CompareReport:
    """Match ``ours`` with ``theirs`` one-to-one and report (see the module docstring)."""
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    pairs = []
    for _rank, gap, _dist, i, j, basis in candidates(ours, theirs):
        if i not in used_ours and j not in used_theirs:
            used_ours.add(i)
            used_theirs.add(j)
            pairs.append(_pair(ours[i], theirs[j], gap, basis))
    diffs = [abs(p.best_difference) for p in pairs if p.best_difference is not None]
    return CompareReport(
        reference=reference, since=since, until=until, n_ours=len(ours), n_theirs=len(theirs),
        matched=pairs, only_ours=[e.id for i, e in enumerate(ours) if i not in used_ours],
        only_theirs=[t.ref_id for j, t in enumerate(theirs) if j not in used_theirs],
        mean_abs_best_difference=round(sum(diffs) / len(diffs), 2) if diffs else None,
        our_best_total=sum(p.our_best for p in pairs),
        their_best_total=sum(p.their_best or 0 for p in pairs))


def _pair(e: Event, t: ReferenceEvent, gap: int, basis: str) -> MatchedPair:
    low, best, high = fatality_range(e)
    return MatchedPair(
        ours=e.id, theirs=t.ref_id, our_date=e.date_start, their_date=t.date_start,
        date_gap_days=gap, place_basis=basis,
        our_place=", ".join(x for x in (e.place.name, e.place.admin2) if x) if e.place else None,
        their_place=", ".join(x for x in (t.location, t.admin2) if x) or t.admin1,
        our_low=low, our_best=best, our_high=high, their_low=t.low, their_best=t.best,
        their_high=t.high, best_difference=None if t.best is None else best - t.best)
