"""Options shared by several commands, declared once."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Optional

import typer

from rashomon.settings import DEFAULT_DB

Db = Annotated[str, typer.Option("--db", envvar="RASHOMON_DB",
                                 help="SQLite file or postgresql:// URL.")]
DB_DEFAULT = DEFAULT_DB
Pack = Annotated[Optional[str], typer.Option("--pack", envvar="RASHOMON_PACK", help=(
    "Knowledge pack: a bundled name or the path of a pack folder (default: packs/default.toml)."))]
Since = Annotated[Optional[str], typer.Option("--since", help="Events on or after this day, month or "
                                                                 "year (2025-03-11, 2025-03, 2025).")]
Until = Annotated[Optional[str], typer.Option("--until", help="Events on or before this day, month or year "
                                                                 "(2025-03 means up to 31 March).")]
Place = Annotated[Optional[str], typer.Option("--place", help="Place, district or province: a substring, "
                                                                 "or a name or abbreviation the pack knows (KP).")]
Actor = Annotated[Optional[str], typer.Option("--actor", help="Actor: a substring, or a name or abbreviation "
                                                                 "the pack knows (BLA, TTP).")]
Type = Annotated[Optional[str], typer.Option("--type", help="Event type or sub-event type (substring).")]
Status = Annotated[Optional[str], typer.Option("--status", help="A status (single-source, corroborated, "
                                                                 "contested) or grade (confirmed, fair, weak, "
                                                                 "discounted).")]
Limit = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many.")]
Q = Annotated[Optional[str], typer.Option("--q", help='Events whose reports contain these words (stemmed: '
                                                     '"attacked" finds "attack"), a "quoted phrase", or a OR b.')]


_BOUND = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_day(value: str | None, option: str, end: bool = False) -> date | None:
    """A day, month or year as the first day it covers (the last with ``end``): "2025-09" is
    1 September as ``--since`` and 30 September as ``--until``."""
    from rashomon.errors import ConfigError

    if value is None:
        return None
    m = _BOUND.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError(value)
        year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        if day is not None:
            return date(year, month, int(day))
        if not end:
            return date(year, month, 1)
        return date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        raise ConfigError(f"{option} expects a day, month or year like 2025-03-11, 2025-03 or 2025, "
                          f"not '{value}'.", code="E102") from None


def check_format(format: str, allowed: tuple[str, ...]) -> None:
    """Every command that takes ``--format`` refuses a format it cannot write (E103)."""
    from rashomon.errors import ConfigError

    if format not in allowed:
        raise ConfigError(f"Unknown format '{format}'.", code="E103",
                          hint=f"Use {', '.join(allowed[:-1])} or {allowed[-1]}.")


def parse_publication(value: str | None, option: str = "--published") -> date | None:
    """A publication date as metadata gives it (ISO date or datetime, "12 March 2025"), read by
    the same parser as the readers. Unlike a filter bound, a month or a year alone is refused:
    stored as its first day, it would look like an exact publication date to the linker."""
    from rashomon.errors import ConfigError
    from rashomon.read.clean import EARLIEST, LATEST, plausible_published
    from rashomon.read.text import parse_published

    if value is None:
        return None
    day = parse_published(value)
    if day is None or not plausible_published(day):
        raise ConfigError(f"{option} expects a full date between {EARLIEST.year} and {LATEST.year}, like "
                          f"2025-03-11, 2025-03-11T08:00:00Z or 11 March 2025, not '{value}'.", code="E113")
    return day


PublishedAll = Annotated[bool, typer.Option(
    "--published-all", help="Give --published to every input without a date of its own "
                            "(several files, folders, JSON records).")]


def check_metadata_targets(paths: list[str], *, published: object, published_all: bool,
                           url: str | None = None, title: str | None = None) -> None:
    """Metadata typed once describes one document. Refuse it when the command reads several
    (a folder, several paths, a JSON file of records), instead of stamping every document with
    one URL or title, or silently dating a whole archive by one day (E114-E116)."""
    from rashomon.errors import ConfigError

    if published_all and published is None:
        raise ConfigError("--published-all needs --published DATE: it says which inputs get that "
                          "date, not the date.", code="E116")
    several = _several(paths)
    if several is None:
        return
    for option, value in (("--url", url), ("--title", title)):
        if value is not None:
            raise ConfigError(f"{option} describes one document, but this command reads {several}.",
                              code="E115", hint="Name one text or HTML file, or give the field in "
                                                "JSON records.")
    if published is not None and not published_all:
        raise ConfigError(f"--published dates one document, but this command reads {several}.",
                          code="E114", hint="Add --published-all to give that date to every input "
                                            "without a date of its own.")


def _several(paths: list[str]) -> str | None:
    """What makes ``paths`` more than one document ("3 inputs", "the folder reports/"), or None."""
    from pathlib import Path

    from rashomon.read.readers import JSON_SUFFIXES, JSONL_SUFFIXES

    if len(paths) > 1:
        return f"{len(paths)} inputs"
    for arg in paths:
        path = Path(arg)
        if arg != "-" and path.is_dir():
            return f"the folder {arg}"
        if path.suffix.lower() in JSON_SUFFIXES | JSONL_SUFFIXES:
            return f"the JSON records of {arg}"
    return None
