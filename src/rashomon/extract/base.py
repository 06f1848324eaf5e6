"""Shared types for the extraction stages: a sentence, and the context every stage reads.

Stages are registered in ``extract.registry`` with what they require and assign; the pipeline
(``rashomon.extract.pipeline``) checks that order and runs them. A stage reads the context (the
text, its sentences, the publication date, the pack's compiled ``resources``) and the mentions
earlier stages assigned, never the internals of another stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rashomon.models import Record, Span
from rashomon.packs import KnowledgePack

if TYPE_CHECKING:  # the resources module imports the stage modules, which import this one
    from rashomon.extract.resources import Resources


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
    """Everything a stage may read: the text, its sentences (set by the sentence stage), the
    publication date, the pack and its compiled resources (``extract.resources``). Build one
    with ``pipeline.make_context``."""

    text: str
    sentences: list[Sentence]
    published: date | None
    pack: KnowledgePack
    resources: "Resources"
    document_id: str = ""
    outlet: str | None = None  # who published the document ("Quetta Police (statement)")
    notes: list[str] = field(default_factory=list)
    # Per-document memo for work several stages share (sentence tokens, cue hits), keyed by
    # the producing module; never part of a stage's output.
    cache: dict = field(default_factory=dict, repr=False, compare=False)
