"""Claims and the mentions they are assembled from (dates, places, actors, figures)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from rashomon.models.base import (
    ActorKind,
    ActorRole,
    DatePrecision,
    Hedge,
    Record,
    Span,
)
from rashomon.models.knowledge import Place


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
    # A part of an earlier figure of the same sentence ("11 people, including five women";
    # "18, five of them soldiers"): shown, never added to that figure in a total.
    subset: bool = False

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
