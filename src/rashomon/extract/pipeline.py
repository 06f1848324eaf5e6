"""The extraction pipeline: the order of the stages, in one place.

=====  ===================  ===============================================  =====================
order  stage                function                                         sets
=====  ===================  ===============================================  =====================
1      sentences            ``sentences.split_sentences(text)``              ctx.sentences
2      dates                ``dates.find_dates(ctx)``                        Mentions.dates
3      places               ``places.find_places(ctx)``                      Mentions.places
4      actors               ``actors.find_actors(ctx)``                      Mentions.actors
5      generic mentions     ``actors.resolve_generic(actors, ctx)``          Mentions.actors
6      triggers and types   ``types.find_triggers(ctx)``                     Mentions.triggers
7      quantities           ``quantities.find_quantities(ctx)``              Mentions.quantities
8      attribution, hedges  ``attribution.find_attributions(ctx, actors)``   Mentions.attributions
9      story-level flags    ``attribution.find_story_flags(ctx)``            Mentions.flags
10     claim assembly       ``assemble.assemble_claims(ctx, mentions)``      list[Claim]
=====  ===================  ===============================================  =====================

Each stage reads only the context and the outputs of earlier stages, so an optional stage (a
statistical NER model, a language-model backend) can be slotted in by adding an entry to
``STAGES`` that reads and returns the same records; nothing else changes. Thresholds live in the
knowledge pack's TOML files and in ``ExtractSettings``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.extract import actors, attribution, dates, places, quantities, types
from rashomon.extract.assemble import assemble_claims
from rashomon.extract.base import ExtractContext
from rashomon.extract.sentences import split_sentences
from rashomon.models import Claim, Document
from rashomon.packs import KnowledgePack, load_pack


@dataclass
class Mentions:
    """What the stages found in one document, before claims are assembled."""

    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    triggers: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    attributions: list = field(default_factory=list)
    flags: list = field(default_factory=list)


Stage = Callable[[ExtractContext, Mentions], None]


def _dates(ctx: ExtractContext, m: Mentions) -> None:
    m.dates = dates.find_dates(ctx)


def _places(ctx: ExtractContext, m: Mentions) -> None:
    m.places = places.find_places(ctx)


def _actors(ctx: ExtractContext, m: Mentions) -> None:
    m.actors = actors.resolve_generic(actors.find_actors(ctx), ctx)


def _triggers(ctx: ExtractContext, m: Mentions) -> None:
    m.triggers = types.find_triggers(ctx)


def _quantities(ctx: ExtractContext, m: Mentions) -> None:
    m.quantities = quantities.find_quantities(ctx)


def _attribution(ctx: ExtractContext, m: Mentions) -> None:
    m.attributions = attribution.find_attributions(ctx, m.actors)
    m.flags = attribution.find_story_flags(ctx)


STAGES: list[tuple[str, Stage]] = [
    ("dates", _dates), ("places", _places), ("actors", _actors), ("triggers", _triggers),
    ("quantities", _quantities), ("attribution", _attribution),
]


def make_context(doc: Document, pack: KnowledgePack) -> ExtractContext:
    return ExtractContext(text=doc.text, sentences=split_sentences(doc.text),
                          published=doc.published, pack=pack, document_id=doc.id)


def find_mentions(ctx: ExtractContext) -> Mentions:
    m = Mentions()
    for _name, stage in STAGES:
        stage(ctx, m)
    return m


def extract_claims(doc: Document, pack: KnowledgePack | None = None) -> list[Claim]:
    """Run every stage on one document and return its claims (nothing is stored)."""
    pack = pack or load_pack()
    ctx = make_context(doc, pack)
    return assemble_claims(ctx, find_mentions(ctx))
