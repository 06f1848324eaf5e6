"""Read an ACLED export (CSV with ACLED's columns) into ReferenceEvents."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rashomon.errors import Problem
from rashomon.models import ReferenceEvent
from rashomon.reference.parse import cell, day, integer, read_rows, real

TIME_PREC = {1: "day", 2: "week", 3: "month"}
# ACLED geo_precision -> UCDP-style where_prec (3 = "a larger region": province level)
GEO_PREC = {1: 1, 2: 2, 3: 4}


def acled_event(line: int, row: dict) -> ReferenceEvent:
    """One ReferenceEvent from one ACLED row; ValueError naming the bad column. A week-precise
    date covers the 3 days either side, a month-precise one its whole month."""
    when = day(row, "event_date")
    if when is None:
        raise ValueError("event_date is empty")
    prec = TIME_PREC.get(integer(row, "time_precision") or 1, "day")
    start, end = when, when
    if prec == "week":
        start, end = when - timedelta(days=3), when + timedelta(days=3)
    elif prec == "month":
        start = when.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    deaths = integer(row, "fatalities")
    return ReferenceEvent(
        ref_id=cell(row, "event_id_cnty") or cell(row, "data_id") or f"line {line}", line=line,
        date_start=start, date_end=end, date_precision=prec, event_type=cell(row, "event_type"),
        sub_event_type=cell(row, "sub_event_type"), side_a=cell(row, "actor1"),
        side_b=cell(row, "actor2"), admin1=cell(row, "admin1"), admin2=cell(row, "admin2"),
        location=cell(row, "location"), latitude=real(row, "latitude", 90),
        longitude=real(row, "longitude", 180),
        where_prec=GEO_PREC.get(integer(row, "geo_precision") or 0),
        low=deaths, best=deaths, high=deaths, raw={k: v for k, v in row.items() if k and v})


def read_acled(path: str | Path) -> tuple[list[ReferenceEvent], list[Problem]]:
    """Events and problems (bad rows, with their line) of an ACLED CSV export."""
    events, problems = [], []
    for line, row in read_rows(path, ("event_date", "event_id_cnty", "fatalities")):
        try:
            events.append(acled_event(line, row))
        except ValueError as exc:
            problems.append(Problem(code="E221", message=str(exc), location=f"{path}:{line}"))
    return events, problems
