"""The trigger lexicon of ``types.py`` and the stemmed token stream it is matched against.

Knowledge lives in ``packs/<pack>/triggers.toml`` (falls back to ``core``): phrases with a
weight and optional context cues (``if_near`` / ``unless_near`` a word class). Phrases and text
go through the same ``stem`` so that "killed", "kills" and "killing" meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

GAP = "*"
_LONG_RUN = re.compile(r"\S{65,}")
_SUFFIXES = (("ies", "y", 4), ("ied", "y", 4), ("ing", "", 4), ("ed", "", 4), ("es", "", 4),
             ("s", "", 3))
_STEM_MEMO_LIMIT = 200_000  # orth id -> stem; news reuses words, hostile input must not grow it


@dataclass(frozen=True)
class Entry:
    pattern: tuple[str, ...]
    sub_type: str
    weight: float
    if_near: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    if_before: tuple[str, ...] = ()
    window: int = 8
    unless_window: int = 8  # ``unless_near`` may look closer: "against [police] violence"
    # weakened by hedges ("plans to", "threatened to") like a violent trigger: the type's
    # ``hedged`` flag, by default its ``violent`` one (a planned march is no more an event than a
    # planned attack); read once here instead of per hit
    violent: bool = False


@dataclass
class Lexicon:
    types: dict[str, dict[str, Any]]
    lemmas: dict[str, str]
    classes: dict[str, frozenset[str]]
    index: dict[str, list[Entry]] = field(default_factory=dict)  # first lemma -> entries
    settings: dict[str, Any] = field(default_factory=dict)
    stems: dict[int, str] = field(default_factory=dict)
    months: frozenset[str] = frozenset()  # settings.months: "March 14" is a date, not a march
    # first lemma -> (next lemma -> entries that may match, entries when the next lemma is
    # none of those): a phrase's second word rules most entries out with one dict lookup
    follow: dict[str, tuple[dict[str, tuple[Entry, ...]], tuple[Entry, ...]]] = field(
        default_factory=dict)

    def is_acled(self, sub_type: str) -> bool:
        return bool(self.types.get(sub_type, {}).get("event_type"))


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """Crude, consistent suffix stripping; lexicon and text go through the same function."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if irregular and w in irregular:
        return irregular[w]
    for suffix, repl, size in _SUFFIXES:
        if len(w) > size and w.endswith(suffix) and not w.endswith(("ss", "us", "is")):
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    lemmas = {k.lower(): v for k, v in raw.get("lemmas", {}).items()}
    norm = lambda s: stem(s, lemmas)  # noqa: E731
    classes = {name: frozenset(norm(w) for w in words) for name, words in raw.get("classes", {}).items()}
    settings = raw.get("settings", {})
    types = raw.get("types", {})
    lex = Lexicon(types=types, lemmas=lemmas, classes=classes, settings=settings,
                  months=frozenset(settings.get("months", [])))
    for item in raw.get("trigger", []):
        seen: set[tuple[str, ...]] = set()  # "vow", "vowed", "vows" stem alike: count once
        for phrase in item["phrases"]:
            pattern = tuple(norm(t.text) for t in tokenizer()(phrase) if not t.is_space)
            while pattern and pattern[-1] == GAP:  # a gap needs a word after it
                pattern = pattern[:-1]
            if not pattern or pattern in seen:
                continue
            seen.add(pattern)
            entry = Entry(pattern, item["type"], float(item.get("weight", 1.0)),
                          tuple(item.get("if_near", ())), tuple(item.get("unless_near", ())),
                          tuple(item.get("if_before", ())), int(item.get("window", 8)),
                          int(item.get("unless_window", item.get("window", 8))),
                          _hedged(types.get(item["type"], {})))
            lex.index.setdefault(pattern[0], []).append(entry)
    lex.follow = {first: _by_next_word(entries) for first, entries in lex.index.items()}
    return lex


def _hedged(info: dict[str, Any]) -> bool:
    return bool(info.get("hedged", info.get("violent")))


def _by_next_word(entries: list[Entry]) -> tuple[dict[str, tuple[Entry, ...]], tuple[Entry, ...]]:
    """Entries sharing a first lemma, split by the lemma that must follow it; index order is
    kept (it breaks score ties). Single words and "word * word" patterns fit any next word."""
    free = lambda e: len(e.pattern) == 1 or e.pattern[1] == GAP  # noqa: E731
    nexts = {e.pattern[1] for e in entries if not free(e)}
    by_next = {w: tuple(e for e in entries if free(e) or e.pattern[1] == w) for w in nexts}
    return by_next, tuple(e for e in entries if free(e))


@lru_cache(maxsize=8)
def _lexicon_of(paths: tuple[str, ...]) -> Lexicon:
    from rashomon.packs import merge, read_toml

    merged: dict = {}
    for p in paths:
        merged = merge(merged, read_toml(Path(p)))
    return compile_lexicon(merged)


def build_triggers(pack: object) -> Lexicon:
    """The trigger lexicon of a pack: ``triggers.toml`` merged over its layers (core's, plus a
    conflict pack's own triggers and word classes, which extend core's), compiled once per
    chain of files (``extract.resources``): packs with the same files share the lexicon."""
    return _lexicon_of(tuple(str(p) for p in pack.paths("triggers.toml")))


# spaCy's vocabulary keeps every string it has seen (and the tokenizer a cache entry per new
# chunk): over a long ingest, names and numbers make it grow without end (~110 MB for 300k new
# strings in a throwaway test). A fresh blank pipeline every this many texts bounds that (a few
# tenths of a second each time); orth ids are hashes of the string, so memos keyed by them stay
# valid across pipelines.
RENEW_AFTER = 20_000


class _Renewed:
    nlp = None
    uses = 0


def tokenizer():
    """spaCy's blank English tokenizer (renewed every ``RENEW_AFTER`` calls)."""
    if _Renewed.nlp is None or _Renewed.uses >= RENEW_AFTER:
        import spacy

        _Renewed.nlp, _Renewed.uses = spacy.blank("en"), 0
    _Renewed.uses += 1
    return _Renewed.nlp.tokenizer


class Tokens(NamedTuple):
    """Stemmed tokens of a text as parallel lists (index k is one token)."""

    lemma: list[str]
    start: list[int]
    size: list[int]  # in characters: a token ends at start + size


def tokens(text: str, lex: Lexicon) -> Tokens:
    """Stemmed spaCy tokens (spaces dropped) with offsets. Reads spaCy's token array in bulk:
    creating a Python ``Token`` object per word would cost more than the tokenizer itself."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, ORTH

    doc = tokenizer()(_mask_long_runs(text))
    arr = doc.to_array([ORTH, IDX, LENGTH, IS_SPACE, LIKE_NUM])
    if arr[:, 3].any():
        arr = arr[arr[:, 3] == 0]
    orths, starts, sizes, _, numeric = arr.T.tolist()
    memo = lex.stems
    lemmas = list(map(memo.get, orths))
    if None in lemmas:
        strings = doc.vocab.strings
        for k in [k for k, lemma in enumerate(lemmas) if lemma is None]:
            lemmas[k] = stem(strings[orths[k]], lex.lemmas)
            if len(memo) < _STEM_MEMO_LIMIT:
                memo[orths[k]] = lemmas[k]
    months = lex.months
    maybe = [k for k, lemma in enumerate(lemmas) if lemma in months] if months else ()
    if maybe:
        for k in maybe:
            if text[starts[k]].isupper() and _by_number(numeric, k):
                lemmas[k] = "<month>"
    return Tokens(lemmas, starts, sizes)


def _mask_long_runs(text: str) -> str:
    """Replace runs of 65+ non-space characters by as many "x": spaCy's affix splitting is
    quadratic on runs like "((((...", and no trigger is that long. Offsets are unchanged."""
    if max(map(len, text.split()), default=0) < 65:  # str.split and \S agree on what a space is
        return text
    return _LONG_RUN.sub(lambda m: "x" * len(m.group()), text)


def _by_number(numeric: list[int], i: int) -> bool:
    return (i + 1 < len(numeric) and bool(numeric[i + 1])) or (i > 0 and bool(numeric[i - 1]))
