"""``rashomon ingest``: read documents, extract claims, store and link them."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from rashomon.cli import app, console, err_console
from rashomon.cli.options import (
    DB_DEFAULT,
    Db,
    Pack,
    PublishedAll,
    check_metadata_targets,
    parse_publication,
)
from rashomon.ingest.engine import Engine
from rashomon.ingest.run import ScaleOptions, ingest_paths
from rashomon.read.readers import ReadOptions

# A bound far above any news text, low enough for every read and size computation.
MAX_BYTES_LIMIT = 10_000_000_000


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: Db = DB_DEFAULT,
    pack: Pack = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date of a single text or HTML file.")] = None,
    published_all: PublishedAll = False,
    url: Annotated[Optional[str], typer.Option(help="URL of a single text or HTML file.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet of every input that names none.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title of a single text or HTML file.")] = None,
    max_bytes: Annotated[int, typer.Option(min=1, max=MAX_BYTES_LIMIT,
                                           help="Reject inputs larger than this (bytes).")] = 5_000_000,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every input.")] = False,
    json_report: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract in N local processes.")] = 1,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", help="Extract on a Dask cluster: tcp://scheduler:8786, or 'local' for N local workers.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(
        "--batch-size", min=1, help="Documents per batch and transaction (default: 20, doubling up to 200).")] = None,
) -> None:
    """Ingest news reports: every input is reported as new, duplicate or failed (with the reason).
    Exit status 0 when all inputs were stored or were duplicates, 1 when any failed.

    With --workers N or --dask, extraction runs in parallel while this process stores and links
    in input order, so the events are the same as a single-process run.

    Example: rashomon ingest reports/ extra.jsonl --db conflict.db --workers 2
    """
    day = parse_publication(published)
    check_metadata_targets(paths, published=day, published_all=published_all, url=url, title=title)
    options = ReadOptions(published=day, published_all=published_all, url=url, outlet=outlet,
                          title=title, max_bytes=max_bytes)
    with Engine.open(db, pack) as engine, _progress() as bar:
        task = bar.add_task("ingesting", total=None)
        report = ingest_paths(engine, paths, options,
                              progress=lambda item: bar.update(task, advance=1, description=item.status),
                              scale=ScaleOptions(workers=workers, dask=dask, batch_size=batch_size,
                                                 keep_items=json_report or verbose))
    if json_report:
        sys.stdout.write(report.to_json() + "\n")
    else:
        report.render(console, verbose=verbose)
    raise typer.Exit(report.exit_code)


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, transient=True,
                    disable=not err_console.is_terminal)
