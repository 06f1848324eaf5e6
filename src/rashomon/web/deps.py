"""Typed dependencies of the routes (the fastapi template's ``deps.py``): the shared filter
query parameters, the engine that stores posted documents, the claims of a document, and the page
rendering helpers the page routers share. Routes import this module;
it never imports a route, so ``api`` and ``pages`` do not import each other."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator

from rashomon.ingest.engine import Engine
from rashomon.packs import load_pack
from rashomon.models import STATUS_VALUES
from rashomon.store import EventFilter

# an enum in the OpenAPI schema: anything else is a 422; "" is the dashboard form's "any status"
StatusValue = Literal[STATUS_VALUES + ("",)]


# ISO 8601 only: pydantic would also read "0.5" or "99999999" as Unix timestamps
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?")


def iso_only(value: object) -> object:
    if isinstance(value, str) and not ISO_DATETIME.fullmatch(value):
        raise ValueError("must be an ISO 8601 date or datetime, e.g. 2025-03-01T12:00:00")
    return value


def utc_naive(value: datetime | None) -> datetime | None:
    """Stored ``updated_at`` is naive UTC; an offset is converted (clamped at the calendar's
    ends, where converting would overflow)."""
    if value is None or value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if value.year > 1 else datetime.min


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date_only(value: object) -> object:
    """YYYY-MM-DD only: pydantic would read 0 or "0" as the Unix epoch."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


IsoDatetime = Annotated[datetime, BeforeValidator(iso_only)]
IsoDate = Annotated[date, BeforeValidator(iso_date_only)]


def filters(request: Request, since: IsoDate | None = None, until: IsoDate | None = None,
            place: Annotated[str | None, Query(max_length=200, description="place, district or province: a "
                                               "substring, or a name or abbreviation the pack knows (KP)")] = None,
            actor: Annotated[str | None, Query(max_length=200, description="a substring, or a name or "
                                               "abbreviation the pack knows (BLA, TTP)")] = None,
            type: Annotated[str | None, Query(max_length=200, description="event type or sub-event type")] = None,
            status: Annotated[StatusValue | None, Query(description="a status or a grade")] = None,
            updated_since: IsoDatetime | None = Query(None, description="only events saved at or after (sync)"),
            q: Annotated[str | None, Query(max_length=500, description='full text of the reports: every word '
                                           '(stemmed), a "quoted phrase", or a OR b')] = None,
            ) -> EventFilter:
    """The CLI's filters as query parameters (shared by events, stats, exports and the dashboard).
    A range that ends before it starts is a 422 (E109), as on the command line."""
    from rashomon.errors import ConfigError
    from rashomon.store.resolve import event_filter

    try:
        return event_filter(getattr(request.app.state, "pack_name", None), since=since, until=until,
                            place=place or None, actor=actor or None, type=type or None,
                            status=status or None, updated_since=utc_naive(updated_since),
                            q=q.strip() if q and q.strip() else None)
    except ConfigError as exc:
        exc.status = 422
        raise


Filters = Annotated[EventFilter, Depends(filters)]


def engine_of(app: FastAPI) -> Engine:
    """The engine over the app's store, made on the first write (reads never need the pack)."""
    if getattr(app.state, "engine", None) is None:
        app.state.engine = Engine(app.state.store, load_pack(app.state.pack_name))
    return app.state.engine


def document_claims(store, doc_id: str) -> list[dict]:
    found = store.claims(document_id=doc_id)
    events = store.claim_event_ids([c.id for c in found]) if found else {}
    return [{"claim_id": c.id, "event_id": events.get(c.id), "claimant": c.claimant,
             "hedge": c.hedge.value, "span": [c.span.start, c.span.end], "quote": c.quote}
            for c in found]


def render(request: Request, name: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


def filter_options(request: Request) -> dict:
    """Choices for the filter form, from the whole database (cached stats)."""
    # the unfiltered weekly stats: the same cache entry as the unfiltered dashboard
    s = request.app.state.stats.get(request.app.state.store, EventFilter(), "week")
    known = lambda bs: [b.key for b in bs if b.key != "unknown"]  # noqa: E731
    provinces = sorted({d.split(", ")[-1] for d in known(s.districts)})
    return {"places": provinces + sorted(set(known(s.districts)) - set(provinces)),
            "actors": known(s.actors)[:60], "types": known(s.types), "statuses": known(s.statuses)}
