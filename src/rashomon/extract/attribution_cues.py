"""Records and reporting cues of the attribution stage (``attribution.py``).

``build_cues(pack)`` reads ``reporting.toml`` (usually from ``core``) into one phrase table:
reporting verbs, participles, prepositions and adverbs with their hedge, nameless sources,
placeholders ("he", "the statement"), clause boundaries and story-flag phrases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from rashomon.extract.actors import PhraseTable
from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.words import Words, sentence_words
from rashomon.models import Hedge, Record, Span

_SECTIONS = {"verbs": "verb", "participles": "participle", "prepositions": "preposition",
             "adverbs": "adverb"}


class Attribution(Record):
    """A stretch of one sentence governed by one claimant (or by a hedge with no claimant)."""

    sentence_index: int
    start: int
    end: int
    claimant: str | None = None  # canonical name; None = nobody named
    claimant_text: str | None = None
    claimant_span: Span | None = None
    cue: str
    cue_span: Span
    hedge: Hedge


class StoryFlag(Record):
    """A statement about the whole story: the figures are unverified, or the accounts conflict."""

    kind: Literal["unverified", "contested"]
    span: Span
    sentence_index: int
    text: str


class Cue(NamedTuple):
    role: str  # verb, participle, preposition, adverb, anonymous, actor, speaker, clause kinds
    hedge: Hedge | None = None


@dataclass(frozen=True)
class CueIndex:
    table: PhraseTable
    gap_words: frozenset[str]
    max_gap: int
    strength: dict[Hedge, int]
    # read from the parse (``[grammar]``): nouns that carry someone's figure, by hedge
    # ("the group's claim of 90 dead": alleged), and verbs whose subject denies
    claim_nouns: dict[str, Hedge] = field(default_factory=dict)
    denial_verbs: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()  # "a statement issued by the ISPR" -> the ISPR
    put_verbs: frozenset[str] = frozenset()  # "the minister put the total at 15" -> the minister
    scene_shifts: frozenset[str] = frozenset()  # "Last month, ...": the outlet narrates again


def build_cues(pack: Any) -> CueIndex:
    """The reporting cues of a pack (``reporting.toml``, usually from ``core``), compiled once
    per pack (``extract.resources``)."""
    spec = pack.read("reporting.toml")
    table = PhraseTable()
    for section, role in _SECTIONS.items():
        for hedge, phrases in spec.get(section, {}).items():
            for p in phrases:
                table.add(p, Cue(role, Hedge(hedge)))
    for phrases in spec.get("anonymous", {}).values():
        for p in phrases:
            table.add(p, Cue("anonymous", Hedge.reported))
    for role, phrases in {**spec.get("placeholders", {}), **spec.get("clauses", {}),
                          **spec.get("story_flags", {})}.items():
        for p in phrases:
            table.add(p, Cue(role, Hedge.unverified if role == "unverified" else None))
    subject = spec.get("subject", {})
    order = spec.get("hedge_strength", [h.value for h in Hedge])
    gap_words = frozenset(w.lower() for w in subject.get("gap_words", []))
    grammar = spec.get("grammar", {})
    nouns = {w.lower(): Hedge(h) for h, words in grammar.get("claim_nouns", {}).items() for w in words}
    return CueIndex(table=table, gap_words=gap_words,
                    max_gap=int(subject.get("max_gap", 6)),
                    strength={Hedge(h): k for k, h in enumerate(order)}, claim_nouns=nouns,
                    denial_verbs=frozenset(w.lower() for w in grammar.get("denial_verbs", [])),
                    document_nouns=frozenset(w.lower() for w in grammar.get("document_nouns", [])),
                    put_verbs=frozenset(w.lower() for w in grammar.get("put_verbs", [])),
                    scene_shifts=frozenset(w.lower() for w in grammar.get("scene_shifts", [])))


def cue_hits(ctx: ExtractContext, cues: CueIndex, s: Sentence) -> tuple[Words, list]:
    """Tokens of ``s`` and the cue phrases in them, computed once per document and sentence
    (attributions and story flags both need them)."""
    key = ("attribution.cues", id(cues), s.start, s.end)
    found = ctx.cache.get(key)
    if found is None:
        w = sentence_words(ctx, s)
        found = ctx.cache[key] = (w, cues.table.scan_words(w.text, w.lower))
    return found


def find_story_flags(ctx: ExtractContext) -> list[StoryFlag]:
    """Story-level statements ("could not be independently verified", "conflicting claims")."""
    cues = ctx.resources.cues
    flags = []
    for s in ctx.sentences:
        tokens, hits = cue_hits(ctx, cues, s)
        for i, j, cue in hits:
            if cue.role in ("unverified", "contested"):
                start, end = tokens.start[i], tokens.end[j - 1]
                flags.append(StoryFlag(kind=cue.role, span=Span(start=start, end=end),
                                       sentence_index=s.index, text=ctx.text[start:end]))
    return flags


__all__ = ["Attribution", "Cue", "CueIndex", "StoryFlag", "build_cues", "cue_hits", "find_story_flags"]
