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


def unlinked_background(conn: Connection, windows: list[tuple[date, date]]) -> list[Claim]:
    """Background claims in the windows that no event holds yet."""
    from sqlalchemy import and_, or_, select

    from rashomon.store.schema import claims as t

    out: dict[str, Claim] = {}
    for i in range(0, len(windows), 50):
        near = or_(*(and_(t.c.date_start <= end, t.c.date_end >= start) for start, end in windows[i:i + 50]))
        q = select(t.c.id, t.c.payload).where(t.c.event_id.is_(None), t.c.background.is_(True), near)
        for r in conn.execute(q):
            out.setdefault(r.id, Claim.model_validate(r.payload))
    return list(out.values())


def recluster(touched: list[Event], existing_ids: set[str], decisions: Decisions,
              infos: dict[str, DocumentInfo], settings: LinkSettings | None, parents,
              waiting: list[Claim] = (), kinds: dict | None = None, stored: list[Event] = ()
              ) -> tuple[list[Event], list[Event], list[str]]:
    """Cluster again, in one batch, the claims of every unlocked event the new document touched.

    Placing documents one at a time makes the result depend on the order they arrived in; a
    batch over the touched events' claims does not (the linker orders a batch by date and id),
    and costs only the size of those events, not of the database. Locked events (analyst
    decisions) are kept as they are. ``stored``: touched events as the database holds them (the
    neighbours); one that comes out of the batch identical is not rebuilt nor returned, so it is
    not saved again. Returns (kept, re-clustered, ids of replaced events)."""
    locked = [e for e in touched if e.locked or e.id in decisions.locked]
    free = [e for e in touched if not (e.locked or e.id in decisions.locked)]
    if not waiting and not any(e.id in existing_ids for e in free):
        return locked, free, []  # only new events, no neighbours: already what a batch gives
    pool = [c for e in free for c in e.claims]
    held = {c.id for c in pool} | {c.id for e in locked for c in e.claims}
    pool += [c for c in waiting if c.id not in held] if pool else []
    unchanged = {frozenset(c.id for c in e.claims): e for e in stored}
    redone = link_claims(contexts(pool, infos), [], decisions, settings, parents=parents,
                         docinfo=infos, kinds=kinds, unchanged=unchanged) if pool else []
    new_ids = {e.id for e in redone}
    stale = sorted({e.id for e in free if e.id in existing_ids} - new_ids)
    same = {id(e) for e in stored}
    return locked, [e for e in redone if id(e) not in same], stale


def candidate_window(claims: list[Claim], published: date | None = None
                     ) -> tuple[date | None, date | None]:
    """Dates around which existing events may match; undated claims count as published."""
    starts = [c.date.start for c in claims if c.date] + ([published] if published and any(
        c.date is None for c in claims) else [])
    ends = [c.date.end for c in claims if c.date] + ([published] if published else [])
    if not starts:
        return None, None
    return min(starts) - CANDIDATE_WINDOW, max(ends) + CANDIDATE_WINDOW


def candidate_windows(docs: list[Document], claims: list[Claim]) -> list[tuple[date, date]]:
    """Each document's candidate window, overlapping or nearby ones merged (fewer, simpler
    queries; an event loaded in a gap is a harmless extra candidate)."""
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.document_id, []).append(c)
    spans = sorted(w for w in (candidate_window(by_doc.get(d.id, []), d.published) for d in docs)
                   if w[0] is not None)
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + CANDIDATE_WINDOW:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def make_linker(pack: KnowledgePack, settings: LinkSettings | None = None) -> "StoreLinker":
    """A ``Store.add_documents`` linker for this pack: links a batch's claims in one pass."""
    return StoreLinker(pack, settings)


class StoreLinker:
    """Links a batch of new documents' claims against the stored events near their dates.

    Keeps an :class:`~rashomon.store.cache.EventCache` between batches: the events it saved
    and the candidates it loaded are reused while their stored version is unchanged."""

    def __init__(self, pack: KnowledgePack, settings: LinkSettings | None = None) -> None:
        from rashomon.store.cache import EventCache

        self.settings = settings
        self.parents = actor_parents(pack)
        self.kinds = claimant_kinds(pack)
        self.cache = EventCache()
        self.seeds: dict = {}  # seed keys of stored event versions (``link_claims(seeds=)``)

    def saved(self, evs: list[Event]) -> None:
        """Called by the store after saving the events this linker returned."""
        for ev in evs:
            self.cache.put(ev)

    def __call__(self, conn: Connection, docs: list[Document], claims: list[Claim]) -> list[Event]:
        from rashomon.store.decisions import load_decisions
        from rashomon.store.docinfo import load_docinfo
        from rashomon.store.store import drop_events, events_in_windows

        settings, parents, kinds = self.settings, self.parents, self.kinds
        windows = candidate_windows(docs, claims)
        existing = events_in_windows(conn, windows, self.cache) if windows else []
        infos = load_docinfo(conn, {c.document_id for e in existing for c in e.claims})
        infos.update((d.id, docinfo(d)) for d in docs)
        decisions = load_decisions(conn)
        if len(self.seeds) > 4 * self.cache.size:
            self.seeds.clear()
        first = link_claims(contexts(claims, infos), existing, decisions, settings, parents=parents,
                            docinfo=infos, kinds=kinds, seeds=self.seeds)
        # background mentions that arrived before the report they mention get another chance
        waiting = unlinked_background(conn, windows) if windows and first else []
        infos.update(load_docinfo(conn, {c.document_id for c in waiting} - set(infos)))
        near = neighbours(existing, claims, {e.id for e in first}, infos)
        kept, redone, stale = recluster(first + near, {e.id for e in existing}, decisions, infos,
                                        settings, parents, waiting, kinds, stored=near)
        drop_events(conn, stale)
        return kept + redone
