"""``rashomon merge`` and ``rashomon split``: analyst decisions, kept in the audit log."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db
from rashomon.ingest.decide import merge as merge_events
from rashomon.ingest.decide import split as split_event
from rashomon.ingest.engine import Engine

Why = Annotated[Optional[str], typer.Option("--why", help="Reason, kept in the audit log.")]
Who = Annotated[Optional[str], typer.Option("--who", help="Analyst name (default: login name).")]


@app.command()
def merge(event_ids: Annotated[list[str], typer.Argument(help="Two or more event ids.")],
          db: Db = DB_DEFAULT, why: Why = None, who: Who = None) -> None:
    """Merge events that report the same incident. Automatic linking never undoes it.

    Example: rashomon merge e_1a2b3c4d5e6f e_6f5e4d3c2b1a --why "same attack, two spellings"
    """
    with Engine.open(db) as engine:
        ev = merge_events(engine, event_ids, who=who, why=why)
    console.print(f"Merged {len(event_ids)} events into {ev.id} ({len(ev.claims)} claims, status {ev.status}).")


@app.command()
def split(event_id: str, claim_ids: Annotated[list[str], typer.Argument(help="Claims to move out.")],
          db: Db = DB_DEFAULT, why: Why = None, who: Who = None) -> None:
    """Move claims out of an event into a new event. Automatic linking never undoes it.

    Example: rashomon split e_1a2b3c4d5e6f c_0a1b2c3d4e5f6a --why "different attack, same day"
    """
    with Engine.open(db) as engine:
        kept, moved = split_event(engine, event_id, claim_ids, who=who, why=why)
    console.print(f"Split {event_id}: {kept.id} keeps {len(kept.claims)} claims, "
                  f"{moved.id} holds {len(moved.claims)}.")
