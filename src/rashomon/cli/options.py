"""Options shared by several commands, declared once."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import typer

from rashomon.settings import DEFAULT_DB

Db = Annotated[str, typer.Option("--db", envvar="RASHOMON_DB",
                                 help="SQLite file or postgresql:// URL.")]
DB_DEFAULT = DEFAULT_DB
Pack = Annotated[str, typer.Option("--pack", envvar="RASHOMON_PACK", help="Knowledge pack.")]
Since = Annotated[Optional[str], typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")]
Until = Annotated[Optional[str], typer.Option("--until", help="Events on or before this date.")]
Place = Annotated[Optional[str], typer.Option("--place", help="Place, district or province (substring).")]
Actor = Annotated[Optional[str], typer.Option("--actor", help="Actor name (substring).")]
Type = Annotated[Optional[str], typer.Option("--type", help="Event type or sub-event type (substring).")]
Status = Annotated[Optional[str], typer.Option("--status", help="single-source, corroborated, contested...")]
Limit = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many.")]


def parse_day(value: str | None, option: str) -> date | None:
    from rashomon.errors import ConfigError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} expects a date like 2025-03-11, not '{value}'.", code="E102")
