"""Blocking: which events a unit is compared with. Never all pairs.

An event is registered under ``(day, family, locator)`` for each day of its date interval, where
the locator is ``("any",)`` always, plus its district, its coordinate grid cell, or ``("vague",)``
when it has neither. A precise unit looks up its district, the 3x3 grid cells around it and the
vague events; a vague unit (province or unknown place) looks up every event of the day and
family. Events with a shared incident name are always candidates. So the work per unit is
proportional to the events of a few days in one district, and total time grows linearly with
the number of claims.
"""

from __future__ import annotations

import math
from collections import defaultdict

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
        """Events that may match unit ``k``, deduplicated, in registration order."""
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
        return [found[i] for i in sorted(found)]
