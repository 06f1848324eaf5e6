"""Bridge between the store and the linker: which existing events a new document may join.

Called inside the document's transaction, so a document, its claims and the events they change
are committed together or not at all. The linker (``rashomon.link``) builds the touched events
with their estimates and status.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Connection

from rashomon.estimate import claimant_kinds
from rashomon.link import actor_parents, link_claims
from rashomon.link.keys import ClaimContext, DocumentInfo
from rashomon.link.settings import Decisions, LinkSettings
from rashomon.models import Claim, Document, Event
from rashomon.packs import KnowledgePack

# How far around a new claim's dates existing events are loaded as candidates. Wider than any
# date tolerance of the linker (1 day, 3 for a named incident; coarse dates are ranges already)
# so no candidate it could accept is missed, and narrow because loading candidates is the main
# cost of storing a document in a dense archive.
CANDIDATE_WINDOW = timedelta(days=7)


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
    return link_claims(contexts(claims, infos), [], parents=parents, docinfo=infos,
                       kinds=claimant_kinds(pack) if pack else None)


# Events this close in time and in the same province as a new claim are clustered again with
# it: the batch the linker would have formed had the documents arrived in another order.
NEIGHBOUR_DAYS = 3


def neighbours(existing: list[Event], claims: list[Claim], taken: set[str],
               infos: dict[str, DocumentInfo]) -> list[Event]:
    spots = []
    for c in claims:
        pub = infos[c.document_id].published if c.document_id in infos else None
        start, end = (c.date.start, c.date.end) if c.date else (
            (pub - timedelta(days=7), pub) if pub else (None, None))  # undated: the week before publication
        if start is not None:
            spots.append((start, end, c.place.admin1 if c.place else None))
    out = []
    for e in existing:
        first, last = _event_span(e, infos)
        if e.id in taken or first is None:
            continue
        a1 = e.place.admin1 if e.place else None
        if any(first <= end + timedelta(days=NEIGHBOUR_DAYS)
               and last >= start - timedelta(days=NEIGHBOUR_DAYS)
               and (a1 is None or p is None or a1 == p) for start, end, p in spots):
            out.append(e)
    return out


def _event_span(e: Event, infos: dict[str, DocumentInfo]) -> tuple[date | None, date | None]:
    """An event's dates; for an undated event, the week before its reports' publication."""
    if e.date_start is not None:
        return e.date_start, e.date_end or e.date_start
    pubs = [infos[c.document_id].published for c in e.claims
            if c.document_id in infos and infos[c.document_id].published]
    return (min(pubs) - timedelta(days=7), max(pubs)) if pubs else (None, None)


def unlinked_background(conn: Connection, start: date, end: date) -> list[Claim]:
    """Background claims in the window that no event holds yet."""
    from sqlalchemy import select

    from rashomon.store.schema import claims as t

    q = select(t.c.payload).where(t.c.event_id.is_(None), t.c.background.is_(True),
                                  t.c.date_start <= end, t.c.date_end >= start)
    return [Claim.model_validate(r.payload) for r in conn.execute(q)]


def recluster(touched: list[Event], existing_ids: set[str], decisions: Decisions,
              infos: dict[str, DocumentInfo], settings: LinkSettings | None, parents,
              waiting: list[Claim] = (), kinds: dict | None = None
              ) -> tuple[list[Event], list[Event], list[str]]:
    """Cluster again, in one batch, the claims of every unlocked event the new document touched.

    Placing documents one at a time makes the result depend on the order they arrived in; a
    batch over the touched events' claims does not (the linker orders a batch by date and id),
    and costs only the size of those events, not of the database. Locked events (analyst
    decisions) are kept as they are. Returns (kept, re-clustered, ids of replaced events)."""
    locked = [e for e in touched if e.locked or e.id in decisions.locked]
    free = [e for e in touched if not (e.locked or e.id in decisions.locked)]
    if not waiting and not any(e.id in existing_ids for e in free):
        return locked, free, []  # only new events, no neighbours: already what a batch gives
    pool = [c for e in free for c in e.claims]
    held = {c.id for c in pool} | {c.id for e in locked for c in e.claims}
    pool += [c for c in waiting if c.id not in held] if pool else []
    redone = link_claims(contexts(pool, infos), [], decisions, settings, parents=parents,
                         docinfo=infos, kinds=kinds) if pool else []
    new_ids = {e.id for e in redone}
    stale = sorted({e.id for e in free if e.id in existing_ids} - new_ids)
    return locked, redone, stale


def candidate_window(claims: list[Claim], published: date | None = None
                     ) -> tuple[date | None, date | None]:
    """Dates around which existing events may match; undated claims count as published."""
    starts = [c.date.start for c in claims if c.date] + ([published] if published and any(
        c.date is None for c in claims) else [])
    ends = [c.date.end for c in claims if c.date] + ([published] if published else [])
    if not starts:
        return None, None
    return min(starts) - CANDIDATE_WINDOW, max(ends) + CANDIDATE_WINDOW


def make_linker(pack: KnowledgePack, settings: LinkSettings | None = None):
    """A ``Store.add_document`` linker for this pack."""
    from rashomon.store.decisions import load_decisions
    from rashomon.store.docinfo import load_docinfo
    from rashomon.store.store import drop_events, events_in_window

    parents = actor_parents(pack)
    kinds = claimant_kinds(pack)

    def linker(conn: Connection, doc: Document, claims: list[Claim]) -> list[Event]:
        start, end = candidate_window(claims, doc.published)
        existing = events_in_window(conn, start, end) if start else []
        infos = load_docinfo(conn, {c.document_id for e in existing for c in e.claims})
        infos[doc.id] = docinfo(doc)
        decisions = load_decisions(conn)
        first = link_claims(contexts(claims, infos), existing, decisions, settings, parents=parents,
                            docinfo=infos, kinds=kinds)
        # background mentions that arrived before the report they mention get another chance
        waiting = unlinked_background(conn, start, end) if start and first else []
        infos.update(load_docinfo(conn, {c.document_id for c in waiting} - set(infos)))
        near = neighbours(existing, claims, {e.id for e in first}, infos)
        kept, redone, stale = recluster(first + near, {e.id for e in existing}, decisions, infos,
                                        settings, parents, waiting, kinds)
        drop_events(conn, stale)
        return kept + redone

    return linker
