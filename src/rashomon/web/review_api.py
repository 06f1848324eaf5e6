"""Review routes under ``/api``: the review queue, an event's review, corrections, claim marks,
merge, split and history. Writes need an analyst (or admin) token; the history records the
token's user. Each route is a thin call of the library (``rashomon.ingest.review``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rashomon.ingest import review as actions
from rashomon.ingest.decide import merge, split
from rashomon.models import Event
from rashomon.public import EventDetail, EventPublic, documents_for
from rashomon.review import Caller, review_queue
from rashomon.web.corrections import CorrectionValues
from rashomon.web.deps import engine_of
from rashomon.web.security import require_token

router = APIRouter(prefix="/api", tags=["review"])
Text = Field(None, max_length=2000, pattern=r"^[^\x00]*$")
EventId = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")


def _some_of(*names: str):
    """JSON schema: at least one of ``names`` is present and not null (what the model checks)."""
    def extra(schema: dict) -> None:
        schema["anyOf"] = [{"required": [n], "properties": {n: {"not": {"type": "null"}}}} for n in names]
    return extra


class ReviewIn(BaseModel):
    model_config = ConfigDict(json_schema_extra=_some_of("status", "assignee", "notes"))
    status: Literal["unreviewed", "in_review", "verified", "rejected"] | None = None
    assignee: str | None = Field(None, max_length=64, pattern=r"^[^\x00]*$")
    notes: str | None = Text
    why: str | None = Text

    @model_validator(mode="after")
    def _something(self) -> "ReviewIn":
        if self.status is None and self.assignee is None and self.notes is None:
            raise ValueError("give a status, an assignee or notes")
        return self


class CorrectionsIn(BaseModel):
    values: CorrectionValues = Field(description='field -> value, e.g. {"killed.best": 12, "admin2": "Kech"}; '
                                     "null takes a correction back")
    why: str | None = Text


class MarkIn(BaseModel):
    mark: Literal["verified", "false", "superseded"] | None = None
    why: str | None = Text


class MergeIn(BaseModel):
    event_ids: list[Annotated[str, EventId]] = Field(min_length=2, max_length=50,
                                                     json_schema_extra={"uniqueItems": True})

    @field_validator("event_ids")
    @classmethod
    def _different(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("the event ids must be different")
        return v
    why: str | None = Text


class SplitIn(BaseModel):
    claim_ids: list[str] = Field(min_length=1, max_length=500)
    why: str | None = Text


class SplitOut(BaseModel):
    kept: EventDetail
    moved: EventDetail


class HistoryOut(BaseModel):
    at: datetime | None = None
    who: str
    action: str
    field: str | None = None
    claim_id: str | None = None
    old: Any = None
    new: Any = None
    why: str | None = None
    event_ids: list[str] = []


def _detail(request: Request, ev: Event) -> EventDetail:
    store = request.app.state.store
    return EventDetail.of(ev, documents_for([ev], store))


def _write(request: Request, fn, *args, **kwargs):
    """One write at a time (the ingest route's lock): linking and review both rewrite events."""
    with request.app.state.write_lock:
        return fn(engine_of(request.app), *args, **kwargs)


@router.get("/review/queue", response_model=list[EventPublic])
def queue(request: Request, status: Literal["unreviewed", "in_review", "verified", "rejected"] | None = None,
          limit: int = Query(50, ge=1, le=1000)) -> list[EventPublic]:
    """Events to review: contested, new since review and single-side events first."""
    store = request.app.state.store
    found = review_queue(store, status, limit)
    docs = documents_for(found, store)
    return [EventPublic.of(e, docs) for e in found]


@router.post("/events/merge", response_model=EventDetail)
def post_merge(request: Request, body: MergeIn, who: Caller = Depends(require_token)) -> EventDetail:
    """Merge events into one locked event (automatic linking never undoes it)."""
    return _detail(request, _write(request, merge, body.event_ids, who=who.name, why=body.why))


@router.post("/events/{event_id}/review", response_model=EventDetail)
def post_review(request: Request, event_id: str, body: ReviewIn,
                who: Caller = Depends(require_token)) -> EventDetail:
    """Set the review status, assignee and/or notes of an event."""
    return _detail(request, _write(request, actions.set_review, event_id, status=body.status,
                                   assignee=body.assignee, notes=body.notes, who=who.name, why=body.why))


@router.post("/events/{event_id}/corrections", response_model=EventDetail)
def post_corrections(request: Request, event_id: str, body: CorrectionsIn,
                     who: Caller = Depends(require_token)) -> EventDetail:
    """Correct the event's date, place, type, actors or figures (``killed.best``, ...)."""
    return _detail(request, _write(request, actions.correct, event_id, body.values.as_dict(),
                                   who=who.name, why=body.why))


@router.post("/claims/{claim_id}/mark", response_model=EventDetail)
def post_mark(request: Request, claim_id: str, body: MarkIn,
              who: Caller = Depends(require_token)) -> EventDetail:
    """Mark a claim verified, false or superseded (null clears it); answers with its event."""
    return _detail(request, _write(request, actions.mark_claim, claim_id, body.mark,
                                   who=who.name, why=body.why))


@router.post("/events/{event_id}/split", response_model=SplitOut)
def post_split(request: Request, event_id: str, body: SplitIn,
               who: Caller = Depends(require_token)) -> SplitOut:
    """Move claims out of an event into a new event; both are locked."""
    kept, moved = _write(request, split, event_id, body.claim_ids, who=who.name, why=body.why)
    return SplitOut(kept=_detail(request, kept), moved=_detail(request, moved))


@router.get("/events/{event_id}/history", response_model=list[HistoryOut])
def get_history(request: Request, event_id: str) -> list[HistoryOut]:
    """The event's history: review changes, corrections, marks, merges and splits, oldest first."""
    return [HistoryOut(**h.model_dump()) for h in actions.history(request.app.state.store, event_id)]
