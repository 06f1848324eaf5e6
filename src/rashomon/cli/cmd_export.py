"""``rashomon export``: the dataset as JSON, JSONL, CSV, GeoJSON, Parquet, ACLED or UCDP GED."""

from __future__ import annotations

from typing import Annotated

import typer

from rashomon.cli import app, err_console
from rashomon.cli.cmd_query import make_filter
from rashomon.cli.options import (
    DB_DEFAULT,
    Actor,
    Db,
    Limit,
    Pack,
    Place,
    Q,
    Since,
    Status,
    Type,
    Until,
)
from rashomon.store import open_store

SHOWN = 40  # problems printed; the rest are counted


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="json, jsonl, csv, geojson, parquet, acled or ucdp.")],
    out: Annotated[str, typer.Option("--output", "-o",
                                     help="File to write; '-' for standard output (text formats); "
                                          "a folder ending in / for parquet.")] = "-",
    claims: Annotated[bool, typer.Option("--claims", help="Also write the claims table "
                                         "(parquet: NAME.claims.parquet; csv: NAME.claims.csv).")] = False,
    db: Db = DB_DEFAULT, since: Since = None, until: Until = None, place: Place = None,
    actor: Actor = None, type: Type = None, status: Status = None, limit: Limit = None, q: Q = None,
    pack: Pack = None,
) -> None:
    """Export the events that match the filters in an exchange format.

    json and jsonl follow the events contract (docs/contract.md); geojson is a FeatureCollection
    of Point features; acled and ucdp use those datasets' column layouts (docs/export.md).
    An event whose country has no ACLED or UCDP code is left out and named (E117, exit 1);
    an event whose place names no country is in the pack's country.

    Example: rashomon export --format acled --place Kech -o kech_acled.csv
    """
    from rashomon.export import export_events

    with open_store(db, create=False) as store:
        result = export_events(store, format, make_filter(since, until, place, actor, type, status,
                                                          limit, pack, q=q), out, claims=claims,
                               pack=pack)
    left_out = f"; {len(result.problems)} events left out" if result.problems else ""
    if result.paths:
        err_console.print(f"Wrote {result.rows} rows ({result.format}) to "
                          f"{', '.join(result.paths)}{left_out}.", highlight=False)
    for p in result.problems[:SHOWN]:
        err_console.print(f"  {p.code} {p}", highlight=False)
    if len(result.problems) > SHOWN:
        err_console.print(f"  ... and {len(result.problems) - SHOWN} more.")
    if result.problems:
        raise typer.Exit(1)
