"""``rashomon pack check|list``: validate a knowledge pack and see what it adds."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from rashomon.cli import app, console
from rashomon.codebooks import country_codes
from rashomon.errors import ConfigError
from rashomon.extract.resources import Resources
from rashomon.packs import available_packs, default_pack_name, load_pack
from rashomon.packs.check import check_pack

pack_app = typer.Typer(no_args_is_help=True, help="Knowledge packs: check one, list the bundled "
                       "ones.\n\nExample: rashomon pack check ./my-pack")
app.add_typer(pack_app, name="pack")


@pack_app.command("check")
def check(path: Annotated[str, typer.Argument(help="A pack folder, or a bundled pack's name.")],
          format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",  # noqa: A002
          ) -> None:
    """Validate a pack (every file against its schema, its extends chain, what the extraction
    stages build from it) and print what it adds over the packs below it and what looks wrong.
    Exit status 2 with one error line when the pack cannot be used.

    Example: rashomon pack check src/rashomon/packs/sahel
    """
    if format not in ("table", "json"):
        raise ConfigError(f"Unknown --format {format!r} for pack check.", code="E103",
                          hint="Formats: table, json.")
    pack = load_pack(path)
    Resources.build(pack)  # the stages' own checks (an actor's parent the pack lacks: E105)
    report = check_pack(pack)
    for code in report.countries:
        if country_codes(code) is None:
            report.warnings.append(f"pack.toml: country {code!r} has no entry in the codebooks "
                                   "(no ISO or Gleditsch-Ward code for exports)")
    if format == "json":
        print(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    console.print(f"[bold]{report.name}[/bold] {report.version} ({report.language}) at {report.root}",
                  highlight=False)
    console.print(f"layers: {' < '.join(report.layers)}; countries: {', '.join(report.countries) or '-'}; "
                  f"map extent: {report.map_extent or '-'}", highlight=False)
    t = Table(title="what the pack adds")
    for col in ("file", "entries added", "rows by kind"):
        t.add_column(col)
    for f in report.files:
        adds = ", ".join(f"{k} +{v}" for k, v in f.adds.items()) or "-"
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(f.kinds.items())) or ""
        t.add_row(f.file, adds, kinds)
    console.print(t)
    for w in report.warnings:
        console.print(f"warning: {w}", highlight=False)
    console.print(f"OK: pack {report.name} loads ({len(report.warnings)} warnings).", highlight=False)


@pack_app.command("list")
def list_() -> None:
    """List the bundled packs and say which one is the default (RASHOMON_PACK or packs/default.toml).

    Example: rashomon pack list
    """
    default = default_pack_name()
    for name in available_packs():
        meta = load_pack(name).meta
        mark = " (default)" if name == default else ""
        console.print(f"{name}{mark}: {meta.description}", highlight=False)
