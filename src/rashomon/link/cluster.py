"""Clustering units into events: deterministic, incremental, chain-safe.

Units are visited in a fixed order (non-background first, then by date, then by smallest claim
id), so the result does not depend on the input order; each unit's decision depends only on the
units before it, which is what lets ``link.relink`` replay a stored result incrementally. Each unit is scored against the
*consolidated* date, place, types and actors of every candidate event (not against single
members): a vague claim can therefore never chain two incidents together, because after joining
one event it does not widen that event's date or place. The unit joins the best-scoring event
above the threshold or opens a new one. Locked events (analyst decisions) never gain or lose
members automatically.
"""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.link.blocking import BlockIndex
from rashomon.link.keys import LinkKey
from rashomon.link.settings import LinkSettings
from rashomon.link.similarity import jaccard, score
from rashomon.models import Decisions, Event


class Cluster:
    """An event being built: consolidated key fields plus its member units and links."""

    __slots__ = ("seq", "event_id", "locked", "touched", "members", "links", "docs",
                 "start", "end", "prec", "admin1", "admin2", "lat", "lon", "pprec", "family",
                 "types", "groups", "named", "incidents", "texts", "min_claim", "facets", "founder",
                 "private", "places", "headline")

    def __init__(self, seq: int, first: LinkKey, event_id: str | None = None,
                 locked: bool = False) -> None:
        self.seq, self.event_id, self.locked = seq, event_id, locked
        self.touched = False
        self.members: list[LinkKey] = []
        self.links: list[tuple[str, str, float, list[str]]] = []
        self.docs: list[tuple] = []  # (document, frame, background) of each member
        for f in ("start", "end", "prec", "admin1", "admin2", "lat", "lon", "pprec", "family"):
            setattr(self, f, getattr(first, f))
        # shared with the first unit's frozensets until a member adds something (saves memory)
        self.types, self.groups, self.named = first.types, first.groups, first.named
        self.incidents, self.facets = first.incidents, first.facets
        self.places, self.headline = first.places, first.headline
        self.texts: list[frozenset] = []
        self.min_claim = first.uid
        self.founder = first.sort_key()  # candidates are ordered by it (``blocking``)
        self.private = first.private  # founded by a recalled frame: joined by nothing else

    def absorb(self, k: LinkKey, max_texts: int) -> bool:
        """Add a unit; return True when the consolidated date or place became finer."""
        self.members.append(k)
        self.docs.append((k.doc, k.frame, k.background))
        for f in ("types", "groups", "named", "incidents", "facets", "places", "headline"):
            mine, theirs = getattr(self, f), getattr(k, f)
            if not theirs <= mine:
                setattr(self, f, mine | theirs)
        self.min_claim = min(self.min_claim, k.uid)
        if len(self.texts) < max_texts and k.tokens:
            self.texts.append(k.tokens)
        finer = False
        if k.prec < self.prec:
            self.start, self.end, self.prec, finer = k.start, k.end, k.prec, True
        if k.pprec < self.pprec:
            self.admin1, self.admin2, self.lat, self.lon, self.pprec = (
                k.admin1 or self.admin1, k.admin2, k.lat, k.lon, k.pprec)
            finer = True
        return finer

    def ident(self) -> str:
        return self.event_id or Event.id_for([self.min_claim])


def _doc_conflict(k: LinkKey, c: Cluster) -> bool:
    """Same document, different frame (or a background mention): different incidents."""
    for doc, frame, bg in c.docs:
        if doc != k.doc:
            continue
        if bg or k.background or (frame is not None and k.frame is not None and frame != k.frame):
            return True
    return False


class Linker:
    """Holds the clusters and the block index; :meth:`add` places one unit."""

    def __init__(self, settings: LinkSettings, decisions: Decisions | None = None) -> None:
        self.s = settings
        self.d = decisions or Decisions()
        self.table = frozenset(tuple(p) for p in settings.compatible_types)
        self.index = BlockIndex(settings)
        self.clusters: list[Cluster] = []
        self.forbid: dict[str, set[str]] = {}
        for claim_id, event_id in self.d.cannot_link:
            self.forbid.setdefault(claim_id, set()).add(event_id)
        self.locked_of = {cid: eid for eid, cids in self.d.locked.items() for cid in cids}
        self.by_id: dict[str, Cluster] = {}

    def _new(self, k: LinkKey, event_id: str | None = None, locked: bool = False) -> Cluster:
        c = Cluster(len(self.clusters), k, event_id, locked)
        c.absorb(k, self.s.max_text_members)
        self.clusters.append(c)
        if event_id:
            self.by_id[event_id] = c
        if not locked:
            self.index.add(c)
        return c

    def _best(self, k: LinkKey) -> tuple[Cluster, float, list[str]] | None:
        forbidden = set().union(*(self.forbid.get(i, ()) for i in k.claim_ids)) if self.forbid else ()
        limit = self.s.background_threshold if k.background else self.s.threshold
        best = None
        if k.private:
            return None  # an incident recalled in passing: its own event (``LinkKey.private``)
        for c in self.index.candidates(k):
            if c.private or c.locked or _doc_conflict(k, c) or (forbidden and c.ident() in forbidden):
                continue
            if k.background and all(b for _, _, b in c.docs):
                continue  # background mentions only attach to a report of the incident itself
            res = score(k, c, c.texts, self.s, self.table)
            if res and res[0] >= limit and (best is None or res[0] > best[1]):
                best = (c, res[0], res[1])
        return best

    def add(self, k: LinkKey) -> Cluster | None:
        """Place one unit; returns its cluster (None for an unmatched background mention)."""
        locked = next((self.locked_of[i] for i in k.claim_ids if i in self.locked_of), None)
        if locked is not None:
            c = self.by_id.get(locked) or self._new(k, locked, True)
            if k not in c.members:
                c.absorb(k, self.s.max_text_members)
            c.touched = True
            return c
        best = self._best(k)
        if best is None:
            if k.background:
                return None
            c = self._new(k)
        else:
            c, sc, reasons = best
            near = c.members[: self.s.max_text_members]
            other = min(near, key=lambda m: (-jaccard(k.tokens, m.tokens), m.uid)).uid if near else c.min_claim
            c.links.append((k.uid, other, sc, reasons))
            if c.absorb(k, self.s.max_text_members):
                self.index.add(c)
        for cid in k.claim_ids[1:]:
            c.links.append((cid, k.uid, 1.0, ["same document, same frame"]))
        c.touched = True
        return c

    def force(self, k: LinkKey, c: Cluster | None,
              links: Iterable[tuple[str, str, float, list[str]]] = ()) -> Cluster:
        """Place a unit where an earlier run placed it, without deciding again: in ``c`` (its
        event so far), or as the founder of a new cluster when ``c`` is None. ``links``: the
        reasons recorded when it was placed. Used by ``link.relink`` to rebuild stored events
        exactly as a batch run builds them."""
        if c is None:
            c = self._new(k)
        elif c.absorb(k, self.s.max_text_members) and not c.locked:
            self.index.add(c)
        c.links.extend(links)
        return c

    def run(self, keys: Iterable[LinkKey]) -> list[Cluster]:
        """Place all units in the canonical order; return the touched clusters."""
        for k in sorted(keys, key=LinkKey.sort_key):
            self.add(k)
        return [c for c in self.clusters if c.touched]
