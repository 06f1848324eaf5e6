"""Linking claims into events (see ``docs/linking.md``).

``link_claims`` is the entry point: it groups new claims into units (document + frame), seeds
the clusterer with existing events, places every unit, and returns the events it touched or
created as consolidated ``Event`` records with estimates and a status.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping

from rashomon.link.cluster import Cluster, Linker
from rashomon.link.events import build_event, merge_events, split_event
from rashomon.link.keys import ClaimContext, DocumentInfo, LinkKey, key_for, tokens_of, units_of
from rashomon.link.settings import Decisions, LinkSettings
from rashomon.models import Claim, Event, LinkReason

__all__ = ["ClaimContext", "Decisions", "DocumentInfo", "LinkKey", "LinkSettings", "actor_parents",
           "build_event", "link_claims", "merge_events", "split_event"]

_PREC = {"day": 0, "week": 1, "month": 2, "year": 3}


def actor_parents(pack) -> dict[str, str]:
    """Unit -> parent group from a pack's ``actors.toml``, so "Majeed Brigade" and "Baloch
    Liberation Army" count as the same group."""
    return pack.actor_field("parent")


def _seed_key(ev: Event, s: LinkSettings, parents: Mapping[str, str]) -> LinkKey | None:
    claims = [c for c in ev.claims if c.event_type and not c.background] or [
        c for c in ev.claims if c.event_type]
    if not claims:
        return None
    k = key_for(claims, None, s, dict(parents))
    if ev.date_start and ev.date_precision:
        k.start, k.end = ev.date_start.toordinal(), (ev.date_end or ev.date_start).toordinal()
        k.prec = _PREC[ev.date_precision]
    if ev.place is not None and ev.place.precision <= k.pprec:
        p = ev.place
        k.admin1, k.admin2, k.pprec = p.admin1, p.admin2, p.precision
        k.lat, k.lon = (p.latitude, p.longitude) if p.precision <= 3 else (None, None)
    return k


def _seed(linker: Linker, ev: Event, locked: bool, parents: Mapping[str, str],
          memo: MutableMapping | None = None) -> Cluster | None:
    # An event's seed depends only on its stored version: a memo keyed by (id, updated_at)
    # spares re-deriving it for every batch the event is a candidate of.
    version = (ev.id, ev.updated_at) if memo is not None and ev.updated_at is not None else None
    hit = memo.get(version) if version else None
    if hit is None:
        k = _seed_key(ev, linker.s, parents)
        texts = [t for t in (tokens_of(x.quote, linker.s) for x in ev.claims[: linker.s.max_text_members]) if t]
        hit = (k, texts)
        if version:
            memo[version] = hit
    k, texts = hit
    if k is None:
        return None
    c = linker.seed(k, ev.id, locked)
    c.texts = list(texts)
    c.docs = [(x.document_id, x.frame, x.background) for x in ev.claims]
    c.min_claim = min(x.id for x in ev.claims)
    return c


def link_claims(new: Iterable[ClaimContext], existing: Iterable[Event] = (),
                decisions: Decisions | None = None, settings: LinkSettings | None = None,
                *, parents: Mapping[str, str] | None = None,
                docinfo: Mapping[str, DocumentInfo] | None = None,
                kinds: Mapping[str, str] | None = None, seeds: MutableMapping | None = None,
                unchanged: Mapping[frozenset, Event] | None = None) -> list[Event]:
    """Link new claims to existing events or into new events.

    Inputs: new claims with their document metadata; existing events (never merged with each
    other; locked ones never change membership automatically); analyst decisions; settings;
    ``parents`` maps armed-group units to their group (see :func:`actor_parents`); ``seeds``, a
    memo of existing events' seed keys the caller keeps between calls; ``unchanged``, prior events
    by their claim ids: a new cluster with the same claims, links and id IS that event (returned
    as the same object, not rebuilt). Output: the events touched or created, sorted by id.
    Claims without an event type, and background mentions that match no event, are in no
    returned event. A claim already held by an existing event is not linked again.
    """
    s, d, parents = settings or LinkSettings(), decisions or Decisions(), parents or {}
    linker = Linker(s, d)
    old: dict[int, Event] = {}
    held: set[str] = set()
    for ev in sorted(existing, key=lambda e: e.id):
        held.update(c.id for c in ev.claims)
        c = _seed(linker, ev, ev.locked or ev.id in d.locked, parents, seeds)
        if c is not None:
            old[c.seq] = ev
    new = [cc for cc in new if cc.claim.id not in held]
    # estimates and status need every cited document's metadata, not only the new ones'
    docinfo = {**(docinfo or {}), **{cc.claim.document_id: cc.docinfo() for cc in new}}
    claims_of: dict[str, list[Claim]] = {}
    keys = []
    for claims, published in units_of(new):
        k = key_for(claims, published, s, dict(parents))
        claims_of[k.uid] = claims
        keys.append(k)
    return sorted((_to_event(c, old.get(c.seq), claims_of, docinfo, kinds, unchanged)
                   for c in linker.run(keys)), key=lambda e: e.id)


def _to_event(c: Cluster, prior: Event | None, claims_of: dict, docinfo: dict,
              kinds: Mapping[str, str] | None, unchanged: Mapping[frozenset, Event] | None) -> Event:
    claims = list(prior.claims) if prior else []
    links = list(prior.links) if prior else []
    for k in c.members:
        claims.extend(claims_of.get(k.uid, ()))
    links += [LinkReason(claim_id=a, other_claim_id=b, score=sc, reasons=r) for a, b, sc, r in c.links]
    event_id = c.event_id if c.event_id else None
    same = unchanged.get(frozenset(x.id for x in claims)) if unchanged else None
    if (same is not None and same.links == links and same.locked == c.locked
            and same.id == (event_id or Event.id_for([x.id for x in claims]))):
        return same
    return build_event(claims, links, event_id=event_id, locked=c.locked, docinfo=docinfo,
                       kinds=kinds)
