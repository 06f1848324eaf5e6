"""Conversions between records and table rows (the only place that knows both)."""

from __future__ import annotations

from datetime import datetime

from rashomon.models import Claim, Document, Event, now_utc


def document_row(doc: Document, n_claims: int) -> dict:
    row = doc.model_dump(mode="python")
    row["n_claims"] = n_claims
    row["ingested_at"] = now_utc()
    return row


def document_from_row(r) -> Document:
    m = dict(r._mapping)
    return Document(id=m["id"], url=m.get("url"), outlet=m.get("outlet"), title=m.get("title"),
                    published=m.get("published"), language=m.get("language"),
                    text=m.get("text") or "", source=m.get("source"),
                    external_id=m.get("external_id"))


def claim_row(c: Claim) -> dict:
    return {
        "id": c.id, "document_id": c.document_id, "event_id": None,
        "start": c.span.start, "end": c.span.end, "claimant": c.claimant,
        "hedge": c.hedge.value, "event_type": c.event_type, "sub_event_type": c.sub_event_type,
        "date_start": c.date.start if c.date else None, "date_end": c.date.end if c.date else None,
        "admin1": c.place.admin1 if c.place else None, "admin2": c.place.admin2 if c.place else None,
        "background": c.background, "incident": c.incident.casefold() if c.incident else None,
        "payload": c.model_dump(mode="json"),
    }


def event_row(e: Event, stamp: datetime) -> dict:
    p = e.place
    killed = e.estimates.get("killed")
    payload = e.model_dump(mode="json", exclude={"claims"})
    payload["updated_at"] = stamp.isoformat()
    return {
        "id": e.id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "date_start": e.date_start, "date_end": e.date_end, "date_precision": e.date_precision,
        "place_name": p.name if p else None, "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None, "country": p.country if p else None,
        "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "place_precision": p.precision if p else None, "status": e.status, "grade": e.grade,
        "unverified": e.unverified, "killed_best": killed.best if killed else None,
        "killed_low": killed.low if killed else None, "killed_high": killed.high if killed else None,
        "n_claims": len(e.claims), "n_documents": len({c.document_id for c in e.claims}),
        "locked": e.locked, "updated_at": stamp, "payload": payload,
        "review_status": e.review.status if e.review else "unreviewed",
    }


def actor_rows(e: Event) -> list[dict]:
    seen = {(a.name, a.role) for a in e.actors}
    return [{"event_id": e.id, "name": n, "role": r} for n, r in sorted(seen)]


def event_from_row(payload: dict, updated_at: datetime | None) -> Event:
    ev = Event.model_validate({**payload, "claims": []})
    ev.updated_at = updated_at
    return ev
