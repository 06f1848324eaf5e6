"""Events: linked claims with their consolidated fields, estimates and status; analyst
decisions that linking must respect."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from pydantic import Field

from rashomon.models.base import DatePrecision, Record
from rashomon.models.claims import ActorMention, Claim
from rashomon.models.knowledge import Place
from rashomon.models.review import EventReview


class Estimate(Record):
    category: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    conservative: int | None = None  # ACLED-style: lowest figure reported as fact
    by_side: dict[str, int] = Field(default_factory=dict)
    claim_ids: list[str] = Field(default_factory=list)
    superseded_claim_ids: list[str] = Field(default_factory=list)
    basis: str | None = None  # "militant claim only", "official figure only", "parties only"
    derivation: str = ""


class LinkReason(Record):
    claim_id: str
    other_claim_id: str
    score: float
    reasons: list[str]


class Event(Record):
    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    place: Place | None = None
    actors: list[ActorMention] = Field(default_factory=list)
    status: str = "single-source"
    grade: str | None = None  # Airwars-style: confirmed, fair, weak, contested, discounted
    unverified: bool = False
    status_reason: str = ""
    estimates: dict[str, Estimate] = Field(default_factory=dict)
    claims: list[Claim] = Field(default_factory=list)
    links: list[LinkReason] = Field(default_factory=list)
    updated_at: datetime | None = None
    locked: bool = False  # an analyst decision fixes its membership
    review: EventReview | None = None  # the analyst's review and corrections (models.review)

    @staticmethod
    def id_for(claim_ids: list[str]) -> str:
        """Deterministic: the event is named after its smallest claim id."""
        return "e_" + hashlib.sha256(min(claim_ids).encode()).hexdigest()[:12]


# The values of ``Event.status`` and ``Event.grade`` (``assess.status``): a filter on status
# accepts either, and anything else is an error rather than an empty result.
STATUSES = ("single-source", "corroborated", "contested")
GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
STATUS_VALUES = tuple(dict.fromkeys(STATUSES + GRADES))


class Assessment(Record):
    """What the status rules conclude about an event (``assess.status``)."""

    status: str = "single-source"  # single-source, corroborated, contested
    grade: str | None = None  # Airwars-style: confirmed, fair, weak, contested, discounted
    unverified: bool = False
    reason: str = ""


class Decisions(Record):
    """Analyst decisions that automatic linking must never undo.

    ``locked``: event id -> the claim ids it holds; membership is fixed (no claim is added or
    removed automatically; a new claim with one of these ids goes to that event).
    ``cannot_link``: (claim id, event id) pairs an analyst split apart.
    """

    locked: dict[str, list[str]] = Field(default_factory=dict)
    cannot_link: list[tuple[str, str]] = Field(default_factory=list)
