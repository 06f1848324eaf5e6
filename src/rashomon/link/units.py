"""Stored units loaded for a relink: what is in memory, and which dates and names are covered.

A *unit* is the linking unit of ``link.keys`` (the claims of one document and frame) with the
stored event that holds it. :class:`UnitIndex` loads whole documents from a
:class:`~rashomon.link.source.LinkSource` and remembers which date windows and incident names
it asked for, so each part of the store is read once per relink; it indexes the units by the
days of their own dates and by incident name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rashomon.link.blocking import blockable
from rashomon.link.keys import LinkKey, unit_keys
from rashomon.link.settings import LinkSettings
from rashomon.link.source import LinkSource, StoredClaim
from rashomon.models import Claim, DocumentInfo

_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()


@dataclass(slots=True)
class Unit:
    key: LinkKey
    claims: list[Claim]
    event: str | None  # the stored event holding it; None for a new unit or an unlinked one
    new: bool = False


def subtract(window: tuple[int, int], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``window`` (inclusive day ordinals) outside the sorted, disjoint ``covered``."""
    lo, hi = window
    out = []
    for a, b in covered:
        if b < lo or a > hi:
            continue
        if a > lo:
            out.append((lo, a - 1))
        lo = max(lo, b + 1)
        if lo > hi:
            return out
    if lo <= hi:
        out.append((lo, hi))
    return out


def merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class UnitIndex:
    """The units read so far, by uid, by stored event, by day and by incident name."""

    def __init__(self, source: LinkSource, settings: LinkSettings, parents: Mapping[str, str],
                 locked: Iterable[str] = (), docinfo: Mapping[str, DocumentInfo] | None = None) -> None:
        self.src, self.s, self.parents = source, settings, dict(parents)
        self.locked = set(locked)
        self.units: dict[str, Unit] = {}
        self.by_event: dict[str, list[str]] = defaultdict(list)
        self.by_day: dict[int, list[str]] = defaultdict(list)
        self.by_incident: dict[str, list[str]] = defaultdict(list)
        self.docs: set[str] = set()
        self.docinfo: dict[str, DocumentInfo] = dict(docinfo or {})
        self.covered: list[tuple[int, int]] = []
        self.names: set[str] = set()
        self.whole: set[str] = set()  # events whose every document is loaded

    # ------------------------------------------------------------------ loading

    def add_new(self, claims: list[Claim]) -> list[Unit]:
        """Register the claims being linked now (their documents count as loaded)."""
        self.docs.update(c.document_id for c in claims)
        return self._register([(c, None) for c in claims], new=True)

    def cover(self, windows: Iterable[tuple[int, int]], incidents: Iterable[str] = ()) -> None:
        """Make sure every unit whose own dates overlap a window, or that names one of the
        incidents, is loaded."""
        need: list[tuple[int, int]] = []
        for lo, hi in merge(windows):
            need += subtract((max(lo, _FIRST), min(hi, _LAST)), self.covered)
        names = set(incidents) - self.names
        if not need and not names:
            return
        spans = [(date.fromordinal(a), date.fromordinal(b)) for a, b in need]
        self._take(self.src.linkable_claims(spans, names, self.s.undated_lookback_days))
        self.covered = merge(self.covered + need)
        self.names |= names

    def load_events(self, event_ids: Iterable[str]) -> None:
        """Make sure every unit of these stored events is loaded."""
        ids = sorted(set(event_ids) - self.whole)
        if ids:
            self._take(self.src.event_documents(ids))
            self.whole.update(ids)

    def _take(self, rows: list[StoredClaim]) -> None:
        fresh = [r for r in rows if r.claim.document_id not in self.docs]
        docs = {r.claim.document_id for r in fresh}
        missing = docs - set(self.docinfo)
        if missing:
            self.docinfo.update(self.src.docinfo(missing))
        self.docs |= docs
        self._register([(r.claim, r.event_id) for r in fresh], new=False)

    def _register(self, rows: list[tuple[Claim, str | None]], new: bool) -> list[Unit]:
        event_of = {c.id: e for c, e in rows}
        out = []
        for key, claims in unit_keys([c for c, _ in rows], self.docinfo, self.s, self.parents):
            held = [event_of[c.id] for c in claims if event_of[c.id] is not None]
            event = min(held) if held else None
            if event in self.locked or key.uid in self.units:
                continue  # an analyst fixed that event's membership: not linked again
            unit = Unit(key, claims, event, new)
            self.units[key.uid] = unit
            if event is not None:
                self.by_event[event].append(key.uid)
            if blockable(key, self.s):
                for day in range(key.start, key.end + 1):
                    self.by_day[day].append(key.uid)
            for name in key.incidents:
                self.by_incident[name].append(key.uid)
            out.append(unit)
        return out

    # ------------------------------------------------------------------ lookups

    def near(self, days: tuple[int, int] | None, incidents: Iterable[str]) -> list[Unit]:
        """Loaded units whose own dates overlap ``days`` or that name one of ``incidents``."""
        found: dict[str, Unit] = {}
        if days is not None:
            lo, hi = days
            for day in range(lo, hi + 1):
                for uid in self.by_day.get(day, ()):
                    found[uid] = self.units[uid]
        for name in incidents:
            for uid in self.by_incident.get(name, ()):
                found[uid] = self.units[uid]
        return list(found.values())

    def members(self, event_id: str) -> list[Unit]:
        """The units of a stored event, in canonical order (call :meth:`load_events` first)."""
        return sorted((self.units[u] for u in self.by_event.get(event_id, ())),
                      key=lambda u: u.key.sort_key())
