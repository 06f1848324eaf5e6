"""``rashomon trends series|flags|backtest``: trends and early warning over a database."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Optional

import typer
from rich.table import Table

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, check_format, parse_day
from rashomon.errors import ConfigError
from rashomon.store import open_store
from rashomon.store.reference import get_dataset, load_events
from rashomon.trends import FORMULAS, as_events, backtest, build_series, flags_for

trends_app = typer.Typer(no_args_is_help=True, help="Trends and early-warning flags, robust to "
                         "contested figures (docs/trends.md).\n\nExample: rashomon trends flags --db rashomon.db")
app.add_typer(trends_app, name="trends")

Level = Annotated[str, typer.Option(help="district (admin2) or province (admin1).")]
Format = Annotated[str, typer.Option("--format", "-f", help="table or json.")]
UntilDay = Annotated[Optional[str], typer.Option(help="Evaluate at this day (YYYY-MM-DD); default: the last event.")]


def _level(level: str) -> str:
    if level not in ("district", "province"):
        raise ConfigError(f"--level must be district or province, not {level!r}.", code="E150")
    return level


def _day(value: str | None) -> date | None:
    return parse_day(value, "--until", end=True)


def _load(db: str, reports: bool = False):
    """The stored events, and the documents' publication days when the series needs coverage."""
    with open_store(db, create=False) as store:
        events = store.events()
        days = [d.published for d in store.documents() if d.published is not None] if reports else []
    return events, days


@trends_app.command("series")
def series_cmd(db: Db = DB_DEFAULT, level: Level = "district",
               period: Annotated[str, typer.Option(help="week (Saturday to Friday) or month.")] = "week",
               area: Annotated[Optional[str], typer.Option(help="Only this district or province.")] = None,
               format: Format = "table") -> None:
    """Events, violent events, killed low/best/high, claimants and reports per area and period
    (empty periods included).

    Example: rashomon trends series --db rashomon.db --level province --period month
    """
    check_format(format, ("table", "json"))
    if period not in ("week", "month"):
        raise ConfigError(f"--period must be week or month, not {period!r}.", code="E152")
    events, reports = _load(db, reports=True)
    found = [s for s in build_series(events, level=_level(level), period=period, reports=reports)
             if area is None or s.area.casefold() == area.casefold()]
    if format == "json":
        sys.stdout.write(json.dumps([s.model_dump(mode="json") for s in found], indent=2) + "\n")
        return
    t = Table(title=f"Series per {level} and {period}")
    for col in ("area", "from", "events", "violent", "killed low-best-high", "claimants", "armed groups", "reports"):
        t.add_column(col, overflow="fold")
    for s in found:
        for p in s.points:
            if p.events or p.reports:
                t.add_row(s.area, p.start.isoformat(), str(p.events), str(p.violent_events),
                          f"{p.killed_low}-{p.killed_best}-{p.killed_high}", str(len(p.claimants)),
                          ", ".join(p.armed_groups), str(p.reports))
    console.print(t)


@trends_app.command("flags")
def flags_cmd(db: Db = DB_DEFAULT, level: Level = "district", until: UntilDay = None,
              floor: Annotated[int, typer.Option(help="Least 30-day killed total for the toll flag.")] = 10,
              all_rules: Annotated[bool, typer.Option("--all", help="Also list rules that did not fire.")] = False,
              format: Format = "table") -> None:
    """Surge, threat, change level, 30-day toll high, emerging actors and sparse-count alarms,
    each with its formula; toll flags say whether they hold on the low figures (robust) or only on
    one side's higher claims (claim-dependent).

    Example: rashomon trends flags --db rashomon.db --level province
    """
    check_format(format, ("table", "json"))
    if floor < 0:
        raise ConfigError(f"--floor must be 0 or more, not {floor}.", code="E153")
    events, _days = _load(db)
    found = [f for f in flags_for(events, level=_level(level), until=_day(until), toll_floor=floor)
             if all_rules or f.fired]
    if format == "json":
        sys.stdout.write(json.dumps([f.model_dump(mode="json") for f in found], indent=2) + "\n")
        return
    t = Table(title=f"Flags per {level}" + ("" if all_rules else " (fired)"))
    for col in ("flag", "area", "at", "fired", "value", "baseline", "detail", "robustness", "claimants"):
        t.add_column(col, overflow="fold")
    for f in found:
        t.add_row(f.kind, f.area, f.at.isoformat(), "yes" if f.fired else "no",
                  "" if f.value is None else str(f.value), "" if f.baseline is None else str(f.baseline),
                  f.label or "", f.robustness or "", "; ".join(f.claimants))
    console.print(t)
    for kind in sorted({f.kind for f in found}):  # the formula of every rule shown
        console.print(f"[bold]{kind}[/bold]: {FORMULAS[kind]}")


@trends_app.command("backtest")
def backtest_cmd(db: Db = DB_DEFAULT, level: Level = "district",
                 horizon: Annotated[int, typer.Option(help="Weeks after a flag that must bear it out.")] = 4,
                 reference: Annotated[Optional[str], typer.Option(
                     help="Replay on a stored reference dataset (rashomon reference add) instead of the events.")] = None,
                 format: Format = "table") -> None:
    """Replay the surge rule week by week: how often the next weeks bore it out, beside a
    persistence baseline.

    Example: rashomon trends backtest --db rashomon.db --level district
    Example: rashomon trends backtest --db ref.db --reference ged (UCDP rows imported with reference add)
    """
    check_format(format, ("table", "json"))
    if horizon < 1:
        raise ConfigError(f"--horizon must be 1 or more, not {horizon}.", code="E154")
    if reference is not None:
        with open_store(db, create=False) as store:
            events = as_events(load_events(store, get_dataset(store, reference).name))
    else:
        events, _days = _load(db)
    rep = backtest(events, level=_level(level), horizon=horizon)
    if format == "json":
        sys.stdout.write(rep.model_dump_json(indent=2) + "\n")
        return
    source = f"reference dataset {reference}" if reference else "events"
    t = Table(title=f"Surge backtest per {level} on {source}: {rep.areas} areas, {rep.weeks} weeks, horizon {horizon}")
    for col in ("rule", "flags", "borne out", "precision"):
        t.add_column(col)
    for row in rep.table():
        t.add_row(*(str(x) for x in row))
    console.print(t)
