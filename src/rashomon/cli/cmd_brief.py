"""``rashomon brief``: a printable briefing of a period, in HTML or PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from rashomon.cli import app, console
from rashomon.cli.options import DB_DEFAULT, Db, parse_day
from rashomon.errors import ConfigError
from rashomon.store import open_store


def _day(value: str, name: str, end: bool = False) -> date:
    return parse_day(value, name, end)


@app.command()
def brief(since: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).")],
          until: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).")],
          out: Annotated[Path, typer.Option("--out", "-o", help="brief.html or brief.pdf.")],
          db: Db = DB_DEFAULT,
          province: Annotated[Optional[str], typer.Option(help="Only this province.")] = None) -> None:
    """A printable briefing: headline numbers with their ranges, the last week's flags with their
    formulas, the top events with each side's claims side by side, a map, the weekly trend and a
    methods box. PDF through headless Chromium.

    Example: rashomon brief --since 2025-03-01 --until 2025-03-31 -o brief.pdf --db rashomon.db
    """
    from rashomon.web.brief import brief_html, html_to_pdf

    if out.suffix.lower() not in (".html", ".pdf"):
        raise ConfigError(f"--out must end in .html or .pdf, not {out.name!r}.", code="E158")
    with open_store(db, create=False) as store:
        html = brief_html(store, _day(since, "--since"), _day(until, "--until", end=True), province)
    if out.suffix.lower() == ".pdf":
        html_to_pdf(html, out.resolve())
    else:
        out.write_text(html, encoding="utf-8")
    console.print(f"Wrote {out}")
