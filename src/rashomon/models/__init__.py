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

from rashomon.models.base import (
                                  NO_DATE_RANK,
                                  PRECISION_RANK,
                                  ActorKind,
                                  ActorRole,
                                  DatePrecision,
                                  Hedge,
                                  Record,
                                  Span,
                                  now_utc,
)
from rashomon.models.claims import ActorMention, Claim, DateInfo, PlaceMention, Quantity
from rashomon.models.documents import (
                                  Document,
                                  DocumentBase,
                                  DocumentCreate,
                                  DocumentInfo,
                                  extraction_end,
)
from rashomon.models.events import (
    STATUS_VALUES,
    Assessment,
    Decisions,
    Estimate,
    Event,
    LinkReason,
)
from rashomon.models.knowledge import Actor, Place
from rashomon.models.review import (
                                  CLAIM_MARKS,
                                  EVENT_FIELDS,
                                  FIGURE_PARTS,
                                  REVIEW_STATUSES,
                                  ROLES,
                                  EventReview,
                                  HistoryEntry,
                                  ReviewChange,
                                  User,
)
from rashomon.models.reference import ReferenceDataset, ReferenceEvent, ReferenceKind

__all__ = [
    "CLAIM_MARKS", "EVENT_FIELDS", "FIGURE_PARTS", "REVIEW_STATUSES", "ROLES", "STATUS_VALUES", "EventReview",
    "HistoryEntry", "ReviewChange", "User",
    "Actor", "ActorKind", "Assessment", "ActorMention", "ActorRole", "Claim", "DateInfo", "DatePrecision",
    "Decisions", "Document", "DocumentBase", "DocumentCreate", "DocumentInfo", "Estimate", "Event",
    "extraction_end",
    "Hedge", "LinkReason", "NO_DATE_RANK", "PRECISION_RANK", "Place", "PlaceMention", "Quantity",
    "Record", "ReferenceDataset", "ReferenceEvent", "ReferenceKind", "Span", "now_utc",
]
