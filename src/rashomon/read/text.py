"""Plain-text reading: byte decoding, newline normalisation, publication dates.

Decoding order (first that fits wins):

1. UTF-16 with a byte-order mark;
2. UTF-8, with or without a BOM;
3. almost-UTF-8 (a handful of broken bytes in text that is otherwise clearly UTF-8):
   broken bytes become U+FFFD rather than turning every accent into mojibake;
4. cp1252 when the text is mostly ASCII: Western news copy saved by Windows tools, where
   ``charset_normalizer`` tends to guess a wrong Central-European code page on short texts;
5. ``charset_normalizer``'s best guess.

Text is otherwise kept exactly as decoded (only ``\\r\\n`` and ``\\r`` become ``\\n``), so that
character offsets computed later point into the stored text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import charset_normalizer
from dateutil import parser as date_parser

from rashomon.models import DocumentCreate
from rashomon.read.base import Codes, ReadOptions, fail

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters other than tab, newline, form feed and carriage return, C1 controls
# (what binary decoded as latin-1 looks like) and the replacement character.
_NON_PRINTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_ASCII_BYTES = bytes(range(128))
_MAX_NON_PRINTABLE = 0.05
_MAX_NON_ASCII_FOR_CP1252 = 0.2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_DATE_LENGTH = 64


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text (see the module docstring for the order).

    Raises ``InputError`` (code ``E205``) for binary or undecodable content.
    """
    if data.startswith(_UTF16_BOMS):
        text = _decode_or_none(data, "utf-16")
    elif b"\x00" in data:
        fail(Codes.binary, "binary content (NUL bytes), not text.")
    else:
        text = _decode_or_none(data, "utf-8-sig")
        text = text if text is not None else _decode_legacy(data)
    if text is None:
        fail(Codes.binary, "undecodable content: not UTF-8, UTF-16 or a known legacy encoding.")
    if _non_printable_share(text) > _MAX_NON_PRINTABLE:
        fail(Codes.binary, "binary content (mostly non-printable characters), not text.")
    return text


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_legacy(data: bytes) -> str | None:
    """Steps 3 to 5 of the decoding order, for bytes that are not valid UTF-8."""
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    if _count_non_ascii(lenient) - broken > 4 * broken:
        return lenient
    non_ascii = len(data.translate(None, _ASCII_BYTES))
    if non_ascii <= _MAX_NON_ASCII_FOR_CP1252 * len(data):
        text = _decode_or_none(data, "cp1252")
        if text is not None:
            return text
    try:
        best = charset_normalizer.from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector crash must not stop the batch
        return None
    return str(best) if best is not None else None


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _non_printable_share(text: str) -> float:
    if not text:
        return 0.0
    return (len(text) - len(_NON_PRINTABLE.sub("", text))) / len(text)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_text(data: bytes) -> bool:
    """True if ``data`` decodes to mostly printable text (used for unknown extensions)."""
    try:
        decode_bytes(data)
    except Exception:  # noqa: BLE001 - any failure means "not text"
        return False
    return True


def parse_published(value: object) -> date | None:
    """A publication date from a metadata value, or ``None`` when it is not a full date.

    Accepts ``date``/``datetime`` objects, ISO dates and datetimes (``2025-03-12``,
    ``2025-03-12T08:00:00Z``) and written dates (``12 March 2025``, ``March 12, 2025``).
    Numeric dates like ``03/04/2025`` are read day first (the Pakistani and British usage).
    A value missing the day or the year (``March 2025``) gives ``None``: a guessed day
    would look exact downstream. The date is taken as written, without time-zone shifts.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_DATE_LENGTH:
        return None
    text = value.strip()
    if _ISO_DATE.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    return _parse_written_date(text)


def _parse_written_date(text: str) -> date | None:
    # Two different defaults: a field missing from the text shows up as a difference.
    try:
        first = date_parser.parse(text, dayfirst=True, default=datetime(1904, 1, 1))
        second = date_parser.parse(text, dayfirst=True, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    return first.date()


def read_text(data: bytes, location: str, options: ReadOptions | None = None) -> DocumentCreate:
    """Plain text -> ``DocumentCreate`` with ``source=location``.

    ``options`` (when given) supplies the metadata: published, url, outlet, title, language.
    Raises ``InputError`` for empty or binary input.
    """
    if not data.strip():
        fail(Codes.empty, "empty input: no text to read.")
    text = normalise_newlines(decode_bytes(data))
    if not text.strip():
        fail(Codes.empty, "empty input: only whitespace.")
    metadata = typed_metadata(options)
    if "title" not in metadata and (line := headline(text)) is not None:
        metadata["title"] = line
    return DocumentCreate(text=text, source=location, **metadata)


# A headline is short, and ends without the full stop, comma or colon that a sentence, a
# dateline ("QUETTA:") or an opening clause ends with. Only the first line can be one, and
# only when text follows it: a one-line file is a sentence, not a title over nothing.
_HEADLINE_MAX_CHARS = 150
_HEADLINE_WORDS = (2, 25)
_NOT_A_HEADLINE_END = (".", ",", ";", ":", "-", "\u2013", "\u2014")
_DATELINE = re.compile(r"[A-Z]{3,}[A-Z .'-]*,")  # "QUETTA, March 12 (Reuters)" on a line of its own


def headline(text: str) -> str | None:
    """The first line of a plain text when it reads as a headline, else ``None``.

    The title is taken from the text itself (the text keeps the line), so nothing is made up:
    "Gunmen kill five labourers in Turbat" over a report is its title; a first line that is
    a sentence ("Gunmen killed five labourers in Turbat on Monday.") or a byline is not.
    """
    filled = (line for line in (raw.strip() for raw in _lines(text)) if line)
    first, second = next(filled, None), next(filled, None)
    if second is None:
        return None
    words = first.split()
    if (len(first) > _HEADLINE_MAX_CHARS or not _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1]
            or first.endswith(_NOT_A_HEADLINE_END) or not (first[0].isupper() or first[0].isdigit()
                                                           or first[0] in "\"'\u2018\u201c")
            or words[0].lower() == "by" or _DATELINE.match(first)):
        return None
    return first


def _lines(text: str):
    """Lines of ``text`` one at a time (the headline needs two, not a copy of a long text)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def typed_metadata(options: ReadOptions | None) -> dict[str, object]:
    """The metadata typed on the command line (published, url, outlet, title, language) that is set."""
    if options is None:
        return {}
    names = ("published", "url", "outlet", "title", "language")
    return {name: getattr(options, name) for name in names if getattr(options, name) is not None}
