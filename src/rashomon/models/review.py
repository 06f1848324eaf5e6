"""Analyst review: the append-only change records, the review state folded from them, users.

Every analyst action is a :class:`ReviewChange` (who, when, which field, old value, new value,
why); nothing is updated in place. The state of an event's review (:class:`EventReview`) is
read back from its changes, and it rides on the event (``Event.review``) so that every reader
of an event (public JSON, CLI, exports) sees the corrected values and says which are corrected.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from rashomon.models.base import Record

ReviewStatus = Literal["unreviewed", "in_review", "verified", "rejected"]
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "in_review", "verified", "rejected")
ClaimMark = Literal["verified", "false", "superseded"]
CLAIM_MARKS: tuple[str, ...] = ("verified", "false", "superseded")
Role = Literal["reader", "analyst", "admin"]
ROLES: tuple[str, ...] = ("reader", "analyst", "admin")  # each includes the rights of those before

# Event fields an analyst may correct; figures are "<category>.<low|best|high>" on top of these.
EVENT_FIELDS: tuple[str, ...] = ("date_start", "date_end", "event_type", "sub_event_type",
                                 "location", "admin1", "admin2", "latitude", "longitude", "actors")
FIGURE_PARTS: tuple[str, ...] = ("low", "best", "high")


class ReviewChange(Record):
    """One analyst action: ``field`` is "status", "assignee", "notes", a correctable field, or
    "mark" (with ``claim_id``); ``value`` ``None`` on a correction takes the correction back."""

    id: int | None = None
    event_id: str
    claim_id: str | None = None
    field: str
    old: Any = None
    new: Any = None
    who: str
    why: str | None = None
    at: datetime | None = None
    # for status changes: the claims the event held when it was reviewed ("new since review")
    claim_ids: list[str] = Field(default_factory=list)


class EventReview(Record):
    """An event's review, folded from its changes (latest value of each field wins)."""

    status: ReviewStatus = "unreviewed"
    assignee: str | None = None
    notes: str | None = None
    corrected: dict[str, Any] = Field(default_factory=dict)  # field -> the analyst's value
    computed: dict[str, Any] = Field(default_factory=dict)  # field -> what extraction said
    claim_marks: dict[str, ClaimMark] = Field(default_factory=dict)
    reviewed_claim_ids: list[str] = Field(default_factory=list)
    new_claim_ids: list[str] = Field(default_factory=list)  # joined after the last review
    reviewed_at: datetime | None = None

    @property
    def new_since_review(self) -> bool:
        return bool(self.new_claim_ids)


class HistoryEntry(Record):
    """One line of an event's history: a review change or a merge/split from the audit log."""

    at: datetime | None = None
    who: str
    action: str  # status, assignee, notes, correct, mark, merge, split
    field: str | None = None
    claim_id: str | None = None
    old: Any = None
    new: Any = None
    why: str | None = None
    event_ids: list[str] = Field(default_factory=list)


class User(Record):
    """An API user: the token itself is never stored, only a salted hash of it."""

    name: str
    role: Role
    created_at: datetime | None = None
    revoked: bool = False
