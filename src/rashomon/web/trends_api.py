"""``/api/trends/*``: the trends series and flags over the app's store (docs/trends.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Query, Request

from rashomon.trends import FORMULAS, build_series, flags_for
from rashomon.web.deps import Filters

router = APIRouter(prefix="/api/trends", tags=["trends"])
Level = Literal["district", "province"]


@router.get("/series")
def series(request: Request, f: Filters, level: Level = "district",
           period: Literal["week", "month"] = "week") -> list[dict]:
    """Events, violent events, killed low/best/high, claimants, armed groups and reports per area
    and period (ACLED's Saturday-to-Friday week, or month), empty periods included."""
    store = request.app.state.store
    events = store.events(f, with_claims=True)
    reports = [d.published for d in store.documents() if d.published is not None]
    return [s.model_dump(mode="json") for s in build_series(events, level=level, period=period, reports=reports)]


@router.get("/flags")
def flags(request: Request, f: Filters, level: Level = "district", until: date | None = None,
          floor: int = Query(10, ge=0, le=1_000_000), fired: bool = True) -> dict:
    """Early-warning flags at the last week of the data (or ``until``), each with its formula;
    toll flags say whether they are robust or rest on one side's claims."""
    events = request.app.state.store.events(f, with_claims=True)
    found = [x for x in flags_for(events, level=level, until=until, toll_floor=floor) if x.fired or not fired]
    return {"flags": [x.model_dump(mode="json") for x in found], "formulas": FORMULAS}
