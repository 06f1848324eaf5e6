"""``rashomon claimants``: each claimant's track record against the consolidated estimates."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, check_format
from rashomon.ingest.engine import claimant_records
from rashomon.store import open_store


@app.command()
def claimants(db: Db = DB_DEFAULT,
              format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """How each claimant's figures compare with the consolidated best estimates: count,
    median ratio, share above/below. Who habitually inflates or minimises?

    Example: rashomon claimants --db rashomon.db
    """
    check_format(format, ("table", "json"))
    with open_store(db, create=False) as store:
        records = claimant_records(store)
    if format == "json":
        sys.stdout.write(json.dumps([r.model_dump(mode="json") for r in records], indent=2) + "\n")
        return
    t = Table(title="Claimant track record (figure / best estimate of the event)")
    for col in ("claimant", "figures", "events", "median ratio", "above", "equal", "below", "example"):
        t.add_column(col, overflow="fold")
    for r in records:
        ex = r.examples[0] if r.examples else None
        t.add_row(r.claimant, str(r.figures), str(r.events),
                  f"{r.median_ratio:.2f}" if r.median_ratio is not None else "?",
                  f"{r.share_above:.0%}", f"{r.share_equal:.0%}", f"{r.share_below:.0%}",
                  f"{ex.category}: {ex.figure} vs best {ex.best}" if ex else "")
    console.print(t)
