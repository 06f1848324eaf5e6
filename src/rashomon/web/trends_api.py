"""``/api/trends/*``: the trends series and flags over the app's store (docs/trends.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import json

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from rashomon.trends import FORMULAS, build_series, flags_for
from rashomon.web.deps import Filters

router = APIRouter(prefix="/api/trends", tags=["trends"])


Level = Literal["district", "province"]


def _encoded(value: object) -> bytes:
    """Pre-encoded JSON: a series at 100k events holds ~100k event ids, and encoding it again
    for every request (FastAPI's jsonable_encoder) cost ~100 ms; the bytes are what is cached."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.get("/series")
def series(request: Request, f: Filters, level: Level = "district",
           period: Literal["week", "month"] = "week") -> list[dict]:
    """Events, violent events, killed low/best/high, claimants, armed groups and reports per area
    and period (ACLED's Saturday-to-Friday week, or month), empty periods included."""
    store = request.app.state.store

    def compute() -> bytes:
        events = store.events(f, with_claims=True)
        reports = [d.published for d in store.documents() if d.published is not None]
        return _encoded([s.model_dump(mode="json") for s in build_series(events, level=level, period=period,
                                                                          reports=reports)])
    # every matching event is read: cached per filter until the data change (as /api/stats)
    return _json(request.app.state.stats.memo(store, f, f"api-series:{level}:{period}", compute))


@router.get("/flags")
def flags(request: Request, f: Filters, level: Level = "district", until: date | None = None,
          floor: int = Query(10, ge=0, le=1_000_000), fired: bool = True) -> dict:
    """Early-warning flags at the last week of the data (or ``until``), each with its formula;
    toll flags say whether they are robust or rest on one side's claims."""
    store = request.app.state.store

    def compute() -> bytes:
        found = flags_for(store.events(f, with_claims=True), level=level, until=until, toll_floor=floor)
        return _encoded({"flags": [x.model_dump(mode="json") for x in found if x.fired or not fired],
                         "formulas": FORMULAS})
    return _json(request.app.state.stats.memo(store, f, f"api-flags:{level}:{until}:{floor}:{fired}", compute))
