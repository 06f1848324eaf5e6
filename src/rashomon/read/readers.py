"""Input dispatch for ``rashomon ingest``: paths, folders and stdin -> ``ReadResult`` stream.

:func:`iter_inputs` is a lazy generator: folders are walked one directory at a time (sorted
by name within each directory, hidden entries skipped, symlinked folders not followed so a
link loop cannot recurse), JSON lines are streamed record by record, and no file is read
before the previous results have been consumed. It never raises for bad data: every input
gives one result per document (or record), or one ``Problem``.

Format by extension: ``.txt``/``.md`` text, ``.html``/``.htm`` HTML, ``.json`` JSON,
``.jsonl``/``.ndjson`` JSON lines. Standard input (``-``) and files with any other extension
are sniffed: ``{``/``[`` -> JSON (or JSON lines), ``<`` -> HTML, else text; binary content
with an unknown extension is an unsupported file type.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

from rashomon.errors import InputError, Problem
from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, ReadOptions, ReadResult, fail, human_size, problem
from rashomon.read.html import read_html
from rashomon.read.jsonl import iter_lines, read_json, read_jsonl, records_from_lines
from rashomon.read.text import looks_like_text, read_text

STDIN = "-"
STDIN_LOCATION = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF_BYTES = 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Item = DocumentCreate | Problem

__all__ = ["ReadOptions", "ReadResult", "iter_inputs", "sniff"]


def iter_inputs(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Read every path (file, folder, or ``-`` for stdin) lazily, in order.

    Input: paths as typed by the user; ``options`` gives the size limit and the metadata
    of plain-text inputs named directly (not of files found inside a folder).
    Output: ``ReadResult`` records whose ``location`` is ``path``, ``path:line N`` (JSON
    lines), ``path:record N`` (JSON arrays), ``<stdin>`` or ``<stdin>:line N``.
    """
    options = options or ReadOptions()
    for arg in paths:
        yield from _read_argument(str(arg), options)


def _read_argument(arg: str, options: ReadOptions) -> Iterator[ReadResult]:
    if arg == STDIN:
        yield from _guarded(_read_stdin(options), STDIN_LOCATION)
        return
    path = Path(arg)
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        yield ReadResult.of(problem(Codes.not_found, "no such file or directory.", arg))
        return
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        reason = _os_reason(err) if isinstance(err, OSError) else "invalid path"
        yield ReadResult.of(problem(Codes.unreadable, f"cannot read the path: {reason}.", arg))
        return
    if path.is_dir():
        yield from _read_folder(path, arg, options)
    else:
        yield from _guarded(_read_file(path, arg, options, named=True), arg)


def _read_folder(path: Path, location: str, options: ReadOptions) -> Iterator[ReadResult]:
    found = False
    for entry in _walk(path, location):
        found = True
        if isinstance(entry, Problem):
            yield ReadResult.of(entry)
        else:
            yield from _guarded(_read_file(entry[0], entry[1], options, named=False), entry[1])
    if not found:
        yield ReadResult.of(problem(Codes.empty, "empty folder: no files to read.", location))


def _walk(folder: Path, location: str) -> Iterator[tuple[Path, str] | Problem]:
    """Files under ``folder`` depth first, sorted by name within each directory."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield problem(Codes.unreadable, f"cannot list the folder: {_os_reason(err)}.", location)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        where = os.path.join(location, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), where)
        elif entry.is_file():
            yield Path(entry.path), where


def _guarded(items: Iterator[Item], location: str) -> Iterator[ReadResult]:
    """Wrap a reader so that any failure becomes a ``Problem`` at ``location``."""
    try:
        for item in items:
            yield ReadResult.of(item)
    except InputError as err:
        yield ReadResult.of(problem(err.code, err.message, location))
    except OSError as err:
        yield ReadResult.of(problem(Codes.unreadable, f"cannot read the file: {_os_reason(err)}.",
                                    location))
    except Exception as err:  # noqa: BLE001 - the contract is "never raise for one input"
        yield ReadResult.of(problem(InputError.code, f"unexpected error while reading: "
                                    f"{type(err).__name__}: {err}", location))


def _os_reason(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def _read_file(path: Path, location: str, options: ReadOptions, named: bool) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with open(path, "rb") as stream:
            yield from read_jsonl(stream, location, options.max_bytes)
        return
    data = _read_bounded_file(path, options.max_bytes)
    text_options = options if named else None
    if suffix in JSON_SUFFIXES:
        yield from read_json(data, location)
    elif suffix in HTML_SUFFIXES:
        yield read_html(data, location)
    elif suffix in TEXT_SUFFIXES:
        yield read_text(data, location, text_options)
    elif data.strip() and not looks_like_text(data):
        fail(Codes.unsupported, f"unsupported file type ({suffix or 'no extension'}): "
             "binary content, not text, HTML or JSON.")
    else:
        yield from _read_sniffed(data, location, text_options)


def _read_bounded_file(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        fail(Codes.too_large, f"file is {human_size(size)}, larger than the limit of "
             f"{human_size(limit)}.")
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # the file grew, or stat() could not tell (a device)
        fail(Codes.too_large, f"file is larger than the limit of {human_size(limit)}.")
    return data


def sniff(head: bytes) -> str:
    """``"json"``, ``"html"`` or ``"text"`` from the first bytes of an input."""
    sample = head[:_SNIFF_BYTES]
    encoding = "utf-16" if sample.startswith(_UTF16_BOMS) else "utf-8"
    start = sample.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if start.startswith(("{", "[")):
        return "json"
    return "html" if start.startswith("<") else "text"


def _read_sniffed(data: bytes, location: str, options: ReadOptions | None) -> Iterator[Item]:
    kind = sniff(data)
    if kind == "json":
        yield from read_json(data, location)
    elif kind == "html":
        yield read_html(data, location)
    else:
        yield read_text(data, location, options)


def _read_stdin(options: ReadOptions) -> Iterator[Item]:
    """Standard input: JSON lines are streamed; anything else is read whole (bounded)."""
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        fail(Codes.unreadable, "standard input is not available.")
    lines = iter_lines(stream, options.max_bytes)
    prefix = _leading_lines(lines)
    head = prefix[-1] if prefix and prefix[-1] is not None else b""
    if head.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") and _is_json(head):
        yield from records_from_lines(chain(prefix, lines), STDIN_LOCATION, options.max_bytes)
        return
    if None in prefix:
        fail(Codes.too_large, f"standard input is larger than the limit of "
             f"{human_size(options.max_bytes)}.")
    yield from _read_sniffed(_read_rest(prefix, stream, options.max_bytes), STDIN_LOCATION,
                             options)


def _leading_lines(lines: Iterator[bytes | None]) -> list[bytes | None]:
    """Lines up to and including the first non-blank one (what the sniffing needs)."""
    prefix: list[bytes | None] = []
    for line in lines:
        prefix.append(line)
        if line is None or line.strip():
            break
    return prefix


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return True


def _read_rest(prefix: list[bytes | None], stream: object, limit: int) -> bytes:
    start = b"".join(line for line in prefix if line is not None)
    rest = stream.read(limit + 1 - len(start)) if len(start) <= limit else b""
    data = start + (rest.encode("utf-8") if isinstance(rest, str) else rest)
    if len(data) > limit:
        fail(Codes.too_large, f"standard input is larger than the limit of {human_size(limit)}.")
    return data
