"""Stage 7: find counts of people (killed, injured, hostages...) with their victim group.

Contract: ``find_quantities(ctx) -> list[Quantity]`` in text order. A quantity is a number
phrase ("33", "over 200", "twenty-six", "a dozen", "dozens", "between 10 and 15", "most")
whose category is found from keywords in the same sentence; no category, no quantity. Each
``Quantity.text == ctx.text[span.start:span.end]`` is the number words with their modifier,
and ``low <= high`` whenever both are set. Mapping rules: ``docs/quantities.md``.

Knowledge lives in the pack: ``numbers.toml`` (number words, vague ranges, modifiers) and
``quantities.toml`` (category keywords, victim groups, words that rule a number out), read by
``quantity_lexicon.py``.

Method: the document is split into word/number/punctuation tokens by one linear regex; each
sentence (a slice of them) without a casualty keyword is skipped, the others are scanned left
to right; every lookup around a number is bounded by a fixed window, so the stage is linear in
the text length.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from itertools import accumulate

from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.quantity_lexicon import TOKEN as _TOKEN
from rashomon.extract.quantity_lexicon import Lexicon
from rashomon.extract.words import split_tokens
from rashomon.models import Quantity, Span

_SPLIT = re.compile(f"({_TOKEN.pattern})")  # split() keeps the tokens and the gaps between them
_FREE_SKIP = {"of", "the", "those", "these"}
_LOOKAHEAD = 8  # tokens examined after a number for its victim noun


@dataclass
class _Tokens:
    low: list[str]
    start: list[int]
    end: list[int]


@dataclass
class _Phrase:
    first: int  # token index of the phrase start (modifier included)
    last: int  # token index just past the phrase
    low: int | None
    high: int | None
    approximate: bool
    proportion: bool = False
    digits: str = ""  # the first number when written in digits
    num: int = -1  # token index of the first number


def _lower_words(text: str, start: int, end: int) -> list[str]:
    """The lower-case tokens of ``text[start:end]`` (no offsets: enough to rule a sentence out)."""
    words = _TOKEN.findall(text, start, end)
    # tokens hold no whitespace, so one lower() over the joined words gives every form
    return " ".join(words).lower().split(" ") if words else []


def _tokenize(text: str, start: int, end: int, low: list[str] | None = None) -> _Tokens:
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    low = _lower_words(text, start, end) if low is None else low
    return _Tokens(low, [a for a, _ in spans], [b for _, b in spans])


def _words_value(low: list[str], i: int, lex: Lexicon) -> tuple[int, int] | None:
    """Value of a spelled number at token i ("twenty-six", "two hundred and five", "a
    thousand"): (value, index past it)."""
    total, cur, last, j, n = 0, 0, None, i, len(low)
    if low[i] == "a" and i + 1 < n and low[i + 1] in lex.scales:
        cur, last, j = 1, "unit", i + 1
    while j < n:
        w = low[j]
        if w in lex.units and last in (None, "scale", "hundred", "dash", "and"):
            cur, last = cur + lex.units[w], "unit"
        elif w in lex.tens and last in (None, "scale", "hundred", "and"):
            cur, last = cur + lex.tens[w], "tens"
        elif w == "-" and last == "tens" and j + 1 < n and low[j + 1] in lex.units:
            last = "dash"
        elif w == "hundred" and last in ("unit", "tens"):
            cur, last = cur * 100, "hundred"
        elif w in lex.scales and w != "hundred" and last in ("unit", "tens", "hundred"):
            total, cur, last = total + cur * lex.scales[w], 0, "scale"
        elif (w == "and" and last in ("hundred", "scale") and j + 1 < n
              and (low[j + 1] in lex.units or low[j + 1] in lex.tens)):
            last = "and"
        else:
            break
        j += 1
    return (total + cur, j) if last is not None else None


def _point(low: list[str], i: int, lex: Lexicon) -> tuple[int, int, bool, str] | None:
    """A single number at token i: (value, index past it, approximate, digit string)."""
    w = low[i]
    if w[0].isdecimal():
        if "." in w:
            return None  # decimals are rates and measures, not head counts
        value, j = int(w.replace(",", "")), i + 1
        if j < len(low) and low[j] in lex.scales:
            value, j = value * lex.scales[low[j]], j + 1
        digits = w
    else:
        found = _words_value(low, i, lex)
        if found is None and w == "a" and i + 1 < len(low) and low[i + 1] in lex.dozen:
            found = (1, i + 1)
        if found is None:
            return None
        (value, j), digits = found, ""
    if j < len(low) and low[j] in lex.dozen:
        return value * lex.dozen_value, j + 1, True, ""
    return value, j, False, digits


def _base(low: list[str], i: int, lex: Lexicon) -> _Phrase | None:
    """A number, vague count or proportion word at token i (no modifier)."""
    if low[i:i + 3] == ["half", "a", *sorted(lex.dozen)[:1]]:
        return _Phrase(i, i + 3, lex.dozen_value // 2, lex.dozen_value // 2, True)
    point = _point(low, i, lex)
    if point is not None:
        value, j, approx, digits = point
        return _Phrase(i, j, value, value, approx, digits=digits, num=i)
    vague = lex.longest(lex.vague, low, i)
    if vague is not None:
        (lo, hi, needs_of), size = vague
        if needs_of and low[i + size:i + size + 1] != ["of"]:
            return None
        return _Phrase(i, i + size, lo, hi, True)
    if low[i] in lex.proportions:
        return _Phrase(i, i + 1, None, None, True, proportion=True)
    return None


def _range_tail(low: list[str], p: _Phrase, lex: Lexicon, joiner_ok: set[str]) -> _Phrase:
    """Extend "10" to "10-15" / "two or three" when a larger number of the same kind follows."""
    j = p.last
    if p.proportion or p.low != p.high or j + 1 >= len(low) or low[j] not in joiner_ok:
        return p
    if low[j] == "to" and p.first > 0 and low[p.first - 1] == "from":
        return p  # "rose from 10 to 15" is a change, not a range
    other = _point(low, j + 1, lex)
    if other is None or other[0] <= (p.low or 0) or bool(other[3]) != bool(p.digits):
        return p
    return replace(p, last=other[1], high=other[0], approximate=p.approximate or other[2])


def _apply(rule: str | None, p: _Phrase) -> _Phrase:
    """Bounds implied by a modifier (docs/quantities.md has the table)."""
    lo, hi = p.low, p.high
    if p.proportion or rule in (None, "between") or lo is None:
        return p
    point = lo == hi
    if rule == "approximate":
        return replace(p, approximate=True)
    if rule == "at_least":
        return replace(p, high=None)
    if rule == "over":
        return replace(p, low=lo + 1 if point else lo, high=None, approximate=True)
    if rule == "nearly" and point and lo >= 2:
        return replace(p, low=min(math.ceil(0.9 * lo), lo - 1), high=lo - 1, approximate=True)
    if rule in ("up_to", "at_most"):
        return replace(p, low=None, approximate=rule == "up_to" or p.approximate)
    if rule == "under":
        return replace(p, low=None, high=max(lo - 1, 0) if point else lo, approximate=True)
    return replace(p, approximate=True)


def _phrase(low: list[str], i: int, lex: Lexicon) -> _Phrase | None:
    """A full number phrase at token i: [modifier] number [range tail]."""
    mod = lex.longest(lex.modifiers, low, i)
    rule, j = (mod[0], i + mod[1]) if mod else (None, i)
    if j >= len(low):
        return None
    base = _base(low, j, lex)
    if base is None:
        return None
    joiners = {"and"} if rule == "between" else set(lex.joiners) - {"and"}
    base = _range_tail(low, base, lex, joiners)
    if rule == "between" and base.low == base.high:
        rule = None  # "between 10" without a second number: a plain number
    out = _apply(rule, base)
    return replace(out, first=i) if mod else out


def number_span(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int, int | None, int | None, bool] | None:
    """The number phrase that opens ``text[start:end]`` ("at least 14", "fourteen", "between 6
    and 8") as (start, end, low, high, approximate), or None: the parse's count of a noun, read
    with the same number words as every other figure."""
    toks = _tokenize(text, start, end)
    p = _phrase(toks.low, 0, lex) if toks.low else None
    if p is None or p.proportion or p.low is None:
        return None
    return toks.start[p.first], toks.end[p.last - 1], p.low, p.high, p.approximate


def _ruled_out(text: str, toks: _Tokens, p: _Phrase, lex: Lexicon) -> bool:
    """True for numbers that are not head counts: codes, ages, money, years, measures."""
    low = toks.low
    prev = p.first - 1 - (p.first > 1 and low[p.first - 1] == ".")  # "No. 3"
    if prev >= 0 and low[prev] in lex.sets["not_after"]:
        return True
    if p.digits:
        s, e = toks.start[p.num], toks.end[p.last - 1]
        before = text[s - 1] if s > 0 else " "
        after = text[e:e + 2]
        if before.isalnum() or before in lex.sets["symbols"]:
            return True
        if before == "-" and s > 1 and text[s - 2].isalnum():
            return True  # model numbers: "JF-17", "F-16"
        if after[:1].isalpha() or after[:1] == "%" or (after[:1] in ":/" and after[1:].isdigit()):
            return True
        plain = p.digits.replace(",", "")
        if len(plain) > 6 and "," not in p.digits or (len(plain) > 1 and plain[0] == "0"):
            return True  # phone numbers and codes
    nxt = low[p.last] if p.last < len(low) else ""
    if nxt == "-" and p.last + 1 < len(low) and low[p.last + 1].isalpha():
        return True  # compounds: "25-year-old", "two-day"
    return nxt in lex.sets["non_persons"]


def _victims(toks: _Tokens, p: _Phrase, lex: Lexicon) -> tuple[str | None, int, int, str | None]:
    """(victim group, token start, token end, forced category) after the number; a group of
    "non-person" returns "-" so that the caller drops the number."""
    low, k, skipped = toks.low, p.last, 0
    max_skip = 0 if p.proportion else lex.limits["max_skip"]
    while k < min(len(low), p.last + _LOOKAHEAD):
        w = low[k]
        if w in _FREE_SKIP:
            k += 1
            continue
        hit = lex.longest(lex.victims, low, k)
        if hit is not None:
            return hit[0], k, k + hit[1], None
        if w in lex.forced:
            return None, k, k + 1, lex.forced[w]
        if w in lex.sets["non_persons"]:
            return "-", k, k + 1, None
        if w in lex.sets["stop"] or not w.isalpha() or skipped >= max_skip:
            break
        skipped, k = skipped + 1, k + 1
    return None, p.last, p.last, None


@dataclass
class _Sentence:
    toks: _Tokens
    keywords: list[tuple[int, int, str, bool]]  # (first token, past-last, category, has object)
    words: list[int]  # words[k]: weighted word tokens before k (a conjunction weighs more)
    content: list[int]  # the same without auxiliaries ("were", "have been")
    semis: list[int]  # semis[k]: ";" tokens before k


def _prepare(toks: _Tokens, lex: Lexicon) -> _Sentence:
    cost, conj = lex.limits["conjunction_cost"], lex.sets["conjunctions"]
    aux, low, comma = lex.sets["auxiliaries"], toks.low, lex.limits["comma_cost"]
    weights = [(1 + cost * (w in conj)) * w[0].isalnum() for w in low]
    # a comma ends a list item: in "6 killed, 5 injured" the 5 is nearer "injured" than
    # "killed" before it; after a number a comma opens an aside ("the remaining four, encircled
    # since Thursday, died"), so only the distance back counts it
    words = list(accumulate([wt + comma * (w == ",") for wt, w in zip(weights, low)], initial=0))
    content = list(accumulate([wt * (w not in aux) for wt, w in zip(weights, low)], initial=0))
    semis = list(accumulate([w == ";" for w in low], initial=0))
    kws = []
    first = lex.keyword_first
    for i in [k for k, w in enumerate(low) if w in first]:
        hit = lex.longest(lex.keywords, toks.low, i)
        if hit is not None:
            end = i + hit[1]
            has_object = end < len(toks.low) and _phrase(toks.low, end, lex) is not None
            kws.append((i, end, hit[0], has_object))
    return _Sentence(toks, kws, words, content, semis)


def _category(s: _Sentence, p: _Phrase, vstart: int, vend: int, window: int,
              after_only: bool = False) -> str | None:
    """The nearest keyword around the phrase (before it wins a tie), outside the victim noun.
    A keyword after the phrase that takes its own number ("bombers killed 19") is skipped:
    the phrase is then the subject, not the casualties. ``after_only``: the phrase opens a
    relative clause ("several of whom remained in hospital"), so a keyword before it describes
    the antecedent, not this subset."""
    left, right = p.first, max(p.last, vend)
    lo = bisect.bisect_left(s.keywords, (left - 4 * window - 4,))
    best: tuple[int, int, str] | None = None
    for k in range(lo, len(s.keywords)):
        ks, ke, cat, has_object = s.keywords[k]
        if ks > right + 4 * window + 4:
            break
        if ke <= left and s.semis[left] == s.semis[ke]:
            if after_only:
                continue
            cand = (s.words[left] - s.words[ke], 0, cat)
        elif ks >= right and s.semis[ks] == s.semis[right] and not has_object:
            cand = (s.content[ks] - s.content[right], 1, cat)
        else:
            continue
        if cand[0] <= window and (best is None or cand < best):
            best = cand
    return best[2] if best else None


def _total(s: _Sentence, p: _Phrase, lex: Lexicon) -> str | None:
    """The category of a running total: "the death toll ... rose to 26" (``[totals]``)."""
    low = s.toks.low
    verb = next((p.first - n for n in (1, 2, 3) if p.first - n >= 0
                 and tuple(low[p.first - n:p.first]) in lex.totals_verbs), None)
    if verb is None:
        return None
    window = lex.limits["totals"]
    for i in range(verb - 1, -1, -1):
        if s.semis[i] != s.semis[verb] or s.words[verb] - s.words[i] > window:
            return None
        hit = lex.longest(lex.totals_subjects, low, i)
        if hit is not None and i + hit[1] <= verb:
            return hit[0]
    return None


def _quantity(text: str, s: _Sentence, p: _Phrase, lex: Lexicon) -> Quantity | None:
    toks = s.toks
    if p.proportion and p.first > 0 and toks.low[p.first - 1] == "the":
        return None  # "the most": a superlative
    if _ruled_out(text, toks, p, lex):
        return None
    group, vstart, vend, forced = _victims(toks, p, lex)
    is_year = len(p.digits) == 4 and 1900 <= int(p.digits) <= 2099
    if group == "-" or (group is None and (p.proportion or is_year)):
        return None
    window = lex.limits["window"] if group else lex.limits["bare"]
    window = min(window, lex.limits["attackers"]) if group in lex.sets["attackers"] else window
    subset = toks.low[p.last:p.last + 2] in (["of", "whom"], ["of", "which"])
    category = forced or (_category(s, p, vstart, vend, window, subset) if s.keywords else None)
    category = category or lex.implied.get(group or "") or _total(s, p, lex)
    if category is None:
        return None
    if category == "killed" and group in lex.sets["attackers"]:
        category = lex.attackers_category
    start, end = toks.start[p.first], toks.end[p.last - 1]
    return Quantity(category=category, victims=group, low=p.low, high=p.high,
                    approximate=p.approximate, text=text[start:end],
                    span=Span(start=start, end=end))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, 1 << 62))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _may_yield(low: list[str], lex: Lexicon) -> bool:
    """False when no category can be found in the sentence: no keyword phrase, forced word or
    victim group with an implied category (a cheap test run before any other work)."""
    present = lex.cues.intersection(low)
    if not present.issubset(lex.weak_cues):
        return True
    return any(lex.longest(lex.keywords, low, i) for i, w in enumerate(low) if w in present)


def _document_tokens(text: str) -> _Tokens:
    """``_tokenize(text, 0, len(text))`` with the per-token work in C: one split, offsets from
    the running sum of the pieces' lengths."""
    found, starts, ends = split_tokens(_SPLIT, text)
    # tokens hold no whitespace, so one lower() over the joined words gives every form
    low = " ".join(found).lower().split(" ") if found else []
    return _Tokens(low, starts, ends)


def _sentence_tokens(ctx: ExtractContext, doc: _Tokens, s: Sentence) -> _Tokens:
    """The tokens of sentence ``s``: a slice of the document's, unless a token could run across
    the sentence's edge (a sentence not bounded by blanks), which is then tokenized alone."""
    text = ctx.text
    if (s.start > 0 and not text[s.start - 1].isspace()) or (
            s.end < len(text) and not text[s.end].isspace()):
        return _tokenize(text, s.start, s.end)
    a = bisect.bisect_left(doc.start, s.start)
    b = bisect.bisect_left(doc.start, s.end, a)
    return _Tokens(doc.low[a:b], doc.start[a:b], doc.end[a:b])


def find_quantities(ctx: ExtractContext, date_spans: list[Span]) -> list[Quantity]:
    """Counts of people in ``ctx.text`` with category, victim group and bounds.

    Input: the context (text, sentences, the pack's quantity lexicon) and the spans of every
    date expression (the dates stage's), whose numbers never count people ("March 11, 2025",
    "in 1971"). Output: Quantity records in text order, spans into ``ctx.text``.
    """
    lex = ctx.resources.quantities
    dates = [(d.start, d.end) for d in date_spans]
    doc = _document_tokens(ctx.text)
    out: list[Quantity] = []
    for sentence in ctx.sentences:
        toks = _sentence_tokens(ctx, doc, sentence)
        low = toks.low
        if not _may_yield(low, lex):
            continue  # no keyword, no implied group: nothing here can be a quantity
        s = _prepare(toks, lex)
        done = 0
        mine: list[tuple[_Phrase, Quantity]] = []
        for i in [k for k, w in enumerate(low) if w[0].isdecimal() or w in lex.starters]:
            p = _phrase(low, i, lex) if i >= done else None
            if p is None:
                continue
            if not _overlaps(dates, s.toks.start[p.first], s.toks.end[p.last - 1]):
                q = _partitive(ctx.text, s, p, mine, _quantity(ctx.text, s, p, lex), lex)
                if q is not None:
                    out.append(q)
                    mine.append((p, q))
            done = p.last
    return out


# Words that open a part of the figure before them; figures.py reads the same ones in the parse.
PART_OPENERS = (("including",), ("among", "them"), ("among", "whom"), ("among", "those"))
_PART_AFTER = (("of", "them"), ("of", "whom"), ("of", "these"), ("of", "those"))


def _partitive(text: str, s: _Sentence, p: _Phrase, earlier: list[tuple[_Phrase, Quantity]],
               q: Quantity | None, lex: Lexicon) -> Quantity | None:
    """A figure that names part of an earlier one of its sentence is a subset of it: after
    "including" or "among them", or before "of them" ("18, five of them soldiers and 13
    civilians"). A subset without a category word of its own takes its whole's ("five of them
    soldiers" of the 18 martyred) when it is exact; a figure conjoined to a subset ("and 13
    civilians") is one too."""
    if not earlier:
        return q
    low, (whole_p, whole) = s.toks.low, earlier[-1]
    before = any(tuple(low[p.first - len(w):p.first]) == w for w in PART_OPENERS if p.first >= len(w))
    after = tuple(low[p.last:p.last + 2]) in _PART_AFTER
    conjoined = whole.subset and low[whole_p.last:p.first][-1:] == ["and"] and (
        p.first - whole_p.last <= _LOOKAHEAD)
    if not (before or after or conjoined):
        return q
    if q is None:
        if before or p.approximate or p.low != p.high:
            # "including 4 vehicles": only its own words make it a figure; "several of whom
            # remained in intensive care": a vague part of a figure adds nothing to it
            return None
        group, _vstart, _vend, _forced = _victims(s.toks, p, lex)
        if group == "-":
            return None
        start, end = s.toks.start[p.first], s.toks.end[p.last - 1]
        return Quantity(category=whole.category, victims=group, low=p.low, high=p.high,
                        approximate=p.approximate, text=text[start:end], span=Span(start=start, end=end),
                        subset=True)
    return q.model_copy(update={"subset": True}) if q.category == whole.category else q
