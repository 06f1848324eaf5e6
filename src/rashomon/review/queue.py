"""The review queue: which events an analyst should look at first.

Contested events first (the parties disagree), then single-side events (every figure rests on
one party's word: "militant claim only", "official figure only"), then the rest; newest first
within each group. Events flagged "new since review" count as contested-level urgent: a reviewed
event that new reports joined needs another look.
"""

from __future__ import annotations

from rashomon.errors import ConfigError
from rashomon.models import REVIEW_STATUSES, Event

SINGLE_SIDE = ("militant claim only", "official figure only")


def urgency(e: Event) -> int:
    """0 contested or new since review, 1 single-side, 2 other."""
    if e.status == "contested" or (e.review is not None and e.review.new_since_review):
        return 0
    if any(est.basis in SINGLE_SIDE for est in e.estimates.values()):
        return 1
    return 2


def review_queue(store, status: str | None = None, limit: int | None = 50) -> list[Event]:
    """Events in review order, optionally only those of one review status."""
    if status is not None and status not in REVIEW_STATUSES:
        raise ConfigError(f"Unknown review status '{status}'.", code="E600",
                          hint=f"Use one of: {', '.join(REVIEW_STATUSES)}.")
    found = store.review_candidates(status)
    found.sort(key=lambda e: (-(e.date_start.toordinal() if e.date_start else 0), e.id))
    found.sort(key=urgency)
    return found[:limit] if limit else found
