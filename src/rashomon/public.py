"""The events JSON contract (``docs/contract.md``): the one shape every output shares.

``rashomon events --format json``, ``GET /api/events``, the ``json``/``jsonl``/``geojson``
exports and ``rashomon extract`` all build their event objects with :func:`event_json`, so the
contract is defined exactly once. Each claim figure is one entry of ``claims``: a claim with two
figures (rescued most passengers, killed 33 insurgents) gives two entries with the same quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rashomon.models import Claim, Document, Event


def place_json(place) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "admin1": place.admin1, "admin2": place.admin2,
            "country": place.country, "latitude": place.latitude, "longitude": place.longitude,
            "precision": place.precision}


def claim_entries(claim: Claim, doc: Document | None, event_id: str | None = None) -> list[dict]:
    """One entry per figure of the claim (one with null figures when it has none)."""
    base = {
        "claim_id": claim.id, "event_id": event_id, "claimant": claim.claimant,
        "hedge": claim.hedge.value, "quote": claim.quote, "document_id": claim.document_id,
        "source_url": doc.url if doc else None, "outlet": doc.outlet if doc else None,
        "published": doc.published.isoformat() if doc and doc.published else None,
        "span": [claim.span.start, claim.span.end], "unverified": claim.unverified,
        "background": claim.background,
    }
    figures = [{"category": q.category, "victims": q.victims, "low": q.low, "high": q.high,
                "approximate": q.approximate, "words": q.text,
                "words_span": [q.span.start, q.span.end]} for q in claim.quantities]
    if not figures:
        figures = [{"category": None, "victims": None, "low": None, "high": None,
                    "approximate": False, "words": None, "words_span": None}]
    return [{**base, **f} for f in figures]


def estimate_json(est) -> dict:
    return {"low": est.low, "best": est.best, "high": est.high, "conservative": est.conservative,
            "by_side": est.by_side, "claim_ids": est.claim_ids,
            "superseded_claim_ids": est.superseded_claim_ids, "derivation": est.derivation}


def event_json(event: Event, docs: Mapping[str, Document], *, links: bool = False) -> dict:
    out = {
        "id": event.id, "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision, "place": place_json(event.place),
        "actors": [{"name": a.name, "role": a.role} for a in _unique_actors(event)],
        "status": event.status, "grade": event.grade, "unverified": event.unverified,
        "status_reason": event.status_reason,
        "estimates": {k: estimate_json(v) for k, v in sorted(event.estimates.items())},
        "claims": [e for c in event.claims for e in claim_entries(c, docs.get(c.document_id), event.id)],
        "updated_at": event.updated_at.isoformat() if event.updated_at else None,
    }
    if links:
        out["links"] = [lr.model_dump(mode="json") for lr in event.links]
    return out


def _unique_actors(event: Event) -> Iterable:
    seen = set()
    for a in event.actors:
        if (a.name, a.role) not in seen:
            seen.add((a.name, a.role))
            yield a


def documents_for(events: Iterable[Event], store) -> dict[str, Document]:
    ids = sorted({c.document_id for e in events for c in e.claims})
    return {d.id: d for d in store.documents(ids=ids)} if ids else {}
