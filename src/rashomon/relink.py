"""Bridge between the store and the linker: which existing events a new document may join.

Called inside the document's transaction, so a document, its claims and the events they change
are committed together or not at all. The linker (``rashomon.link``) builds the touched events
with their estimates and status.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Connection

from rashomon.estimate import claimant_kinds, estimate_event
from rashomon.link import actor_parents, link_claims
from rashomon.link.keys import ClaimContext, DocumentInfo
from rashomon.link.settings import LinkSettings
from rashomon.models import Claim, Document, Event
from rashomon.packs import KnowledgePack
from rashomon.status import assess

# How far around a new claim's dates existing events are loaded as candidates. Wider than any
# date tolerance of the linker, so no candidate it could accept is missed.
CANDIDATE_WINDOW = timedelta(days=45)


def docinfo(doc: Document) -> DocumentInfo:
    return DocumentInfo(id=doc.id, published=doc.published, outlet=doc.outlet, url=doc.url)


def contexts(claims: list[Claim], docs: dict[str, DocumentInfo]) -> list[ClaimContext]:
    out = []
    for c in claims:
        d = docs.get(c.document_id)
        out.append(ClaimContext(claim=c, published=d.published if d else None,
                                outlet=d.outlet if d else None, url=d.url if d else None))
    return out


def consolidate_new(claims: list[Claim], docs: dict[str, Document],
                    pack: KnowledgePack | None = None) -> list[Event]:
    """Link claims among themselves only (no database): used by ``rashomon extract``."""
    infos = {k: docinfo(d) for k, d in docs.items()}
    parents = actor_parents(pack) if pack else None
    events = link_claims(contexts(claims, infos), [], parents=parents)
    return rederive(events, infos, claimant_kinds(pack) if pack else None)


def rederive(events: list[Event], infos: dict[str, DocumentInfo], kinds: dict | None) -> list[Event]:
    """Recompute estimates and status with the metadata of EVERY document an event cites (the
    linker only knows the new documents') and the pack's claimant kinds."""
    for e in events:
        e.estimates = estimate_event(e, infos, kinds)
        e.status, e.grade, e.unverified, e.status_reason = assess(e, infos, kinds=kinds)
    return events


def candidate_window(claims: list[Claim]) -> tuple[date | None, date | None]:
    starts = [c.date.start for c in claims if c.date]
    ends = [c.date.end for c in claims if c.date]
    if not starts:
        return None, None
    return min(starts) - CANDIDATE_WINDOW, max(ends) + CANDIDATE_WINDOW


def make_linker(pack: KnowledgePack, settings: LinkSettings | None = None):
    """A ``Store.add_document`` linker for this pack."""
    from rashomon.store.decisions import load_decisions
    from rashomon.store.docinfo import load_docinfo
    from rashomon.store.store import events_in_window

    parents = actor_parents(pack)
    kinds = claimant_kinds(pack)

    def linker(conn: Connection, doc: Document, claims: list[Claim]) -> list[Event]:
        start, end = candidate_window(claims)
        existing = events_in_window(conn, start, end) if start else []
        infos = load_docinfo(conn, {c.document_id for e in existing for c in e.claims})
        infos[doc.id] = docinfo(doc)
        touched = link_claims(contexts(claims, infos), existing, load_decisions(conn), settings,
                              parents=parents)
        infos.update(load_docinfo(conn, {c.document_id for e in touched for c in e.claims} - set(infos)))
        return rederive(touched, infos, kinds)

    return linker
