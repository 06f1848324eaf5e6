"""What the linker reads of what is already stored: whole documents' linkable claims near some
dates, the documents of some events, those events' link reasons, document metadata, analyst
decisions. ``store`` implements it over SQL (``store.session``) and in memory
(``store.memory``); ``link`` never imports ``store``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import NamedTuple, Protocol

from rashomon.models import Claim, Decisions, DocumentInfo, LinkReason


class StoredClaim(NamedTuple):
    """A stored claim and the event that holds it (None: in no event)."""

    claim: Claim
    event_id: str | None


class LinkSource(Protocol):
    """Read access to stored claims, for ``link.relink``. Every method returns *whole
    documents*: all linkable claims (event type set) of each document it selects, so that the
    units (document + frame) built from them are complete."""

    def linkable_claims(self, windows: Sequence[tuple[date, date]], incidents: Collection[str],
                        lookback_days: int) -> list[StoredClaim]:
        """Documents with a linkable claim whose date overlaps a window, or with undated
        linkable claims and a publication date in ``[start, end + lookback_days]``, or naming
        one of ``incidents`` (case-folded)."""
        ...

    def event_documents(self, event_ids: Collection[str]) -> list[StoredClaim]:
        """Documents holding a claim of one of these events."""
        ...

    def event_links(self, event_ids: Collection[str]) -> dict[str, list[LinkReason]]:
        """The stored link reasons of these events."""
        ...

    def docinfo(self, doc_ids: Collection[str]) -> dict[str, DocumentInfo]:
        ...

    def decisions(self) -> Decisions:
        ...


class EmptySource:
    """Nothing stored: linking a set of claims among themselves."""

    def linkable_claims(self, windows, incidents, lookback_days) -> list[StoredClaim]:
        return []

    def event_documents(self, event_ids) -> list[StoredClaim]:
        return []

    def event_links(self, event_ids) -> dict[str, list[LinkReason]]:
        return {}

    def docinfo(self, doc_ids) -> dict[str, DocumentInfo]:
        return {}

    def decisions(self) -> Decisions:
        return Decisions()
