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
# "Organised violence": a UCDP reference row without its type of violence (trends/reference.py).
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
                           "Organised violence"})
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


class _Acc:
    """One period of one area while events are counted: plain attributes (setting fields of a
    pydantic record costs a validator call each, and a busy series makes hundreds of thousands);
    names gather in sets and are sorted once at the end."""

    __slots__ = ("events", "violent", "low", "best", "high", "by_side", "claimants", "groups", "ids")

    def __init__(self) -> None:
        self.events = self.violent = self.low = self.best = self.high = 0
        self.by_side: dict[str, int] = {}
        self.claimants: set[str] = set()
        self.groups: set[str] = set()
        self.ids: list[str] = []

    def add(self, e: Event) -> None:
        self.events += 1
        self.violent += is_violent(e)
        lo, best, hi = fatality_range(e)
        self.low, self.best, self.high = self.low + lo, self.best + best, self.high + hi
        killed = e.estimates.get("killed")
        for side, n in (killed.by_side if killed is not None else {}).items():
            self.by_side[side] = self.by_side.get(side, 0) + n
        self.claimants.update(c.claimant for c in e.claims if c.claimant)
        self.groups.update(a.name for a in e.actors if a.kind == ActorKind.armed_group and not a.generic)
        self.ids.append(e.id)

    def point(self, start: date, period: str, reports: int) -> Point:
        # the counts are built here, so the record is made without validating them again
        return Point.model_construct(start=start, end=next_period(start, period) - timedelta(days=1),
                                     events=self.events, violent_events=self.violent, killed_low=self.low,
                                     killed_best=self.best, killed_high=self.high, killed_by_side=self.by_side,
                                     claimants=sorted(self.claimants), armed_groups=sorted(self.groups),
                                     reports=reports, event_ids=self.ids)


def _empty(start: date, period: str, reports: int = 0) -> Point:
    return Point.model_construct(start=start, end=next_period(start, period) - timedelta(days=1), events=0,
                                 violent_events=0, killed_low=0, killed_best=0, killed_high=0,
                                 killed_by_side={}, claimants=[], armed_groups=[], reports=reports, event_ids=[])


def build_series(events: Iterable[Event], *, level: str = "district", period: str = "week",
                 reports: Iterable[date] = (), since: date | None = None,
                 until: date | None = None) -> list[Series]:
    """One series per area, sorted by area (see module docstring)."""
    if level not in ("district", "province") or period not in ("week", "month"):
        raise ValueError(f"level must be district or province and period week or month, not {level}/{period}")
    dated = [e for e in events if e.date_start is not None]
    reports = list(reports)  # read twice below: a generator would be empty the second time
    days = [e.date_start for e in dated] + reports
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
    by_area: dict[str, dict[date, _Acc]] = {}
    for e in sorted(dated, key=lambda e: (e.date_start, e.id)):
        key = period_start(e.date_start, period)
        if key > last or key < first:
            continue
        acc = by_area.setdefault(area_of(e, level), {})
        (acc.get(key) or acc.setdefault(key, _Acc())).add(e)
    out = []
    for area in sorted(by_area):
        # empty periods are built without validation: thousands of them at 100k events
        found = by_area[area]
        pts = [found[s].point(s, period, coverage.get(s, 0)) if s in found
               else _empty(s, period, coverage.get(s, 0)) for s in starts]
        out.append(Series.model_construct(area=area, level=level, period=period, points=pts))
    return out


__all__ = ["Point", "Series", "VIOLENT_SUB_TYPES", "VIOLENT_TYPES", "area_of", "build_series",
           "is_violent", "next_period", "period_start", "week_start"]
