"""``rashomon review queue|set|correct|mark|history``: the analyst review loop on the command line
(the same library functions as ``POST /api/events/{id}/review`` and the event page)."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.table import Table

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, Limit, check_format
from rashomon.errors import ConfigError
from rashomon.ingest import review as actions
from rashomon.ingest.engine import Engine
from rashomon.review import review_queue

review_app = typer.Typer(no_args_is_help=True, help="Review events: status, corrections, claim "
                         "marks, history.\n\nExample: rashomon review queue --status unreviewed")
app.add_typer(review_app, name="review")

Why = Annotated[Optional[str], typer.Option("--why", help="Reason, kept in the history.")]
Who = Annotated[Optional[str], typer.Option("--who", help="Analyst name (default: login name).")]
Fmt = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _check(fmt: str) -> None:
    check_format(fmt, ("table", "json"))


@review_app.command("queue")
def queue(status: Annotated[Optional[str], typer.Option("--status", help="unreviewed, in_review, "
                                                        "verified or rejected.")] = None,
          db: Db = DB_DEFAULT, limit: Limit = 50, format: Fmt = "table") -> None:
    """Events to review: contested and single-side events first, newest first within each.

    Example: rashomon review queue --status unreviewed --limit 20
    """
    _check(format)
    with Engine.open(db) as engine:
        found = review_queue(engine.store, status, limit)
    if format == "json":
        console.print_json(json.dumps([{"id": e.id, "date_start": e.date_start and e.date_start.isoformat(),
                                        "status": e.status,
                                        "review_status": e.review.status if e.review else "unreviewed",
                                        "new_since_review": bool(e.review and e.review.new_since_review)}
                                       for e in found]))
        return
    t = Table(title=f"{len(found)} events to review")
    for col in ("id", "date", "type", "status", "review", "new since review"):
        t.add_column(col, overflow="fold")
    for e in found:
        t.add_row(e.id, str(e.date_start or "?"), e.sub_event_type or e.event_type or "?", e.status,
                  e.review.status if e.review else "unreviewed",
                  ", ".join(e.review.new_claim_ids) if e.review else "")
    console.print(t)


@review_app.command("set")
def set_(event_id: str, status: Annotated[Optional[str], typer.Option("--status")] = None,
         assignee: Annotated[Optional[str], typer.Option("--assignee")] = None,
         notes: Annotated[Optional[str], typer.Option("--notes")] = None,
         db: Db = DB_DEFAULT, why: Why = None, who: Who = None) -> None:
    """Set an event's review status, assignee or notes.

    Example: rashomon review set e_1a2b3c4d5e6f --status verified --notes "checked two outlets"
    """
    with Engine.open(db) as engine:
        ev = actions.set_review(engine, event_id, status=status, assignee=assignee, notes=notes,
                                who=who, why=why)
    console.print(f"Event {ev.id}: review {ev.review.status if ev.review else 'unreviewed'}.")


@review_app.command("correct")
def correct(event_id: str,
            values: Annotated[list[str], typer.Argument(help="FIELD=VALUE pairs, e.g. killed.best=12 "
                                                        "admin2=Kech date_start=2025-03-11; FIELD= takes a correction back.")],
            db: Db = DB_DEFAULT, why: Why = None, who: Who = None) -> None:
    """Correct an event's date, place, type, actors or a figure; corrections survive relinking.

    Example: rashomon review correct e_1a2b3c4d5e6f killed.best=12 admin2=Kech --why "hospital list"
    """
    pairs = {}
    for v in values:
        name, eq, value = v.partition("=")
        if not eq:
            raise ConfigError(f"'{v}' is not FIELD=VALUE.", code="E602", hint="Write e.g. killed.best=12.")
        pairs[name.strip()] = _value(name.strip(), value)
    with Engine.open(db) as engine:
        ev = actions.correct(engine, event_id, pairs, who=who, why=why)
    console.print(f"Event {ev.id}: corrected {', '.join(sorted(pairs))}.")


def _value(name: str, value: str):
    if value == "":
        return None
    if name == "actors":  # "Name (role); Name (role)"
        return [a for a in (x.strip() for x in value.split(";")) if a]
    return value


@review_app.command("mark")
def mark(claim_id: str, mark: Annotated[str, typer.Argument(help="verified, false, superseded or none.")],
         db: Db = DB_DEFAULT, why: Why = None, who: Who = None) -> None:
    """Mark a claim; a claim marked false or superseded leaves the estimates (it stays shown).

    Example: rashomon review mark c_0a1b2c3d4e5f6a false --why "retracted by the outlet"
    """
    with Engine.open(db) as engine:
        ev = actions.mark_claim(engine, claim_id, None if mark == "none" else mark, who=who, why=why)
    console.print(f"Claim {claim_id} marked {mark} (event {ev.id}).")


@review_app.command("history")
def history(event_id: str, db: Db = DB_DEFAULT, format: Fmt = "table") -> None:
    """An event's history: review changes, corrections, marks, merges and splits.

    Example: rashomon review history e_1a2b3c4d5e6f
    """
    _check(format)
    with Engine.open(db) as engine:
        found = actions.history(engine.store, event_id)
    if format == "json":
        console.print_json(json.dumps([h.model_dump(mode="json") for h in found]))
        return
    t = Table(title=f"history of {event_id}")
    for col in ("at", "who", "action", "field", "old", "new", "why"):
        t.add_column(col, overflow="fold")
    for h in found:
        t.add_row(str(h.at), h.who, h.action, h.claim_id or h.field or ", ".join(h.event_ids),
                  _text(h.old), _text(h.new), h.why or "")
    console.print(t)


def _text(v) -> str:
    return "" if v is None else v if isinstance(v, str) else json.dumps(v)
