"""Backtest: replay the surge flag week by week and say how often the following weeks bore it out.

Contract: ``backtest(events, *, level="district", horizon=4) -> BacktestReport``. At every week
``i`` with a full baseline and ``horizon`` weeks after it, every area's surge rule is evaluated on
the data up to that week only. A flag is *borne out* when the mean of the ``horizon`` weeks after
it stays at or above twice the 4-week baseline it was raised against, and above it (the surge
did not vanish the next week). The same is counted for the persistence baseline, which flags every week whose count
rises above its 4-week mean ("same as last period": whatever rose stays up), so the surge rule's
precision is read beside what a naive rule gets. Forecasts are not promised; this comparison is.
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import mean

from rashomon.models import Event, Record
from rashomon.trends.flags import surge
from rashomon.trends.series import build_series


class BacktestReport(Record):
    level: str
    horizon: int
    weeks: int = 0
    areas: int = 0
    surge_flags: int = 0
    surge_borne_out: int = 0
    surge_precision: float | None = None
    persistence_flags: int = 0
    persistence_borne_out: int = 0
    persistence_precision: float | None = None

    def table(self) -> list[tuple[str, int, int, str]]:
        fmt = lambda p: "-" if p is None else f"{p:.3f}"  # noqa: E731
        return [("surge rule", self.surge_flags, self.surge_borne_out, fmt(self.surge_precision)),
                ("persistence baseline", self.persistence_flags, self.persistence_borne_out,
                 fmt(self.persistence_precision))]


def backtest(events: Iterable[Event], *, level: str = "district", horizon: int = 4) -> BacktestReport:
    series = build_series(events, level=level, period="week")
    rep = BacktestReport(level=level, horizon=horizon, areas=len(series))
    for s in series:
        counts = [p.violent_events for p in s.points]
        rep.weeks = max(rep.weeks, len(counts))
        for i in range(4, len(counts) - horizon):
            base = mean(counts[i - 4:i])
            after = mean(counts[i + 1:i + 1 + horizon])
            held = after >= 2 * base and after > base  # a zero baseline needs some violence after
            f = surge(s, i)  # uses weeks up to i only
            if f is not None and f.fired:
                rep.surge_flags += 1
                rep.surge_borne_out += held
            if counts[i] > base:
                rep.persistence_flags += 1
                rep.persistence_borne_out += held
    if rep.surge_flags:
        rep.surge_precision = round(rep.surge_borne_out / rep.surge_flags, 3)
    if rep.persistence_flags:
        rep.persistence_precision = round(rep.persistence_borne_out / rep.persistence_flags, 3)
    return rep


__all__ = ["BacktestReport", "backtest"]
