"""Early-warning flags over the series, each with its formula written next to it (``FORMULAS``).

Contract: ``flags_for(events, *, level, until=None, toll_floor=10) -> list[Flag]`` evaluates every
rule at the last week (or month) of the data, or at ``until``; the rule functions take a series
and a point index, so the backtest (``trends.backtest``) replays them week by week.

Fatality-based flags are computed on the low, best and high killed series: a flag that fires on
the low series is ``robust`` (it holds whichever side's figures are right); one that fires only on
best or high is ``claim-dependent``, and the claimants behind the figures of its window are
listed. This is what no single-number dataset can say: a surge that exists only in one side's
claims says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import accumulate
from statistics import mean, pstdev

from pydantic import Field

from rashomon.assess.estimate import fatality_range
from rashomon.models import ActorKind, Event, Record
from rashomon.trends.series import Point, Series, area_of, build_series, is_violent

FORMULAS = {
    "surge": "violent events in the week >= 2 x the mean of the 4 weeks before; only where that "
             "mean >= 1 (ACLED Subnational Surge Tracker)",
    "threat": "mean weekly violent events of the last 4 weeks >= 2 x the mean of the 52 weeks before "
              "(ACLED Threat Tracker); needs 56 weeks of data and a non-zero baseline",
    "change": "violent events in the week against the weekly mean of the previous 4 (or 52) weeks: "
              "> +25% large increase, +10% to +25% moderate increase, -25% to +10% limited change, "
              "< -25% large decrease; a baseline <= 2 events with <= 5 now is always limited change "
              "(ACLED Conflict Change Map)",
    "toll_high": "killed in the last 30 days is the highest 30-day total of the last 1 (or 3) years "
                 "and >= the floor (HDX Signals); computed on the low, best and high figures",
    "emerging_actor": "a named non-state armed group with a violent event in the province this month "
                      "and none in the 12 months before (ACLED Emerging Actor Tracker)",
    "ears_c2": "(violent events this week - mean) / max(sd, 0.5) > 3, mean and sd over the 7 weeks "
               "ending 2 weeks before this one (CDC EARS C2, weekly)",
}
SD_FLOOR = 0.5  # EARS C2 on sparse counts: a flat zero baseline must not make one event an alarm


class Flag(Record):
    kind: str
    area: str
    level: str
    at: date  # the period (its first day) or the day the rule was evaluated on
    fired: bool
    value: float | None = None
    baseline: float | None = None
    label: str | None = None  # change level, actor name
    robustness: str | None = None  # robust | claim-dependent (fatality-based flags)
    claimants: list[str] = Field(default_factory=list)
    formula: str = ""


def _flag(kind: str, s: Series, p: Point, fired: bool, **kw) -> Flag:
    return Flag(kind=kind, area=s.area, level=s.level, at=p.start, fired=fired, formula=FORMULAS[kind], **kw)


def surge(s: Series, i: int) -> Flag | None:
    if i < 4:
        return None
    base = mean(p.violent_events for p in s.points[i - 4:i])
    if base < 1:
        return None  # not eligible: the tracker's filter
    x = s.points[i].violent_events
    return _flag("surge", s, s.points[i], x >= 2 * base, value=x, baseline=round(base, 2))


def threat(s: Series, i: int) -> Flag | None:
    if i < 55:
        return None
    recent = mean(p.violent_events for p in s.points[i - 3:i + 1])
    base = mean(p.violent_events for p in s.points[i - 55:i - 3])
    if base <= 0:
        return None
    return _flag("threat", s, s.points[i], recent >= 2 * base, value=round(recent, 2), baseline=round(base, 2))


def change_level(now: float, base: float) -> str:
    if base <= 2 and now <= 5:
        return "limited change"  # low-baseline rule
    pct = (now - base) / base * 100 if base else float("inf")
    if pct > 25:
        return "large increase"
    if pct > 10:
        return "moderate increase"
    if pct >= -25:
        return "limited change"
    return "large decrease"


def change(s: Series, i: int, weeks: int = 4) -> Flag | None:
    if i < weeks:
        return None
    base = mean(p.violent_events for p in s.points[i - weeks:i])
    x = s.points[i].violent_events
    label = change_level(x, base)
    return _flag("change", s, s.points[i], label in ("large increase", "large decrease"), value=x,
                 baseline=round(base, 2), label=f"{label} (against {weeks} weeks)")


def ears_c2(s: Series, i: int) -> Flag | None:
    if i < 9:
        return None
    base = [p.violent_events for p in s.points[i - 9:i - 2]]
    mu, sd = mean(base), pstdev(base)
    score = (s.points[i].violent_events - mu) / max(sd, SD_FLOOR)
    return _flag("ears_c2", s, s.points[i], score > 3, value=round(score, 2), baseline=round(mu, 2))


def _daily(events: list[Event]) -> dict[str, dict[date, int]]:
    """Killed per day of ``events`` on the low, best and high figures."""
    out: dict[str, dict[date, int]] = {"low": {}, "best": {}, "high": {}}
    for e in events:
        for name, n in zip(("low", "best", "high"), fatality_range(e)):
            out[name][e.date_start] = out[name].get(e.date_start, 0) + n
    return out


def _windows(days: dict[date, int], until: date, span: int) -> list[int]:
    """30-day killed totals ending on each of the ``span`` days up to ``until`` (oldest first),
    from prefix sums over a dense day array: one subtraction per day."""
    start = until - timedelta(days=span + 28)  # the first day of the oldest window
    dense = [0] * (span + 29)
    for d, n in days.items():
        k = (d - start).days
        if 0 <= k < len(dense):
            dense[k] += n
    sums = list(accumulate(dense, initial=0))
    return [sums[k + 30] - sums[k] for k in range(span)]


def toll_high(area: str, level: str, events: list[Event], until: date, years: int = 1,
              floor: int = 10, daily: dict | None = None) -> Flag:
    """HDX Signals' rule on the low, best and high figures (see ``FORMULAS``); ``daily`` is
    ``_daily(events)`` when the caller already has it."""
    daily = daily or _daily(events)
    fired: dict[str, bool] = {}
    values: dict[str, int] = {}
    for name, days in daily.items():
        windows = _windows(days, until, 365 * years)
        now = values[name] = windows[-1]
        # every 30-day window of the period before, ending on any day (not only whole weeks):
        # those ending 30 to 365*years-1 days before ``until``
        past = windows[:-30]
        fired[name] = now >= floor and now > max(past, default=0)
    robustness = "robust" if fired["low"] else "claim-dependent" if fired["best"] or fired["high"] else None
    recent = [e for e in events if until - timedelta(days=29) <= e.date_start <= until]
    claimants = sorted({c.claimant for e in recent for c in e.claims if c.claimant and c.quantities})
    return Flag(kind="toll_high", area=area, level=level, at=until, fired=robustness is not None,
                value=values["best"], baseline=None, robustness=robustness,
                label=f"low {values['low']}, best {values['best']}, high {values['high']} ({years} y)",
                claimants=claimants, formula=FORMULAS["toll_high"])


def emerging_actors(events: list[Event], until: date) -> list[Flag]:
    """Named armed groups violent in a province in ``until``'s month and not in the 12 before."""
    month = until.replace(day=1)
    year_before = (month - timedelta(days=365)).replace(day=1)
    seen: dict[tuple[str, str], set[str]] = {}
    for e in events:
        if not is_violent(e) or e.date_start is None or not (year_before <= e.date_start <= until):
            continue
        when = "now" if e.date_start >= month else "before"
        for a in e.actors:
            if a.kind == ActorKind.armed_group and not a.generic:
                seen.setdefault((area_of(e, "province"), a.name), set()).add(when)
    return [Flag(kind="emerging_actor", area=area, level="province", at=month, fired=True, label=name,
                 formula=FORMULAS["emerging_actor"])
            for (area, name), when in sorted(seen.items()) if when == {"now"}]


def flags_for(events: Iterable[Event], *, level: str = "district", until: date | None = None,
              toll_floor: int = 10) -> list[Flag]:
    """Every rule at the last week of the data (or ``until``); see the module docstring."""
    events = [e for e in events if e.date_start is not None]
    if not events:
        return []
    until = until or max(e.date_start for e in events)
    events = [e for e in events if e.date_start <= until]
    out: list[Flag] = []
    by_area: dict[str, list[Event]] = {}
    for e in events:
        by_area.setdefault(area_of(e, level), []).append(e)
    for s in build_series(events, level=level, period="week", until=until):
        i = len(s.points) - 1
        out += [f for f in (surge(s, i), threat(s, i), change(s, i, 4), change(s, i, 52), ears_c2(s, i)) if f]
        mine = by_area.get(s.area, [])
        daily = _daily(mine)
        out += [toll_high(s.area, level, mine, until, years, toll_floor, daily) for years in (1, 3)]
    out += emerging_actors(events, until)
    return out


__all__ = ["FORMULAS", "Flag", "change", "change_level", "ears_c2", "emerging_actors", "flags_for",
           "surge", "threat", "toll_high"]
