"""The review columns every tabular export appends: the analysts' review status and which
fields they corrected (the corrected values themselves already stand in the event)."""

from __future__ import annotations

from rashomon.models import Event

REVIEW_COLUMNS = ["review_status", "corrected_fields"]


def review_columns(event: Event) -> dict[str, str]:
    r = event.review
    return {"review_status": r.status if r else "unreviewed",
            "corrected_fields": "; ".join(sorted(r.corrected)) if r else ""}


def corrected_killed(event: Event) -> int | None:
    """An analyst's killed figure for a one-number column (ACLED's fatalities): the corrected
    low (ACLED counts conservatively), else the corrected best; ``None`` when not corrected."""
    if event.review is None:
        return None
    for name in ("killed.low", "killed.best"):
        if name in event.review.corrected:
            return int(event.review.corrected[name])
    return None
