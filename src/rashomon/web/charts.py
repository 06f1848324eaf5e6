"""Geometry for the dashboard's SVG map and timeline, computed server-side (no chart library).

Pure functions: records in, small typed records out; the templates only place them.
"""

from __future__ import annotations

import math

from pydantic import Field

from rashomon.models import Event, Record
from rashomon.store.stats import Bucket
from rashomon.web.geo import Projection

STATUSES = ("single-source", "corroborated", "contested", "disputed", "discounted")


class Marker(Record):
    event_id: str
    x: float
    y: float
    r: float
    status: str
    title: str


class Timeline(Record):
    width: float
    height: float
    bars: list[dict] = Field(default_factory=list)  # x, y, w, h, label (events per period)
    band: str = ""  # polygon points: killed low..high
    line: str = ""  # polyline points: killed best
    max_events: int = 0
    max_killed: int = 0
    ticks: list[dict] = Field(default_factory=list)  # x, label


def status_class(status: str | None) -> str:
    """CSS class for a status (unknown statuses share one colour)."""
    return (status or "").replace(" ", "-") if status in STATUSES else "other"


def marker_radius(killed_best: int | None) -> float:
    """Area grows with the best estimate killed: r = 3 + 1.6 * sqrt(best)."""
    return round(3 + 1.6 * math.sqrt(max(killed_best or 0, 0)), 1)


def markers(events: list[Event], proj: Projection) -> list[Marker]:
    """One marker per event with coordinates, largest first so small ones stay clickable."""
    out = []
    for e in events:
        p = e.place
        if p is None or p.latitude is None or p.longitude is None:
            continue
        x, y = proj.xy(p.longitude, p.latitude)
        best = e.estimates["killed"].best if "killed" in e.estimates else None
        title = f"{e.date_start or '?'} {e.sub_event_type or e.event_type or 'event'}, {p.name}"
        if best is not None:
            title += f": {best} killed (best estimate)"
        out.append(Marker(event_id=e.id, x=x, y=y, r=marker_radius(best), status=status_class(e.status),
                          title=f"{title} [{e.status}]"))
    return sorted(out, key=lambda m: -m.r)


def timeline(periods: list[Bucket], width: float = 800.0, height: float = 160.0) -> Timeline:
    """Bars: events per period (left scale); band and line: killed low-high and best (right)."""
    dated = [b for b in periods if b.key != "unknown"]
    t = Timeline(width=width, height=height)
    if not dated:
        return t
    t.max_events = max(b.events for b in dated) or 1
    t.max_killed = max(max(b.killed_high, b.killed_best) for b in dated) or 1
    step = width / len(dated)
    ky = (height - 20) / t.max_events
    kk = (height - 20) / t.max_killed
    low, high, best = [], [], []
    for i, b in enumerate(dated):
        x = round(i * step, 1)
        h = round(b.events * ky, 1)
        t.bars.append({"x": x, "y": round(height - h, 1), "w": round(max(step - 1, 1), 1), "h": h,
                       "label": f"{b.key}: {b.events} events, killed {b.killed_best} "
                                f"(range {b.killed_low}-{b.killed_high})"})
        cx = round(x + step / 2, 1)
        low.append(f"{cx},{round(height - b.killed_low * kk, 1)}")
        high.append(f"{cx},{round(height - b.killed_high * kk, 1)}")
        best.append(f"{cx},{round(height - b.killed_best * kk, 1)}")
    t.band = " ".join(high + low[::-1])
    t.line = " ".join(best)
    every = max(1, len(dated) // 8)
    # the last tick would be cut off at the right edge
    t.ticks = [{"x": round(i * step, 1), "label": b.key} for i, b in enumerate(dated)
               if i % every == 0 and i * step < width - 50]
    return t


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """Split ``text`` into plain and marked pieces; overlapping spans are merged, and a merged
    piece keeps the first claim id (the anchor the event page links to)."""
    merged: list[list] = []
    for start, end, cid in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(cid)
        else:
            merged.append([start, end, [cid]])
    out, pos = [], 0
    for start, end, ids in merged:
        if start > pos:
            out.append({"text": text[pos:start], "mark": False})
        out.append({"text": text[start:end], "mark": True, "ids": ids})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "mark": False})
    return out
