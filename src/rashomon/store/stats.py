"""Aggregate queries over stored events: counts and killed estimates by period, district, actor,
type and status (behind ``GET /api/stats`` and the dashboard timeline).

Grouping is done in SQL by day (dialect-neutral), then folded into weeks or months in Python:
a few thousand days at most, whatever the number of events. Results are cached per filter and
*data version* (event count + newest ``updated_at``, both index lookups), so a dashboard that
polls pays for the aggregation once per change of the data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from pydantic import Field
from sqlalchemy import func, select

from rashomon.models import Record
from rashomon.store.filters import EventFilter, apply_filter
from rashomon.store.schema import event_actors, events

Period = Literal["week", "month"]


class Bucket(Record):
    """One group: how many events, and the sums of their killed estimates."""

    key: str
    events: int = 0
    killed_low: int = 0
    killed_best: int = 0
    killed_high: int = 0


class Stats(Record):
    total_events: int
    killed_low: int = 0
    killed_best: int = 0
    killed_high: int = 0
    by: Period = "week"
    periods: list[Bucket] = Field(default_factory=list)
    districts: list[Bucket] = Field(default_factory=list)
    actors: list[Bucket] = Field(default_factory=list)
    types: list[Bucket] = Field(default_factory=list)
    statuses: list[Bucket] = Field(default_factory=list)


def _killed(field: str):
    return func.coalesce(func.sum(events.c[f"killed_{field}"]), 0)


def _grouped(conn, f: EventFilter, *keys) -> list[tuple]:
    q = select(*keys, func.count(), _killed("low"), _killed("best"), _killed("high")).select_from(events)
    q = apply_filter(q, f.model_copy(update={"limit": None, "offset": 0})).group_by(*keys)
    return [tuple(r) for r in conn.execute(q)]


def period_key(day: date | None, by: Period) -> str:
    """``2025-W07`` (ISO week, Monday start) or ``2025-02``; ``unknown`` without a date."""
    if day is None:
        return "unknown"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_start(key: str) -> date:
    """First day (Monday) of an ISO week key made by :func:`period_key`."""
    y, w = key.split("-W")
    return date.fromisocalendar(int(y), int(w), 1)


def _fold(rows: Iterable[tuple], key) -> list[Bucket]:
    # plain lists while summing (tens of thousands of rows): records only for the results
    sums: dict[str, list[int]] = {}
    for *k, n, lo, best, hi in rows:
        acc = sums.setdefault(key(*k), [0, 0, 0, 0])
        acc[0] += n
        acc[1] += int(lo or 0)
        acc[2] += int(best or 0)
        acc[3] += int(hi or 0)
    return [Bucket(key=name, events=n, killed_low=lo, killed_best=best, killed_high=hi)
            for name, (n, lo, best, hi) in sums.items()]


def _fill_weeks(buckets: list[Bucket]) -> list[Bucket]:
    """Insert empty weeks between the first and last, so a timeline shows quiet weeks as zero."""
    dated = {b.key: b for b in buckets if b.key != "unknown"}
    if not dated:
        return buckets
    days = sorted(week_start(k) for k in dated)
    d, filled = days[0], []
    while d <= days[-1]:
        k = period_key(d, "week")
        filled.append(dated.get(k, Bucket(key=k)))
        d += timedelta(days=7)
    return filled + [b for b in buckets if b.key == "unknown"]


def compute_stats(store, f: EventFilter | None = None, by: Period = "week") -> Stats:
    """Counts and killed sums (low/best/high) for the events matching ``f``, grouped five ways.

    Input: a ``Store``, a filter (limit/offset ignored), ``week`` or ``month``.
    Output: :class:`Stats`; periods ascending (empty weeks filled), other groups by count.
    """
    f = f or EventFilter()
    with store.engine.connect() as conn:
        # one scan for five groupings (of the covering index ix_events_stats_cover when no
        # filter needs another column); the groups are folded in Python below
        rows = _grouped(conn, f, events.c.date_start, events.c.admin1, events.c.admin2,
                        events.c.event_type, events.c.status)
        actors = _actor_rows(conn, f)
    keys: dict = {}  # a few thousand distinct days among the rows
    day_key = lambda d: keys[d] if d in keys else keys.setdefault(d, period_key(d, by))  # noqa: E731
    periods = sorted(_fold(((r[0], *r[5:]) for r in rows), day_key),
                     key=lambda b: (b.key == "unknown", b.key))
    if by == "week":
        periods = _fill_weeks(periods)
    total = _fold([(0, *r[5:]) for r in rows], lambda _k: "all")
    t = total[0] if total else Bucket(key="all")
    ranked = lambda bs: sorted(bs, key=lambda b: (-b.events, b.key))  # noqa: E731
    return Stats(total_events=t.events, killed_low=t.killed_low, killed_best=t.killed_best,
                 killed_high=t.killed_high, by=by, periods=periods,
                 districts=ranked(_fold(((r[1], r[2], *r[5:]) for r in rows), _district)),
                 actors=ranked(_fold(actors, lambda n: n)),
                 types=ranked(_fold(((r[3], *r[5:]) for r in rows), lambda t_: t_ or "unknown")),
                 statuses=ranked(_fold(((r[4], *r[5:]) for r in rows), lambda s: s or "unknown")))


def _district(admin1: str | None, admin2: str | None) -> str:
    if not admin1 and not admin2:
        return "unknown"
    return ", ".join(x for x in (admin2, admin1) if x)


def _actor_rows(conn, f: EventFilter) -> list[tuple]:
    matching = apply_filter(select(events.c.id), f.model_copy(update={"limit": None, "offset": 0}))
    per_event = (select(event_actors.c.event_id, event_actors.c.name).distinct()
                 .where(event_actors.c.event_id.in_(matching)).subquery())
    q = (select(per_event.c.name, func.count(), _killed("low"), _killed("best"), _killed("high"))
         .select_from(per_event.join(events, events.c.id == per_event.c.event_id))
         .group_by(per_event.c.name))
    return [tuple(r) for r in conn.execute(q)]


def data_version(store) -> tuple:
    """Cheap fingerprint of the events table: changes whenever an event is saved or dropped."""
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count(), func.max(events.c.updated_at))
                                  .select_from(events)).one())


class StatsCache:
    """Small LRU of stats and match counts keyed by (filter, data version); thread-safe.

    Substring filters (place, actor) cannot use an index to count, so a client paging through
    one selection pays for its count once, not once per page."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store, f: EventFilter, by: Period) -> Stats:
        return self._cached(store, f, by, lambda: compute_stats(store, f, by))

    def count(self, store, f: EventFilter) -> int:
        """``store.count_events(f)`` (limit/offset ignored), cached until the data changes."""
        return self._cached(store, f, "count", lambda: store.count_events(f))

    def memo(self, store, f: EventFilter, kind: str, compute):
        """Any result computed from the events matching ``f`` (``kind`` names it), cached until
        the data change: the trends page's series and flags read every matching event."""
        return self._cached(store, f, kind, compute)

    def _cached(self, store, f: EventFilter, kind: str, compute):
        key = (f.model_dump_json(exclude={"limit", "offset"}), kind, data_version(store))
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        found = compute()
        with self._lock:
            self._items[key] = found
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found




def changes_page(store, f: EventFilter, limit: int, offset: int = 0) -> list:
    """Events matching ``f`` in order of change (``updated_at``, ``id``), with claims: the page
    order for incremental sync, stable while new changes arrive at the end (and an index scan,
    where newest-first by date would scan every row to find few recent changes)."""
    from rashomon.store.rows import event_from_row
    from rashomon.store.session import attach_claims

    q = apply_filter(select(events.c.payload, events.c.updated_at), f.model_copy(update={"limit": None}))
    q = q.order_by(events.c.updated_at, events.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        found = [event_from_row(r.payload, r.updated_at) for r in conn.execute(q)]
        attach_claims(conn, found)
    return found


__all__ = ["Bucket", "Stats", "StatsCache", "changes_page", "compute_stats", "data_version", "period_key"]
