"""Analyst decisions: merge events, split claims off an event. Each is written to the audit log
(who, when, why) in the same transaction, and the resulting events are locked so automatic
linking never undoes them.
"""

from __future__ import annotations

import getpass

from rashomon.errors import ConfigError, NotFoundError
from rashomon.link import merge_events, split_event
from rashomon.models import Event
from rashomon.store import Store
from rashomon.store.docinfo import load_docinfo


def _who(who: str | None) -> str:
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def merge(store: Store, event_ids: list[str], *, who: str | None = None, why: str | None = None) -> Event:
    """Merge two or more events into one locked event."""
    if len(set(event_ids)) < 2:
        raise ConfigError("Merging needs at least two different event ids.", code="E111")
    with store.write() as conn:
        evs = [store.load_event(conn, i) for i in dict.fromkeys(event_ids)]
        infos = load_docinfo(conn, {c.document_id for e in evs for c in e.claims})
        merged = merge_events(evs, [e.id for e in evs], infos)
        store.drop_events(conn, [e.id for e in evs])
        store.save_events(conn, [merged])
        store.audit(conn, "merge", [e.id for e in evs], [c.id for c in merged.claims], [merged.id],
                    _who(who), why)
    return merged


def split(store: Store, event_id: str, claim_ids: list[str], *, who: str | None = None,
          why: str | None = None) -> tuple[Event, Event]:
    """Move ``claim_ids`` out of an event into a new event; both are locked."""
    with store.write() as conn:
        ev = store.load_event(conn, event_id)
        unknown = sorted(set(claim_ids) - {c.id for c in ev.claims})
        if unknown:
            raise NotFoundError(f"Event {event_id} holds no claim {', '.join(unknown)}.", code="E405",
                                hint=f"See its claims with 'rashomon show {event_id} --format json'.")
        infos = load_docinfo(conn, {c.document_id for c in ev.claims})
        kept, moved = split_event(ev, claim_ids, infos)
        store.drop_events(conn, [ev.id])
        store.save_events(conn, [kept, moved])
        store.audit(conn, "split", [ev.id], list(claim_ids), [kept.id, moved.id], _who(who), why)
    return kept, moved
