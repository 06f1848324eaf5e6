"""Events of a single document, without a database (for ``rashomon extract`` and the API)."""

from __future__ import annotations

from rashomon.contract import event_json
from rashomon.extract.pipeline import extract_claims
from rashomon.models import Document
from rashomon.packs import KnowledgePack
from rashomon.relink import consolidate_new


def document_events(doc: Document, pack: KnowledgePack) -> list[dict]:
    """Extract the document's claims, link them within the document, and return contract JSON."""
    claims = extract_claims(doc, pack)
    events = consolidate_new(claims, {doc.id: doc}, pack)
    return [event_json(e, {doc.id: doc}) for e in events]
