"""Cell parsers shared by the UCDP and ACLED readers: empty cells are None, bad cells raise
ValueError with a message naming the column (the reader turns it into a Problem)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dateutil import parser as dateparser

from rashomon.errors import InputError


def cell(row: dict, column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _number(row: dict, column: str) -> float | None:
    value = cell(row, column)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{column} is not a number: '{value[:40]}'") from None


def integer(row: dict, column: str) -> int | None:
    number = _number(row, column)
    if number is None:
        return None
    if number != int(number) or number < 0:
        raise ValueError(f"{column} is not a whole count: '{cell(row, column)[:40]}'")
    return int(number)


def real(row: dict, column: str, limit: float) -> float | None:
    number = _number(row, column)
    if number is None:
        return None
    if not -limit <= number <= limit:
        raise ValueError(f"{column} out of range: {number}")
    return number


def day(row: dict, column: str) -> date | None:
    """ISO dates (``2014-07-16``, ``2014-07-16 08:34``) and ACLED's ``16 July 2014``."""
    value = cell(row, column)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dateparser.parse(value[:40], dayfirst=True).date()
    except (ValueError, OverflowError):
        raise ValueError(f"{column} is not a date: '{value[:40]}'") from None


def read_rows(path: str | Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """(line number, row) of a CSV file with a header; InputError when the file cannot be read
    or its header lacks all of ``required`` (then it is not the kind of file we expect)."""
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"Cannot read {p}: {exc.strerror or exc}.", code="E223") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in reader.fieldnames or []]
        if not any(col in header for col in required):
            raise InputError(f"{p} has none of the columns {', '.join(required)}.", code="E220",
                             hint="Check --kind (ucdp or acled) and that the file is a CSV export.")
        reader.fieldnames = header
        try:
            for row in reader:
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{p} is not a readable CSV file near line {reader.line_num}: {exc}.",
                             code="E222") from exc
