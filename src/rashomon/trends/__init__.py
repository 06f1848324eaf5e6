"""Trends and early warning over stored events: series per area and period (``series``), flags
with their formulas and their robustness to contested figures (``flags``), and a backtest of the
surge rule against a persistence baseline (``backtest``). docs/trends.md has the rules."""

from rashomon.trends.backtest import BacktestReport, backtest
from rashomon.trends.flags import FORMULAS, Flag, flags_for
from rashomon.trends.reference import as_events
from rashomon.trends.series import Point, Series, build_series

__all__ = ["FORMULAS", "BacktestReport", "Flag", "Point", "Series", "as_events", "backtest", "build_series", "flags_for"]
