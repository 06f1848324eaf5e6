"""``rashomon extract``: run extraction without storing anything."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from rashomon.cli import app
from rashomon.cli.options import Pack, PublishedAll, check_metadata_targets, parse_publication
from rashomon.errors import ConfigError
from rashomon.ingest.engine import extract_events
from rashomon.models import Document
from rashomon.packs import load_pack
from rashomon.public import event_json
from rashomon.read.readers import ReadOptions, iter_inputs


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A file, folder or - for stdin.")],
    pack: Pack = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json or jsonl.")] = "jsonl",
    published: Annotated[Optional[str], typer.Option(
        help="Publication date of a single text or HTML file: relative dates ('on Monday') are "
             "read from it.")] = None,
    published_all: PublishedAll = False,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet of every input that names none.")] = None,
) -> None:
    """Extract events from documents and print them, one line per input record (jsonl)
    or one JSON array (json): {"id": <record id>, "events": [...]}. Nothing is stored.

    Example: rashomon extract statement.txt --published 2025-03-12
    """
    if format not in ("json", "jsonl"):
        raise ConfigError(f"Unknown format '{format}'.", code="E103", hint="Use json or jsonl.")
    day = parse_publication(published)
    check_metadata_targets([path], published=day, published_all=published_all)
    options = ReadOptions(published=day, published_all=published_all, outlet=outlet)
    kp = load_pack(pack)
    out = []
    failed = False
    for r in iter_inputs([path], options):
        if r.problem is not None:
            rec = {"id": None, "location": r.location, "error": r.problem.message, "events": []}
            failed = True
        else:
            doc = Document.from_create(r.document)
            events = [event_json(e, {doc.id: doc}) for e in extract_events(doc, kp)]
            rec = {"id": r.document.external_id or doc.id, "events": events}
            if r.warnings:
                rec["warnings"] = r.warnings
        if format == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            out.append(rec)
    if format == "json":
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failed else 0)
