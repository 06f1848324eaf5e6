"""JSON API under ``/api``. Event objects are exactly ``rashomon.public.event_json``."""

from __future__ import annotations

import io
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon.errors import RashomonError
from rashomon.ingest.engine import claimant_records
from rashomon.ingest.run import ingest_one
from rashomon.models import Document, DocumentCreate
from rashomon.public import EventDetail, EventPublic, EventsPage, documents_for
from rashomon.store import EventFilter
from rashomon.store.stats import changes_page
from rashomon.web.deps import Filters, IsoDate, document_claims, engine_of
from rashomon.web.security import require_token

router = APIRouter(prefix="/api", tags=["api"])
LITERAL_EVENT_PATHS = {"merge"}  # /api/events/<these> are routes of their own (review_api)
MAX_PAGE = 1000
MAX_OFFSET = 1_000_000_000  # far past any store, well inside both backends' 64-bit OFFSET
Offset = Query(0, ge=0, le=MAX_OFFSET)
# A publication date outside these years is a metadata error: the document is kept without it
# (and a warning) rather than lost, as the CLI does; relative dates then have no anchor.
PUBLISHED_RANGE = (date(1900, 1, 1), date(2100, 12, 31))


@router.get("/events", response_model=EventsPage)
def list_events(request: Request, f: Filters, limit: int = Query(50, ge=1, le=MAX_PAGE),
                offset: int = Offset) -> EventsPage:
    """Events matching the filters, newest first, a page at a time; ``total`` counts all matches.
    With ``updated_since`` (incremental sync) the order is oldest change first instead."""
    store = request.app.state.store
    if f.updated_since:
        found = changes_page(store, f, limit, offset)
    else:
        found = store.events(f.model_copy(update={"limit": limit, "offset": offset}))
    docs = documents_for(found, store)
    return EventsPage(total=request.app.state.stats.count(store, f), limit=limit, offset=offset,
                      items=[EventPublic.of(e, docs) for e in found])


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(request: Request, event_id: str) -> EventDetail:
    """One event with its claims and why they were linked (``links``). An id that relinking
    replaced answers with the event that took over its claims."""
    if event_id in LITERAL_EVENT_PATHS:  # /api/events/merge is POST only (405 lists POST)
        raise StarletteHTTPException(status_code=405)
    store = request.app.state.store
    ev = store.event(event_id)
    return EventDetail.of(ev, documents_for([ev], store))


def document_meta(d: Document) -> dict:
    return {"id": d.id, "url": d.url, "title": d.title, "outlet": d.outlet,
            "published": d.published.isoformat() if d.published else None, "source": d.source}


@router.get("/documents")
def list_documents(request: Request, limit: int = Query(50, ge=1, le=MAX_PAGE),
                   offset: int = Offset) -> dict:
    """Stored documents (without their text), newest publication first."""
    store = request.app.state.store
    return {"total": store.count("documents"), "limit": limit, "offset": offset,
            "items": [document_meta(d) for d in store.documents(limit=limit, offset=offset)]}


@router.get("/documents/{doc_id}")
def get_document(request: Request, doc_id: str) -> dict:
    """One document: metadata, full text, and the evidence span of each of its claims."""
    store = request.app.state.store
    d = store.document(doc_id)
    return {**document_meta(d), "text": d.text, "claims": document_claims(store, doc_id)}


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: IsoDate | None = None
    outlet: str | None = Field(None, max_length=300)

    @field_validator("text", "url", "title", "outlet")
    @classmethod
    def clean(cls, value: str | None) -> str | None:
        """NUL is stripped from text fields (PostgreSQL cannot store it; SQLite then stores the
        same text); a lone surrogate is not text at all: refused, naming the field."""
        if value is None:
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("holds a lone surrogate (not valid Unicode)") from None
        return value.replace("\x00", "")

    @field_validator("text")
    @classmethod
    def visible(cls, value: str) -> str:
        if not any(unicodedata.category(ch)[0] not in "ZC" for ch in value):
            raise ValueError("has no visible character (only spaces or invisible characters)")
        return value


class IngestOut(BaseModel):
    document_id: str
    status: Literal["new", "duplicate"]
    claims: int
    events: list[str]
    warnings: list[str] = []


@router.post("/documents", response_model=IngestOut, status_code=201,
             dependencies=[Depends(require_token)],
             responses={200: {"description": "already stored (same text)"}})
def post_document(request: Request, body: DocumentIn, response: Response) -> dict:
    """Ingest one document (needs ``Authorization: Bearer <token>``): 201 new, 200 duplicate."""
    store, engine = request.app.state.store, engine_of(request.app)
    fields, warnings = body.model_dump(), []
    lo, hi = PUBLISHED_RANGE
    if body.published and not lo <= body.published <= hi:
        fields["published"] = None
        warnings.append(f"published {body.published} is outside {lo.year}-{hi.year}: stored without it.")
    doc = Document.from_create(DocumentCreate(**fields, source="api"))
    with request.app.state.write_lock:
        item = ingest_one(engine, doc, "api")
    if item.status == "failed":
        raise failure(item.code, item.reason)
    found = store.claims(document_id=doc.id)
    touched = sorted({e for e in store.claim_event_ids([c.id for c in found]).values() if e})
    response.status_code = 201 if item.status == "new" else 200
    return {"document_id": doc.id, "status": item.status, "claims": len(found), "events": touched,
            "warnings": warnings}


def failure(code: str | None, reason: str | None) -> RashomonError:
    """A validated document that still could not be stored met a database that refused the write
    (full disk, lock, connection): 503; one the extractor failed on is a 400 naming the reason."""
    if code == "E310":
        err = RashomonError(f"The document could not be stored ({reason}).", code="E502",
                            hint="Try again later; the server log has the details.", location="api")
        err.status, err.headers = 503, {"Retry-After": "30"}
        return err
    if code == "E291":  # the disk is full: the server's state, and temporary (E291 is a 503)
        err = RashomonError(reason or "the disk is full", code="E291", location="api",
                            hint="Free disk space on the server; try again later.")
        err.status, err.headers = 503, {"Retry-After": "30"}
        return err
    return RashomonError(reason or "ingest failed", code=code or "E250", location="api")


@router.get("/claimants")
def claimants(request: Request) -> list[dict]:
    """Each claimant's track record against the consolidated best estimates."""
    return [r.model_dump(mode="json") for r in claimant_records(request.app.state.store)]


@router.get("/stats")
def stats(request: Request, f: Filters, by: Literal["week", "month"] = "week") -> dict:
    """Counts and killed sums (low/best/high) by week or month, district, actor, type, status."""
    return request.app.state.stats.get(request.app.state.store, f, by).model_dump(mode="json")


MEDIA = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
         "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet",
         "acled": "text/csv; charset=utf-8", "ucdp": "text/csv; charset=utf-8"}
ExportFormat = Literal["json", "jsonl", "csv", "geojson", "parquet", "acled", "ucdp"]


def export_bytes(store, fmt: str, f: EventFilter, pack: str | None = None) -> tuple[bytes, int]:
    """The export file for ``fmt`` (``rashomon.export.export_events``) as bytes, and how many
    events ACLED or UCDP left out because their country has no code there (E117)."""
    from rashomon.export import export_events

    if fmt != "parquet":
        out = io.StringIO()
        result = export_events(store, fmt, f, out, pack=pack)
        return out.getvalue().encode("utf-8"), len(result.problems)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.parquet"
        export_events(store, fmt, f, path, pack=pack)
        return path.read_bytes(), 0


@router.get("/export/events.{fmt}")
def export(request: Request, fmt: ExportFormat, f: Filters) -> Response:
    """Every matching event as a file: json (the events contract), jsonl, csv, geojson, parquet,
    or the ACLED / UCDP GED column layouts (csv)."""
    name = f"events.{fmt}" if fmt not in ("acled", "ucdp") else f"events.{fmt}.csv"
    body, left_out = export_bytes(request.app.state.store, fmt, f,
                                  getattr(request.app.state, "pack_name", None))
    # A file download has no room for a problem list: the count tells a client that ACLED or
    # UCDP left events out (the CLI and the Python API name them).
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Rashomon-Left-Out": str(left_out)})
