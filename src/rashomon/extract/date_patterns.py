"""Date patterns of the dates stage (``dates.py``), built from the calendar words of the pack's
``numbers.toml`` (months, weekdays, relative phrases, prepositions), and the gated scan that
tries each pattern only at the words that can open it.

All regular expressions are linear: alternations of fixed words and bounded digit runs, no
nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any

YEAR = r"(?:19|20)\d\d"
_NOT_MORE_DIGITS = r"(?![,.]?\d)"


@dataclass(frozen=True)
class _Gate:
    """Which words can open a match of one pattern: a match starts at a word (``\\w+``) whose
    lower-case form is in ``words``, starts with one of ``prefixes`` (a preposition glued to
    the month: "inMarch") or, with ``numeric``, begins with a digit."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    numeric: bool = False


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]  # lower-case full name or abbreviation -> month number
    weekdays: dict[str, int]
    relative: dict[str, dict[str, Any]]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    gates: dict[str, _Gate] = field(default_factory=dict, compare=False)  # kind -> gate
    # word -> kinds its gates admit; filled as words are met, cleared when it grows large
    admitted: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    gate_words: frozenset[str] = frozenset()  # union of the gates, for a quick "no pattern"
    gate_prefixes: tuple[str, ...] = ()


def _alt(words: list[str], cased: bool = True) -> str:
    """Alternation of ``words``, longest first; Title and UPPER case forms when ``cased``."""
    forms = set(words)
    if cased:
        forms |= {w.upper() for w in words} | {w[:1].upper() + w[1:] for w in words}
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


def _build(data: dict[str, Any]) -> Calendar:
    cal = data.get("calendar", {})
    months: dict[str, int] = {}
    for m in cal.get("months", []):
        for form in [m["name"], *m.get("abbrevs", [])]:
            months[form.lower()] = int(m["number"])
    full = _alt([m["name"] for m in cal.get("months", [])])
    every = _alt([f for m in cal.get("months", []) for f in [m["name"], *m.get("abbrevs", [])]])
    wd = _alt(cal.get("weekdays", []))
    before = _alt(cal.get("weekday_before", []), cased=False)
    parts = _alt(cal.get("day_parts", []), cased=False)
    mpreps = _alt(cal.get("month_preps", []), cased=False)
    ypreps = _alt(cal.get("year_preps", []), cased=False)
    rel = _alt(list(cal.get("relative", {})), cased=False)
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year_tail = rf"(?:,?\s{{1,3}}(?P<year>{YEAR})\b{_NOT_MORE_DIGITS})?"
    raw = [
        ("iso", rf"\b(?P<year>{YEAR})-(?P<mon>[01]\d)-{day}\b(?!-\d)"),
        ("mdy", rf"\b(?P<mon>{every})\.?\s{{1,3}}{day}\b(?!,\d|[:.]\d){year_tail}"),
        ("dmy", rf"\b{day}\s{{1,3}}(?:of\s{{1,3}})?(?P<mon>{every})\b\.?{year_tail}"),
        ("my", rf"\b(?P<mon>{every})\.?,?\s{{1,3}}(?P<year>{YEAR})\b{_NOT_MORE_DIGITS}"),
        ("mprep", rf"(?i:\b(?:{mpreps}))\s{{0,3}}(?P<mon>{full})\b(?![.,]?\s{{0,3}}\d)"),
        ("year", rf"(?i:\b(?:{ypreps}))\s{{0,3}}(?P<year>{YEAR})\b(?![,.]?\d|\s?%|-\d)"),
        ("weekday", rf"(?:(?i:\b(?:{before}))\s{{1,3}})?\b(?P<wd>{wd})\b"
                    rf"(?:\s{{1,3}}(?i:(?P<part>{parts}))\b)?"),
        ("rel", rf"(?i:\b(?P<rel>{rel})\b)"),
    ]
    patterns = tuple((kind, re.compile(p)) for kind, p in raw if "(?:)" not in p)
    weekdays = {w.lower(): i for i, w in enumerate(cal.get("weekdays", []))}
    relative = {k.lower(): v for k, v in cal.get("relative", {}).items()}
    gates = _gates(cal, set(months))
    return Calendar(months, weekdays, relative, patterns, gates,
                     gate_words=frozenset().union(*(g.words for g in gates.values())),
                     gate_prefixes=tuple(p for g in gates.values() for p in g.prefixes))


def _first_words(phrases: list[str]) -> set[str]:
    return {m.group().lower() for p in phrases for m in [_WORD.search(p)] if m}


def _gates(cal: dict[str, Any], months: set[str]) -> dict[str, _Gate]:
    """The words that can open each pattern's match (see ``_Gate``); built from the same word
    lists as the patterns, so a pack's new words gate themselves."""
    mpreps = tuple(sorted(_first_words(cal.get("month_preps", []))))
    ypreps = tuple(sorted(_first_words(cal.get("year_preps", []))))
    weekday = _first_words(cal.get("weekday_before", [])) | _first_words(cal.get("weekdays", []))
    return {"iso": _Gate(prefixes=("19", "20")), "dmy": _Gate(numeric=True),
            "mdy": _Gate(frozenset(months)), "my": _Gate(frozenset(months)),
            "mprep": _Gate(prefixes=mpreps), "year": _Gate(prefixes=ypreps),
            "weekday": _Gate(frozenset(weekday)),
            "rel": _Gate(frozenset(_first_words(list(cal.get("relative", {})))))}


def build_calendar(pack: Any) -> Calendar:
    """The calendar words of a pack (``numbers.toml``), compiled (``extract.resources``)."""
    return _build(pack.read("numbers.toml"))


@lru_cache(maxsize=1)
def default_calendar() -> Calendar:
    """The core pack's calendar, for dates read outside a document (metadata, no pack)."""
    from rashomon.packs import load_pack

    return build_calendar(load_pack("core"))


_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
# Characters that (?i) matches to an ASCII letter but str.lower() does not turn into one
# (dotted/dotless i, long s): a text holding them takes the plain scan.
_CASE_ODDITIES = ("\u0130", "\u0131", "\u017f")


def gated_matches(text: str, cal: Calendar) -> list[re.Match] | None:
    """Every ``finditer`` match of every pattern, in pattern order, trying each pattern only at
    the words its gate admits (a C-speed pass finds the words); None when gating is not safe."""
    if len(cal.gates) != len(cal.patterns) or any(c in text for c in _CASE_ODDITIES):
        return None
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    words = " ".join(parts[1::2]).lower().split(" ")  # \w+ words hold no space
    admits = _admitted(cal)
    kinds_of = list(map(admits.get, words))
    if None in kinds_of:  # words met for the first time
        for k in [k for k, kinds in enumerate(kinds_of) if kinds is None]:
            kinds = admits.get(words[k])
            kinds_of[k] = _admit(cal, admits, words[k]) if kinds is None else kinds
    at: dict[str, list[int]] = {kind: [] for kind, _rx in cal.patterns}
    for k in compress(range(len(kinds_of)), kinds_of):  # most words open no pattern: ()
        for kind in kinds_of[k]:
            at[kind].append(k)
    if not any(at.values()):
        return []
    starts = list(accumulate(map(len, parts), initial=0))[1::2]
    out: list[re.Match] = []
    for kind, rx in cal.patterns:
        done = 0
        for k in at[kind]:
            if starts[k] >= done:
                m = rx.match(text, starts[k])
                if m is not None:
                    out.append(m)
                    done = m.end()
    return out


def _admitted(cal: Calendar) -> dict[str, tuple[str, ...]]:
    if len(cal.admitted) > 200_000:
        cal.admitted.clear()
    return cal.admitted


def _admit(cal: Calendar, memo: dict[str, tuple[str, ...]], w: str) -> tuple[str, ...]:
    if not w or not (w in cal.gate_words or w[0].isnumeric() or w.startswith(cal.gate_prefixes)):
        memo[w] = ()  # most words open no pattern
        return ()
    kinds = tuple(kind for kind, g in cal.gates.items()
                  if w and (w in g.words or (g.numeric and w[0].isnumeric())
                            or (g.prefixes and w.startswith(g.prefixes))))
    memo[w] = kinds
    return kinds
