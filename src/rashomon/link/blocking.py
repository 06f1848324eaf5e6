"""Blocking: which events a unit is compared with. Never all pairs.

An event is registered under ``(day, family, locator)`` for each day of its date interval, where
the locator is ``("any",)`` always, plus its district, its coordinate grid cell, or ``("vague",)``
when it has neither. A precise unit looks up its district, the 3x3 grid cells around it and the
vague events; a vague unit (province or unknown place) looks up every event of the day and
family. Events with a shared incident name are always candidates. So the work per unit is
proportional to the events of a few days in one district, and total time grows linearly with
the number of claims.

Candidates come back in the order of their founding units (the canonical order of
``LinkKey.sort_key``), so ties between equally good events are broken the same way however the
clusters were built (in one batch, or replayed from the store: ``link.relink``).

A :class:`Footprint` is a superset of every registration an event ever makes (all its members'
days, locators and incident names): :func:`reaches` tells whether a unit could ever have found
it, which is how ``link.relink`` knows which stored units a change can affect.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rashomon.link.settings import LinkSettings

ANY = ("any",)
VAGUE = ("vague",)


def _cell(lat: float, lon: float, deg: float) -> tuple:
    return ("g", math.floor(lat / deg), math.floor(lon / deg))


def is_precise(k) -> bool:
    return bool(k.admin2) or k.lat is not None


def locators(k, s: LinkSettings) -> list[tuple]:
    """Where an event is registered."""
    locs = [ANY]
    if k.admin2:
        locs.append(("a2", k.admin2.casefold()))
    if k.lat is not None:
        locs.append(_cell(k.lat, k.lon, s.grid_degrees))
    if not is_precise(k):
        locs.append(VAGUE)
    return locs


def lookups(k, s: LinkSettings) -> list[tuple]:
    """Which locators a unit looks up."""
    if not is_precise(k):
        return [ANY]
    locs = [VAGUE]
    if k.admin2:
        locs.append(("a2", k.admin2.casefold()))
    if k.lat is not None:
        _, i, j = _cell(k.lat, k.lon, s.grid_degrees)
        locs.extend(("g", i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1))
    return locs


def blockable(k, s: LinkSettings) -> bool:
    return k.prec < 4 and k.end - k.start <= s.max_window_days


class BlockIndex:
    """Inverted index from blocking keys to events (any object with ``seq`` and a date/place)."""

    def __init__(self, settings: LinkSettings) -> None:
        self.s = settings
        self.by_key: dict[tuple, list] = defaultdict(list)
        self.by_incident: dict[str, list] = defaultdict(list)

    def add(self, ev) -> None:
        """Register (or re-register after its date/place got finer) an event."""
        for name in ev.incidents:
            if ev not in self.by_incident[name]:
                self.by_incident[name].append(ev)
        if not blockable(ev, self.s):
            return
        locs = locators(ev, self.s)
        for day in range(ev.start, ev.end + 1):
            for loc in locs:
                self.by_key[(day, ev.family, loc)].append(ev)

    def candidates(self, k) -> list:
        """Events that may match unit ``k``, deduplicated, in their founders' canonical order."""
        found: dict[int, object] = {}
        for name in k.incidents:
            for ev in self.by_incident.get(name, ()):
                found[ev.seq] = ev
        if blockable(k, self.s):
            tol = self.s.day_tolerance if k.prec <= 1 else 0  # named incidents come via by_incident
            locs = lookups(k, self.s)
            get = self.by_key.get
            for day in range(k.start - tol, k.end + tol + 1):
                for loc in locs:
                    for ev in get((day, k.family, loc), ()):
                        found[ev.seq] = ev
        return sorted(found.values(), key=lambda ev: ev.founder)


def tolerance(k, s: LinkSettings) -> int:
    """Days of slack a unit looks up around its dates (named incidents come via their name)."""
    return s.day_tolerance if k.prec <= 1 else 0


def lookup_days(k, s: LinkSettings) -> tuple[int, int] | None:
    """The first and last day (ordinals) a unit looks up, or None when it only links by name."""
    if not blockable(k, s):
        return None
    tol = tolerance(k, s)
    return k.start - tol, k.end + tol


@dataclass
class Footprint:
    """Everything an event (or a unit) could ever be registered under: a superset of the
    registrations :meth:`BlockIndex.add` makes, whatever the order its members joined in."""

    family: str | None = None
    days: list[tuple[int, int]] = field(default_factory=list)  # members' blockable date ranges
    locators: set = field(default_factory=set)
    incidents: set = field(default_factory=set)

    def add(self, k, s: LinkSettings) -> bool:
        """Take in one member; True when the footprint grew."""
        grew = False
        if self.family is None:
            self.family, grew = k.family, True
        if blockable(k, s) and (k.start, k.end) not in self.days:
            self.days.append((k.start, k.end))
            grew = True
        locs = set(locators(k, s))
        if not locs <= self.locators:
            self.locators |= locs
            grew = True
        if not k.incidents <= self.incidents:
            self.incidents |= k.incidents
            grew = True
        return grew

    def span(self) -> tuple[int, int] | None:
        """First and last registered day, or None."""
        if not self.days:
            return None
        return min(a for a, _ in self.days), max(b for _, b in self.days)


def footprint(keys: Iterable, s: LinkSettings) -> Footprint:
    fp = Footprint()
    for k in keys:
        fp.add(k, s)
    return fp


def reaches(k, fp: Footprint, s: LinkSettings) -> bool:
    """Could unit ``k`` ever find an event with this footprint among its candidates (and score
    it: a unit never joins an event of another family)?"""
    if fp.family is not None and k.family != fp.family:
        return False
    if k.incidents & fp.incidents:
        return True
    days = lookup_days(k, s)
    if days is None or not fp.days:
        return False
    lo, hi = days
    if not any(a <= hi and b >= lo for a, b in fp.days):
        return False
    return any(loc in fp.locators for loc in lookups(k, s))
