"""JSON and JSON-lines reading: one document per record.

A record is a JSON object with a string ``text`` (required) and optional ``id`` (kept as
``external_id``), ``url``, ``title``, ``published``, ``outlet`` and ``language``; other fields
are ignored. Optional fields of the wrong type are dropped and an unreadable ``published`` is
stored as ``None``: the document is kept rather than lost over its metadata.

JSON lines are streamed: one line is held in memory at a time, and a line longer than the
size limit is skipped (and reported) without being held either.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from rashomon.errors import InputError, Problem
from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, human_size, problem
from rashomon.read.text import decode_bytes, normalise_newlines, parse_published

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192
# Python refuses to turn longer digit strings into int (CVE-2020-10735); such a number is
# kept as its digits, so one huge value fails (or is ignored in) its own record only.
_MAX_INT_DIGITS = 4000
_STRING_FIELDS = {"url": "url", "title": "title", "outlet": "outlet", "language": "language"}


def record_to_document(record: object, location: str) -> DocumentCreate | Problem:
    """One parsed JSON value -> ``DocumentCreate`` (``source=location``) or a ``Problem``."""
    if not isinstance(record, dict):
        return problem(Codes.no_text, f"record is {_json_kind(record)}, not a JSON object "
                       "with a \"text\" field.", location)
    text = record.get("text")
    if not isinstance(text, str):
        found = "has no \"text\" field" if text is None else f"has a \"text\" that is {_json_kind(text)}"
        return problem(Codes.no_text, f"record {found}; a string is required.", location)
    if not text.strip():
        return problem(Codes.no_text, "record has an empty \"text\".", location)
    fields = {name: value.strip() for key, name in _STRING_FIELDS.items()
              if isinstance(value := record.get(key), str) and value.strip()}
    return DocumentCreate(text=normalise_newlines(text), source=location,
                          external_id=_external_id(record.get("id")),
                          published=parse_published(record.get("published")), **fields)


class HugeNumber:
    """A JSON integer too long for ``int``: its digits, never mistaken for a string."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _parse_int(digits: str) -> int | HugeNumber:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else HugeNumber(digits)


def loads(text: str) -> object:
    """``json.loads`` that reads integers of any length."""
    return json.loads(text, parse_int=_parse_int)


def _external_id(value: object) -> str | None:
    if isinstance(value, HugeNumber):
        return None  # an id of thousands of digits identifies nothing a person can use
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip() or None


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", HugeNumber: "a number", type(None): "null"}
    return kinds.get(type(value), "a value")


def _invalid_json(error: json.JSONDecodeError | RecursionError, line: int) -> str:
    if isinstance(error, RecursionError):
        reason = "nested too deeply"
    elif error.msg.endswith(" at"):  # "Unterminated string starting at": say where
        reason = f"{error.msg} column {error.colno}"
    else:
        reason = error.msg
    return f"invalid JSON on line {line}: {reason}."


def records_from_json(text: str, location: str) -> Iterator[DocumentCreate | Problem]:
    """A whole JSON document (one object, or an array of objects) -> records.

    Array items get the location ``<location>:record N`` (1-based). A document that turns
    out to be JSON lines (``Extra data`` after the first value) is read as JSON lines.
    """
    try:
        value = loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            yield from records_from_text_lines(text, location)
            return
        yield problem(Codes.invalid_json, _invalid_json(err, err.lineno), location)
        return
    except RecursionError as err:
        yield problem(Codes.invalid_json, _invalid_json(err, 1), location)
        return
    if not isinstance(value, list):
        yield record_to_document(value, location)
    elif not value:
        yield problem(Codes.empty, "empty input: the JSON array has no records.", location)
    else:
        for number, item in enumerate(value, start=1):
            yield record_to_document(item, f"{location}:record {number}")


def record_from_line(line: str, number: int, location: str) -> DocumentCreate | Problem:
    """One non-blank JSON line -> record, located at ``<location>:line N``."""
    where = f"{location}:line {number}"
    try:
        value = loads(line)
    except json.JSONDecodeError as err:
        return problem(Codes.invalid_json, _invalid_json(err, number), where)
    except RecursionError as err:
        return problem(Codes.invalid_json, _invalid_json(err, number), where)
    return record_to_document(value, where)


def records_from_text_lines(text: str, location: str) -> Iterator[DocumentCreate | Problem]:
    """JSON lines already decoded as one string (a ``.json`` file that held JSON lines)."""
    yield from records_from_lines((line.encode("utf-8") for line in io.StringIO(text)),
                                  location, max_bytes=len(text.encode("utf-8")) + 1)


def records_from_lines(lines: Iterable[bytes | None], location: str,
                       max_bytes: int) -> Iterator[DocumentCreate | Problem]:
    """Raw lines (``None`` = a line that was too long) -> one result per non-blank line.

    Blank lines are skipped but counted, so ``line N`` matches what an editor shows.
    Input with no records at all yields one "empty" problem.
    """
    seen = False
    for number, raw in enumerate(lines, start=1):
        if raw is not None and not raw.strip():
            continue
        seen = True
        yield _line_result(raw, number, location, max_bytes)
    if not seen:
        yield problem(Codes.empty, "empty input: no JSON records.", location)


def _line_result(raw: bytes | None, number: int, location: str,
                 max_bytes: int) -> DocumentCreate | Problem:
    where = f"{location}:line {number}"
    if raw is None:
        return problem(Codes.too_large, f"line {number} is larger than the limit of "
                       f"{human_size(max_bytes)}.", where)
    try:
        line = decode_bytes(raw)
    except InputError as err:
        return problem(err.code, err.message, where)
    return record_from_line(line, number, location)


def iter_lines(stream: BinaryIO | io.TextIOBase, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of ``stream`` as bytes, holding at most ``max_bytes + 1`` of them at a time.

    A longer line is read to its end in bounded chunks, dropped, and given as ``None``.
    """
    while True:
        chunk = _as_bytes(stream.readline(max_bytes + 1))
        if not chunk:
            return
        if len(chunk) <= max_bytes or chunk.endswith(b"\n"):
            yield chunk
            continue
        while chunk and not chunk.endswith(b"\n"):
            chunk = _as_bytes(stream.readline(max_bytes + 1))
        yield None


def _as_bytes(chunk: bytes | str) -> bytes:
    return chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def read_jsonl(stream: BinaryIO, location: str, max_bytes: int) -> Iterator[DocumentCreate | Problem]:
    """A JSON-lines file (opened in binary mode, with ``peek``) -> one result per record.

    UTF-16 files (with a BOM) are decoded as a stream; otherwise every line is judged on
    its own, so a NUL byte (or any undecodable line) fails that line only.
    """
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    if head.startswith(_UTF16_BOMS):
        lines = iter_lines(io.TextIOWrapper(stream, encoding="utf-16", newline=""), max_bytes)
    else:
        lines = iter_lines(stream, max_bytes)
    yield from records_from_lines(lines, location, max_bytes)


def read_json(data: bytes, location: str) -> Iterator[DocumentCreate | Problem]:
    """A whole ``.json`` file's bytes -> records (see :func:`records_from_json`).

    Raises ``InputError`` for empty, binary or undecodable input.
    """
    text = decode_bytes(data) if data.strip() else ""
    if not text.strip():
        yield problem(Codes.empty, "empty input: no JSON to read.", location)
        return
    yield from records_from_json(text, location)
