"""Stages 4-5: find actor mentions and resolve generic ones ("militants" -> the named group).

Contract:

* ``find_actors(ctx) -> list[ActorMention]``: every mention of a pack actor (``actors.toml``) or
  a generic word (``generic_actors.toml``), in text order, ``role="other"``. Generic mentions are
  resolved (``resolve=True``, the default); pass ``resolve=False`` to get them raw.
* ``resolve_generic(mentions, ctx) -> list[ActorMention]``: a generic mention takes the name of
  the named actor most recently mentioned in its sentence or the ``window`` sentences before
  (else the first one later in its sentence); otherwise it stays ``generic=True`` with the
  normalised generic word as name. Not idempotent: run again, a mention resolved on the first
  pass can serve as the antecedent of another (the actors stage runs it twice).
* ``ActorIndex`` (``ctx.resources.actors``: ``info``, ``voice_of``, ``group_of``) lets later
  stages find an actor's side and whom a speaker speaks for (``resources.actor_info`` outside
  a document).

Matching is a leftmost-longest lookup of token n-grams in a dictionary (``PhraseTable``): one
pass over the tokens, at most ``max_len`` lookups per token, so linear in the text. All-capital
aliases ("FC", "BLA") match case-sensitively and only whole tokens, so "fc" inside a word or the
verb "bra" never match. Knowledge lives in the pack; a new conflict needs only its own
``actors.toml``.
"""

from __future__ import annotations

import bisect
import operator
import re
from itertools import compress
from typing import Any, NamedTuple

from rashomon.errors import ConfigError
from rashomon.extract.base import ExtractContext
from rashomon.extract.gazetteer import norm
from rashomon.extract.words import Words, sentence_words, words_of
from rashomon.models import Actor, ActorKind, ActorMention, Record, Span


class Token(NamedTuple):
    text: str  # apostrophes and quotes normalised to ASCII
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word and punctuation tokens of ``text``; offsets shifted by ``offset``.

    Hyphens are dropped so that "Tehreek-e-Taliban" and "Tehreek e Taliban" look alike. The
    stages themselves read the same tokens as lists (``words.sentence_words``).
    """
    w = words_of(text, offset)
    return tuple(map(Token, w.text, w.start, w.end))


def _lower(words: list[str]) -> list[str]:
    # tokens hold no whitespace, so one lower() over the joined words gives every form
    return " ".join(words).lower().split(" ") if words else []


class PhraseTable:
    """Token-trie phrase dictionary with leftmost-longest matching in linear time.

    At each token the trie is walked only while the following tokens continue some phrase, so
    a position costs at most the length of the longest phrase.
    """

    _VALUE = ""  # trie key holding a phrase's value; no token is empty

    def __init__(self) -> None:
        self._roots: dict[bool, dict[str, Any]] = {True: {}, False: {}}

    def add(self, phrase: str, value: Any, cased: bool = False) -> None:
        """Register ``phrase``; a phrase already present keeps its first value."""
        node = self._roots[cased]
        words = [t.text for t in tokenize(phrase)]
        for word in words:
            node = node.setdefault(word if cased else word.lower(), {})
        if words:
            node.setdefault(self._VALUE, value)

    def scan(self, tokens: list[Token]) -> list[tuple[int, int, Any]]:
        """Non-overlapping matches as (first token, end token exclusive, value), in order."""
        cased = [t.text for t in tokens]
        return self.scan_words(cased, _lower(cased))

    def scan_words(self, cased: list[str], lower: list[str]) -> list[tuple[int, int, Any]]:
        """``scan`` given the tokens' texts as written and lower-cased."""
        forms = {True: cased, False: lower}
        first_cased, first_lower = self._roots[True], self._roots[False]
        out: list[tuple[int, int, Any]] = []
        done = 0
        # Only tokens that start some phrase can start a match: a C-speed pre-pass finds them.
        opens = map(first_lower.__contains__, lower)
        if first_cased:
            opens = map(operator.or_, map(first_cased.__contains__, cased), opens)
        for i in compress(range(len(lower)), opens):
            if i < done:
                continue
            hit = self._match_at(forms, i)
            if hit is not None:
                out.append((i, i + hit[0], hit[1]))
                done = i + hit[0]
        return out

    def _match_at(self, forms: dict[bool, list[str]], i: int) -> tuple[int, Any] | None:
        best = None
        for cased in (True, False):  # on equal length the case-sensitive entry wins
            words, node, k = forms[cased], self._roots[cased], i
            if not node:
                continue
            while k < len(words):
                node = node.get(words[k])
                if node is None:
                    break
                k += 1
                if self._VALUE in node and (best is None or k - i > best[0]):
                    best = (k - i, node[self._VALUE])
        return best


class GenericTerm(Record):
    """A generic actor word of ``generic_actors.toml``."""

    name: str
    forms: list[str]
    kind: ActorKind
    resolves_to: list[ActorKind]


def _is_abbreviation(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters) and len(letters) <= 6


class ActorIndex:
    """The actors and generic words of one pack, ready for matching and look-ups."""

    def __init__(self, actors: list[Actor], generics: list[GenericTerm], window: int,
                 cased: dict[str, list[str]] | None = None) -> None:
        self.actors = {a.name: a for a in actors}
        self.speaker_names: dict[str, str] = {}  # "islamabad" -> "Government of Pakistan"
        self.generics = generics
        self.window = window
        self.table = PhraseTable()
        for a in actors:
            extra = set((cased or {}).get(a.name, []))
            for alias in [a.name, *a.aliases]:
                self.table.add(alias, a, cased=alias in extra or _is_abbreviation(alias))
        for g in generics:
            for form in [g.name, *g.forms]:
                self.table.add(form, g)
        self._check_references()

    def _check_references(self) -> None:
        for a in self.actors.values():
            for ref in (a.parent, a.speaks_for):
                if ref is not None and ref not in self.actors:
                    raise ConfigError(f"Actor '{a.name}' refers to unknown actor '{ref}'.",
                                      code="E105", hint="Add it to actors.toml or fix the name.")

    def info(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def voice_of(self, name: str) -> str:
        """Whom ``name`` speaks for (ISPR -> Pakistan Army); ``name`` itself otherwise."""
        seen = {name}
        actor = self.actors.get(name)
        while actor is not None and actor.speaks_for and actor.speaks_for not in seen:
            seen.add(actor.speaks_for)
            name, actor = actor.speaks_for, self.actors.get(actor.speaks_for)
        return name

    def group_of(self, name: str) -> str:
        """The top-level organisation of a unit (Majeed Brigade -> Baloch Liberation Army)."""
        seen = {name}
        actor = self.actors.get(name)
        while actor is not None and actor.parent and actor.parent not in seen:
            seen.add(actor.parent)
            name, actor = actor.parent, self.actors.get(actor.parent)
        return name

    def scan(self, text: str, start: int, end: int) -> list[ActorMention]:
        """Raw mentions in ``text[start:end]`` (generic ones unresolved)."""
        return self.scan_words(text, words_of(text[start:end], start))

    def scan_words(self, text: str, w: Words) -> list[ActorMention]:
        """Raw mentions among the tokens ``w`` of ``text``."""
        hits = _merge_hits(self.table.scan_words(w.text, w.lower), w.text)
        return [_mention(text, w, i, j, value) for i, j, value in hits]


Hit = tuple[int, int, Any]  # first token, end token (exclusive), Actor or GenericTerm


def _merge_hits(hits: list[Hit], words: list[str]) -> list[Hit]:
    """Join "BLA militants" and "Baloch Liberation Army (BLA)" into single mentions."""
    out: list[Hit] = []
    for i, j, value in hits:
        if out and _joins(out[-1], (i, j, value), words):
            bracket = words[j] == ")" if j < len(words) else False
            out[-1] = (out[-1][0], j + 1 if bracket else j, out[-1][2])
        else:
            out.append((i, j, value))
    return out


def _joins(prev: Hit, cur: Hit, words: list[str]) -> bool:
    (_, pj, pv), (ci, cj, cv) = prev, cur
    if not isinstance(pv, Actor):
        return False
    if isinstance(cv, GenericTerm):
        return ci == pj and pv.kind == ActorKind.armed_group
    in_brackets = ci == pj + 1 and words[pj] == "(" and cj < len(words) and words[cj] == ")"
    return in_brackets and isinstance(cv, Actor) and cv.name == pv.name


def _mention(text: str, w: Words, i: int, j: int, value: Any) -> ActorMention:
    start, end = w.start[i], w.end[j - 1]
    return ActorMention(name=value.name, kind=value.kind, text=text[start:end],
                        span=Span(start=start, end=end), generic=isinstance(value, GenericTerm))


def build_actor_index(pack: Any) -> ActorIndex:
    """The actor index of a knowledge pack (compiled once per pack: ``extract.resources``)."""
    spec = pack.read("actors.toml")
    cased: dict[str, list[str]] = {}
    actors = []
    for entry in spec.get("actor", []):
        entry = dict(entry)
        extra = entry.pop("cased_aliases", [])
        cased[entry["name"]] = extra
        entry["aliases"] = [*entry.get("aliases", []), *extra]
        actors.append(Actor(**entry))
    generic_spec = pack.read("generic_actors.toml")
    generics = [GenericTerm(**g) for g in generic_spec.get("generic", [])]
    window = int(generic_spec.get("resolution", {}).get("window", 2))
    index = ActorIndex(actors, generics, window, cased)
    index.speaker_names = {k.lower(): v for k, v in spec.get("speaker_names", {}).items()}
    return index


def find_actors(ctx: ExtractContext, *, resolve: bool = True) -> list[ActorMention]:
    """Actor mentions of every sentence of ``ctx``, in text order (see module docstring)."""
    index = ctx.resources.actors
    mentions = [m for s in ctx.sentences
                for m in index.scan_words(ctx.text, sentence_words(ctx, s))]
    return resolve_generic(mentions, ctx) if resolve else mentions


_PARTY_KINDS = {ActorKind.armed_group, ActorKind.state_force, ActorKind.officials}
_LINK_WORDS = {"of", "the", "and", "&", "-", "–", ",", "'s"}


def issuer(ctx: ExtractContext) -> str | None:
    """The party a document's outlet is, when the outlet is a party's own channel: "ISPR",
    "Quetta Police (statement)", "Counter-Terrorism Department Balochistan". Its unattributed
    sentences are then that party's claims, as in a press release. Every word of the name
    outside parentheses must belong to one named party or a place the pack knows ("Dera Ismail
    Khan Police"); "The Balochistan Herald" or "Radio Pakistan" (a medium) are not parties.
    Worked out once per document (``ctx.cache``)."""
    if "issuer" not in ctx.cache:
        ctx.cache["issuer"] = _issuer(ctx)
    return ctx.cache["issuer"]


def _issuer(ctx: ExtractContext) -> str | None:
    name = re.sub(r"\([^)]*\)", " ", ctx.outlet or "").strip()
    if not name:
        return None
    index, gaz = ctx.resources.actors, ctx.resources.gazetteer
    found = [m for m in index.scan(name, 0, len(name)) if not m.generic]
    # a party, or a party's media wing (ISPR speaks for the army)
    parties = [m for m in found if m.kind in _PARTY_KINDS or index.voice_of(m.name) != m.name]
    if len({m.name for m in parties}) != 1 or len(found) != len(parties):
        return None
    rest = name
    for m in sorted(parties, key=lambda m: -m.span.start):
        rest = rest[:m.span.start] + " | " + rest[m.span.end:]
    for piece in rest.split("|"):
        words = [w for w in re.findall(r"[\w'&-]+", piece) if w.lower() not in _LINK_WORDS]
        if words and not gaz.knows(norm(" ".join(words))):
            return None
    return index.group_of(index.voice_of(parties[0].name))


def resolve_generic(mentions: list[ActorMention], ctx: ExtractContext) -> list[ActorMention]:
    """Give generic mentions the name of the group they refer to (see module docstring)."""
    index = ctx.resources.actors
    terms = {g.name: g for g in index.generics}
    starts = [s.start for s in ctx.sentences]
    where = [bisect.bisect_right(starts, m.span.start) - 1 for m in mentions]
    before = _nearest_named(mentions, where, range(len(mentions)))
    after = _nearest_named(mentions, where, range(len(mentions) - 1, -1, -1))
    out = list(mentions)
    for k, m in enumerate(mentions):
        term = terms.get(m.name) if m.generic else None
        if term is None:
            continue
        ref = _pick(before[k], term, lambda j: where[k] - where[j] <= index.window, max)
        if ref is None:
            ref = _pick(after[k], term, lambda j: where[j] == where[k], min)
        if ref is not None:
            named = mentions[ref]
            out[k] = m.model_copy(update={"name": index.group_of(named.name),
                                          "kind": named.kind, "generic": False})
    return out


def _nearest_named(mentions: list[ActorMention], where: list[int],
                   order: range) -> list[dict[ActorKind, int]]:
    """For each mention: per kind, the index of the nearest named mention seen in ``order``.

    One pass, so resolution stays linear however many generic words a text holds.
    """
    seen: dict[ActorKind, int] = {}
    out = []
    for k in order:
        out.append(dict(seen))
        m = mentions[k]
        if not m.generic and m.kind is not None:
            seen[m.kind] = k
    return out if order.step > 0 else out[::-1]


def _pick(nearest: dict[ActorKind, int], term: GenericTerm, allowed, choose) -> int | None:
    found = [nearest[kind] for kind in term.resolves_to if kind in nearest]
    found = [j for j in found if allowed(j)]
    return choose(found) if found else None


__all__ = ["ActorIndex", "GenericTerm", "PhraseTable", "Token", "build_actor_index",
           "find_actors", "resolve_generic", "tokenize"]
