"""The analyst's merge and split, as pure functions over events (the ``Engine`` stores them,
writes the audit log and assesses the results). Both results are locked: automatic linking never
changes their membership again.
"""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.errors import ConfigError, NotFoundError
from rashomon.link.consolidate import build_event
from rashomon.models import Event, LinkReason


def merge_events(events: Iterable[Event], ids: Iterable[str]) -> Event:
    """Analyst merge: one locked event holding the claims and links of the events in ``ids``."""
    wanted = set(ids)
    chosen = [e for e in events if e.id in wanted]
    if len(chosen) != len(wanted):
        missing = ", ".join(sorted(wanted - {e.id for e in chosen}))
        raise NotFoundError(f"No event with id {missing}.", hint="List events to see their ids.")
    claims = [c for e in chosen for c in e.claims]
    links = [link for e in chosen for link in e.links]
    first = min(chosen, key=lambda e: min(c.id for c in e.claims)).claims
    links += [LinkReason(claim_id=min(c.id for c in e.claims), other_claim_id=min(c.id for c in first),
                         score=1.0, reasons=["analyst merge"]) for e in chosen if e.claims is not first]
    return build_event(claims, links, locked=True)


def split_event(event: Event, claim_ids: Iterable[str]) -> tuple[Event, Event]:
    """Analyst split: (the event without ``claim_ids``, a new event with them); both locked.

    The first keeps the original id so references to it stay valid."""
    moved = set(claim_ids)
    rest = [c for c in event.claims if c.id not in moved]
    out = [c for c in event.claims if c.id in moved]
    if not rest or not out:
        raise ConfigError("A split must leave claims on both sides.", code="E171")

    def keep(side: set[str]) -> list[LinkReason]:
        return [lk for lk in event.links if lk.claim_id in side and lk.other_claim_id in side]

    a = build_event(rest, keep({c.id for c in rest}), event_id=event.id, locked=True)
    # moving out the claim the event is named after would give the new event the kept id
    new_id = Event.id_for(sorted(moved))
    if new_id == event.id:
        new_id = Event.id_for(["split:" + min(moved)])
    b = build_event(out, keep(moved), event_id=new_id, locked=True)
    return a, b
