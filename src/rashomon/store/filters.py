"""The event filter shared by the CLI, the HTTP API, exports and the Python API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import Select, exists, func, or_

from rashomon.models import STATUS_VALUES
from rashomon.store.schema import claims, event_actors, events
from rashomon.store.search import has_terms, matching


class EventFilter(BaseModel):
    since: date | None = None
    until: date | None = None
    place: str | None = Field(default=None, description="matches place name, district or province")
    actor: str | None = None
    type: str | None = Field(default=None, description="event type or sub-event type")
    status: str | None = Field(default=None, description="a status or a grade (STATUS_VALUES)")
    updated_since: datetime | None = None
    q: str | None = Field(default=None, max_length=500,
                          description='full text of the reports: every word, a "quoted phrase", a OR b')
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)
    # Canonical names the pack gives the ``actor`` / ``place`` words ("BLA" -> Baloch Liberation
    # Army, "KP" -> Khyber Pakhtunkhwa; ``read.aliases``): matched exactly (case-insensitive)
    # besides the substring, so an abbreviation finds what is stored under the full name.
    actor_names: tuple[str, ...] = ()
    place_names: tuple[str, ...] = ()

    @field_validator("status")
    @classmethod
    def _known_status(cls, v: str | None) -> str | None:
        if v is not None and v not in STATUS_VALUES:
            raise ValueError(f"is not a status: use one of {', '.join(STATUS_VALUES)}")
        return v

    @field_validator("q")
    @classmethod
    def _searchable(cls, v: str | None) -> str | None:
        if v is not None and not has_terms(v):
            raise ValueError(f"{v!r} has no word to search for")
        return v

    @model_validator(mode="after")
    def _ordered(self) -> "EventFilter":
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self


def _any_name(column, words: str, names: tuple[str, ...]):
    like = column.ilike(f"%{words}%")
    return or_(like, func.lower(column).in_([n.lower() for n in names])) if names else like


def apply_filter(query: Select, f: EventFilter) -> Select:
    """Add WHERE clauses for ``f`` to a query over ``events`` (case-insensitive text matches)."""
    if f.since:
        query = query.where(events.c.date_end >= f.since)
    if f.until:
        query = query.where(events.c.date_start <= f.until)
    if f.place:
        query = query.where(or_(*(_any_name(c, f.place, f.place_names) for c in
                                  (events.c.place_name, events.c.admin1, events.c.admin2, events.c.country))))
    if f.actor:
        # correlated EXISTS: SQLite plans IN (subquery) as a scan of every actor row
        query = query.where(exists().where(event_actors.c.event_id == events.c.id,
                                           _any_name(event_actors.c.name, f.actor, f.actor_names)))
    if f.type:
        like = f"%{f.type.lower()}%"
        query = query.where(or_(events.c.event_type.ilike(like), events.c.sub_event_type.ilike(like)))
    if f.status:
        query = query.where(or_(events.c.status == f.status, events.c.grade == f.status))
    if f.updated_since:
        query = query.where(events.c.updated_at >= f.updated_since)
    if f.q:
        query = query.where(exists().where(claims.c.event_id == events.c.id,
                                           matching(claims.c.document_id, f.q)))
    return query
