"""Validated events kept between the batches of one ingest, so linking does not parse and
validate the same candidate events' JSON again for every batch.

An entry is used only while the database still holds that event with the same ``updated_at``:
every change to an event's row or membership rewrites the row with a new stamp
(``Store.save_events``) or deletes it (``drop_events``), so a stale entry is never served, and
an entry read inside a transaction that later rolled back is simply never matched.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from rashomon.models import Event


class EventCache:
    """At most ``size`` events (least recently used dropped first), keyed by id and stamp.

    An event with its claims takes ~20-30 KB in memory, so the default 1,000 costs ~25 MB: room
    for the events of a batch and its predecessor, which are the candidates of date-ordered input.
    """

    def __init__(self, size: int = 1000) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[datetime | None, Event]] = OrderedDict()

    def get(self, event_id: str, updated_at: datetime | None) -> Event | None:
        hit = self._items.get(event_id)
        if hit is None or hit[0] != updated_at:
            return None
        self._items.move_to_end(event_id)
        return hit[1]

    def put(self, ev: Event) -> None:
        self._items[ev.id] = (ev.updated_at, ev)
        self._items.move_to_end(ev.id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
