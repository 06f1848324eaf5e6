"""Number words and casualty keywords of the quantities stage (``quantities.py``), read from
the pack's ``numbers.toml`` (number words, vague ranges, modifiers) and ``quantities.toml``
(category keywords, victim groups, words that rule a number out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Digit runs are capped so that a megabyte of digits never becomes one giant integer.
TOKEN = re.compile(r"\d{1,15}(?:,\d{3}){0,4}(?:\.\d{1,6})?|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
_MAX_PHRASE = 4  # tokens: longer phrases of the pack are never matched


class Phrases(dict):
    """Token tuple -> value, plus the lengths (longest first) of the phrases each word opens,
    so that a look-up tries only lengths that exist."""

    def __init__(self, items: dict[tuple[str, ...], Any]) -> None:
        super().__init__(items)
        sizes: dict[str, set[int]] = {}
        for key in self:
            if len(key) <= _MAX_PHRASE:
                sizes.setdefault(key[0], set()).add(len(key))
        self.sizes = {w: tuple(sorted(n, reverse=True)) for w, n in sizes.items()}


def _phrases(entries: dict[str, Any]) -> Phrases:
    return Phrases({tuple(m.group().lower() for m in TOKEN.finditer(k)): v
                    for k, v in entries.items()})


def _invert(groups: dict[str, list[str]]) -> Phrases:
    return _phrases({form: name for name, forms in groups.items() for form in forms})


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    dozen: frozenset[str]
    dozen_value: int
    vague: Phrases  # -> (low, high or None, needs_of)
    proportions: frozenset[str]
    modifiers: Phrases  # -> rule name
    joiners: frozenset[str]
    keywords: Phrases  # -> category
    victims: Phrases  # -> canonical group
    forced: dict[str, str]
    implied: dict[str, str]
    attackers_category: str
    sets: dict[str, frozenset[str]]  # word lists of quantities.toml, by key (see _SETS)
    limits: dict[str, int]  # windows and costs of quantities.toml, by key (see _LIMITS)
    first_words: frozenset[str]  # first word of any phrase above, for a quick miss
    starters: frozenset[str]  # words a number phrase can start with
    cues: frozenset[str]  # words without which a sentence cannot yield a quantity
    keyword_first: frozenset[str] = frozenset()  # first word of any category keyword
    # cues that count only as the start of a longer keyword ("in" of "in custody")
    weak_cues: frozenset[str] = frozenset()
    totals_verbs: Phrases = field(default_factory=lambda: Phrases({}))  # "rose to", "reached"
    totals_subjects: Phrases = field(default_factory=lambda: Phrases({}))  # "death toll" -> category

    def longest(self, table: Phrases, low: list[str], i: int) -> tuple[Any, int] | None:
        """The longest phrase of ``table`` (at most four tokens) starting at token ``i``:
        (value, length)."""
        sizes = table.sizes.get(low[i])
        if sizes is None:
            return None
        for size in sizes:
            if i + size <= len(low):
                key = tuple(low[i:i + size])
                if key in table:
                    return table[key], size
        return None


_SETS = {"not_after": ("not_after", "words"), "symbols": ("not_after", "symbols"),
         "non_persons": ("non_persons", "words"), "stop": ("victim_match", "stop"),
         "auxiliaries": ("search", "auxiliaries"), "conjunctions": ("search", "conjunctions"),
         "attackers": ("attackers", "groups")}
_LIMITS = {"window": ("search", "window", 10), "bare": ("search", "window_without_victims", 3),
           "totals": ("totals", "window", 16),
           "conjunction_cost": ("search", "conjunction_cost", 2),
           "comma_cost": ("search", "comma_cost", 0),
           "attackers": ("attackers", "window", 3), "max_skip": ("victim_match", "max_skip", 3)}


def build(nums: dict[str, Any], q: dict[str, Any]) -> Lexicon:
    vague = {k: (v["low"], None if v["high"] < 0 else v["high"], bool(v.get("needs_of")))
             for k, v in nums.get("vague", {}).items()}
    mods = {form: rule for rule, forms in nums.get("modifiers", {}).items() for form in forms}
    mods[nums.get("ranges", {}).get("between", "between")] = "between"
    tables = [_phrases(vague), _phrases(mods), _invert(q.get("categories", {})),
              _invert(q.get("victims", {}))]
    return Lexicon(
        units=nums.get("units", {}), tens=nums.get("tens", {}), scales=nums.get("scales", {}),
        dozen=frozenset(nums.get("dozen", {}).get("words", [])),
        dozen_value=int(nums.get("dozen", {}).get("value", 12)),
        vague=tables[0], proportions=frozenset(nums.get("proportions", {}).get("words", [])),
        modifiers=tables[1], joiners=frozenset(nums.get("ranges", {}).get("joiners", [])),
        keywords=tables[2], victims=tables[3],
        forced=q.get("forced", {}), implied=q.get("implied", {}),
        attackers_category=q.get("attackers", {}).get("category", "attackers_killed"),
        sets={name: frozenset(q.get(table, {}).get(key, []))
              for name, (table, key) in _SETS.items()},
        limits={name: int(q.get(table, {}).get(key, default))
                for name, (table, key, default) in _LIMITS.items()},
        first_words=frozenset(k[0] for t in tables for k in t),
        starters=frozenset([*(k[0] for t in tables[:2] for k in t), *nums.get("units", {}),
                            *nums.get("tens", {}), *nums.get("proportions", {}).get("words", []),
                            "a", "half"]),
        cues=frozenset([*(k[0] for k in tables[2]), *q.get("forced", {}),
                        *(k[0] for k, g in tables[3].items() if g in q.get("implied", {}))]),
        keyword_first=frozenset(k[0] for k in tables[2]),
        totals_verbs=_phrases(dict.fromkeys(q.get("totals", {}).get("verbs", []), True)),
        totals_subjects=_invert(q.get("totals", {}).get("subjects", {})),
        weak_cues=frozenset({k[0] for k in tables[2] if len(k) > 1}
                            - {k[0] for k in tables[2] if len(k) == 1} - set(q.get("forced", {}))
                            - {k[0] for k, g in tables[3].items() if g in q.get("implied", {})}))


def build_quantities(pack: Any) -> Lexicon:
    """The quantity lexicon of a pack, compiled once per pack (``extract.resources``): core's
    ``quantities.toml`` with the conflict pack's own idiom for casualties layered over it."""
    return build(pack.read("numbers.toml"), pack.read("quantities.toml"))
