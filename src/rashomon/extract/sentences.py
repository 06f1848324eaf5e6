"""Stage 1: split a document into sentences with exact character offsets.

Rule-based (no model): a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a
closing quote or bracket) before whitespace and an upper-case letter, digit or quote, unless the
period ends a known abbreviation ("Gen.", "Lt.", "U.S."). Newlines that separate paragraphs
always end a sentence. Linear time: one pass with a non-backtracking regex.
"""

from __future__ import annotations

import re

from rashomon.extract.base import Sentence

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "st", "jr",
    "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e", "govt",
}
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"“])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]{1,6})$")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text[max(0, dot - 6):dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Return sentences covering the non-blank text; offsets index into ``text``."""
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        _append(text, start, m.end(), sentences)
        start = m.end()
    _append(text, start, len(text), sentences)
    return sentences


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
