"""Series: events and tolls per area and period, with every empty period present.

Contract: ``build_series(events, *, level, period, reports=None, until=None) -> list[Series]``.
``level`` is ``district`` (admin2) or ``province`` (admin1); ``period`` is ``week`` (ACLED's
week: Saturday to Friday, named by its Saturday) or ``month``. Each point holds the number of
events, of violent events (ACLED's violent types, below), the killed low / best / high over its
events (``assess.fatality_range``: killed plus attackers killed), killed by side (the ``by_side``
split of the events' estimates), the distinct claimants and the distinct named armed groups; and
the document coverage beside it (``reports``: publication dates of the ingested documents), so a
surge in reporting is not read as a surge in violence. Events without a date or without the
area's level are counted under the area ``unknown``; periods run from the first dated event (or
report), or ``since``, to ``until`` (default: the last one), zeros included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import Field

from rashomon.assess.estimate import fatality_range
from rashomon.models import ActorKind, Event, Record

# ACLED's violent event types (Subnational Surge Tracker): Battles, Explosions/Remote violence,
# Violence against civilians, Riots, and the protest sub-type Excessive force against protesters.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
VIOLENT_SUB_TYPES = frozenset({"Excessive force against protesters"})
UNKNOWN = "unknown"


def is_violent(e: Event) -> bool:
    return e.event_type in VIOLENT_TYPES or e.sub_event_type in VIOLENT_SUB_TYPES


def week_start(d: date) -> date:
    """The Saturday that opens ACLED's week (Saturday to Friday) holding ``d``."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def period_start(d: date, period: str) -> date:
    return week_start(d) if period == "week" else d.replace(day=1)


def next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


class Point(Record):
    """One period of one area."""

    start: date
    end: date  # last day, inclusive
    events: int = 0
    violent_events: int = 0
    killed_low: int = 0
    killed_best: int = 0
    killed_high: int = 0
    killed_by_side: dict[str, int] = Field(default_factory=dict)
    claimants: list[str] = Field(default_factory=list)
    armed_groups: list[str] = Field(default_factory=list)
    reports: int = 0  # documents published in the period (coverage, over all areas)
    event_ids: list[str] = Field(default_factory=list)


class Series(Record):
    area: str
    level: str  # district | province
    period: str  # week | month
    points: list[Point] = Field(default_factory=list)


def area_of(e: Event, level: str) -> str:
    place = e.place
    value = (place.admin2 if level == "district" else place.admin1) if place is not None else None
    return value or UNKNOWN


def _add(p: Point, e: Event, names: dict[str, set]) -> None:
    """Count ``e`` into ``p``; claimant and group names gather in ``names`` (sorted at the end:
    a set union per event would make a busy week quadratic)."""
    p.events += 1
    p.violent_events += is_violent(e)
    lo, best, hi = fatality_range(e)
    p.killed_low, p.killed_best, p.killed_high = p.killed_low + lo, p.killed_best + best, p.killed_high + hi
    killed = e.estimates.get("killed")
    for side, n in (killed.by_side if killed is not None else {}).items():
        p.killed_by_side[side] = p.killed_by_side.get(side, 0) + n
    attackers = e.estimates.get("attackers_killed")
    if attackers is not None and attackers.best:
        p.killed_by_side["armed group"] = p.killed_by_side.get("armed group", 0) + attackers.best
    names["claimants"].update(c.claimant for c in e.claims if c.claimant)
    names["groups"].update(a.name for a in e.actors if a.kind == ActorKind.armed_group and not a.generic)
    p.event_ids.append(e.id)


def _empty(start: date, period: str) -> Point:
    return Point.model_construct(start=start, end=next_period(start, period) - timedelta(days=1), events=0,
                                 violent_events=0, killed_low=0, killed_best=0, killed_high=0,
                                 killed_by_side={}, claimants=[], armed_groups=[], reports=0, event_ids=[])


def build_series(events: Iterable[Event], *, level: str = "district", period: str = "week",
                 reports: Iterable[date] = (), since: date | None = None,
                 until: date | None = None) -> list[Series]:
    """One series per area, sorted by area (see module docstring)."""
    if level not in ("district", "province") or period not in ("week", "month"):
        raise ValueError(f"level must be district or province and period week or month, not {level}/{period}")
    dated = [e for e in events if e.date_start is not None]
    days = [e.date_start for e in dated] + list(reports)
    if not days:
        return []
    first = period_start(since or min(days), period)
    last = period_start(until or max(days), period)
    starts = []
    s = first
    while s <= last:
        starts.append(s)
        s = next_period(s, period)
    coverage: dict[date, int] = {}
    for d in reports:
        key = period_start(d, period)
        coverage[key] = coverage.get(key, 0) + 1
    by_area: dict[str, dict[date, Point]] = {}
    names: dict[tuple[str, date], dict[str, set]] = {}
    for e in sorted(dated, key=lambda e: (e.date_start, e.id)):
        key = period_start(e.date_start, period)
        if key > last or key < first:
            continue
        area = area_of(e, level)
        points = by_area.setdefault(area, {})
        if key not in points:
            points[key] = Point(start=key, end=next_period(key, period) - timedelta(days=1))
            names[area, key] = {"claimants": set(), "groups": set()}
        _add(points[key], e, names[area, key])
    for (area, key), found in names.items():
        p = by_area[area][key]
        p.claimants, p.armed_groups = sorted(found["claimants"]), sorted(found["groups"])
    out = []
    for area in sorted(by_area):
        # empty periods are built without validation: thousands of them at 100k events
        pts = [by_area[area].get(s) or _empty(s, period) for s in starts]
        for p in pts:
            p.reports = coverage.get(p.start, 0)
        out.append(Series(area=area, level=level, period=period, points=pts))
    return out


__all__ = ["Point", "Series", "VIOLENT_SUB_TYPES", "VIOLENT_TYPES", "area_of", "build_series",
           "is_violent", "next_period", "period_start", "week_start"]
