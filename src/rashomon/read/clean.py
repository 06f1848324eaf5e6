"""The last check of every document before it is stored, the same for every reader and backend.

A document is never lost over its metadata: a metadata field that cannot be stored as text
(a lone UTF-16 surrogate, a NUL, which PostgreSQL refuses and SQLite keeps) is dropped with a
warning, and a ``published`` date outside the years news can carry is set to ``None`` with a
warning (such dates also overflow the date arithmetic of relative dates like "last week").
The text itself is repaired: a lone surrogate or NUL becomes U+FFFD, one character for one, so
the text stays what was read. A text with no readable words (random bytes decoded by a
legacy-encoding guess, zero-width characters only, whitespace only) is rejected with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rashomon.errors import Problem
from rashomon.models import DocumentCreate, extraction_end
from rashomon.read.base import Codes, problem

# Outside these years a publication date is a typo or a sentinel, not a news date.
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 2000
_METADATA = ("title", "url", "outlet", "language", "external_id")
# Scripts written together in one language count as one (Japanese mixes three).
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK"}
_MIXED_SCRIPTS = 3  # random bytes decoded as UTF-16 scatter over many scripts
_MAIN_SCRIPT_SHARE = 0.5


@dataclass
class Checked:
    """A document ready to store (or the problem that rejects it) and the warnings."""

    document: DocumentCreate | None
    problem: Problem | None = None
    warnings: list[str] = field(default_factory=list)


def check_document(doc: DocumentCreate, location: str | None = None) -> Checked:
    """Repair or reject ``doc`` field by field (see the module docstring)."""
    where = location or doc.source or ""
    warnings: list[str] = []
    text = doc.text
    if _UNSTORABLE.search(text):
        count = len(_UNSTORABLE.findall(text))
        text = _UNSTORABLE.sub("\ufffd", text)
        warnings.append(f"text: {count} NUL or lone surrogate character"
                        f"{'' if count == 1 else 's'} replaced by U+FFFD.")
    reason = unreadable_reason(text)
    if reason:
        code = Codes.empty if reason.startswith("only whitespace") else Codes.gibberish
        return Checked(None, problem(code, f"no text to store: {reason}.", where))
    changes: dict[str, object] = {"text": text}
    end = extraction_end(text)
    if end < len(text):
        warnings.append(f"text: {len(text):,} characters; events are read from the first {end:,} only "
                        "(the whole text is stored).")
    for name in _METADATA:
        value = getattr(doc, name)
        if isinstance(value, str) and _UNSTORABLE.search(value):
            changes[name] = None
            warnings.append(f"{name} dropped: it holds a NUL or a lone surrogate, not text.")
    if doc.source is not None:
        changes["source"] = escaped(doc.source)
    published = doc.published
    if published is not None and not plausible_published(published):
        changes["published"] = None
        warnings.append(f"published {published.isoformat()} ignored: outside "
                        f"{EARLIEST.year}-{LATEST.year}.")
    return Checked(doc.model_copy(update=changes), None, warnings)


def plausible_published(day: date) -> bool:
    """Whether ``day`` can be a news publication date (the readers and ``--published`` agree)."""
    return EARLIEST <= day <= LATEST


def escaped(value: str) -> str:
    """``value`` with NULs and lone surrogates written as escapes (a location, a name)."""
    return _UNSTORABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def unreadable_reason(text: str) -> str | None:
    """Why ``text`` holds nothing to read, or ``None`` when it has words.

    Judged on the first ``_SAMPLE`` characters, with a fast path for Latin text: this runs
    on every document of a bulk ingest.
    """
    if not text.strip():
        return "only whitespace"
    letters = _LETTER.findall(text[:_SAMPLE])
    if not letters:
        if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text[:_SAMPLE]):
            return "only invisible characters (zero-width spaces, joiners, marks)"
        return "no letters, only symbols or digits"
    ascii_letters = sum(1 for c in letters if c < "\x80")
    if ascii_letters >= _MAIN_SCRIPT_SHARE * len(letters):
        return None
    scripts = Counter(_script(c) for c in letters)
    main = scripts.most_common(1)[0][1]
    if len(scripts) >= _MIXED_SCRIPTS and main < _MAIN_SCRIPT_SHARE * len(letters):
        return "letters scattered over many scripts (random bytes, or a wrong encoding)"
    return None


def _script(char: str) -> str:
    first = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return _SAME_SCRIPT.get(first, first)
