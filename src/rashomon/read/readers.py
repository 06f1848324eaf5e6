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

import errno
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

from rashomon.errors import InputError, Problem
from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, ReadOptions, ReadResult, fail, human_size, problem
from rashomon.read.clean import check_document
from rashomon.read.html import read_html
from rashomon.read.jsonl import iter_lines, loads, read_json, read_jsonl, records_from_lines
from rashomon.read.text import looks_like_text, read_text, typed_metadata

STDIN = "-"
STDIN_LOCATION = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF_BYTES = 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Deeper folders are reported, not walked: news archives are a few levels deep, and a
# bound keeps a pathological tree (or a bind-mount loop) from running without end.
MAX_DEPTH = 64

Item = DocumentCreate | Problem

__all__ = ["ReadOptions", "ReadResult", "iter_inputs", "sniff"]


def iter_inputs(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Read every path (file, folder, or ``-`` for stdin) lazily, in order.

    Input: paths as typed by the user; ``options`` gives the size limit and the metadata
    of a text or HTML input named directly (not of files found inside a folder); its outlet,
    and its date with ``published_all``, also go to every other document lacking one.
    Output: ``ReadResult`` records whose ``location`` is ``path``, ``path:line N`` (JSON
    lines), ``path:record N`` (JSON arrays), ``<stdin>`` or ``<stdin>:line N``.
    """
    options = options or ReadOptions()
    for arg in paths:
        for result in _read_argument(str(arg), options):
            yield _filled(result, options)


def _filled(result: ReadResult, options: ReadOptions) -> ReadResult:
    """Fields typed once for a batch, given to each document that came without them: the
    outlet (a folder of one paper's reports), and the date with ``--published-all``."""
    doc = result.document
    if doc is None:
        return result
    update: dict[str, object] = {}
    if options.outlet is not None and not doc.outlet:
        update["outlet"] = options.outlet
    if options.published_all and options.published is not None and doc.published is None:
        update["published"] = options.published
    if not update:
        return result
    return result.model_copy(update={"document": doc.model_copy(update=update)})


def _read_argument(arg: str, options: ReadOptions) -> Iterator[ReadResult]:
    if arg == STDIN:
        yield from _guarded(_read_stdin(options), STDIN_LOCATION)
        return
    path = Path(arg)
    location = shown_name(arg)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        if path.is_symlink():
            yield ReadResult.of(problem(Codes.special, "dangling symbolic link: its target does "
                                        "not exist.", location))
        else:
            yield ReadResult.of(problem(Codes.not_found, "no such file or directory.", location))
        return
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        reason = _os_reason(err) if isinstance(err, OSError) else "invalid path"
        yield ReadResult.of(problem(Codes.unreadable, f"cannot read the path: {reason}.", location))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(path, location, options)
    elif not stat.S_ISREG(info.st_mode):
        # Opening a FIFO without a writer blocks forever, a device may never end: never open.
        yield ReadResult.of(_not_regular(info.st_mode, location))
    else:
        yield from _guarded(_read_file(path, location, options, named=True), location)


def _read_folder(path: Path, location: str, options: ReadOptions) -> Iterator[ReadResult]:
    found = False
    for entry in walk(path, location):
        found = True
        if isinstance(entry, Problem):
            yield ReadResult.of(entry)
        else:
            yield from _guarded(_read_file(entry[0], entry[1], options, named=False), entry[1])
    if not found:
        yield ReadResult.of(problem(Codes.empty, "empty folder: no files to read.", location))


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates)
    become ``\\xNN`` escapes, so the name can be stored, printed and written as JSON."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk(folder: Path, location: str) -> Iterator[tuple[Path, str] | Problem]:
    """Regular files under ``folder`` depth first, sorted by name within each directory.

    Iterative (no recursion limit); symbolic links to folders are followed once: a folder
    already on the way down (a loop, a self-link) or deeper than ``MAX_DEPTH`` is one problem
    and the walk goes on. Non-regular entries (FIFOs, sockets, devices, dangling links) are
    reported and never opened.
    """
    stack = [_listing(folder, location, 0, frozenset())]
    while stack:
        top = stack[-1]
        if isinstance(top, Problem):
            stack.pop()
            yield top
            continue
        entries, where, depth, below = top
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        item = _entry(entry, os.path.join(where, shown_name(entry.name)), depth, below)
        if isinstance(item, tuple) and item[0] == "dir":
            stack.append(_listing(Path(entry.path), item[1], depth + 1, below))
        else:
            yield item


def _listing(path: Path, where: str, depth: int, above: frozenset):
    """One folder's visible entries (sorted by name) and what the walk needs below it."""
    try:
        info = path.stat()
        with os.scandir(path) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")),
                             key=lambda entry: entry.name)
    except OSError as err:
        return problem(Codes.unreadable, f"cannot list the folder: {_os_reason(err)}.", where)
    return iter(entries), where, depth, above | {(info.st_dev, info.st_ino)}


def _entry(entry: os.DirEntry, where: str, depth: int, below: frozenset):
    try:
        info = entry.stat()  # follows a link once
    except OSError as err:
        if entry.is_symlink():
            if getattr(err, "errno", None) == errno.ELOOP:
                return problem(Codes.loop, "skipped a symbolic link loop.", where)
            return problem(Codes.special, "skipped a dangling symbolic link: its target does "
                           "not exist.", where)
        return problem(Codes.unreadable, f"cannot read the entry: {_os_reason(err)}.", where)
    if stat.S_ISDIR(info.st_mode):
        if (info.st_dev, info.st_ino) in below:
            return problem(Codes.loop, "skipped a folder link that leads back to a folder "
                           "above it (a loop).", where)
        if depth + 1 > MAX_DEPTH:
            return problem(Codes.loop, f"skipped a folder nested more than {MAX_DEPTH} levels "
                           "deep.", where)
        return ("dir", where)
    if not stat.S_ISREG(info.st_mode):
        return _not_regular(info.st_mode, where)
    return Path(entry.path), where


def _not_regular(mode: int, where: str) -> Problem:
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return problem(Codes.special, f"not a regular file: {kind}, skipped without reading it "
                   "(pipe data in with -).", where)


def _guarded(items: Iterator[Item], location: str) -> Iterator[ReadResult]:
    """Wrap a reader so that any failure becomes a ``Problem`` at ``location``."""
    try:
        for item in items:
            yield checked(item)
    except InputError as err:
        yield ReadResult.of(problem(err.code, err.message, location))
    except OSError as err:
        yield ReadResult.of(problem(Codes.unreadable, f"cannot read the file: {_os_reason(err)}.",
                                    location))
    except Exception as err:  # noqa: BLE001 - the contract is "never raise for one input"
        yield ReadResult.of(problem(InputError.code, f"unexpected error while reading: "
                                    f"{type(err).__name__}: {err}", location))


def checked(item: Item) -> ReadResult:
    """A reader's output after the per-field checks every stored document passes."""
    if isinstance(item, Problem):
        return ReadResult.of(item)
    result = check_document(item)
    if result.problem is not None:
        return ReadResult.of(result.problem)
    return ReadResult(location=result.document.source or "", document=result.document,
                      warnings=result.warnings)


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
        yield _given(read_html(data, location), text_options)
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
        yield _given(read_html(data, location), options)
    else:
        yield read_text(data, location, options)


def _given(doc: DocumentCreate, options: ReadOptions | None) -> DocumentCreate:
    """A page named on the command line takes the metadata typed with it over what the page
    says of itself (a mis-dated page is the common reason to type ``--published``)."""
    given = typed_metadata(options)
    return doc.model_copy(update=given) if given else doc


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
        loads(line.decode("utf-8-sig"))
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
