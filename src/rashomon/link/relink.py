"""Incremental linking that gives exactly the events of one batch over everything stored.

The batch clusterer (``link.cluster``) visits units in a canonical order (non-background first,
then date, then smallest claim id) and each unit's decision depends only on the units before
it. So the events of a corpus are a function of the corpus, and linking new claims into a store
that holds that function's result for the old corpus can be done by *replaying* the same
visit over the old units plus the new ones, deciding again only where something changed:

1. Every new unit is decided (it joins the best event so far, or founds one).
2. A stored unit keeps its stored event ("forced") unless, at its turn, some event it could
   see (its blocking :class:`~rashomon.link.blocking.Footprint` reaches it) has changed; then it
   is decided again, and if it now goes elsewhere both events have changed.
3. An event that changes schedules every later unit that could see it (old or new footprint);
   the replay stops when no change can reach further.

Stored events are rebuilt only when a decision needs them, from their members that come before
the current unit in the canonical order (the state a batch run has at that point). The result
is the batch result, whatever the batch sizes and input order; ``tests/test_link_relink.py``
checks it against ``link_claims`` on random corpora. Work is proportional to the units near the
change, not to the store.

Event ids are ``Event.id_for`` of their claims, so the same claims make the same event on any
machine; an event whose claims change may change id, and :class:`LinkChanges` says which new
event took over each dropped one.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from rashomon.link.blocking import Footprint, lookup_days, reaches
from rashomon.link.cluster import Cluster, Linker
from rashomon.link.consolidate import build_event
from rashomon.link.settings import LinkSettings
from rashomon.link.source import LinkSource
from rashomon.link.units import Unit, UnitIndex
from rashomon.models import Claim, Decisions, DocumentInfo, Event, LinkReason

# Days around the new units' lookups read in one query before the replay starts: most stored
# units a change can reach lie there, so later reads are rare (each is a query).
PREFETCH_DAYS = 7


@dataclass
class LinkChanges:
    """What a relink changes: events to save (consolidated, not yet assessed), stored events that
    no longer exist, and for each of those the event that now holds most of its claims."""

    events: list[Event] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    replaced_by: dict[str, str] = field(default_factory=dict)
    docinfo: dict[str, DocumentInfo] = field(default_factory=dict)  # of every document read


def _tuples(links: list[LinkReason], claim_ids: tuple[str, ...]) -> list[tuple]:
    mine = set(claim_ids)
    return [(lk.claim_id, lk.other_claim_id, lk.score, list(lk.reasons)) for lk in links
            if lk.claim_id in mine]


class Replay:
    """One relink: the canonical visit from the earliest new unit on (see the module docstring)."""

    def __init__(self, source: LinkSource, settings: LinkSettings, parents: Mapping[str, str],
                 decisions: Decisions, docinfo: Mapping[str, DocumentInfo] | None = None) -> None:
        self.src, self.s = source, settings
        self.linker = Linker(settings, decisions)
        self.index = UnitIndex(source, settings, parents, decisions.locked, docinfo)
        self.cluster_of: dict[str, Cluster | None] = {}  # stored event -> its cluster so far
        self.origin: dict[int, str] = {}  # cluster seq -> the stored event it continues
        self.dissolved: set[str] = set()  # stored events whose founder went elsewhere
        self.placed: dict[str, Cluster | None] = {}  # uid -> where this replay put it
        self.changed: dict[int, Cluster] = {}
        self.footprints: dict[int, Footprint] = {}
        self.links: dict[str, list[LinkReason]] = {}
        self.heap: list[tuple] = []
        self.decide: set[str] = set()

    # ------------------------------------------------------------------ the visit

    def run(self, claims: list[Claim]) -> LinkChanges:
        new = self.index.add_new(claims)
        windows = [w for w in (lookup_days(u.key, self.s) for u in new) if w]
        self.index.cover([(a - PREFETCH_DAYS, b + PREFETCH_DAYS) for a, b in windows],
                         {n for u in new for n in u.key.incidents})
        for u in new:
            self._push(u, decide=True)
        while self.heap:
            _, uid = heapq.heappop(self.heap)
            if uid in self.placed:
                continue
            unit = self.index.units[uid]
            if uid in self.decide or self._stale(unit):
                self._decide(unit)
            else:
                self._force(unit)
        return self._changes()

    def _push(self, unit: Unit, decide: bool) -> None:
        if unit.key.uid in self.placed:
            return
        if decide:
            self.decide.add(unit.key.uid)
        heapq.heappush(self.heap, (unit.key.sort_key(), unit.key.uid))

    def _stale(self, unit: Unit) -> bool:
        """A unit queued to follow its stored event, whose event has changed meanwhile."""
        c = self.cluster_of.get(unit.event)
        return unit.event in self.dissolved or (c is not None and c.seq in self.changed)

    def _force(self, unit: Unit) -> None:
        c = self.cluster_of[unit.event]
        c = self.linker.force(unit.key, c, _tuples(self.links[unit.event], unit.key.claim_ids))
        if self.cluster_of[unit.event] is None:
            self.cluster_of[unit.event], self.origin[c.seq] = c, unit.event
        self.placed[unit.key.uid] = c

    def _decide(self, unit: Unit) -> None:
        k, t = unit.key, unit.key.sort_key()
        self._neighbourhood(unit)
        old = self.cluster_of.get(unit.event) if unit.event else None
        c = self.linker.add(k)
        self.placed[k.uid] = c
        if (c is not None and unit.event and old is None and unit.event not in self.dissolved
                and c.members == [k]):
            # it founds a new event, as it founded its stored one: the same event goes on
            self.cluster_of[unit.event], self.origin[c.seq], old = c, unit.event, c
        if unit.new or c is not old:
            if old is not None:
                self._mark(old, t)
            elif unit.event is not None:
                self._dissolve(unit.event, t)
            if c is not None:
                self._mark(c, t)
        if c is not None and c.seq in self.changed and self.footprints[c.seq].add(k, self.s):
            self._schedule(self.footprints[c.seq], t)

    # ------------------------------------------------------------------ rebuilding events

    def _neighbourhood(self, unit: Unit) -> None:
        """Rebuild, as of this unit's turn, every stored event it could find."""
        days = lookup_days(unit.key, self.s)
        self.index.cover([days] if days else [], unit.key.incidents)
        events = {v.event for v in self.index.near(days, unit.key.incidents) if v.event}
        if unit.event:
            events.add(unit.event)
        for e in sorted(events):
            self._materialize(e, unit.key.sort_key())

    def _materialize(self, event_id: str, t: tuple) -> None:
        """The stored event as a batch run has it just before ``t``: its members before ``t``
        placed as stored; the later ones queued to follow it."""
        if event_id in self.cluster_of or event_id in self.dissolved:
            return
        self.index.load_events([event_id])
        self.links.update(self.src.event_links([event_id]))
        self.links.setdefault(event_id, [])
        c = None
        for v in self.index.members(event_id):
            if v.key.sort_key() < t:
                c = self.linker.force(v.key, c, _tuples(self.links[event_id], v.key.claim_ids))
                self.placed[v.key.uid] = c
            else:
                self._push(v, decide=False)
        self.cluster_of[event_id] = c
        if c is not None:
            self.origin[c.seq] = event_id

    def _old_footprint(self, event_id: str) -> Footprint:
        fp = Footprint()
        for v in self.index.members(event_id):
            fp.add(v.key, self.s)
        return fp

    def _mark(self, c: Cluster, t: tuple) -> None:
        """``c`` differs from the stored event from ``t`` on: every later unit that could see
        it, before or after the change, is decided again."""
        if c.seq in self.changed:
            return
        self.changed[c.seq] = c
        fp = self._old_footprint(self.origin[c.seq]) if c.seq in self.origin else Footprint()
        for k in c.members:
            fp.add(k, self.s)
        self.footprints[c.seq] = fp
        self._schedule(fp, t)

    def _dissolve(self, event_id: str, t: tuple) -> None:
        """The stored event's founder went elsewhere: the event as stored never forms."""
        if event_id in self.dissolved:
            return
        self.dissolved.add(event_id)
        self._schedule(self._old_footprint(event_id), t)

    def _schedule(self, fp: Footprint, t: tuple) -> None:
        span = fp.span()
        tol = self.s.day_tolerance
        days = (span[0] - tol, span[1] + tol) if span else None
        self.index.cover([days] if days else [], fp.incidents)
        for v in self.index.near(days, fp.incidents):
            if v.key.sort_key() > t and v.key.uid not in self.placed and reaches(v.key, fp, self.s):
                self._push(v, decide=True)

    # ------------------------------------------------------------------ the result

    def _changes(self) -> LinkChanges:
        out = LinkChanges(docinfo=self.index.docinfo)
        stored = {e for e in self.cluster_of if self._gone_or_changed(e)} | self.dissolved
        for c in sorted(self.changed.values(), key=lambda c: c.founder):
            if not c.members:
                continue
            claims = [x for k in c.members for x in self.index.units[k.uid].claims]
            links = [LinkReason(claim_id=a, other_claim_id=b, score=sc, reasons=r)
                     for a, b, sc, r in c.links]
            ev = build_event(claims, links)
            if not self._same_as_stored(c, ev):
                out.events.append(ev)
        kept = {e.id for e in out.events} | {self.origin[c.seq] for c in self.changed.values()
                                             if c.seq in self.origin and self._same_id(c)}
        out.dropped = sorted(stored - kept)
        holder = {x.id: e.id for e in out.events for x in e.claims}
        for e in out.dropped:
            votes = Counter(holder[x.id] for u in self.index.members(e) for x in u.claims if x.id in holder)
            if votes:
                out.replaced_by[e] = min(votes, key=lambda i: (-votes[i], i))
        return out

    def _gone_or_changed(self, event_id: str) -> bool:
        c = self.cluster_of.get(event_id)
        return c is not None and c.seq in self.changed

    def _same_id(self, c: Cluster) -> bool:
        return Event.id_for([c.min_claim]) == self.origin[c.seq] if c.members else False

    def _same_as_stored(self, c: Cluster, ev: Event) -> bool:
        """A changed cluster can end up as it was stored (a unit decided again, same choice)."""
        e = self.origin.get(c.seq)
        if e is None or e != ev.id:
            return False
        old = sorted(x.id for u in self.index.members(e) for x in u.claims)
        return old == [x.id for x in ev.claims] and self.links.get(e, []) == ev.links


def relink(source: LinkSource, claims: list[Claim], settings: LinkSettings | None = None,
           parents: Mapping[str, str] | None = None, decisions: Decisions | None = None,
           docinfo: Mapping[str, DocumentInfo] | None = None) -> LinkChanges:
    """Link new claims into what ``source`` holds; returns the events to save and to drop.

    ``claims``: the new claims (already stored, or not: they are told apart by id);
    ``docinfo``: metadata of their documents (read from the source when absent)."""
    decisions = decisions if decisions is not None else source.decisions()
    replay = Replay(source, settings or LinkSettings(), parents or {}, decisions, docinfo)
    if docinfo is None:
        replay.index.docinfo.update(source.docinfo({c.document_id for c in claims}))
    return replay.run(list(claims))
