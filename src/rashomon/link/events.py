"""From claims to ``Event`` records: consolidation, plus the analyst's merge and split.

Consolidated fields come from the event's main (non-background) claims: the most common type
label, the most precise date and place (ties: the most often reported, then the earliest / the
alphabetically first district), the actors of all claims once per (name, role), and the
unverified flag when any claim carries it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from rashomon.link.keys import PRECISION_CODE, DocumentInfo
from rashomon.models import Claim, Event, Hedge, LinkReason


def _main(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if not c.background] or claims


def _type(claims: list[Claim]) -> tuple[str | None, str | None]:
    counts = Counter((c.event_type, c.sub_event_type) for c in claims if c.event_type)
    if not counts:
        return None, None
    return min(counts, key=lambda t: (-counts[t], t[1] is None, t[0], t[1] or ""))


def _date(claims: list[Claim]) -> dict:
    dates = [c.date for c in claims if c.date is not None]
    if not dates:
        return {"date_start": None, "date_end": None, "date_precision": None}
    counts = Counter((d.start, d.end) for d in dates)
    d = min(dates, key=lambda d: (PRECISION_CODE[d.precision], -counts[(d.start, d.end)], d.start, d.end))
    return {"date_start": d.start, "date_end": d.end, "date_precision": d.precision}


def _place(claims: list[Claim]):
    places = [c.place for c in claims if c.place is not None]
    if not places:
        return None
    counts = Counter(p.admin2 for p in places)
    return min(places, key=lambda p: (p.precision, -counts[p.admin2], p.admin2 or "", p.name)).model_copy()


def _actors(claims: list[Claim]) -> list:
    seen, out = set(), []
    for c in claims:
        for a in c.actors:
            if (a.name, a.role) not in seen:
                seen.add((a.name, a.role))
                out.append(a)
    return out


def build_event(claims: Iterable[Claim], links: Iterable[LinkReason] = (), event_id: str | None = None,
                locked: bool = False, docinfo: Mapping[str, DocumentInfo] | None = None,
                kinds: Mapping[str, str] | None = None) -> Event:
    """Consolidate claims into an Event with estimates and status.

    ``event_id`` defaults to ``Event.id_for(claim ids)``; ``docinfo`` (document id -> info) feeds
    the estimate and status rules (publication order, independent outlets).
    """
    from rashomon.estimate import estimate_event
    from rashomon.status import assess

    claims = sorted({c.id: c for c in claims}.values(), key=lambda c: c.id)
    main = _main(claims)
    etype, sub = _type(main)
    ev = Event(id=event_id or Event.id_for([c.id for c in claims]), event_type=etype,
               sub_event_type=sub, **_date(main), place=_place(main), actors=_actors(claims),
               unverified=any(c.unverified or c.hedge == Hedge.unverified for c in claims),
               claims=claims, links=list(links), locked=locked)
    ev.estimates = estimate_event(ev, docinfo, kinds)
    ev.status, ev.grade, ev.unverified, ev.status_reason = assess(ev, docinfo, kinds=kinds)
    return ev


def merge_events(events: Iterable[Event], ids: Iterable[str],
                 docinfo: Mapping[str, DocumentInfo] | None = None) -> Event:
    """Analyst merge: one locked event holding the claims and links of the events in ``ids``."""
    wanted = set(ids)
    chosen = [e for e in events if e.id in wanted]
    if len(chosen) != len(wanted):
        from rashomon.errors import NotFoundError

        missing = ", ".join(sorted(wanted - {e.id for e in chosen}))
        raise NotFoundError(f"No event with id {missing}.", hint="List events to see their ids.")
    claims = [c for e in chosen for c in e.claims]
    links = [link for e in chosen for link in e.links]
    first = min(chosen, key=lambda e: min(c.id for c in e.claims)).claims
    links += [LinkReason(claim_id=min(c.id for c in e.claims), other_claim_id=min(c.id for c in first),
                         score=1.0, reasons=["analyst merge"]) for e in chosen if e.claims is not first]
    return build_event(claims, links, locked=True, docinfo=docinfo)


def split_event(event: Event, claim_ids: Iterable[str],
                docinfo: Mapping[str, DocumentInfo] | None = None) -> tuple[Event, Event]:
    """Analyst split: (the event without ``claim_ids``, a new event with them); both locked.

    The first keeps the original id so references to it stay valid."""
    moved = set(claim_ids)
    rest = [c for c in event.claims if c.id not in moved]
    out = [c for c in event.claims if c.id in moved]
    if not rest or not out:
        from rashomon.errors import ConfigError

        raise ConfigError("A split must leave claims on both sides.", code="E110")

    def keep(side: set[str]) -> list[LinkReason]:
        return [lk for lk in event.links if lk.claim_id in side and lk.other_claim_id in side]

    a = build_event(rest, keep({c.id for c in rest}), event_id=event.id, locked=True, docinfo=docinfo)
    b = build_event(out, keep(moved), locked=True, docinfo=docinfo)
    return a, b
