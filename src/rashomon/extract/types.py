"""Stage: event triggers and their ACLED event / sub-event types.

Contract
--------
``find_triggers(ctx) -> list[Trigger]``: at most one trigger per sentence, the best-scoring
ACLED sub-event type of that sentence, with the exact trigger words and their span in
``ctx.text``. ``classify_text(text) -> Trigger | None``: the best type for a whole snippet
(earlier sentences weigh more, as news leads with the main event); ``None`` when the text
describes no ACLED event (disasters, diplomacy, ordinary crime, markets, attribution).

Knowledge lives in ``packs/<pack>/triggers.toml`` (falls back to ``core``; loaded by
``trigger_lexicon.py``): phrases with a weight and optional context cues (``if_near`` /
``unless_near`` a word class), plus "sink" types that absorb non-ACLED readings so that, e.g., a
gas explosion in a factory does not become a bombing. Matching is a single left-to-right token
scan indexed by the first lemma (bounded pattern length and gaps), so cost is linear in the
text length; only tokens whose lemma opens some phrase are visited.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from itertools import compress
from typing import Any

from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.casualty_typing import by_casualty
from rashomon.extract.grammar import arguments, carrier, predicate_reading
from rashomon.extract.sentences import split_sentences
from rashomon.extract.trigger_lexicon import (
    GAP,
    Entry,
    Lexicon,
    Tokens,
    stem,
    tokens,
)
from rashomon.extract.trigger_record import Hit, Trigger, make_trigger
from rashomon.models import Quantity

_MAX_GAP = 3  # "took * hostage" spans at most three skipped tokens
_AGENT_SPAN = 40  # subject search looks this far back, so run-on "sentences" stay linear
_EMPTY: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- matching


def _match_at(lem: list[str], i: int, pattern: tuple[str, ...], hi: int) -> int | None:
    """Index of the last token matched by ``pattern`` starting at ``i`` (gaps are lazy)."""
    j = i
    k = 0
    while k < len(pattern):
        if pattern[k] == GAP:
            nxt = pattern[k + 1]
            for skip in range(_MAX_GAP + 1):
                if j + skip < hi and lem[j + skip] == nxt:
                    j += skip
                    break
            else:
                return None
            k += 1
        if j >= hi or lem[j] != pattern[k]:
            return None
        j += 1
        k += 1
    return j - 1


def _near(lem: list[str], lo: int, hi: int, first: int, last: int, words: frozenset[str],
          window: int) -> bool:
    """A word of ``words`` within ``window`` tokens of the phrase, inside the sentence."""
    return not (words.isdisjoint(lem[max(lo, first - window):first])
                and words.isdisjoint(lem[last + 1:min(hi, last + window + 1)]))


def _cues_hold(lem: list[str], lo: int, hi: int, first: int, last: int, e: Entry,
               lex: Lexicon) -> bool:
    """Context cues of an entry: a class near (``if_near``), absent (``unless_near``), or
    in subject position before the phrase (``if_before``: "troops captured" vs "militants
    captured")."""
    cls = lex.classes.get
    if e.if_near and not any(_near(lem, lo, hi, first, last, cls(c, _EMPTY), e.window)
                             for c in e.if_near):
        return False
    if any(_near(lem, lo, hi, first, last, cls(c, _EMPTY), e.unless_window)
           for c in e.unless_near):
        return False
    if e.if_before:
        return _first_agent(lem, lo, first, lex) in e.if_before
    return True


def _first_agent(lem: list[str], lo: int, first: int, lex: Lexicon) -> str | None:
    """Class ("state"/"armed") of the first agent word of the sentence before ``first``: in news
    leads that is usually the grammatical subject."""
    agents = lex.settings.get("agent_classes", ["state", "armed"])
    speaker = lex.classes.get("speaker", _EMPTY)
    for x in range(max(lo, first - _AGENT_SPAN), first):
        if not speaker.isdisjoint(lem[x + 1:min(first, x + 3)]):
            continue  # "an army spokesman said rebels took ...": the army is the source
        for c in agents:
            if lem[x] in lex.classes.get(c, _EMPTY):
                return c
    return None


def _hits(lem: list[str], opens: list[int], lo: int, hi: int, lex: Lexicon,
          parsed: bool = False) -> list[Hit]:
    """All lexicon matches inside tokens ``lo..hi`` (one sentence), context cues applied;
    ``opens`` are the sentence's tokens whose lemma opens some phrase. A parsed sentence's
    modality is read from its parse (:func:`_by_grammar`), not from the words before a match."""
    hedge = lex.classes.get("hedge", _EMPTY)
    hedge_factor = lex.settings.get("hedge_factor", 0.3)
    out: list[Hit] = []
    follow = lex.follow
    for i in opens:
        by_next, free = follow[lem[i]]
        for e in by_next.get(lem[i + 1], free) if i + 1 < hi else free:
            single = len(e.pattern) == 1 and e.pattern[0] != GAP  # matched by the index itself
            last = i if single else _match_at(lem, i, e.pattern, hi)
            if last is None or not _cues_hold(lem, lo, hi, i, last, e, lex):
                continue
            score = e.weight
            if e.violent and not parsed and not hedge.isdisjoint(lem[max(lo, i - 4):i]):
                score *= hedge_factor  # "plans to attack", "threatened to strike"
            out.append(Hit(e, i, last, score))
    return out


def _sentence_token_ranges(toks: Tokens, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Per sentence, the tokens starting inside it (token and sentence starts both ascend)."""
    ranges, j, starts = [], 0, toks.start
    for s in sentences:
        i = max(j, bisect.bisect_left(starts, s.start))
        j = max(i, bisect.bisect_left(starts, s.end))
        ranges.append((i, j))
    return ranges


def _sentence_hits(toks: Tokens, sentences: list[Sentence], lex: Lexicon, parse=None, words=None):
    """(sentence, its hits, their clause readings) for every sentence with at least one lexicon
    match; hits weighed by their grammar when the sentence is parsed."""
    lem, index = toks.lemma, lex.index
    opens = list(compress(range(len(lem)), map(index.__contains__, lem)))
    for sent, (lo, hi) in zip(sentences, _sentence_token_ranges(toks, sentences)):
        a, b = bisect.bisect_left(opens, lo), bisect.bisect_left(opens, hi)
        if a < b:
            parsed = parse.get(sent.index) if parse is not None else None
            hits = _hits(lem, opens[a:b], lo, hi, lex, parsed is not None)
            if hits:
                if parsed is None:
                    yield sent, hits, {}
                else:
                    yield (sent, *_by_grammar(hits, toks, parsed, words, lex))


def _by_grammar(hits: list[Hit], toks: Tokens, parsed, words, lex: Lexicon
                ) -> tuple[list[Hit], dict[int, str]]:
    """Hits weighed by how they stand in the parse: the clause's main predicate types the
    event; a word inside a grievance ("against the killing of"), another time ("since the
    attack") or another event word's argument counts for little; a negated one not at all; an
    irrealis one ("threatened to attack") as a hedge. Returns the kept hits and, per kept hit
    (by its first token), its clause role, whether the clause reports a past event, and whether
    it is main only as a retelling inside another event word's argument."""
    factors = lex.settings.get("grammar_factors", {})
    hedge = lex.settings.get("hedge_factor", 0.3)
    spans = [(toks.start[h.first], toks.start[h.last] + toks.size[h.last]) for h in hits]
    out, clause = [], {}
    heads = {}  # head token (and its light verb) -> the hit, for "the same incident told twice"
    for h, (a, b) in zip(hits, spans):
        t = parsed.token_at(a, b)
        if t is not None:
            heads.setdefault(t.i, h)
            heads.setdefault(carrier(t, words).i, h)
    tokens_of = {t.i for t in (parsed.token_at(a, b) for a, b in spans) if t is not None}
    readings = [predicate_reading(parsed, a, b, words, tokens_of) for a, b in spans]
    # what the main predicates are: a word of the same type in a grievance or an argument
    # ("an open letter demanding his resignation") tells the same event, and keeps its weight
    main_types = {h.entry.sub_type for h, r in zip(hits, readings) if r is not None and r.role == "main"}
    for h, r, (a, b) in zip(hits, readings, spans):
        if r is None:
            out.append(h)
            continue
        if r.negated or h.entry.if_before and _other_subject(parsed.token_at(a, b), h.entry.if_before, lex):
            continue
        role = r.role
        same = role == "subordinate" and heads.get(r.over) is not None and (
            heads[r.over].entry.violent == h.entry.violent)
        if same:
            role = "main"  # "killed 40 soldiers in the attack": the same incident told twice
        f = 1.0 if h.entry.sub_type in main_types else factors.get(role, 1.0)
        f *= hedge if r.irrealis and h.entry.violent else 1.0
        out.append(h._replace(score=h.score * f))
        clause[h.first] = (role, r.past, same)
    return out, clause


def _other_subject(t, classes: tuple[str, ...], lex: Lexicon) -> bool:
    """Does the parse give the event verb a subject outside the classes its entry asks for
    (``if_before``)? "Police stopped the long march as it entered the city": the march enters,
    not the police the word order found first. "it" is a thing, never the forces; other
    pronouns are unknown and left to the word order."""
    subj = [c for c in t.children if c.dep_ == "nsubj"] if t is not None and t.pos_ == "VERB" else []
    if not subj:
        return False
    n = subj[0]
    if n.lower_ == "it":
        return True
    if n.pos_ not in ("NOUN", "PROPN"):
        return False
    words = {stem(w.lower_, lex.lemmas) for w in n.subtree if w.i <= n.i}
    return not any(words & lex.classes.get(c, _EMPTY) for c in classes)


def _best(hits: list[Hit], weight: float, repeat: float) -> tuple[dict[str, float], dict[str, Hit]]:
    """Per type: the strongest hit plus ``repeat`` times the others, so that a word repeated
    throughout a sentence ("protesters ... the protest ...") does not outvote one decisive cue."""
    sums: dict[str, float] = defaultdict(float)
    top: dict[str, Hit] = {}
    for h in hits:
        sums[h.entry.sub_type] += h.score
        if h.entry.sub_type not in top or h.score > top[h.entry.sub_type].score:
            top[h.entry.sub_type] = h
    totals = {k: weight * (top[k].score + repeat * (v - top[k].score)) for k, v in sums.items()}
    return totals, top


def _present_first(totals: dict[str, float], hits: list[Hit], clause: dict, lex: Lexicon,
                   threshold: float) -> dict[str, float]:
    """Another time's incident ("to tie them to last week's bombing") does not type a sentence
    whose main predicate tells an event of its own ("were taken into custody"), however strong
    its words: the types read only in another time's clause drop out once a main reading of an
    ACLED type reaches the threshold."""
    roles: dict[str, set[str]] = defaultdict(set)
    for h in hits:
        roles[h.entry.sub_type].add((clause.get(h.first) or ("main",))[0])
    if not any("main" in roles[k] and v >= threshold and lex.is_acled(k) for k, v in totals.items()):
        return totals
    return {k: v for k, v in totals.items() if roles[k] != {"earlier"}}


def _winner(totals: dict[str, float], lex: Lexicon) -> str | None:
    if not totals:
        return None
    sub = max(sorted(totals), key=lambda k: totals[k])
    if totals[sub] < lex.settings.get("threshold", 1.0) or not lex.is_acled(sub):
        return None
    return _outranked(sub, totals, lex)


def _outranked(sub: str, totals: dict[str, float], lex: Lexicon) -> str:
    """The graver reading of the same event once it is clearly present (``settings.outranks``):
    ACLED codes a protest whose participants turn violent as a violent demonstration however
    much the text says about the march or the police response, so presence, not the larger
    sum, decides."""
    for grave, rule in lex.settings.get("outranks", {}).items():
        if sub in rule["over"] and totals.get(grave, 0.0) >= rule["min"]:
            return grave
    return sub


# --------------------------------------------------------------------------- public API


def find_triggers(ctx: ExtractContext, parse=None, quantities: list[Quantity] | None = None) -> list[Trigger]:
    """Best ACLED-typed trigger per sentence of ``ctx.text`` (sentences with none are skipped).

    Input: the context (text, sentences, pack), the sentences' parse (``syntax.Parse``;
    without one, modality is read from the words before a match) and optionally the figures of
    the quantities stage (a count of the dead then types a sentence no phrase could:
    :func:`~rashomon.extract.casualty_typing.by_casualty`). Output: triggers in sentence order; spans index ``ctx.text`` and
    ``trigger.text == ctx.text[span.start:span.end]``.
    """
    lex = ctx.resources.triggers
    toks = tokens(ctx.text, lex)
    out: list[Trigger] = []
    words = ctx.resources.grammar
    threshold = lex.settings.get("threshold", 1.0)
    weak: dict[int, tuple[list[Hit], dict]] = {}  # sentences whose every reading is too weak
    decided: set[int] = set()  # a trigger, or a sink reading ("murder" as a crime) that won
    # a non-violent reading ("arrested 51") that a count of the dead in the same main clause
    # overrides ("killed 203 terrorists and arrested 51" is the killing, as ACLED codes it)
    soft: dict[int, Trigger] = {}
    # a sink reading a killing with its victim outranks ("a traditional ruler is murdered"):
    # left undecided, for by_casualty to judge from the parse
    yielding = set(lex.settings.get("by_casualty", {}).get("outranks", ()))
    yielded: set[int] = set()
    for sent, hits, clause in _sentence_hits(toks, ctx.sentences, lex, parse, words):
        totals, top = _best(hits, 1.0, lex.settings.get("repeat", 0.5))
        sub = _winner(_present_first(totals, hits, clause, lex, threshold), lex)
        if sub:
            hit = _main_hit(hits, sub, clause) or top[sub]
            out.append(make_trigger(ctx.text, toks, hit, totals[sub], sent.index, lex,
                                     clause.get(hit.first)))
            if not out[-1].violent:
                soft[sent.index] = out[-1]
                weak[sent.index] = (hits, clause)
                continue
        elif max(totals.values(), default=0.0) < threshold:
            found = _by_predicate(hits, clause, toks, parse.get(sent.index), lex, words) if clause else None
            if found is not None:
                hit, sub = found
                out.append(make_trigger(ctx.text, toks, hit, threshold, sent.index, lex,
                                         clause.get(hit.first), sub))
            else:
                weak[sent.index] = (hits, clause)
                continue
        elif yielding and max(totals, key=lambda k: (totals[k], k)) in yielding:
            weak[sent.index] = (hits, clause)
            yielded.add(sent.index)  # as a soft reading: a killing inside an argument leaves it
            continue
        decided.add(sent.index)
    if parse is not None and quantities:
        # once an incident is being told, a later count of its dead is its figure, not another
        # incident ("Militants stormed the camp. Six attackers were killed.")
        told = min((t.sentence_index for t in out if t.violent), default=len(ctx.sentences))
        decided.update(range(told, len(ctx.sentences)))
        found = by_casualty(ctx, toks, parse, quantities, weak, decided, set(soft) | yielded)
        replaced = {soft[t.sentence_index].span.start for t in found if t.sentence_index in soft}
        out = [t for t in out if t.span.start not in replaced or t.violent] + found
        out.sort(key=lambda t: t.span.start)
    return out


def _main_hit(hits: list[Hit], sub: str, clause: dict) -> Hit | None:
    """The strongest hit of type ``sub`` that is its clause's main predicate: the trigger is
    the word that tells the event ("staged a protest"), not another of its type ("under the
    banner of")."""
    main = [h for h in hits if h.entry.sub_type == sub and (clause.get(h.first) or ("",))[0] == "main"]
    # a word that is main only as a retelling inside another's argument comes last
    return max(main, key=lambda h: (not clause[h.first][2], h.score)) if main else None


def _by_predicate(hits: list[Hit], clause: dict, toks: Tokens, parsed, lex: Lexicon, words
                  ) -> tuple[Hit, str] | None:
    """A reported violent main predicate the lexicon cannot type for lack of context ("Soldiers
    kill two unarmed young men", "captured and killed two militia men"): the clause says an
    attack happened; ACLED's rule types it by the patient: armed or state actors make a battle,
    anyone else violence against civilians (``settings.by_predicate``)."""
    rule = lex.settings.get("by_predicate", {})
    if not rule:
        return None
    armed = lex.classes.get("state", _EMPTY) | lex.classes.get("armed", _EMPTY)
    for h in sorted(hits, key=lambda h: -h.score):
        if not h.entry.violent or (clause.get(h.first) or ())[:2] != ("main", True) or h.entry.sub_type not in rule["types"]:
            continue
        a, b = toks.start[h.first], toks.start[h.last] + toks.size[h.last]
        _, patients = arguments(parsed, a, b, words)
        if not patients:
            continue
        lemmas = {stem(t.lower_, lex.lemmas) for t in parsed.doc if any(
            lo <= parsed.start + t.idx < hi for lo, hi in patients)}
        return h, rule["armed"] if not armed.isdisjoint(lemmas) else rule["otherwise"]
    return None


def classify_text(text: str, lex: Lexicon) -> Trigger | None:
    """Best ACLED type for a snippet, or ``None`` when it reports no ACLED event.

    Each sentence's matches are summed per sub-event type, later sentences discounted
    (``settings.decay``); the winner must be an ACLED type above ``settings.threshold``.
    """
    toks = tokens(text, lex)
    decay = lex.settings.get("decay", 0.8)
    totals: dict[str, float] = defaultdict(float)
    top: dict[str, tuple[Hit, int]] = {}
    n = 0  # rank among sentences with any cue: a dateline or byline does not count
    for sent, hits, _ in _sentence_hits(toks, split_sentences(text), lex):
        sums, best = _best(hits, max(decay ** n, 0.2), lex.settings.get("repeat", 0.5))
        n += 1
        for sub, value in sums.items():
            totals[sub] += value
            top.setdefault(sub, (best[sub], sent.index))
    sub = _winner(totals, lex)
    if sub is None:
        return None
    hit, index = top[sub]
    return make_trigger(text, toks, hit, totals[sub], index, lex)


def type_info(sub_event_type: str, lex: Lexicon) -> dict[str, Any]:
    """The ``[types]`` row of a sub-event type (event_type, violent, case code)."""
    return dict(lex.types.get(sub_event_type, {}))


__all__ = ["Trigger", "classify_text", "find_triggers", "stem", "type_info"]
