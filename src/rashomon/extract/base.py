"""Shared types for the extraction stages.

Every stage is a function ``stage(ctx: ExtractContext) -> list[SomeMention]`` (or takes the
mentions of earlier stages as extra arguments). Stages never mutate their inputs; the
pipeline (``rashomon.extract.pipeline``) runs them in the documented order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rashomon.models import Record, Span


class Sentence(Record):
    index: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(start=self.start, end=self.end)


@dataclass
class ExtractContext:
    """Everything a stage may read: the text, its sentences, the publication date, the pack."""

    text: str
    sentences: list[Sentence]
    published: date | None
    pack: "object"  # rashomon.packs.KnowledgePack (kept loose to avoid an import cycle)
    document_id: str = ""
    notes: list[str] = field(default_factory=list)
    # Per-document memo for work several stages share (sentence tokens, cue hits), keyed by
    # the producing module; never part of a stage's output.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
