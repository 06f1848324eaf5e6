"""Stage: event triggers and their ACLED event / sub-event types.

Contract
--------
``find_triggers(ctx) -> list[Trigger]``: at most one trigger per sentence, the best-scoring
ACLED sub-event type of that sentence, with the exact trigger words and their span in
``ctx.text``. ``classify_text(text) -> Trigger | None``: the best type for a whole snippet
(earlier sentences weigh more, as news leads with the main event); ``None`` when the text
describes no ACLED event (disasters, diplomacy, ordinary crime, markets, attribution).

Knowledge lives in ``packs/<pack>/triggers.toml`` (falls back to ``core``): phrases with a
weight and optional context cues (``if_near`` / ``unless_near`` a word class), plus "sink"
types that absorb non-ACLED readings so that, e.g., a gas explosion in a factory does not
become a bombing. Matching is a single left-to-right token scan indexed by the first lemma
(bounded pattern length and gaps), so cost is linear in the text length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.sentences import split_sentences
from rashomon.models import Record, Span

_GAP = "*"
_MAX_GAP = 3  # "took * hostage" spans at most three skipped tokens
_LONG_RUN = re.compile(r"\S{65,}")
_AGENT_SPAN = 40  # subject search looks this far back, so run-on "sentences" stay linear
_SUFFIXES = (("ies", "y", 4), ("ied", "y", 4), ("ing", "", 4), ("ed", "", 4), ("es", "", 4),
             ("s", "", 3))


class Trigger(Record):
    """Words that signal an event, typed with ACLED's vocabulary."""

    event_type: str
    sub_event_type: str
    text: str
    span: Span
    sentence_index: int = 0
    score: float = 0.0
    violent: bool = False


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Entry:
    pattern: tuple[str, ...]
    sub_type: str
    weight: float
    if_near: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    if_before: tuple[str, ...] = ()
    window: int = 8


@dataclass
class _Lexicon:
    types: dict[str, dict[str, Any]]
    lemmas: dict[str, str]
    classes: dict[str, frozenset[str]]
    index: dict[str, list[_Entry]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    stems: dict[int, str] = field(default_factory=dict)  # orth id -> stem; news reuses words

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


def _compile(raw: dict[str, Any]) -> _Lexicon:
    lemmas = {k.lower(): v for k, v in raw.get("lemmas", {}).items()}
    norm = lambda s: stem(s, lemmas)  # noqa: E731
    classes = {name: frozenset(norm(w) for w in words) for name, words in raw.get("classes", {}).items()}
    lex = _Lexicon(types=raw.get("types", {}), lemmas=lemmas, classes=classes,
                   settings=raw.get("settings", {}))
    for item in raw.get("trigger", []):
        seen: set[tuple[str, ...]] = set()  # "vow", "vowed", "vows" stem alike: count once
        for phrase in item["phrases"]:
            pattern = tuple(norm(t.text) for t in _tokenizer()(phrase) if not t.is_space)
            while pattern and pattern[-1] == _GAP:  # a gap needs a word after it
                pattern = pattern[:-1]
            if not pattern or pattern in seen:
                continue
            seen.add(pattern)
            entry = _Entry(pattern, item["type"], float(item.get("weight", 1.0)),
                           tuple(item.get("if_near", ())), tuple(item.get("unless_near", ())),
                           tuple(item.get("if_before", ())), int(item.get("window", 8)))
            lex.index.setdefault(pattern[0], []).append(entry)
    return lex


@lru_cache(maxsize=8)
def _lexicon_at(path: str) -> _Lexicon:
    import tomllib

    return _compile(tomllib.loads(Path(path).read_text("utf-8")))


def _lexicon(pack: object | None) -> _Lexicon:
    if pack is None or not hasattr(pack, "path"):
        from rashomon.packs import load_pack

        pack = load_pack("core")
    path = pack.path("triggers.toml")
    return _lexicon_at(str(path)) if path else _compile({})


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


# --------------------------------------------------------------------------- matching


class _Tok(NamedTuple):  # a tuple: built once per token, so cheaper than a dataclass
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class _Hit:
    entry: _Entry
    first: int  # token index
    last: int  # inclusive
    score: float


def _tokens(text: str, lex: _Lexicon) -> list[_Tok]:
    """Stemmed tokens with offsets. Reads spaCy's token array in bulk: creating a Python
    ``Token`` object per word would cost more than the tokenizer itself."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, ORTH

    doc = _tokenizer()(_mask_long_runs(text))
    rows = [r for r in doc.to_array([ORTH, IDX, LENGTH, IS_SPACE, LIKE_NUM]).tolist() if not r[3]]
    strings, cache, months = doc.vocab.strings, lex.stems, lex.settings.get("months", [])
    out = []
    for i, (orth, start, length, _, _) in enumerate(rows):
        lemma = cache.get(orth)
        if lemma is None:
            lemma = stem(strings[orth], lex.lemmas)
            if len(cache) < 200_000:
                cache[orth] = lemma
        if lemma in months and text[start].isupper() and _by_number(rows, i):
            lemma = "<month>"  # "March 14", "14 May": a date, not a march
        out.append(_Tok(lemma, start, start + length))
    return out


def _mask_long_runs(text: str) -> str:
    """Replace runs of 65+ non-space characters by as many "x": spaCy's affix splitting is
    quadratic on runs like "((((...", and no trigger is that long. Offsets are unchanged."""
    if not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: "x" * len(m.group()), text)


def _by_number(rows: list[list[int]], i: int) -> bool:
    return (i + 1 < len(rows) and bool(rows[i + 1][4])) or (i > 0 and bool(rows[i - 1][4]))


def _match_at(toks: list[_Tok], i: int, pattern: tuple[str, ...], hi: int) -> int | None:
    """Index of the last token matched by ``pattern`` starting at ``i`` (gaps are lazy)."""
    j = i
    k = 0
    while k < len(pattern):
        if pattern[k] == _GAP:
            nxt = pattern[k + 1]
            for skip in range(_MAX_GAP + 1):
                if j + skip < hi and toks[j + skip].lemma == nxt:
                    j += skip
                    break
            else:
                return None
            k += 1
        if j >= hi or toks[j].lemma != pattern[k]:
            return None
        j += 1
        k += 1
    return j - 1


def _near(toks: list[_Tok], lo: int, hi: int, first: int, last: int, words: frozenset[str],
          window: int) -> bool:
    a, b = max(lo, first - window), min(hi, last + window + 1)
    return any(toks[x].lemma in words for x in range(a, b) if x < first or x > last)


def _cues_hold(toks: list[_Tok], lo: int, hi: int, first: int, last: int, e: _Entry,
               lex: _Lexicon) -> bool:
    """Context cues of an entry: a class near (``if_near``), absent (``unless_near``), or
    in subject position before the phrase (``if_before``: "troops captured" vs "militants
    captured")."""
    cls = lambda c: lex.classes.get(c, frozenset())  # noqa: E731
    if e.if_near and not any(_near(toks, lo, hi, first, last, cls(c), e.window) for c in e.if_near):
        return False
    if any(_near(toks, lo, hi, first, last, cls(c), e.window) for c in e.unless_near):
        return False
    if e.if_before:
        return _first_agent(toks, lo, first, lex) in e.if_before
    return True


def _first_agent(toks: list[_Tok], lo: int, first: int, lex: _Lexicon) -> str | None:
    """Class ("state"/"armed") of the first agent word of the sentence before ``first``: in news
    leads that is usually the grammatical subject."""
    agents = lex.settings.get("agent_classes", ["state", "armed"])
    speaker = lex.classes.get("speaker", frozenset())
    for x in range(max(lo, first - _AGENT_SPAN), first):
        if any(toks[y].lemma in speaker for y in range(x + 1, min(first, x + 3))):
            continue  # "an army spokesman said rebels took ...": the army is the source
        for c in agents:
            if toks[x].lemma in lex.classes.get(c, frozenset()):
                return c
    return None


def _hits(toks: list[_Tok], lo: int, hi: int, lex: _Lexicon) -> list[_Hit]:
    """All lexicon matches inside tokens ``lo..hi`` (one sentence), context cues applied."""
    hedge = lex.classes.get("hedge", frozenset())
    hedge_factor = lex.settings.get("hedge_factor", 0.3)
    out: list[_Hit] = []
    for i in range(lo, hi):
        for e in lex.index.get(toks[i].lemma, ()):
            last = _match_at(toks, i, e.pattern, hi)
            if last is None or not _cues_hold(toks, lo, hi, i, last, e, lex):
                continue
            score = e.weight
            if lex.types.get(e.sub_type, {}).get("violent") and any(
                    toks[x].lemma in hedge for x in range(max(lo, i - 4), i)):
                score *= hedge_factor  # "plans to attack", "threatened to bomb"
            out.append(_Hit(e, i, last, score))
    return out


def _sentence_token_ranges(toks: list[_Tok], sentences: list[Sentence]) -> list[tuple[int, int]]:
    ranges, i = [], 0
    for s in sentences:
        while i < len(toks) and toks[i].start < s.start:
            i += 1
        j = i
        while j < len(toks) and toks[j].start < s.end:
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def _best(hits: list[_Hit], weight: float, repeat: float) -> tuple[dict[str, float], dict[str, _Hit]]:
    """Per type: the strongest hit plus ``repeat`` times the others, so that a word repeated
    throughout a sentence ("protesters ... the protest ...") does not outvote one decisive cue."""
    sums: dict[str, float] = defaultdict(float)
    top: dict[str, _Hit] = {}
    for h in hits:
        sums[h.entry.sub_type] += h.score
        if h.entry.sub_type not in top or h.score > top[h.entry.sub_type].score:
            top[h.entry.sub_type] = h
    totals = {k: weight * (top[k].score + repeat * (v - top[k].score)) for k, v in sums.items()}
    return totals, top


def _make_trigger(text: str, toks: list[_Tok], hit: _Hit, score: float, index: int,
                  lex: _Lexicon) -> Trigger:
    info = lex.types[hit.entry.sub_type]
    start, end = toks[hit.first].start, toks[hit.last].end
    return Trigger(event_type=info["event_type"], sub_event_type=hit.entry.sub_type,
                   text=text[start:end], span=Span(start=start, end=end), sentence_index=index,
                   score=round(score, 3), violent=bool(info.get("violent", False)))


def _winner(totals: dict[str, float], lex: _Lexicon) -> str | None:
    if not totals:
        return None
    sub = max(sorted(totals), key=lambda k: totals[k])
    if totals[sub] < lex.settings.get("threshold", 1.0) or not lex.is_acled(sub):
        return None
    return sub


# --------------------------------------------------------------------------- public API


def find_triggers(ctx: ExtractContext) -> list[Trigger]:
    """Best ACLED-typed trigger per sentence of ``ctx.text`` (sentences with none are skipped).

    Input: the context (text, sentences, pack). Output: triggers in sentence order; spans
    index ``ctx.text`` and ``trigger.text == ctx.text[span.start:span.end]``.
    """
    lex = _lexicon(ctx.pack)
    toks = _tokens(ctx.text, lex)
    out: list[Trigger] = []
    for sent, (lo, hi) in zip(ctx.sentences, _sentence_token_ranges(toks, ctx.sentences)):
        totals, top = _best(_hits(toks, lo, hi, lex), 1.0, lex.settings.get("repeat", 0.5))
        sub = _winner(totals, lex)
        if sub:
            out.append(_make_trigger(ctx.text, toks, top[sub], totals[sub], sent.index, lex))
    return out


def classify_text(text: str, pack: object | None = None) -> Trigger | None:
    """Best ACLED type for a snippet, or ``None`` when it reports no ACLED event.

    Each sentence's matches are summed per sub-event type, later sentences discounted
    (``settings.decay``); the winner must be an ACLED type above ``settings.threshold``.
    """
    lex = _lexicon(pack)
    sentences = split_sentences(text)
    toks = _tokens(text, lex)
    decay = lex.settings.get("decay", 0.8)
    totals: dict[str, float] = defaultdict(float)
    top: dict[str, tuple[_Hit, int]] = {}
    n = 0  # rank among sentences with any cue: a dateline or byline does not count
    for sent, (lo, hi) in zip(sentences, _sentence_token_ranges(toks, sentences)):
        hits = _hits(toks, lo, hi, lex)
        if not hits:
            continue
        sums, best = _best(hits, max(decay ** n, 0.2), lex.settings.get("repeat", 0.5))
        n += 1
        for sub, value in sums.items():
            totals[sub] += value
            top.setdefault(sub, (best[sub], sent.index))
    sub = _winner(totals, lex)
    if sub is None:
        return None
    hit, index = top[sub]
    return _make_trigger(text, toks, hit, totals[sub], index, lex)


def type_info(sub_event_type: str, pack: object | None = None) -> dict[str, Any]:
    """The ``[types]`` row of a sub-event type (event_type, violent, case code)."""
    return dict(_lexicon(pack).types.get(sub_event_type, {}))


__all__ = ["Trigger", "classify_text", "find_triggers", "stem", "type_info"]
