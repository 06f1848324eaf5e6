"""Server-rendered dashboard pages (Jinja2, autoescaped; scripts only from /static).

Filters live in the query string (a GET form), so every view is a shareable URL and the map,
timeline and list always show the same selection.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import get_args

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from rashomon.public import documents_for, event_json
from rashomon.web import api, charts, geo, map_api, trends_page
from rashomon.web.deps import Filters, document_claims, filter_options, render

router = APIRouter(include_in_schema=False)
PAGE = 50
MAX_OFFSET = 1_000_000_000  # as the API's
MAP_LIMIT = map_api.MAP_LIMIT
EXPORTS = get_args(api.ExportFormat)  # one download link each, so a new format shows up by itself


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, f: Filters, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    """Map, timeline and list of the events matching the filters in the query string. The
    Leaflet map loads its layers from ``/api/map``; the SVG map is its ``<noscript>`` fallback."""
    store = request.app.state.store
    stats = request.app.state.stats.get(store, f, "week")
    page = store.events(f.model_copy(update={"limit": PAGE, "offset": offset}), with_claims=False)
    on_map = store.events(f.model_copy(update={"limit": MAP_LIMIT}), with_claims=False)
    where = geo.region(getattr(request.app.state, "pack_name", None))
    proj = geo.projection(where=where)
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    return render(request, "index.html", f=f, stats=stats, events=page, offset=offset, page=PAGE,
                  proj=proj, outlines=geo.outlines(proj.width, where), markers=charts.markers(on_map, proj),
                  timeline=charts.timeline(stats.periods), options=filter_options(request),
                  query=query, status_class=charts.status_class, map_limit=MAP_LIMIT,
                  alerts=trends_page.alerts(request, f), alert_limit=trends_page.ALERTS, exports=EXPORTS)


def by_claimant(claims: list[dict]) -> OrderedDict:
    """Claim entries grouped by claimant (the outlet's own voice last), one column each."""
    groups: OrderedDict = OrderedDict()
    for c in sorted(claims, key=lambda c: (c["claimant"] is None, c["claimant"] or "")):
        groups.setdefault(c["claimant"] or f"{c['outlet'] or 'the outlet'} (own voice)", []).append(c)
    return groups


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: every claimant's figures side by side, estimates, and why claims were linked."""
    store = request.app.state.store
    ev = store.event(event_id)
    data = event_json(ev, documents_for([ev], store), links=True)
    quotes = {c["claim_id"]: c["quote"] for c in data["claims"]}
    return render(request, "event.html", e=data, groups=by_claimant(data["claims"]), quotes=quotes,
                  status_class=charts.status_class)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """A document's text (escaped) with the evidence sentence of each claim marked."""
    store = request.app.state.store
    d = store.document(doc_id)
    found = document_claims(store, doc_id)
    pieces = charts.highlight_segments(d.text, [(c["span"][0], c["span"][1], c["claim_id"]) for c in found])
    return render(request, "document.html", d=d, pieces=pieces, claims=found)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Offline API reference: a project-written page that renders /openapi.json (static JS)."""
    return render(request, "apidocs.html")
