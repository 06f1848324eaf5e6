"""Typed records that travel between pipeline stages.

The flow is: Document -> (extract) -> Claim -> (link) -> Event (with Estimates and a status).
Every value extracted from text carries the character span it came from, measured in the
document's ``text``; ``quote == text[start:end]`` always holds. Unknown stays ``None``.

Precision codes for places follow UCDP's ``where_prec`` (see ``docs/contract.md``):

====  =================================================================
code  meaning
====  =================================================================
1     exact location (a town, village or named site, with coordinates)
2     within ~25 km of a known point ("near X", "outskirts of X")
3     second-order administrative unit (district) known; district centroid
4     first-order administrative unit (province) known; province centroid
5     a named region / part of a country (e.g. "Bolan region", "Makran coast")
6     only the country is known; country centroid
7     international waters / airspace or unresolvable (no coordinates)
====  =================================================================
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DatePrecision = Literal["day", "week", "month", "year"]
ActorRole = Literal["perpetrator", "target", "responder", "other"]


class Hedge(str, Enum):
    """How strongly the text commits to a claim (weakest commitment wins)."""

    asserted = "asserted"  # stated as fact by the reporting outlet
    attributed = "attributed"  # "X said ...": a named source speaks
    reported = "reported"  # "reportedly", "according to reports" (no named source)
    alleged = "alleged"  # "X claimed", "allegedly"
    denied = "denied"  # "X denied ..."
    unverified = "unverified"  # the text says it could not be verified


class ActorKind(str, Enum):
    state_force = "state force"
    armed_group = "armed group"
    civilians = "civilians"
    foreign_nationals = "foreign nationals"
    officials = "officials"
    media = "media"
    organisation = "organisation"
    other = "other"


class Record(BaseModel):
    """Base for all records: immutable-by-convention, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError("span end before start")
        return self


# --------------------------------------------------------------------------- documents


class DocumentBase(Record):
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = "en"


class DocumentCreate(DocumentBase):
    """What a reader hands to the pipeline: text plus metadata, before hashing."""

    text: str
    source: str | None = None  # where it came from: a path, "path:line 3", "<stdin>"
    external_id: str | None = None  # the id field of a JSON record, kept for reference


class Document(DocumentBase):
    id: str
    text: str
    external_id: str | None = None
    source: str | None = None

    @staticmethod
    def content_id(text: str) -> str:
        """Content hash: the same text always gets the same id (idempotent ingest)."""
        return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_create(cls, doc: DocumentCreate) -> "Document":
        return cls(id=cls.content_id(doc.text), **doc.model_dump())


# --------------------------------------------------------------------------- knowledge


class Actor(Record):
    """An entry of a knowledge pack."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    parent: str | None = None  # e.g. "Majeed Brigade" -> "Baloch Liberation Army"
    side: Literal["state", "armed group", "civilians", "foreign", "other"] = "other"
    speaks_for: str | None = None  # spokesmen, media wings, officials: ISPR -> "Pakistan Army"


class Place(Record):
    name: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = Field(default=7, ge=1, le=7)
    geonameid: int | None = None


# --------------------------------------------------------------------------- claims


class DateInfo(Record):
    start: date
    end: date
    precision: DatePrecision
    text: str  # the words used ("on Tuesday", "March 11, 2025")
    span: Span | None = None
    resolved_from: Literal["absolute", "publication", "context", "none"] = "absolute"


class PlaceMention(Record):
    place: Place
    text: str
    span: Span


class ActorMention(Record):
    name: str  # canonical name, or the generic word when unresolved ("militants")
    kind: ActorKind | None = None
    role: ActorRole = "other"
    text: str
    span: Span
    generic: bool = False


class Quantity(Record):
    category: str  # killed, injured, hostages, abducted, rescued, passengers, arrested, ...
    victims: str | None = None  # victim group: soldiers, passengers, insurgents, Chinese nationals
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    text: str  # the words used ("over 200", "dozens")
    span: Span

    @model_validator(mode="after")
    def _range(self) -> "Quantity":
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError("quantity high below low")
        return self


class Claim(Record):
    id: str = ""
    document_id: str
    span: Span  # the evidence sentence
    quote: str
    claimant: str | None = None  # who says so; None = the outlet itself
    claimant_span: Span | None = None
    hedge: Hedge = Hedge.asserted
    event_type: str | None = None
    sub_event_type: str | None = None
    trigger: str | None = None
    trigger_span: Span | None = None
    date: DateInfo | None = None
    place: Place | None = None
    place_span: Span | None = None
    actors: list[ActorMention] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    unverified: bool = False
    contested_in_text: bool = False  # the text itself speaks of conflicting accounts
    background: bool = False  # mentions an earlier incident in passing
    incident: str | None = None  # a name the text gives the incident ("Jaffar Express")
    frame: int | None = None  # claims of one document with the same frame describe one incident
    notes: list[str] = Field(default_factory=list)  # why a value is null, etc.

    @model_validator(mode="after")
    def _ensure_id(self) -> "Claim":
        if not self.id:
            key = f"{self.document_id}:{self.span.start}:{self.span.end}:{self.trigger_span.start if self.trigger_span else -1}"
            self.id = "c_" + hashlib.sha256(key.encode()).hexdigest()[:14]
        return self


# --------------------------------------------------------------------------- events


class Estimate(Record):
    category: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    conservative: int | None = None  # ACLED-style: lowest figure reported as fact
    by_side: dict[str, int] = Field(default_factory=dict)
    claim_ids: list[str] = Field(default_factory=list)
    superseded_claim_ids: list[str] = Field(default_factory=list)
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

    @staticmethod
    def id_for(claim_ids: list[str]) -> str:
        """Deterministic: the event is named after its smallest claim id."""
        return "e_" + hashlib.sha256(min(claim_ids).encode()).hexdigest()[:12]


__all__ = [
    "Actor",
    "ActorKind",
    "ActorMention",
    "ActorRole",
    "Claim",
    "DateInfo",
    "DatePrecision",
    "Document",
    "DocumentCreate",
    "Estimate",
    "Event",
    "Hedge",
    "LinkReason",
    "Place",
    "PlaceMention",
    "Quantity",
    "Span",
]


def now_utc() -> datetime:
    return datetime.utcnow().replace(microsecond=0)
