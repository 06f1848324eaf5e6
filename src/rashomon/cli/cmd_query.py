"""``rashomon events``, ``rashomon show``, ``rashomon documents``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from rashomon.cli import app, console
from rashomon.cli.options import (
    DB_DEFAULT,
    Actor,
    Db,
    Limit,
    Place,
    Q,
    Since,
    Status,
    Type,
    Until,
    check_format,
    parse_day,
)
from rashomon.cli.render import events_table, print_event
from rashomon.export.csvfmt import CSV_COLUMNS, write_events_csv  # noqa: F401 (re-exported)
from rashomon.public import documents_for, event_json
from rashomon.store import EventFilter, open_store
from rashomon.store.resolve import event_filter

Format = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def make_filter(since, until, place, actor, type_, status, limit, pack: str | None = None,
                q: str | None = None) -> EventFilter:
    """The CLI's filter options as one EventFilter: dates as days, months or years; actor and
    place words resolved through the pack's aliases; a bad status or range is one sentence."""
    return event_filter(pack, since=parse_day(since, "--since"), until=parse_day(until, "--until", end=True),
                        place=place, actor=actor, type=type_, status=status, limit=limit, q=q)


@app.command()
def events(db: Db = DB_DEFAULT, since: Since = None, until: Until = None, place: Place = None,
           actor: Actor = None, type: Type = None, status: Status = None, limit: Limit = None,
           q: Q = None, format: Format = "table") -> None:
    """List events, newest first.

    Example: rashomon events --place Kachhi --status contested --q "Jaffar Express" --format json
    """
    check_format(format, ("table", "json", "csv"))
    wanted = make_filter(since, until, place, actor, type, status, limit, q=q)
    with open_store(db, create=False) as store:
        found = store.events(wanted)
        if format == "table":
            console.print(events_table(found))
            return
        docs = documents_for(found, store)
        rows = [event_json(e, docs) for e in found]
    if format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        write_events_csv(rows, sys.stdout)




@app.command()
def show(event_id: str, db: Db = DB_DEFAULT, format: Format = "table") -> None:
    """Show one event: each claimant's figures, hedge, quote and source side by side,
    the estimates and how they were derived, and why the claims were linked.

    Example: rashomon show e_1a2b3c4d5e6f
    """
    check_format(format, ("table", "json", "csv"))
    with open_store(db, create=False) as store:
        ev = store.event(event_id)
        docs = documents_for([ev], store)
    if format == "json":
        sys.stdout.write(json.dumps(event_json(ev, docs, links=True), indent=2, ensure_ascii=False) + "\n")
    elif format == "csv":
        write_events_csv([event_json(ev, docs)], sys.stdout)
    else:
        print_event(console, ev, docs)


@app.command()
def documents(db: Db = DB_DEFAULT, limit: Limit = None,
              format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table") -> None:
    """List stored documents.

    Example: rashomon documents --limit 20 --format json
    """
    import csv

    from rich.table import Table

    check_format(format, ("table", "json", "csv"))
    with open_store(db, create=False) as store:
        docs = store.documents(limit=limit)
    out = [{"id": d.id, "url": d.url, "title": d.title, "outlet": d.outlet,
            "published": d.published.isoformat() if d.published else None,
            "source": d.source} for d in docs]
    if format == "json":
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    if format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=["id", "url", "title", "outlet", "published", "source"])
        w.writeheader()
        w.writerows(out)
        return
    t = Table(title=f"{len(docs)} documents")
    for col in ("id", "published", "outlet", "title", "url"):
        t.add_column(col, overflow="fold")
    for d in docs:
        t.add_row(d.id, str(d.published or "?"), d.outlet or "", d.title or "", d.url or "")
    console.print(t)
