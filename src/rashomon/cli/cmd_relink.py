"""``rashomon relink``: link every stored claim again, from scratch."""

from __future__ import annotations

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, Pack
from rashomon.ingest.engine import Engine


@app.command()
def relink(db: Db = DB_DEFAULT, pack: Pack = None) -> None:
    """Link every stored claim again in one batch, keeping analysts' merges and splits: for a
    database built by an earlier version, or after changing the linking settings. Ingest keeps
    events equal to this result at all times, so on a current database nothing changes.

    Example: rashomon relink --db conflict.db
    """
    with Engine.open(db, pack) as engine:
        before, after = engine.relink_all()
    console.print(f"Relinked: {before} events before, {after} after.")
