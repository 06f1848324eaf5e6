"""Stage 4, assessment: what the linked claims of an event add up to.

Per event, the estimates of every figure category (``estimate``: low/best/high,
conservative, by side, the derivation in words) and the status (``status``: single-source,
corroborated, contested; grade; unverified); per claimant, the track record (``claimants``).
It runs after linking, on the events linking changed, and never changes membership.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rashomon.assess.estimate import claimant_kinds, estimate_event
from rashomon.assess.status import StatusSettings, assess
from rashomon.models import DocumentInfo, Event

__all__ = ["StatusSettings", "assess", "assess_event", "assess_events", "claimant_kinds",
           "estimate_event"]


def assess_event(event: Event, docinfo: Mapping[str, DocumentInfo] | None = None,
                 kinds: Mapping[str, str] | None = None,
                 settings: StatusSettings | None = None) -> Event:
    """Fill ``event``'s estimates, status, grade, unverified flag and reason; returns it.

    ``docinfo``: document id -> metadata of every document its claims cite (publication order
    and outlet independence); ``kinds``: claimant -> actor kind (:func:`claimant_kinds`)."""
    event.estimates = estimate_event(event, docinfo, kinds)
    a = assess(event, docinfo, settings, kinds)
    event.status, event.grade, event.unverified, event.status_reason = (
        a.status, a.grade, a.unverified, a.reason)
    return event


def assess_events(events: Iterable[Event], docinfo: Mapping[str, DocumentInfo] | None = None,
                  kinds: Mapping[str, str] | None = None,
                  settings: StatusSettings | None = None) -> list[Event]:
    return [assess_event(e, docinfo, kinds, settings) for e in events]
