"""``rashomon demo``: ingest the bundled sample corpus and show what rashomon makes of it."""

from __future__ import annotations

from pathlib import Path

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db
from rashomon.cli.render import events_table, print_event
from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ingest_paths
from rashomon.public import documents_for
from rashomon.store import EventFilter

DEMO_CORPUS = Path(__file__).resolve().parents[1] / "demo_corpus"


def demo_inputs() -> list[str]:
    """The sample reports: the JSONL feed and the HTML pages (provenance: docs/demo-corpus.md)."""
    return [str(p) for p in sorted(DEMO_CORPUS.iterdir()) if p.suffix in (".jsonl", ".html")]


@app.command()
def demo(db: Db = DB_DEFAULT) -> None:
    """Ingest the bundled sample corpus (reports written by the project) into the database,
    print the events table and one contested event with every side's claims.

    Example: rashomon demo --db /tmp/demo.db
    """
    with Engine.open(db, "balochistan") as engine:
        store = engine.store
        report = ingest_paths(engine, demo_inputs())
        report.render(console)
        events = store.events(EventFilter())
        console.print(events_table(events))
        contested = [e for e in events if e.status == "contested"]
        if contested:
            pick = max(contested, key=lambda e: (len(e.claims), e.id))
            console.print("\nOne contested event, every side's claims side by side:\n")
            print_event(console, pick, documents_for([pick], store))
        console.print(f"\nDatabase: {db}. Next: rashomon events --db {db} --format json, "
                      f"rashomon show EVENT_ID --db {db}")
