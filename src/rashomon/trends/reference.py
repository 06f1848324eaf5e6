"""Reference rows (UCDP GED, ACLED) as events the trends rules can read, so the backtest can
replay the surge rule on a curated dataset's history rather than only on extracted events.

Contract: ``as_events(rows) -> list[Event]``. Each row becomes one event with its dates, its
admin1/admin2 and location, and its low/best/high deaths as the ``killed`` estimate. ACLED rows
keep their event type; a UCDP row has none, so its type of violence is mapped: state-based (1)
and non-state (2) to Battles, one-sided (3) to Violence against civilians. Every UCDP event is
organised violence with at least one death, so all of them count as violent for the surge rule;
a row without its type of violence is typed "Organised violence", which the series count as violent.
"""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.models import Estimate, Event, Place, ReferenceEvent

UCDP_TYPES = {1: "Battles", 2: "Battles", 3: "Violence against civilians"}
ORGANISED_VIOLENCE = "Organised violence"  # a UCDP row whose type of violence the file does not give


def as_event(row: ReferenceEvent) -> Event:
    name = row.location or row.admin2 or row.admin1
    place = Place(name=name, admin1=row.admin1, admin2=row.admin2, latitude=row.latitude,
                  longitude=row.longitude) if name else None
    estimates = {}
    if row.best is not None or row.low is not None or row.high is not None:
        best = row.best if row.best is not None else row.low
        estimates["killed"] = Estimate(category="killed", low=row.low if row.low is not None else best, best=best,
                                       high=row.high if row.high is not None else best)
    event_type = row.event_type or UCDP_TYPES.get(row.type_of_violence or 0, ORGANISED_VIOLENCE)
    return Event(id=f"ref_{row.dataset}_{row.ref_id}", event_type=event_type, sub_event_type=row.sub_event_type,
                 date_start=row.date_start, date_end=row.date_end or row.date_start, place=place,
                 estimates=estimates)


def as_events(rows: Iterable[ReferenceEvent]) -> list[Event]:
    return [as_event(r) for r in rows]


__all__ = ["ORGANISED_VIOLENCE", "UCDP_TYPES", "as_event", "as_events"]
