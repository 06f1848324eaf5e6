"""The base record, spans, and the small vocabularies every other record uses."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DatePrecision = Literal["day", "week", "month", "year"]
# Finest first: the one ordering of date precisions (linking, framing and dates all use it).
PRECISION_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
NO_DATE_RANK = 4  # a unit without any date sorts after every precision
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


def now_utc() -> datetime:
    """Now in UTC, to the second, without tzinfo (how the database stores stamps)."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)
