"""Word and punctuation tokens of a document, made once and shared by the actor, attribution
and story-flag stages (``ctx.cache``, never across documents).

A token is a run of letters/digits, one punctuation mark, or "_"; hyphens are dropped so that
"Tehreek-e-Taliban" and "Tehreek e Taliban" look alike, and curly quotes and apostrophes read
as ASCII. Tokens are parallel lists rather than one object per token: building millions of
small objects would cost more than finding the tokens.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress
from typing import NamedTuple

from rashomon.extract.base import ExtractContext, Sentence

TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_SPLIT = re.compile(f"({TOKEN.pattern})")  # split() keeps the tokens and the gaps between them
APOSTROPHES = {"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'}
_ASCII = str.maketrans(APOSTROPHES)


class Words(NamedTuple):
    """Tokens as parallel lists: token k is ``text[k]`` at ``start[k]:end[k]``."""

    text: list[str]  # apostrophes and quotes normalised to ASCII
    lower: list[str]
    start: list[int]
    end: list[int]


def words_of(text: str, offset: int = 0) -> Words:
    """The tokens of ``text``, offsets shifted by ``offset``. Linear, and the per-token work
    stays in C: one split, offsets from the running sum of the pieces' lengths."""
    found, starts, ends = split_tokens(_SPLIT, text, offset)
    if "-" in found:
        keep = [w != "-" for w in found]
        found, starts, ends = (list(compress(x, keep)) for x in (found, starts, ends))
    if not found:
        return Words([], [], [], [])
    # tokens hold no whitespace, so one call over the joined words maps every token
    joined = " ".join(found).translate(_ASCII)
    return Words(joined.split(" "), joined.lower().split(" "), starts, ends)


def split_tokens(split: re.Pattern, text: str, offset: int = 0) -> tuple[list[str], list[int], list[int]]:
    """(tokens, starts, ends) of ``text`` for ``split``, a token regex wrapped in one capturing
    group: one ``split`` call, offsets from the running sum of the pieces' lengths (all in C)."""
    parts = split.split(text)  # gap, token, gap, token, ..., gap
    pos = list(accumulate(map(len, parts), initial=offset))
    return parts[1::2], pos[1:-1:2], pos[2::2]


def sentence_words(ctx: ExtractContext, s: Sentence) -> Words:
    """The tokens of sentence ``s`` (what ``words_of(s.text, s.start)`` gives)."""
    key = ("words.sentence", s.start, s.end)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _slice(ctx, s)
    return found


def _slice(ctx: ExtractContext, s: Sentence) -> Words:
    text = ctx.text
    if (s.start > 0 and not text[s.start - 1].isspace()) or (
            s.end < len(text) and not text[s.end].isspace()):
        # a token could run across the sentence edge: tokenize the sentence on its own
        return words_of(text[s.start:s.end], s.start)
    doc = ctx.cache.get("words.document")
    if doc is None:
        doc = ctx.cache["words.document"] = words_of(text)
    a = bisect.bisect_left(doc.start, s.start)
    b = bisect.bisect_left(doc.start, s.end, a)
    return Words(doc.text[a:b], doc.lower[a:b], doc.start[a:b], doc.end[a:b])
