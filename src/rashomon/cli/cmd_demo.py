"""``rashomon demo``: ingest the bundled sample corpus and show what rashomon makes of it."""

from __future__ import annotations

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, Pack
from rashomon.cli.render import events_table, print_event
from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ingest_paths
from rashomon.packs import KnowledgePack, demo_folder, load_pack
from rashomon.public import documents_for
from rashomon.store import EventFilter

def demo_inputs(pack: KnowledgePack | None = None) -> list[str]:
    """A pack's sample reports (its ``demo/`` folder: JSONL feeds, HTML pages and text files;
    provenance: docs/demo-corpus.md)."""
    folder = demo_folder(pack or load_pack())
    return [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".jsonl", ".html", ".txt")]


@app.command()
def demo(db: Db = DB_DEFAULT, pack: Pack = None) -> None:
    """Ingest the bundled sample corpus (reports written by the project) into the database,
    print the events table and one contested event with every side's claims.

    Example: rashomon demo --db /tmp/demo.db
    """
    with Engine.open(db, pack) as engine:
        store = engine.store
        report = ingest_paths(engine, demo_inputs(engine.pack))
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
