"""Records of reference datasets: an imported UCDP GED or ACLED file and its events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from rashomon.errors import Problem
from rashomon.models.base import DatePrecision, Record

ReferenceKind = Literal["ucdp", "acled"]


class ReferenceEvent(Record):
    """One event of a reference dataset, in a shape common to UCDP and ACLED.

    ``where_prec`` uses UCDP's codes (our place precision codes); ACLED's geo_precision 1/2/3
    become 1/2/4. ``raw`` keeps the source row as read (strings)."""

    dataset: str = ""
    ref_id: str
    line: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    event_type: str | None = None  # ACLED event type (None for UCDP)
    sub_event_type: str | None = None
    type_of_violence: int | None = None  # UCDP 1 state-based, 2 non-state, 3 one-sided
    side_a: str | None = None
    side_b: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    where_prec: int | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    raw: dict[str, str] = Field(default_factory=dict)


class ReferenceDataset(Record):
    name: str
    kind: ReferenceKind
    source: str | None = None
    imported_at: datetime | None = None
    n_events: int = 0
    problems: list[Problem] = Field(default_factory=list)
