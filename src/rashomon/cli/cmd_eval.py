"""``rashomon eval``: score extraction and linking against gold data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from rashomon.cli import app, console
from rashomon.cli.options import Pack, check_format
from rashomon.errors import ConfigError
from rashomon.evaluate import evaluate_path


@app.command("eval")
def eval_(gold: Annotated[Path, typer.Argument(help="Gold file or folder.")],
          corpus: Annotated[Optional[Path], typer.Option(help="Corpus JSONL the gold refers to.")] = None,
          pack: Pack = None,
          limit: Annotated[Optional[int], typer.Option(help="ACLED notes: score the first N after the fixed shuffle.")] = None,
          format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
    """Score extraction, linking or attribution against gold data: CASE 2021 Task 2 snippets
    (.tsv), ACLED notes (.csv), GLOCON samples (folder), or a rashomon gold file (.json:
    extraction, linking, or claimant attribution). Every figure is what the whole pipeline gives, as `rashomon extract` runs it.

    Example: rashomon eval ../shared/data/dev/acled/africa_2016_notes_even.csv --limit 1000
    """
    check_format(format, ("table", "json"))
    if not gold.exists():
        raise ConfigError(f"No such gold file or folder: {gold}.", code="E121")
    report = evaluate_path(gold, corpus, pack, limit=limit)
    if format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        console.print(report.to_table())
