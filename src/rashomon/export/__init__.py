"""Exports of the event dataset: the events contract as JSON, JSON Lines, CSV, GeoJSON and
Parquet, and the ACLED and UCDP GED column layouts (``docs/export.md``).

    >>> from rashomon.export import export_events
    >>> export_events(store, "acled", EventFilter(place="Gao"), "gao_acled.csv", pack="sahel")

The ACLED and UCDP layouts need each event's country codes (``rashomon.codebooks.countries``);
an event whose place names no country is in the knowledge pack's one country
(``KnowledgePack.default_country_code``), and an event whose country cannot be coded is left
out of the file as a problem (E117) in ``ExportResult.problems``, never coded as another country.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from rashomon.errors import ConfigError, Problem
from rashomon.packs import KnowledgePack, load_pack
from rashomon.public import documents_for, event_json
from rashomon.store import EventFilter, Store

FORMATS = ("json", "jsonl", "csv", "geojson", "parquet", "acled", "ucdp")


@dataclass
class ExportResult:
    """What an export wrote: format, rows written, events selected, files (empty for stdout),
    and the events left out because their country cannot be coded (E117, ACLED and UCDP)."""

    format: str
    rows: int
    events: int
    paths: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def export_events(store: Store, fmt: str, filter: EventFilter | None = None,  # noqa: A002
                  out: str | Path | IO[str] = "-", claims: bool = False,
                  pack: KnowledgePack | str | None = None) -> ExportResult:
    """Export the events matching ``filter`` as ``fmt`` to ``out`` (a path, ``"-"`` for stdout,
    or an open text stream). ``claims`` adds a claims table (parquet) or a claims CSV beside the
    events CSV (``NAME.claims.csv``); json, jsonl and geojson always carry the claims. ``pack``
    (a name, a loaded pack, or None for ``RASHOMON_PACK``) gives ACLED and UCDP the country of
    events whose place names none. Raises ConfigError for an unknown format or parquet to stdout."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format '{fmt}'.", code="E110",
                          hint=f"Use one of: {', '.join(FORMATS)}.")
    found = store.events(filter or EventFilter())
    docs = documents_for(found, store)
    if fmt == "parquet":
        from rashomon.export.parquet import write_parquet

        if not isinstance(out, (str, Path)) or str(out) == "-":
            raise ConfigError("Parquet needs a file or folder, not standard output.", code="E111",
                              hint="Pass -o events.parquet or -o DIR/.")
        paths = write_parquet([event_json(e, docs) for e in found], out, claims=claims)
        return ExportResult(fmt, len(found), len(found), [str(p) for p in paths])
    with _open_text(out) as (stream, path):
        rows, problems = _write_text(fmt, found, docs, stream, pack)
    paths = [path] if path else []
    if claims and fmt == "csv" and path:
        paths.append(_write_claims_csv(found, docs, Path(path)))
    return ExportResult(fmt, rows, len(found), paths, problems)


def _default_country(pack: KnowledgePack | str | None) -> str | None:
    """The pack's one country (``KnowledgePack.default_country_code``); ``pack`` None is the
    pack of ``RASHOMON_PACK``, else the default pack, as for the filters."""
    if not isinstance(pack, KnowledgePack):
        pack = load_pack(pack)
    return pack.default_country_code


def _write_text(fmt: str, found: list, docs: dict, stream: IO[str],
                pack: KnowledgePack | str | None) -> tuple[int, list[Problem]]:
    if fmt in ("acled", "ucdp"):
        from rashomon.export.acled import write_acled
        from rashomon.export.ucdp import write_ucdp

        written = (write_acled if fmt == "acled" else write_ucdp)(found, docs, stream,
                                                                  _default_country(pack))
        return written.rows, written.problems
    from rashomon.export.csvfmt import write_events_csv
    from rashomon.export.geojson import write_geojson
    from rashomon.export.jsonfmt import write_json, write_jsonl

    writer = {"json": write_json, "jsonl": write_jsonl, "csv": write_events_csv,
              "geojson": write_geojson}[fmt]
    return writer([event_json(e, docs) for e in found], stream), []


def _write_claims_csv(found: list, docs: dict, path: Path) -> str:
    from rashomon.export.csvfmt import write_claims_csv

    target = path.with_name(f"{path.stem}.claims.csv")
    with target.open("w", encoding="utf-8", newline="") as fh:
        write_claims_csv([event_json(e, docs) for e in found], fh)
    return str(target)


@contextmanager
def _open_text(out: str | Path | IO[str]) -> Iterator[tuple[IO[str], str | None]]:
    if not isinstance(out, (str, Path)):
        yield out, None
    elif str(out) == "-":
        yield sys.stdout, None
    else:
        path = Path(out)
        if not path.parent.exists():
            raise ConfigError(f"The folder for {path} does not exist.", code="E112")
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh, str(path)


__all__ = ["FORMATS", "ExportResult", "export_events"]
