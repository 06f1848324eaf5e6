"""Geometry of the trends page's small multiples, computed server-side (no chart library).

One small chart per area: bars for violent events per week, the killed low-high band and the
best line on a second scale, and a mark on each week where a flag fired (its formula is the
mark's hover text). Pure functions: series and flags in, small records out.
"""

from __future__ import annotations

from pydantic import Field

from rashomon.models import Record
from rashomon.trends.flags import Flag
from rashomon.trends.series import Series

KIND_NAMES = {"surge": "surge", "threat": "threat", "change": "change", "ears_c2": "sparse-count alarm",
              "toll_high": "highest 30-day toll", "emerging_actor": "emerging actor"}


class Small(Record):
    """One area's chart."""

    area: str
    width: float
    height: float
    events: int = 0
    killed_low: int = 0
    killed_best: int = 0
    killed_high: int = 0
    max_events: int = 0
    max_killed: int = 0
    bars: list[dict] = Field(default_factory=list)  # x, y, w, h, label
    band: str = ""
    line: str = ""
    marks: list[dict] = Field(default_factory=list)  # x, label (flag kind, value, formula)
    flags: list[Flag] = Field(default_factory=list)
    first: str = ""
    last: str = ""


def flag_text(f: Flag) -> str:
    """One line an analyst can read: what fired, the numbers, and whether it rests on claims."""
    name = KIND_NAMES.get(f.kind, f.kind)
    parts = [f"{name}: {f.area}"]
    if f.label:
        parts.append(f.label)
    if f.value is not None:
        parts.append(f"value {f.value:g}" + (f" against baseline {f.baseline:g}" if f.baseline is not None else ""))
    if f.robustness:
        parts.append(f.robustness + (f" (claims by {', '.join(f.claimants)})" if f.claimants else ""))
    return " · ".join(parts)


def small_multiple(s: Series, flags: list[Flag], width: float = 300.0, height: float = 80.0) -> Small:
    points = s.points
    out = Small(area=s.area, width=width, height=height, flags=flags)
    if not points:
        return out
    out.events = sum(p.violent_events for p in points)
    out.killed_low = sum(p.killed_low for p in points)
    out.killed_best = sum(p.killed_best for p in points)
    out.killed_high = sum(p.killed_high for p in points)
    out.max_events = max(p.violent_events for p in points)
    out.max_killed = max(p.killed_high for p in points)
    out.first, out.last = points[0].start.isoformat(), points[-1].end.isoformat()
    step = width / len(points)
    ky = (height - 6) / (out.max_events or 1)
    kk = (height - 6) / (out.max_killed or 1)
    low, high, best = [], [], []
    index = {p.start: i for i, p in enumerate(points)}
    for i, p in enumerate(points):
        x = round(i * step, 1)
        if p.violent_events:
            h = round(p.violent_events * ky, 1)
            out.bars.append({"x": x, "y": round(height - h, 1), "w": round(max(step - 0.5, 0.6), 1), "h": h,
                             "label": f"week of {p.start}: {p.violent_events} violent events, killed "
                                      f"{p.killed_best} (range {p.killed_low}-{p.killed_high})"})
        cx = round(x + step / 2, 1)
        low.append(f"{cx},{round(height - p.killed_low * kk, 1)}")
        high.append(f"{cx},{round(height - p.killed_high * kk, 1)}")
        best.append(f"{cx},{round(height - p.killed_best * kk, 1)}")
    out.band = " ".join(high + low[::-1])
    out.line = " ".join(best)
    for f in flags:
        # weekly rules are dated by their week; the 30-day toll and actor rules by their day or month
        i = index.get(f.at, len(points) - 1 if f.at >= points[-1].start else None)
        if i is None:
            i = max((k for k, p in enumerate(points) if p.start <= f.at), default=0)
        out.marks.append({"x": round(i * step + step / 2, 1), "label": f"{flag_text(f)} — {f.formula}",
                          "kind": f.kind})
    return out


def small_multiples(series: list[Series], flags: list[Flag], limit: int = 12) -> list[Small]:
    """The ``limit`` areas with most violent events (areas with a fired flag first), ``unknown``
    last: the page shows where things happen, and every fired flag has its chart."""
    fired: dict[str, list[Flag]] = {}
    for f in flags:
        if f.fired:
            fired.setdefault(f.area, []).append(f)
    def rank(s: Series) -> tuple:
        return (s.area == "unknown", s.area not in fired, -sum(p.violent_events for p in s.points), s.area)
    chosen = sorted(series, key=rank)[:limit]
    return [small_multiple(s, fired.get(s.area, [])) for s in chosen]
