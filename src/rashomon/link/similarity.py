"""Pairwise evidence between a unit and an event: hard gates, a score, human-readable reasons.

Each ``*_signal`` function returns ``None`` when the two sides cannot be the same incident (a hard
gate) or a ``(value, reason)`` pair with ``value`` in [0, 1]. The reason strings are what an
analyst reads in ``LinkReason.reasons``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from rashomon.link.settings import LinkSettings

Signal = tuple[float, Callable[[], str]] | None  # reasons are built only for accepted pairs
_BARE = frozenset(LinkSettings().families)  # an event type without sub-event type


def _day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def date_signal(a, b, s: LinkSettings, same_incident: bool = False) -> Signal:
    """Intervals overlap once widened by the tolerance of day/week-precision dates (wider when
    both claims name the same incident: a misresolved "on Friday" should not split it)."""
    if a.prec == 4 or b.prec == 4:
        return 0.3, lambda: "date unknown in one report"
    tol = (s.incident_day_tolerance if same_incident else s.day_tolerance) if min(a.prec, b.prec) <= 1 else 0
    if a.start - tol > b.end or b.start - tol > a.end:
        return None
    if a.prec == 0 and b.prec == 0:
        if a.start == b.start:
            return 1.0, lambda: f"same date {_day(a.start)}"
        return 0.8, lambda: f"dates {_day(min(a.start, b.start))} and {_day(max(a.start, b.start))} within {tol} day"
    return 0.6, lambda: f"date ranges overlap ({_day(max(a.start, b.start))})"


def _km(a, b) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl, dp = math.radians(b.lon - a.lon), p2 - p1
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _near(a, b, s: LinkSettings) -> Signal:
    if a.lat is None or b.lat is None:
        return None
    km = _km(a, b)
    return (0.8, lambda: f"places {km:.0f} km apart") if km <= s.max_distance_km else None


def place_signal(a, b, s: LinkSettings) -> Signal:
    """Same district; or within ``max_distance_km``; or one place contains the other; unknown
    places are weakly compatible."""
    if a.admin2 and b.admin2:
        if a.admin2.casefold() == b.admin2.casefold():
            return 1.0, lambda: f"same district {a.admin2}"
        if max(a.pprec, b.pprec) >= s.district_precision:
            return None  # a report that places it in a district means that district
        return _near(a, b, s)
    near = _near(a, b, s)
    if near:
        return near
    a1, b1 = a.admin1, b.admin1
    if a1 and b1 and a1.casefold() != b1.casefold():
        return None
    if a1 and b1:
        fine = a.admin2 or b.admin2
        return (0.6, lambda: f"{fine} lies in {a1}") if fine else (0.5, lambda: f"same province {a1}")
    return 0.4, lambda: "place unknown in one report"


@lru_cache(maxsize=4096)
def _pair_ok(x: str, y: str, table: frozenset) -> bool:
    return x == y or x in _BARE or y in _BARE or (x, y) in table or (y, x) in table


def type_signal(a, b, s: LinkSettings, table: frozenset) -> Signal:
    """Every type label of one side must be equal or compatible with every label of the other."""
    if a.family != b.family:
        return None
    if not all(_pair_ok(x, y, table) for x in a.types for y in b.types):
        return None
    same = a.types & b.types
    if same and not same <= _BARE:
        return 1.0, lambda: f"same type {sorted(same)[0]}"
    return 0.7, lambda: "compatible types " + " / ".join(sorted(a.types | b.types))


def actor_signal(a, b) -> Signal:
    """Two different named armed groups exclude each other; a shared name is strong evidence."""
    if a.groups and b.groups:
        shared = a.groups & b.groups
        if not shared:
            return 0.0, lambda: "credited to different groups " + " / ".join(sorted(a.groups | b.groups))
        return 1.0, lambda: f"both name {sorted(shared)[0]}"
    shared = a.named & b.named
    if shared:
        return 0.8, lambda: f"both name {sorted(shared)[0]}"
    return 0.5, lambda: "actors generic or unnamed in one report"


def jaccard(x, y) -> float:
    """Jaccard index of two collections of distinct items (sets or sorted tuples)."""
    if not x or not y:
        return 0.0
    inter = len(set(x).intersection(y))
    return inter / (len(x) + len(y) - inter)


def _named_in(headline: frozenset, places: frozenset) -> str | None:
    for name in sorted(places):
        words = name.split()
        if words and all(w in headline for w in words):
            return name
    return None


def headline_place(a, b, s: LinkSettings) -> tuple[Signal, bool]:
    """One report's headline names the other's town or district: the place of the report's
    incident, even when its own sentences only give the province or the dateline city. The
    second value says whether it is evidence beyond a shared district: a headline naming the
    district both reports are in ("... in Kech") tells nothing that district does not."""
    if not s.headline_place:
        return None, False
    name = _named_in(a.headline, b.places) or _named_in(b.headline, a.places)
    if not name:
        return None, False
    district = a.admin2 and b.admin2 and a.admin2.casefold() == b.admin2.casefold() == name
    return (s.headline_place, lambda: f"headline names {name}"), not district


def incident_signal(a, b) -> tuple[float, str | None]:
    """+1 shared incident name, -1 different names, 0 otherwise."""
    if a.incidents and b.incidents:
        shared = a.incidents & b.incidents
        if shared:
            return 1.0, f"both name {sorted(shared)[0]}"
        return -1.0, "different incident names " + " / ".join(sorted(a.incidents | b.incidents))
    return 0.0, None


def _same_incident_place(a, b, inc: float) -> Signal:
    """Reports of one named incident (a train attacked between two districts, a dateline city)
    may name different districts of one province: weakly compatible."""
    if inc <= 0 or (a.admin1 and b.admin1 and a.admin1.casefold() != b.admin1.casefold()):
        return None
    return 0.3, lambda: f"different districts {a.admin2} / {b.admin2}, same incident name"


def score(a, b, texts, s: LinkSettings, table: frozenset) -> tuple[float, list[str]] | None:
    """Score unit ``a`` against event ``b`` (both LinkKey-like); None when gated out or lacking
    corroboration. ``texts``: token collections of some of ``b``'s members; the best quote
    similarity counts. Gates run cheapest first; reasons are only formatted for accepted pairs."""
    inc, ir = incident_signal(a, b)
    sigs = []
    for sig in (date_signal(a, b, s, inc > 0), place_signal(a, b, s) or _same_incident_place(a, b, inc)):
        if sig is None:
            return None
        sigs.append(sig)
    named, telling = headline_place(a, b, s)
    if named and sigs[1][0] < named[0]:
        sigs[1] = named
    sig = type_signal(a, b, s, table)
    if sig is None:
        return None
    sigs += [sig, actor_signal(a, b)]
    text = max((jaccard(a.tokens, t) for t in texts), default=0.0)
    (d, dr), (p, pr), (t, tr), (ac, ar) = sigs
    bonus = s.incident_bonus if inc > 0 else -s.incident_penalty if inc < 0 else 0.0
    total = (s.weight_date * d + s.weight_place * p + s.weight_type * t + s.weight_actor * ac
             + s.weight_text * min(1.0, text / s.text_full) + bonus)
    facets = a.facets & b.facets
    corroborated = telling or inc > 0 or ac >= 0.8 or t >= 1.0 or text >= s.min_text or facets
    if not corroborated:
        return None
    if total < min(s.threshold, s.background_threshold):
        return None
    reasons = [dr(), pr(), tr(), ar(), f"text similarity {text:.2f}"] + ([ir] if ir else [])
    if facets:
        reasons.append("both report " + ", ".join(f.replace(":", " ").replace("_", " ") for f in sorted(facets)))
    return round(total, 3), reasons
