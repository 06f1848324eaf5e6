"""``rashomon reference add|list`` and ``rashomon compare``: reference datasets beside ours."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from rashomon.cli import app, console, err_console
from rashomon.cli.cmd_query import make_filter
from rashomon.cli.options import (
    DB_DEFAULT,
    Actor,
    Db,
    Limit,
    Place,
    Since,
    Status,
    Type,
    Until,
)
from rashomon.errors import ConfigError
from rashomon.store import open_store

reference_app = typer.Typer(no_args_is_help=True, help="Reference datasets (UCDP GED, ACLED), "
                            "kept apart from our claims.\n\nExample: rashomon reference list")
app.add_typer(reference_app, name="reference")

SHOWN = 40  # rows per table section; --format json gives everything


@reference_app.command("add")
def add(file: Annotated[str, typer.Argument(help="A UCDP GED CSV or an ACLED CSV export.")],
        kind: Annotated[str, typer.Option("--kind", help="ucdp or acled.")],
        name: Annotated[Optional[str], typer.Option("--name", help="Dataset name (default: "
                                                    "the file name without extension).")] = None,
        db: Db = DB_DEFAULT) -> None:
    """Import a reference dataset; re-adding the same name replaces it. Bad rows are listed
    with their line and skipped.

    Example: rashomon reference add pakistan_ged.csv --kind ucdp --name ged
    """
    from rashomon.reference import import_reference

    with open_store(db) as store:
        ds = import_reference(store, file, kind, name)
    console.print(f"Reference dataset [bold]{ds.name}[/bold] ({ds.kind}): {ds.n_events} events, "
                  f"{len(ds.problems)} problem rows skipped.", highlight=False)
    for p in ds.problems[:SHOWN]:
        err_console.print(f"  {p.code} {p}", highlight=False)
    if len(ds.problems) > SHOWN:
        err_console.print(f"  ... and {len(ds.problems) - SHOWN} more.")


@reference_app.command("list")
def list_(db: Db = DB_DEFAULT) -> None:
    """List the reference datasets.

    Example: rashomon reference list
    """
    from rashomon.store.reference import list_datasets

    with open_store(db, create=False) as store:
        found = list_datasets(store)
    t = Table(title=f"{len(found)} reference datasets")
    for col in ("name", "kind", "events", "problems", "imported", "source"):
        t.add_column(col, overflow="fold")
    for d in found:
        t.add_row(d.name, d.kind, str(d.n_events), str(len(d.problems)), str(d.imported_at),
                  d.source or "")
    console.print(t)


@app.command()
def compare(reference: Annotated[Optional[str], typer.Option(
                "--reference", "-r", help="Reference dataset name (default: the latest added).")] = None,
            db: Db = DB_DEFAULT, since: Since = None, until: Until = None, place: Place = None,
            actor: Actor = None, type: Type = None, status: Status = None, limit: Limit = None,
            format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
            ) -> None:
    """Match our events with a reference dataset's: matched pairs with their fatality
    differences, events only we have, events only they have.

    Example: rashomon compare --reference ged --place Balochistan --format json
    """
    from rashomon.reference import compare_reference

    if format not in ("table", "json"):
        raise ConfigError(f"Unknown format '{format}'.", code="E103", hint="Use table or json.")
    with open_store(db, create=False) as store:
        report = compare_reference(store, reference,
                                   make_filter(since, until, place, actor, type, status, limit))
    if format == "json":
        sys.stdout.write(json.dumps(report.model_dump(mode="json"), indent=2) + "\n")
        return
    print_report(report)


def print_report(report) -> None:
    console.print(f"Compared with [bold]{report.reference}[/bold] from {report.since or '...'} to "
                  f"{report.until or '...'}: {report.n_ours} ours, {report.n_theirs} theirs; "
                  f"{len(report.matched)} matched, {len(report.only_ours)} only ours, "
                  f"{len(report.only_theirs)} only theirs. Deaths in matched pairs: ours "
                  f"{report.our_best_total}, theirs {report.their_best_total}; mean absolute "
                  f"difference of best {report.mean_abs_best_difference}.", highlight=False)
    t = Table(title="Matched")
    for col in ("ours", "theirs", "date", "gap", "our place", "their place", "basis",
                "ours low/best/high", "theirs low/best/high", "diff"):
        t.add_column(col, overflow="fold")
    for p in report.matched[:SHOWN]:
        t.add_row(p.ours, p.theirs, str(p.our_date), str(p.date_gap_days), p.our_place or "",
                  p.their_place or "", p.place_basis, f"{p.our_low}/{p.our_best}/{p.our_high}",
                  f"{p.their_low}/{p.their_best}/{p.their_high}", _signed(p.best_difference))
    console.print(t)
    for label, ids in (("Only ours", report.only_ours), ("Only theirs", report.only_theirs)):
        more = f" (first {SHOWN}; --format json lists all)" if len(ids) > SHOWN else ""
        console.print(f"{label}: {len(ids)}{more}: {', '.join(ids[:SHOWN]) or '-'}", highlight=False)


def _signed(value: int | None) -> str:
    return "?" if value is None else f"{value:+d}"
