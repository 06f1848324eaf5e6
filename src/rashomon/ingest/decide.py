"""Analyst decisions: merge events, split claims off an event. Each is written to the audit log
(who, when, why) in the same transaction, and the resulting events are locked so automatic
linking never undoes them.

Neither needs a relink: the locked events leave the pool of automatic linking whole, and a
batch over the remaining claims gives the remaining events unchanged (a unit's choice among
events never depends on an event it did not join).
"""

from __future__ import annotations

import getpass

from rashomon.assess import assess_events
from rashomon.errors import ConfigError, NotFoundError
from rashomon.ingest.engine import Engine
from rashomon.link import merge_events, split_event
from rashomon.models import Event
from rashomon.review import review_events


def _who(who: str | None) -> str:
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def merge(engine: Engine, event_ids: list[str], *, who: str | None = None,
          why: str | None = None) -> Event:
    """Merge two or more events into one locked event."""
    if len(set(event_ids)) < 2:
        raise ConfigError("Merging needs at least two different event ids.", code="E170")
    with engine.store.session() as s:
        evs = [s.load_event(engine.store.resolve(i)) for i in dict.fromkeys(event_ids)]
        merged = merge_events(evs, [e.id for e in evs])
        _assess(engine, s, [merged])
        s.drop_events([e.id for e in evs], {e.id: merged.id for e in evs if e.id != merged.id})
        _review(engine, s, [merged])
        s.save_events([merged])
        s.audit("merge", [e.id for e in evs], [c.id for c in merged.claims], [merged.id],
                _who(who), why)
    return merged


def split(engine: Engine, event_id: str, claim_ids: list[str], *, who: str | None = None,
          why: str | None = None) -> tuple[Event, Event]:
    """Move ``claim_ids`` out of an event into a new event; both are locked."""
    with engine.store.session() as s:
        ev = s.load_event(engine.store.resolve(event_id))
        unknown = sorted(set(claim_ids) - {c.id for c in ev.claims})
        if unknown:
            raise NotFoundError(f"Event {ev.id} holds no claim {', '.join(unknown)}.", code="E172",
                                hint=f"See its claims with 'rashomon show {ev.id} --format json'.")
        kept, moved = split_event(ev, claim_ids)
        _assess(engine, s, [kept, moved])
        s.drop_events([ev.id])
        _review(engine, s, [kept, moved])
        s.save_events([kept, moved])
        s.audit("split", [ev.id], list(claim_ids), [kept.id, moved.id], _who(who), why)
    return kept, moved


def _review(engine: Engine, s, events: list[Event]) -> None:
    """The merged event keeps the reviews of the events it absorbed (their ids now point at
    it); the event a split keeps its id keeps its review."""
    review_events(s, events, s.docinfo({c.document_id for e in events for c in e.claims}), engine.kinds)


def _assess(engine: Engine, s, events: list[Event]) -> None:
    assess_events(events, s.docinfo({c.document_id for e in events for c in e.claims}), engine.kinds)
