"""The dashboard's trends page and the alerts the main page shows (docs/trends.md).

Series and flags are computed over the events matching the shared filters (the same query
string as the main page), at the last week of the data; results are cached per filter until
the data change (``StatsCache``), because flags read every matching event.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from rashomon.store import EventFilter
from rashomon.trends import FORMULAS, build_series, flags_for
from rashomon.trends.flags import Flag
from rashomon.web.deps import Filters, filter_options, render
from rashomon.web.trend_charts import KIND_NAMES, flag_text, small_multiples

router = APIRouter(include_in_schema=False)
ALERTS = 8  # fired flags listed on the main page; the trends page lists all


def fired_flags(request: Request, f: EventFilter, level: str = "district") -> list[Flag]:
    """Fired flags over the events matching ``f``, most severe kinds first (cached)."""
    store = request.app.state.store

    def compute() -> list[Flag]:
        found = [x for x in flags_for(store.events(f, with_claims=True), level=level) if x.fired]
        order = list(FORMULAS)
        return sorted(found, key=lambda x: (order.index(x.kind) if x.kind in order else 99, x.area))
    return request.app.state.stats.memo(store, f, f"flags:{level}", compute)


def alerts(request: Request, f: EventFilter) -> list[dict]:
    """The main page's alerts panel: district and province flags that fired."""
    out = [*fired_flags(request, f, "province"), *fired_flags(request, f, "district")]
    return [{"text": flag_text(x), "formula": x.formula, "kind": x.kind, "level": x.level,
             "robustness": x.robustness} for x in out]


@router.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request, f: Filters, level: Literal["district", "province"] = Query("district")
                ) -> HTMLResponse:
    """Small multiples per area (violent events per week, killed low-best-high) with flags marked."""
    store = request.app.state.store
    series = request.app.state.stats.memo(
        store, f, f"series:{level}",
        lambda: build_series(store.events(f, with_claims=True), level=level, period="week"))
    flags = fired_flags(request, f, level)
    query = {k: v for k, v in request.query_params.items() if v}
    return render(request, "trends.html", f=f, level=level, charts=small_multiples(series, flags),
                  flags=[{"text": flag_text(x), "formula": x.formula, "kind": x.kind,
                          "robustness": x.robustness} for x in flags],
                  formulas={KIND_NAMES.get(k, k): v for k, v in FORMULAS.items()},
                  options=filter_options(request), query=query, action="/trends", areas=len(series),
                  kind_names=KIND_NAMES)
