"""The event filter shared by the CLI, the HTTP API, exports and the Python API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field
from sqlalchemy import Select, exists, or_

from rashomon.store.schema import event_actors, events


class EventFilter(BaseModel):
    since: date | None = None
    until: date | None = None
    place: str | None = Field(default=None, description="matches place name, district or province")
    actor: str | None = None
    type: str | None = Field(default=None, description="event type or sub-event type")
    status: str | None = None
    updated_since: datetime | None = None
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)


def apply_filter(query: Select, f: EventFilter) -> Select:
    """Add WHERE clauses for ``f`` to a query over ``events`` (case-insensitive text matches)."""
    if f.since:
        query = query.where(events.c.date_end >= f.since)
    if f.until:
        query = query.where(events.c.date_start <= f.until)
    if f.place:
        like = f"%{f.place.lower()}%"
        query = query.where(or_(events.c.place_name.ilike(like), events.c.admin1.ilike(like),
                                events.c.admin2.ilike(like), events.c.country.ilike(like)))
    if f.actor:
        # correlated EXISTS: SQLite plans IN (subquery) as a scan of every actor row
        query = query.where(exists().where(event_actors.c.event_id == events.c.id,
                                           event_actors.c.name.ilike(f"%{f.actor}%")))
    if f.type:
        like = f"%{f.type.lower()}%"
        query = query.where(or_(events.c.event_type.ilike(like), events.c.sub_event_type.ilike(like)))
    if f.status:
        query = query.where(or_(events.c.status == f.status, events.c.grade == f.status))
    if f.updated_since:
        query = query.where(events.c.updated_at >= f.updated_since)
    return query
