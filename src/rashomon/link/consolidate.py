"""From linked claims to an ``Event`` record: the consolidated fields (no estimates, no status:
those are the ``assess`` stage's).

Consolidated fields come from the event's main (non-background) claims, and the type, date and
place first from each report's lead (``keys.lead_claims``: a report tells its incident first;
its later frames may add a rally, an arrest or a recalled date): the most common type
label, the most precise date and place (ties: the most often reported, then the earliest / the
alphabetically first district), the actors of all claims once per (name, role), and the
unverified flag when any claim carries it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rashomon.link.keys import lead_claims
from rashomon.models import PRECISION_RANK, Claim, Event, Hedge, LinkReason


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
    d = min(dates, key=lambda d: (PRECISION_RANK[d.precision], -counts[(d.start, d.end)], d.start, d.end))
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
                locked: bool = False) -> Event:
    """Consolidate claims into an Event (estimates and status are left empty for ``assess``).

    ``event_id`` defaults to ``Event.id_for(claim ids)``: the same claims always make the same
    event, whatever the order or the batches they arrived in.
    """
    claims = sorted({c.id: c for c in claims}.values(), key=lambda c: c.id)
    main = _main(claims)
    by_doc: dict[str, list[Claim]] = {}
    for c in main:
        by_doc.setdefault(c.document_id, []).append(c)
    lead = [c for doc in sorted(by_doc) for c in lead_claims(by_doc[doc])]
    etype, sub = _type(lead)
    dated = lead if any(c.date for c in lead) else main
    placed = lead if any(c.place for c in lead) else main
    return Event(id=event_id or Event.id_for([c.id for c in claims]), event_type=etype,
                 sub_event_type=sub, **_date(dated), place=_place(placed), actors=_actors(claims),
                 unverified=any(c.unverified or c.hedge == Hedge.unverified for c in claims),
                 claims=claims, links=list(links), locked=locked)
