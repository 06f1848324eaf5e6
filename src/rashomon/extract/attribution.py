"""Stages 8-9: who says what (attribution segments with hedges) and story-level flags.

Contract:

* ``find_attributions(ctx, actors, parse=None) -> list[Attribution]``: for every sentence, the
  stretches of text governed by a claimant ("the BLA countered that ...") with the reporting cue
  and a :class:`~rashomon.models.Hedge`. ``actors`` are the resolved mentions of
  :func:`rashomon.extract.actors.find_actors`. A sentence with no cue yields nothing (the outlet
  asserts it). Claimants are canonical names resolved through ``speaks_for`` and unit parents
  (ISPR -> "Pakistan Army"), offices no pack lists as written, ``None`` when nobody is named
  ("sources said", "reportedly").
* ``find_story_flags(ctx) -> list[StoryFlag]``: statements about the whole story.

A cue's claimant is its grammatical speaker when the sentence is parsed
(:mod:`rashomon.extract.speakers`); otherwise, or when the parse shows none, word rules over
the cue phrases of ``packs/core/reporting.toml`` decide (a participle after a comma takes its
clause's subject; the nearest actor, nameless source or pronoun before the verb over gap words;
the one after it past a quote or comma; the speaker opening the clause). Pronouns stand for the
latest speaker, "he" and "the statement" for the previous claimant. Denials and figures owned by
a named party are read from the parse afterwards (:mod:`rashomon.extract.attribution_grammar`).
Segments run from a claimant's clause to the next strong boundary or the next claimant's clause.
The full rules, with examples: docs/attribution.md. Every step is a bisection or one pass over
tokens: linear.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import NamedTuple

from rashomon.extract.actors import issuer
from rashomon.extract.attribution_cues import (
    Attribution,
    Cue,
    CueIndex,
    StoryFlag,
    cue_hits as _cue_hits,
    find_story_flags,
)
from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.attribution_grammar import refine, wants_refining
from rashomon.extract.speakers import Speaker, speaker_of
from rashomon.extract.syntax import Parse
from rashomon.extract.words import Words
from rashomon.models import ActorKind, ActorMention, Hedge, Span

_SPEAKER_KINDS = {ActorKind.armed_group, ActorKind.state_force, ActorKind.officials,
                  ActorKind.media, ActorKind.organisation}
_SPEECH = {"verb", "participle", "preposition"}
_MODIFIERS = {"adverb", "unverified"}
_BOUNDARIES = {"strong", "contrastive", "weak", "relative"}
_EDGE_PUNCT = {",", ";", ":", "—", "–"}
_ARTICLES = {"the", "a", "an"}
# cue roles that can stand as the subject of a reporting verb -> candidate role
_CAND_ROLES = {"anonymous": "anonymous", "actor": "pronoun", "speaker": "speaker"}


# --------------------------------------------------------------------------- per sentence


class _Cand(NamedTuple):
    """Something that can be the subject of a reporting verb, in token positions."""

    i: int
    j: int
    role: str  # actor (a mention) | anonymous | pronoun ("they") | speaker ("he", "the statement")
    mention: ActorMention | None


class _Raw(NamedTuple):
    anchor: int  # first token of claimant or cue
    last: int  # token after the cue and claimant
    cue_i: int
    cue_j: int
    hedge: Hedge
    claimant: str | None
    cand: _Cand | None


@dataclass
class _Doc:
    """Read-only views of the document shared by all sentences."""

    ctx: ExtractContext
    cues: CueIndex
    mentions: list[ActorMention]
    mention_starts: list[int]
    last_speaker: list[int]  # per mention: index of the latest speaker mention up to it, or -1
    first_speaker_in: dict[int, int]  # sentence index -> its first speaker mention
    parse: Parse | None = None


@dataclass
class _Sent:
    sentence: Sentence
    tokens: Words
    hits: list[tuple[int, int, Cue]]
    cands: list[_Cand]
    first_speaker: list[int]  # per candidate: index of the next speaker candidate from it, or len
    bounds: list[tuple[int, int, str]]
    # sorted keys for bisection, built once per sentence
    cand_starts: list[int]
    cand_ends: list[int]
    bound_ends: list[int]


def _build_sentence(doc: _Doc, s: Sentence) -> _Sent:
    tokens, hits = _cue_hits(doc.ctx, doc.cues, s)
    starts = tokens.start
    lo = bisect.bisect_left(doc.mention_starts, s.start)
    hi = bisect.bisect_left(doc.mention_starts, s.end)
    cands = [_Cand(bisect.bisect_left(starts, m.span.start), bisect.bisect_left(starts, m.span.end),
                   "actor", m) for m in doc.mentions[lo:hi]]
    taken = {k for c in cands for k in range(c.i, c.j)}
    cands += [_Cand(i, j, _CAND_ROLES[c.role], None)
              for i, j, c in hits if c.role in _CAND_ROLES and i not in taken]
    cands.sort()
    first = [len(cands)] * (len(cands) + 1)
    for k in range(len(cands) - 1, -1, -1):
        first[k] = k if _is_speaker(cands[k]) else first[k + 1]
    bounds = [(i, j, c.role) for i, j, c in hits if c.role in _BOUNDARIES]
    return _Sent(s, tokens, hits, cands, first, bounds, [c.i for c in cands],
                 [c.j for c in cands], [b[1] for b in bounds])


def _is_speaker(c: _Cand) -> bool:
    return c.role == "actor" and c.mention is not None and (c.mention.kind in _SPEAKER_KINDS)


def _clause_start(st: _Sent, tok: int) -> int:
    """First token of the clause holding ``tok``: just after the last boundary before it."""
    k = bisect.bisect_right(st.bound_ends, tok) - 1
    return st.bounds[k][1] if k >= 0 else 0


def _gap_ok(doc: _Doc, tokens: Words, i: int, j: int) -> bool:
    words = [w for w in tokens.text[i:j] if w[0].isalnum()]
    return len(words) <= doc.cues.max_gap and doc.cues.gap_words.issuperset(tokens.lower[i:j])


def _before(doc: _Doc, st: _Sent, tok: int) -> _Cand | None:
    k = bisect.bisect_right(st.cand_ends, tok) - 1
    if k >= 0 and _gap_ok(doc, st.tokens, st.cands[k].j, tok):
        return st.cands[k]
    return None


def _after(doc: _Doc, st: _Sent, tok: int) -> _Cand | None:
    k = bisect.bisect_left(st.cand_starts, tok)
    if k < len(st.cands) and _gap_ok(doc, st.tokens, tok, st.cands[k].i):
        return st.cands[k]
    return None


def _main_subject(doc: _Doc, st: _Sent, tok: int) -> _Cand | None:
    """The speaker opening the clause of ``tok`` ("The military responded ..."), if any.

    Only gap words may precede it in the clause, so "officers within the army" is no subject.
    """
    start = _clause_start(st, tok)
    k = st.first_speaker[bisect.bisect_left(st.cand_starts, start)]
    if k < len(st.cands) and st.cands[k].j <= tok and _gap_ok(doc, st.tokens, start, st.cands[k].i):
        return st.cands[k]
    return None


def _grammar_subject(doc: _Doc, st: _Sent, i: int) -> _Cand | None:
    """The parse's speaker of the cue starting at token ``i`` (``speakers.speaker_of``), as the
    candidate it overlaps (an actor first, then "he"/"sources"), else as a phrase of its own
    ("Mohammad Asim, a spokesman for Lady Reading Hospital": an office no pack lists)."""
    parsed = doc.parse.get(st.sentence.index) if doc.parse is not None else None
    found = (speaker_of(parsed, st.tokens.start[i], st.tokens.end[i], doc.cues.document_nouns)
             if parsed is not None else None)
    return _as_cand(st, found) if found is not None else None


def _as_cand(st: _Sent, found: Speaker) -> _Cand | None:
    """A parse phrase as the candidate it overlaps, or as a phrase of its own."""
    gi = bisect.bisect_left(st.tokens.start, found.start)
    gj = bisect.bisect_left(st.tokens.start, found.end)
    inside = [c for c in st.cands if c.i < gj and c.j > gi]
    if not inside and found.pronoun:
        return None  # a pronoun no placeholder covers ("I", "you"): the token rules decide
    actors = [c for c in inside if _is_speaker(c)]
    if actors:  # the first named party: "a spokesman for the BLA" -> the BLA; the span stays
        # the whole speaker ("Deputy Commissioner Noor-ul-Haq" is one speaker, an office)
        return actors[0]._replace(i=min(gi, actors[0].i), j=max(gj, actors[0].j))
    named = [c for c in inside if c.role == "actor" and c.mention is not None and not c.mention.generic]
    if named and named[0].i <= gi and named[0].j >= gj:
        return named[0]  # the whole phrase is one known name
    head = bisect.bisect_right(st.tokens.start, found.head) - 1
    others = [c for c in inside if c.role != "actor" and c.i <= head < c.j]
    if others:  # "he", "the spokesman", "sources in the town": nameless or said before
        return others[0]._replace(i=min(gi, others[0].i), j=max(gj, others[0].j))
    return _Cand(gi, gj, "phrase", None) if gj > gi else None


def _subject(doc: _Doc, st: _Sent, i: int, j: int, cue: Cue) -> _Cand | None:
    """The claimant candidate of the reporting cue at tokens [i, j) (strategies in docstring)."""
    found = _grammar_subject(doc, st, i)
    if found is not None:
        return found
    if cue.role == "preposition":
        return _after(doc, st, j)
    prev = st.tokens.text[i - 1] if i > 0 else ""
    if cue.role == "participle" and prev == ",":
        found = _main_subject(doc, st, i) or _before(doc, st, i)
    else:
        found = _before(doc, st, i)
    if found is None and (i == 0 or prev in {",", '"', "'", ")"}):
        found = _after(doc, st, j)
    return found or _main_subject(doc, st, i)


def _weaker(doc: _Doc, a: Hedge, b: Hedge) -> Hedge:
    """The hedge with the weaker commitment (``hedge_strength`` order)."""
    return a if doc.cues.strength.get(a, 0) >= doc.cues.strength.get(b, 0) else b


@dataclass
class _Memory:
    """The latest named claimant, for "he said" in a following sentence."""

    claimant: str | None = None
    sentence_index: int = -10


def _claimant(doc: _Doc, st: _Sent, cand: _Cand, memory: _Memory) -> tuple[str | None, Hedge]:
    """Canonical claimant of a subject candidate, and the weakest hedge it allows."""
    if cand.role == "anonymous":
        return None, Hedge.reported
    if cand.role == "actor":
        return _canonical(doc, cand.mention), Hedge.asserted
    if cand.role == "phrase":
        return _phrase_claimant(doc, st, cand, memory), Hedge.asserted
    if cand.role == "speaker" and st.sentence.index - memory.sentence_index <= 2:
        return memory.claimant, Hedge.asserted
    return _pronoun(doc, st, cand), Hedge.asserted


def _pronoun(doc: _Doc, st: _Sent, cand: _Cand) -> str | None:
    """ "they", "it": the latest speaker earlier in the sentence, else the first (the subject,
    usually) of the previous sentence."""
    k = bisect.bisect_left(doc.mention_starts, st.tokens.start[cand.i]) - 1
    k = doc.last_speaker[k] if k >= 0 else -1
    if k >= 0 and doc.mentions[k].span.start >= st.sentence.start:
        return _canonical(doc, doc.mentions[k])
    k = doc.first_speaker_in.get(st.sentence.index - 1)
    return _canonical(doc, doc.mentions[k]) if k is not None else None


def _phrase_claimant(doc: _Doc, st: _Sent, cand: _Cand, memory: _Memory) -> str | None:
    """A speaker no pack names, as written ("Lady Reading Hospital spokesman Muhammad Asim"),
    without a leading article; None when nothing but articles is left. "The department", "the
    minister" (an article and one common noun) name someone already introduced: the recent
    claimant, or the document's issuer, whose name holds that noun."""
    words = st.tokens.text[cand.i:cand.j]
    if words and words[0].lower() in _ARTICLES:
        if len(words) == 2 and words[1].islower():
            noun = words[1]
            recent = memory.claimant if st.sentence.index - memory.sentence_index <= 3 else None
            for known in (recent, issuer(doc.ctx)):
                if known and noun in known.lower():
                    return known
        words = words[1:]
    if not words:
        return None
    start = st.tokens.start[cand.j - len(words)]
    phrase = " ".join(doc.ctx.text[start:st.tokens.end[cand.j - 1]].split())
    index = doc.ctx.resources.actors
    party = index.speaker_names.get(phrase.lower())  # "Islamabad maintained ..."
    if party:
        return index.group_of(index.voice_of(party))
    outlet = (doc.ctx.outlet or "").casefold()
    if outlet and (phrase.casefold() == outlet or outlet.startswith(phrase.casefold() + " ")):
        return None  # the outlet citing itself ("according to a Reuters tally") is its own voice
    return phrase


def _canonical(doc: _Doc, mention: ActorMention | None) -> str | None:
    if mention is None or mention.generic:
        return None
    index = doc.ctx.resources.actors
    return index.group_of(index.voice_of(mention.name))


def _speech(doc: _Doc, st: _Sent, memory: _Memory) -> list[_Raw]:
    """One raw attribution per reporting cue whose claimant can be found."""
    raws: list[_Raw] = []
    for i, j, cue in st.hits:
        if cue.role not in _SPEECH:
            continue
        cand = _subject(doc, st, i, j, cue)
        if cand is None:
            continue
        claimant, floor = _claimant(doc, st, cand, memory)
        raws.append(_Raw(min(i, cand.i), max(j, cand.j), i, j,
                         _weaker(doc, cue.hedge, floor), claimant, cand))
    return _merge_same(doc, st, sorted(raws))


def _merge_same(doc: _Doc, st: _Sent, raws: list[_Raw]) -> list[_Raw]:
    """ "Police said ..., adding that ..." is one attribution, not two."""
    out: list[_Raw] = []
    for r in raws:
        p = out[-1] if out else None
        if (p is not None and r.claimant is not None and p.claimant == r.claimant
                and _clause_start(st, p.anchor) == _clause_start(st, r.anchor)):
            out[-1] = p._replace(last=max(p.last, r.last), hedge=_weaker(doc, p.hedge, r.hedge))
        else:
            out.append(r)
    return out


def _segments(st: _Sent, raws: list[_Raw]) -> list[tuple[int, int]]:
    """Token range governed by each attribution (``raws`` sorted by anchor)."""
    hard = [b[0] for b in st.bounds if b[2] in ("strong", "contrastive")]
    out: list[tuple[int, int]] = []
    prev_end = 0
    for k, r in enumerate(raws):
        start = max(_clause_start(st, r.anchor), prev_end)
        h = bisect.bisect_left(hard, r.last)
        end = hard[h] if h < len(hard) else len(st.tokens.text)
        if k + 1 < len(raws):
            end = min(end, _next_start(st, r, raws[k + 1]))
        if end <= start:
            start, end = r.anchor, max(r.last, r.anchor + 1)
        start, end = _trim(st, start, end)
        out.append((start, end))
        prev_end = max(prev_end, end)
    return out


def _next_start(st: _Sent, r: _Raw, nxt: _Raw) -> int:
    """Where the segment of ``r`` must stop so that ``nxt`` can begin."""
    clause = _clause_start(st, nxt.anchor)
    if clause <= r.last:
        return nxt.anchor
    k = bisect.bisect_left(st.bound_ends, clause)
    return st.bounds[k][0] if k < len(st.bounds) and st.bound_ends[k] == clause else nxt.anchor


def _trim(st: _Sent, start: int, end: int) -> tuple[int, int]:
    words = st.tokens.text
    while start < end - 1 and words[start] in _EDGE_PUNCT:
        start += 1
    while end > start + 1 and words[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def _with_modifiers(doc: _Doc, st: _Sent, raws: list[_Raw]) -> list[_Raw]:
    """Apply "reportedly", "could not be verified" to the segment holding them, else add one."""
    segs = _segments(st, raws)
    seg_starts = [a for a, _ in segs]
    out = list(raws)
    for i, j, cue in st.hits:
        if cue.role not in _MODIFIERS:
            continue
        k = bisect.bisect_right(seg_starts, i) - 1
        if k < 0 or segs[k][1] <= i:
            out.append(_Raw(i, j, i, j, cue.hedge, None, None))
        else:
            out[k] = out[k]._replace(hedge=_weaker(doc, out[k].hedge, cue.hedge))
    return sorted(out)


def _sentence_attributions(doc: _Doc, s: Sentence, memory: _Memory) -> list[Attribution]:
    hits = _cue_hits(doc.ctx, doc.cues, s)[1]
    parsed = doc.parse.get(s.index) if doc.parse is not None else None
    refining = parsed is not None and wants_refining(parsed, doc.cues)
    if not refining and not any(cue.role in _SPEECH or cue.role in _MODIFIERS for _i, _j, cue in hits):
        return []  # no reporting cue and no modifier: the outlet asserts the whole sentence
    st = _build_sentence(doc, s)
    raws = _with_modifiers(doc, st, _speech(doc, st, memory))
    out = [_record(doc, st, r, seg) for r, seg in zip(raws, _segments(st, raws))]
    if refining:
        out = refine(s, parsed, out, doc.cues, lambda sp: _resolve(doc, st, sp, memory), doc.ctx.text)
    named = [a for a in out if a.claimant is not None]
    if named:
        memory.claimant, memory.sentence_index = named[-1].claimant, s.index
    return out


def _resolve(doc: _Doc, st: _Sent, found: Speaker, memory: _Memory) -> tuple[str | None, Span] | None:
    """A parse phrase as (claimant, claimant span), for ``attribution_grammar.refine``."""
    cand = _as_cand(st, found)
    if cand is None:
        return None
    claimant, _hedge = _claimant(doc, st, cand, memory)
    return claimant, Span(start=st.tokens.start[cand.i], end=st.tokens.end[cand.j - 1])


def _record(doc: _Doc, st: _Sent, r: _Raw, seg: tuple[int, int]) -> Attribution:
    text, starts, ends = doc.ctx.text, st.tokens.start, st.tokens.end
    cue_start, cue_end = starts[r.cue_i], ends[r.cue_j - 1]
    claimant_span = None
    if r.cand is not None and (r.claimant is not None or r.cand.role != "phrase"):  # not the outlet itself
        claimant_span = Span(start=starts[r.cand.i], end=ends[r.cand.j - 1])
    return Attribution(
        sentence_index=st.sentence.index, start=starts[seg[0]], end=ends[seg[1] - 1],
        claimant=r.claimant,
        claimant_text=text[claimant_span.start:claimant_span.end] if claimant_span else None,
        claimant_span=claimant_span, cue=text[cue_start:cue_end],
        cue_span=Span(start=cue_start, end=cue_end), hedge=r.hedge)


# --------------------------------------------------------------------------- public


def _document(ctx: ExtractContext, actors: list[ActorMention], parse: Parse | None) -> _Doc:
    mentions = sorted(actors, key=lambda m: (m.span.start, m.span.end))
    starts = [s.start for s in ctx.sentences]
    last, latest, first = [], -1, {}
    for k, m in enumerate(mentions):
        if not m.generic and m.kind in _SPEAKER_KINDS:
            latest = k
            first.setdefault(bisect.bisect_right(starts, m.span.start) - 1, k)
        last.append(latest)
    return _Doc(ctx, ctx.resources.cues, mentions, [m.span.start for m in mentions], last, first,
                parse)


def find_attributions(ctx: ExtractContext, actors: list[ActorMention],
                      parse: Parse | None = None) -> list[Attribution]:
    """Attribution segments of every sentence, in text order (see module docstring); with a
    parse, a cue's claimant is its grammatical speaker first (``speakers.speaker_of``)."""
    doc = _document(ctx, actors, parse)
    memory = _Memory()
    out: list[Attribution] = []
    before: list[Attribution] = []
    for s in ctx.sentences:
        mine = _sentence_attributions(doc, s, memory) or _continued(ctx, s, before, parse)
        out += mine
        before = mine
    return out


def _shifts(parsed, shift_words: frozenset[str]) -> bool:
    """Whether the parsed sentence opens a new scene: a shift word (``[grammar] scene_shifts``)
    before its main verb, a pluperfect main verb ("The toll had stood at 59"), or an opening
    "In/On <date>," phrase."""
    doc = parsed.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return True
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in root.children):
        return True
    if any(t.lower_ in shift_words for t in doc[:root.i]):
        return True
    first = doc[0]
    return first.dep_ == "prep" and first.lower_ in ("in", "on", "during") and any(
        t.tag_ == "CD" or t.tag_ == "NNP" for t in first.subtree)


def _continued(ctx: ExtractContext, s: Sentence, before: list[Attribution],
               parse: Parse | None) -> list[Attribution]:
    """A sentence without a cue of its own, right after one a named party speaks to its end,
    goes on with that party's account ("..., according to the ISPR. Five soldiers were martyred
    and six injured."). One sentence only, never after an inherited one, a denial or a quote
    (a quote's speaker may be done), nor one that opens a new scene (``_shifts``), so the
    outlet's own narration is not handed to a party. Needs the parse."""
    parsed = parse.get(s.index) if parse is not None else None
    if not before or parsed is None or _shifts(parsed, ctx.resources.cues.scene_shifts):
        return []
    last = before[-1]
    tail = ctx.text[last.end:s.start]  # what of the sentence before lies past that party's stretch
    if (last.claimant is None or last.hedge != Hedge.attributed or not last.cue
            or any(c.isalnum() for c in tail) or '"' in ctx.text[s.start:s.end]
            or "\u201c" in ctx.text[s.start:s.end]):
        return []
    return [Attribution(sentence_index=s.index, start=s.start, end=s.end, claimant=last.claimant,
                        claimant_text=last.claimant_text, claimant_span=last.claimant_span, cue="",
                        cue_span=Span(start=s.start, end=s.start), hedge=Hedge.attributed)]


__all__ = ["Attribution", "Cue", "CueIndex", "StoryFlag", "find_attributions", "find_story_flags"]
