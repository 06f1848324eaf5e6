"""The public contract: typed models of what leaves the library (``docs/contract.md``).

Events leave as :class:`EventPublic` (with :class:`PlacePublic`, :class:`ActorPublic`,
:class:`EstimatePublic`, one :class:`ClaimEntry` per figure of each claim), pages of them as
:class:`EventsPage`. :class:`EventDetail` adds why its claims were
linked. The HTTP API declares them as response models; ``rashomon events/show/extract --format json``, the json/jsonl/geojson
exports and the Python API write their JSON form (:meth:`EventPublic.to_json`); CSV, the
DataFrames and Parquet flatten them through the one flat row, :class:`EventRow`.
``tests/test_contract.py`` checks docs/contract.md against these models.

A claim with two figures (rescued most passengers, killed 33 insurgents) gives two entries with
the same quote; a claim with none gives one entry with null figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rashomon.models import Claim, Document, Estimate, Event, EventReview, Place


class Public(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlacePublic(Public):
    name: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = Field(description="UCDP where_prec-style code, 1 (exact) to 7 (unknown)")

    @classmethod
    def of(cls, p: Place | None) -> "PlacePublic | None":
        if p is None:
            return None
        return cls(name=p.name, admin1=p.admin1, admin2=p.admin2, country=p.country,
                   latitude=p.latitude, longitude=p.longitude, precision=p.precision)


class ActorPublic(Public):
    name: str
    role: str = Field(description="perpetrator, target, responder or other")


class EstimatePublic(Public):
    low: int | None = None
    best: int | None = None
    high: int | None = None
    conservative: int | None = None
    by_side: dict[str, int] = Field(default_factory=dict)
    claim_ids: list[str] = Field(default_factory=list)
    superseded_claim_ids: list[str] = Field(default_factory=list)
    basis: str | None = None
    derivation: str = ""

    @classmethod
    def of(cls, e: Estimate) -> "EstimatePublic":
        return cls(low=e.low, best=e.best, high=e.high, conservative=e.conservative,
                   by_side=e.by_side, claim_ids=e.claim_ids,
                   superseded_claim_ids=e.superseded_claim_ids, basis=e.basis,
                   derivation=e.derivation)


class ReviewPublic(Public):
    """An event's review by analysts (``docs/review.md``)."""

    status: str = Field("unreviewed", description="unreviewed, in_review, verified or rejected")
    assignee: str | None = None
    notes: str | None = None
    corrected: dict[str, Any] = Field(default_factory=dict, description="field -> the analyst's value")
    computed: dict[str, Any] = Field(default_factory=dict, description="field -> the value extraction gave")
    claim_marks: dict[str, str] = Field(default_factory=dict, description="claim id -> verified, false or superseded")
    new_since_review: bool = False
    new_claim_ids: list[str] = Field(default_factory=list)
    reviewed_at: datetime | None = None

    @classmethod
    def of(cls, r: EventReview | None) -> "ReviewPublic | None":
        if r is None:
            return None
        return cls(status=r.status, assignee=r.assignee, notes=r.notes, corrected=r.corrected,
                   computed=r.computed, claim_marks=dict(r.claim_marks),
                   new_since_review=r.new_since_review, new_claim_ids=r.new_claim_ids,
                   reviewed_at=r.reviewed_at)


class ClaimEntry(Public):
    """One figure of one claim, with who says it, how hedged, and where it was said."""

    claim_id: str
    event_id: str | None = None
    claimant: str | None = None  # canonical: a pack actor, or the office as written
    claimant_words: str | None = None  # the speaker as the text names it
    claimant_span: tuple[int, int] | None = None
    hedge: str
    quote: str
    document_id: str
    source_url: str | None = None
    outlet: str | None = None
    published: date | None = None
    span: tuple[int, int]
    unverified: bool = False
    background: bool = False
    category: str | None = None
    victims: str | None = None
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    subset: bool = Field(False, description='a part of another figure of the same claim ("including an '
                                            'officer"), not added to it in totals')
    words: str | None = None
    words_span: tuple[int, int] | None = None
    mark: str | None = Field(None, description="an analyst's mark: verified, false or superseded")

    @classmethod
    def entries(cls, claim: Claim, doc: Document | None, event_id: str | None = None,
                mark: str | None = None) -> list["ClaimEntry"]:
        cs = claim.claimant_span
        base = dict(claim_id=claim.id, event_id=event_id, mark=mark, claimant=claim.claimant,
                    claimant_words=doc.text[cs.start:cs.end] if doc is not None and cs else None,
                    claimant_span=(cs.start, cs.end) if cs else None, hedge=claim.hedge.value, quote=claim.quote, document_id=claim.document_id,
                    source_url=doc.url if doc else None, outlet=doc.outlet if doc else None,
                    published=doc.published if doc else None,
                    span=(claim.span.start, claim.span.end), unverified=claim.unverified,
                    background=claim.background)
        if not claim.quantities:
            return [cls(**base)]
        return [cls(**base, category=q.category, victims=q.victims, low=q.low, high=q.high,
                    approximate=q.approximate, subset=q.subset, words=q.text,
                    words_span=(q.span.start, q.span.end))
                for q in claim.quantities]


class LinkPublic(Public):
    claim_id: str
    other_claim_id: str
    score: float
    reasons: list[str]


class _EventHead(Public):
    """The fields every shape of an event starts with (nested or flat)."""

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str | None = None


class EventPublic(_EventHead):
    """One event as every output shows it."""

    place: PlacePublic | None = None
    actors: list[ActorPublic] = Field(default_factory=list)
    status: str
    grade: str | None = None
    unverified: bool = False
    status_reason: str = ""
    estimates: dict[str, EstimatePublic] = Field(default_factory=dict)
    claims: list[ClaimEntry] = Field(default_factory=list)
    updated_at: datetime | None = None
    review_status: str = Field("unreviewed", description="unreviewed, in_review, verified or rejected")
    review: ReviewPublic | None = None

    @classmethod
    def of(cls, event: Event, docs: Mapping[str, Document]) -> "EventPublic":
        return cls(**_event_fields(event, docs))

    def to_json(self) -> dict[str, Any]:
        """The JSON object."""
        return self.model_dump(mode="json")


class EventDetail(EventPublic):
    """One event with why its claims were linked (``show``, ``GET /api/events/{id}``)."""

    links: list[LinkPublic] = Field(default_factory=list)

    @classmethod
    def of(cls, event: Event, docs: Mapping[str, Document]) -> "EventDetail":
        return cls(**_event_fields(event, docs),
                   links=[LinkPublic(**lr.model_dump()) for lr in event.links])


def _event_fields(event: Event, docs: Mapping[str, Document]) -> dict[str, Any]:
    marks = event.review.claim_marks if event.review else {}
    return dict(
        id=event.id, event_type=event.event_type, sub_event_type=event.sub_event_type,
        date_start=event.date_start, date_end=event.date_end,
        date_precision=event.date_precision, place=PlacePublic.of(event.place),
        actors=[ActorPublic(name=a.name, role=a.role) for a in _unique_actors(event)],
        status=event.status, grade=event.grade, unverified=event.unverified,
        status_reason=event.status_reason,
        estimates={k: EstimatePublic.of(v) for k, v in sorted(event.estimates.items())},
        claims=[e for c in event.claims
                for e in ClaimEntry.entries(c, docs.get(c.document_id), event.id, marks.get(c.id))],
        updated_at=event.updated_at,
        review_status=event.review.status if event.review else "unreviewed",
        review=ReviewPublic.of(event.review))


class EventsPage(Public):
    total: int
    limit: int
    offset: int
    items: list[EventPublic]


class EventRow(_EventHead):
    """The one flat row of an event: CSV, the DataFrames and Parquet's event columns."""

    place: str | None = Field(default=None, description="place name")
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place_precision: int | None = None
    status: str | None = None
    grade: str | None = None
    unverified: bool = False
    status_reason: str = ""
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    n_claims: int = Field(0, description="distinct claims (a claim may carry several figures)")
    actors: str = Field("", description='"name (role); ..."')
    claimants: str = Field("", description='distinct claimants, "; "-joined; "(outlet)" for the outlet itself')
    review_status: str = "unreviewed"
    corrected_fields: str = Field("", description='fields an analyst corrected, "; "-joined')
    new_since_review: bool = False

    @classmethod
    def of(cls, e: EventPublic | dict) -> "EventRow":
        """The flat row of an event, typed or in its JSON form."""
        d = e.to_json() if isinstance(e, EventPublic) else e
        p = d.get("place") or {}
        k = (d.get("estimates") or {}).get("killed") or {}
        claims = d.get("claims") or []
        review = d.get("review") or {}
        return cls(
            id=d["id"], event_type=d.get("event_type"), sub_event_type=d.get("sub_event_type"),
            date_start=d.get("date_start"), date_end=d.get("date_end"),
            date_precision=d.get("date_precision"), place=p.get("name"), admin1=p.get("admin1"),
            admin2=p.get("admin2"), country=p.get("country"), latitude=p.get("latitude"),
            longitude=p.get("longitude"), place_precision=p.get("precision"),
            status=d.get("status"), grade=d.get("grade"), unverified=bool(d.get("unverified")),
            status_reason=d.get("status_reason") or "", killed_low=k.get("low"),
            killed_best=k.get("best"), killed_high=k.get("high"),
            n_claims=len({c["claim_id"] for c in claims}),
            actors="; ".join(f"{a['name']} ({a['role']})" for a in d.get("actors") or []),
            claimants="; ".join(sorted({c["claimant"] or "(outlet)" for c in claims})),
            review_status=d.get("review_status") or "unreviewed",
            corrected_fields="; ".join(sorted(review.get("corrected") or {})),
            new_since_review=bool(review.get("new_since_review")))


ROW_COLUMNS: list[str] = list(EventRow.model_fields)


def event_json(event: Event, docs: Mapping[str, Document], *, links: bool = False) -> dict:
    """The JSON form of :class:`EventPublic` (:class:`EventDetail` with ``links``)."""
    return (EventDetail if links else EventPublic).of(event, docs).to_json()


def claim_entries(claim: Claim, doc: Document | None, event_id: str | None = None) -> list[dict]:
    """The JSON form of a claim's :class:`ClaimEntry` records."""
    return [e.model_dump(mode="json") for e in ClaimEntry.entries(claim, doc, event_id)]


def _unique_actors(event: Event) -> Iterable:
    seen = set()
    for a in event.actors:
        if (a.name, a.role) not in seen:
            seen.add((a.name, a.role))
            yield a


def documents_for(events: Iterable[Event], store) -> dict[str, Document]:
    ids = sorted({c.document_id for e in events for c in e.claims})
    return {d.id: d for d in store.documents(ids=ids)} if ids else {}


__all__ = ["ROW_COLUMNS", "ActorPublic", "ClaimEntry", "EstimatePublic", "EventDetail",
           "EventPublic", "EventRow",
           "EventsPage", "LinkPublic", "PlacePublic", "claim_entries", "documents_for",
           "event_json"]
