"""rashomon: conflict news in, a source-attributed event dataset out, every side's claims kept.

The public surface is listed in ``__all__`` (kept honest by ``tests/test_public_api.py``).
"""

from rashomon.database import ClaimList, Database, EventList, open
from rashomon.errors import (
                             ConfigError,
                             InputError,
                             NotFoundError,
                             Problem,
                             RashomonError,
                             StoreError,
)
from rashomon.extract.pipeline import extract_claims
from rashomon.ingest.engine import Engine, extract_events
from rashomon.models import (
                             Actor,
                             ActorKind,
                             ActorMention,
                             Claim,
                             DateInfo,
                             Document,
                             DocumentCreate,
                             Estimate,
                             Event,
                             Hedge,
                             LinkReason,
                             Place,
                             Quantity,
                             Span,
)
from rashomon.packs import KnowledgePack, load_pack
from rashomon.store import EventFilter, Store, open_store
from rashomon.store.memory import MemoryStore
from rashomon.version import __version__

__all__ = [
    "Actor", "ActorKind", "ActorMention", "Claim", "ClaimList", "ConfigError", "Database",
    "DateInfo", "Document", "DocumentCreate", "Engine", "Estimate", "Event", "EventFilter",
    "EventList", "MemoryStore", "extract_events",
    "Hedge", "InputError", "KnowledgePack", "LinkReason", "NotFoundError", "Place", "Problem",
    "Quantity", "RashomonError", "Span", "Store", "StoreError", "extract_claims", "load_pack",
    "open", "open_store", "__version__",
]
