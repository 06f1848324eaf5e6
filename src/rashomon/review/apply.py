"""Review state and corrections over the computed event.

Order (why): the event is assessed from its claims first (as if never reviewed), then claims an
analyst marked false or superseded leave the estimates (they stay on the event, shown as
marked), then each corrected field replaces the computed value, which is kept in
``review.computed`` so a reader can see both. Running this after every relink is what makes
corrections survive re-extraction and re-linking: nothing computed ever overwrites them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from rashomon.assess import estimate_event
from rashomon.models import (
    ActorMention,
    Estimate,
    Event,
    EventReview,
    Place,
    ReviewChange,
    Span,
)

REVIEWED = ("in_review", "verified", "rejected")
PLACE_FIELDS = {"location": "name", "admin1": "admin1", "admin2": "admin2",
                "latitude": "latitude", "longitude": "longitude"}


def fold(changes: Sequence[ReviewChange]) -> EventReview | None:
    """The review an event's changes add up to (``None`` when it has none)."""
    if not changes:
        return None
    r = EventReview()
    for c in changes:
        if c.field == "status":
            r.status = c.new
            r.reviewed_at = c.at
            r.reviewed_claim_ids = list(c.claim_ids)
        elif c.field in ("assignee", "notes"):
            setattr(r, c.field, c.new)
        elif c.field == "mark" and c.claim_id:
            if c.new is None:
                r.claim_marks.pop(c.claim_id, None)
            else:
                r.claim_marks[c.claim_id] = c.new
        elif c.new is None:
            r.corrected.pop(c.field, None)
        else:
            r.corrected[c.field] = c.new
    return r


def review_events(session, events: list[Event], docinfo: Mapping | None = None,
                  kinds: Mapping[str, str] | None = None) -> list[Event]:
    """Apply the stored reviews to freshly assessed events (in place; returns them). A store
    without review tables (the in-memory store) leaves them as they are."""
    read = getattr(session, "review_changes", None)
    if read is None or not events:
        return events
    found = read([e.id for e in events])
    for e in events:
        review = fold(found.get(e.id, []))
        if review is not None:
            apply_review(e, review, docinfo, kinds)
    return events


def apply_review(event: Event, review: EventReview, docinfo: Mapping | None = None,
                 kinds: Mapping[str, str] | None = None) -> Event:
    """Lay ``review`` over an assessed ``event`` (see the module docstring)."""
    left_out = {cid: m for cid, m in review.claim_marks.items() if m in ("false", "superseded")}
    held = {c.id for c in event.claims}
    if left_out.keys() & held:
        kept = [c for c in event.claims if c.id not in left_out]
        event.estimates = estimate_event(event.model_copy(update={"claims": kept}), docinfo, kinds)
        note = "; ".join(f"{cid} marked {m}" for cid, m in sorted(left_out.items()) if cid in held)
        for est in event.estimates.values():
            est.derivation = f"{est.derivation} Left out by an analyst: {note}.".strip()
    review.computed = {}
    for name, value in sorted(review.corrected.items()):
        review.computed[name] = current(event, name)
        correct(event, name, value)
    if review.status in REVIEWED and review.reviewed_claim_ids:
        review.new_claim_ids = sorted(held - set(review.reviewed_claim_ids))
    event.review = review
    return event


def current(event: Event, name: str) -> Any:
    """The event's value of a correctable field, in its JSON form."""
    if name in ("date_start", "date_end"):
        d = getattr(event, name)
        return d.isoformat() if d else None
    if name in ("event_type", "sub_event_type"):
        return getattr(event, name)
    if name in PLACE_FIELDS:
        return getattr(event.place, PLACE_FIELDS[name]) if event.place else None
    if name == "actors":
        return [dict(t) for t in dict.fromkeys((("name", a.name), ("role", a.role)) for a in event.actors)]
    category, _, part = name.partition(".")
    est = event.estimates.get(category)
    return getattr(est, part) if est else None


def correct(event: Event, name: str, value: Any) -> None:
    """Set one field to the analyst's value (validated before it was stored)."""
    if name in ("date_start", "date_end"):
        setattr(event, name, date.fromisoformat(value))
        if name == "date_start" and (event.date_end is None or event.date_end < event.date_start):
            event.date_end = event.date_start
    elif name in ("event_type", "sub_event_type"):
        setattr(event, name, value)
    elif name in PLACE_FIELDS:
        if event.place is None:
            event.place = Place(name=str(value) if name == "location" else "")
        setattr(event.place, PLACE_FIELDS[name], value)
        if not event.place.name:
            event.place.name = event.place.admin2 or event.place.admin1 or ""
    elif name == "actors":
        event.actors = [_actor(event, a) for a in value]
    else:
        category, _, part = name.partition(".")
        est = event.estimates.setdefault(category, Estimate(category=category))
        setattr(est, part, int(value))
        est.derivation = f"{est.derivation} Analyst correction: {part} {value}.".strip()


def _actor(event: Event, a: dict) -> ActorMention:
    """An actor the analyst names: the extracted mention of that name when there is one (it keeps
    its evidence span), else a mention whose source is the review record (empty text and span)."""
    for m in event.actors:
        if m.name == a["name"]:
            return m.model_copy(update={"role": a.get("role") or m.role})
    return ActorMention(name=a["name"], role=a.get("role") or "other", text="", span=Span(start=0, end=0))
