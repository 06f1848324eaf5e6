"""Read a UCDP GED CSV (the 49 columns; missing columns tolerated) into ReferenceEvents."""

from __future__ import annotations

from pathlib import Path

from rashomon.errors import Problem
from rashomon.models import ReferenceEvent
from rashomon.reference.parse import cell, day, integer, read_rows, real

# UCDP date_prec -> our date precision (2 = a range of 2-6 days: the dates carry the range)
DATE_PREC = {1: "day", 2: "day", 3: "week", 4: "month", 5: "year"}


def ucdp_event(line: int, row: dict) -> ReferenceEvent:
    """One ReferenceEvent from one GED row; ValueError naming the bad column."""
    start = day(row, "date_start")
    end = day(row, "date_end") or start
    if start is None:
        raise ValueError("date_start is empty")
    if end < start:
        raise ValueError(f"date_end {end} before date_start {start}")
    low, best, high = integer(row, "low"), integer(row, "best"), integer(row, "high")
    if best is not None and low is not None and high is not None and not low <= best <= high:
        raise ValueError(f"low/best/high not ordered: {low}/{best}/{high}")
    prec = integer(row, "date_prec")
    tov = integer(row, "type_of_violence")
    if tov is not None and tov not in (1, 2, 3):
        raise ValueError(f"type_of_violence must be 1, 2 or 3, not {tov}")
    return ReferenceEvent(
        ref_id=cell(row, "id") or f"line {line}", line=line, date_start=start, date_end=end,
        date_precision=DATE_PREC.get(prec or 0) or _span_precision((end - start).days),
        type_of_violence=tov, side_a=cell(row, "side_a"), side_b=cell(row, "side_b"),
        admin1=cell(row, "adm_1"), admin2=cell(row, "adm_2"),
        location=cell(row, "where_coordinates") or cell(row, "where_description"),
        latitude=real(row, "latitude", 90), longitude=real(row, "longitude", 180),
        where_prec=integer(row, "where_prec"), low=low, best=best, high=high,
        raw={k: v for k, v in row.items() if k and v})


def _span_precision(days: int) -> str:
    """Precision of a date range when the file has no date_prec."""
    return "day" if days < 1 else "week" if days < 7 else "month" if days < 31 else "year"


def read_ucdp(path: str | Path) -> tuple[list[ReferenceEvent], list[Problem]]:
    """Events and problems (bad rows, with their line) of a UCDP GED CSV file."""
    events, problems = [], []
    for line, row in read_rows(path, ("date_start", "best", "side_a")):
        try:
            events.append(ucdp_event(line, row))
        except ValueError as exc:
            problems.append(Problem(code="E221", message=str(exc), location=f"{path}:{line}"))
    return events, problems
