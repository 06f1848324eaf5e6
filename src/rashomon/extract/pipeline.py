"""The extraction pipeline: the stages and their order, registered in one place.

=====  ===================  ============================================  ===========================
order  stage                function                                      assigns (requires)
=====  ===================  ============================================  ===========================
1      ``sentences.v1``     ``sentences.split_sentences(text)``           sentences
1b     ``syntax.v1``        ``syntax.parse_sentences(ctx)`` (a trained    parse (sentences)
                            English parser, once per document)
2      ``dates.v1``         ``dates.find_date_mentions(ctx)``             dates, date_spans (sentences)
3      ``places.v3``        ``places.find_places(ctx)``                   places (sentences)
4      ``actors.v1``        ``actors.find_actors(ctx)`` (generic words    actors (sentences)
                            resolved to the group they refer to)
5      ``quantities.v4``    ``quantities.find_quantities(ctx, spans)``    quantities (sentences, date_spans,
                            + ``figures.grammar_figures`` (one victim)    parse)
                            + ``zero_figures.zero_figures`` ("no one")
6      ``triggers.v4``      ``types.find_triggers(ctx, parse, q)`` (a     triggers (sentences, parse,
                            count of the dead types an untyped clause)    quantities)
7      ``attribution.v3``   ``attribution.find_attributions(ctx, a, p)``  attributions (sentences, actors,
                                                                                 parse)
8      ``story_flags.v1``   ``attribution.find_story_flags(ctx)``         flags (sentences)
9      ``assemble.v4``      ``assemble.assemble_claims(ctx, mentions)``   claims (all of the above)
=====  ===================  ============================================  ===========================

All registrations are gathered here (as spaCy gathers its own), so that the stage modules never
import each other's internals and the registry has one home. :class:`Pipeline` checks its stage
list when it is built (``registry.analyze``) and takes its pack's compiled resources from the
one cache (``extract.resources``). A new stage (a statistical parser, another language's date
reader) is registered here with its contract and named in ``stages``; the checks say at once
what it lacks. Thresholds and word lists live in the pack's TOML files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rashomon.errors import ConfigError
from rashomon.extract import actors, attribution, dates, places, quantities, syntax, types
from rashomon.extract.assemble import assemble_claims
from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.figures import grammar_figures
from rashomon.extract.zero_figures import zero_figures
from rashomon.extract.mentions import Mentions
from rashomon.extract.registry import REGISTRY, StageView, analyze, stage
from rashomon.extract.resources import resources_for
from rashomon.extract.sentences import split_sentences
from rashomon.models import Claim, Document, extraction_end
from rashomon.packs import KnowledgePack, load_pack


@stage("sentences.v1", assigns=["sentences"])
def _sentences(ctx: ExtractContext, m: StageView) -> None:
    """Sentence boundaries (abbreviations, datelines and quotes kept inside)."""
    ctx.sentences = m.sentences = split_sentences(ctx.text)


@stage("syntax.v1", requires=["sentences"], assigns=["parse"])
def _syntax(ctx: ExtractContext, m: StageView) -> None:
    """Tags, dependencies and lemmas of every sentence (a trained English pipeline, once)."""
    m.parse = syntax.parse_sentences(ctx)


@stage("dates.v1", requires=["sentences"], assigns=["dates", "date_spans"])
def _dates(ctx: ExtractContext, m: StageView) -> None:
    """Dates resolved to day/week/month/year ranges; spans of every date expression."""
    m.dates, m.date_spans = dates.find_date_mentions(ctx)


@stage("places.v3", requires=["sentences"], assigns=["places"])
def _places(ctx: ExtractContext, m: StageView) -> None:
    """Place names resolved with the pack's gazetteer."""
    m.places = places.find_places(ctx)


@stage("actors.v1", requires=["sentences"], assigns=["actors"])
def _actors(ctx: ExtractContext, m: StageView) -> None:
    """Pack actors and generic words, generic ones resolved to the group they refer to."""
    # resolution runs twice (find_actors resolves once): a generic word resolved on the first
    # pass becomes an antecedent for the next one ("BLA ... the militants ... gunmen")
    m.actors = actors.resolve_generic(actors.find_actors(ctx), ctx)


@stage("triggers.v4", requires=["sentences", "parse", "quantities"], assigns=["triggers"])
def _triggers(ctx: ExtractContext, m: StageView) -> None:
    """Event words typed with ACLED's event and sub-event types, weighed by their clause; a
    sentence no phrase types whose count of the dead is the subject of a death word ("One
    killed and three injured in an attack") is typed from it (v4)."""
    m.triggers = types.find_triggers(ctx, m.parse, m.quantities)


@stage("quantities.v4", requires=["sentences", "date_spans", "parse"], assigns=["quantities"])
def _quantities(ctx: ExtractContext, m: StageView) -> None:
    """Counts of people with category and victim group (numbers inside dates skipped), and
    the single victims the parse names ("killed a conscript", "their driver", "including an
    officer"); parts of a figure ("five of them soldiers") are marked subsets (v4)."""
    found = quantities.find_quantities(ctx, m.date_spans)
    found += grammar_figures(ctx, m.parse, found)
    m.quantities = sorted(found + zero_figures(ctx, m.parse, found), key=lambda q: q.span.start)


@stage("attribution.v3", requires=["sentences", "actors", "parse"], assigns=["attributions"])
def _attribution(ctx: ExtractContext, m: StageView) -> None:
    """Who says each stretch of a sentence (the reporting verb's speaker), and how hedged."""
    m.attributions = attribution.find_attributions(ctx, m.actors, m.parse)


@stage("story_flags.v1", requires=["sentences"], assigns=["flags"])
def _story_flags(ctx: ExtractContext, m: StageView) -> None:
    """Statements about the whole story: unverified figures, conflicting accounts."""
    m.flags = attribution.find_story_flags(ctx)


@stage("assemble.v4", requires=["sentences", "parse", "dates", "places", "actors", "triggers",
                                "quantities", "attributions", "flags"], assigns=["claims"])
def _assemble(ctx: ExtractContext, m: StageView) -> None:
    """Claims: incident frames, attribution segments, inherited dates and places."""
    m.claims = assemble_claims(ctx, m)


STAGES: tuple[str, ...] = ("sentences.v1", "syntax.v1", "dates.v1", "places.v3", "actors.v1", "quantities.v4",
                           "triggers.v4", "attribution.v3", "story_flags.v1", "assemble.v4")


class Pipeline:
    """The stages in order over one pack: ``Pipeline(pack)(doc) -> list[Claim]``."""

    def __init__(self, pack: KnowledgePack | None = None, stages: Sequence[str] = STAGES) -> None:
        problems = analyze(stages)
        if problems:
            raise ConfigError("The extraction stages do not fit together: " + "; ".join(problems) + ".",
                              code="E130", hint="Each stage needs what an earlier stage assigns.")
        self.pack = pack or load_pack()
        self.resources = resources_for(self.pack)
        self.stages = [REGISTRY[name] for name in stages]

    def context(self, doc: Document) -> ExtractContext:
        # A text beyond EXTRACT_MAX_CHARS is read up to a sentence end before it (the reader
        # warned; the whole text is stored): offsets of the prefix are the document's offsets.
        end = extraction_end(doc.text)
        ctx = ExtractContext(text=doc.text[:end], sentences=[], published=doc.published, pack=self.pack,
                             resources=self.resources, document_id=doc.id, outlet=doc.outlet)
        if end < len(doc.text):
            ctx.notes.append(f"extraction read the first {end:,} of {len(doc.text):,} characters")
        return ctx

    def mentions(self, doc: Document) -> Mentions:
        """Everything the stages found in one document (its claims included)."""
        ctx, m = self.context(doc), Mentions()
        for spec in self.stages:
            spec.func(ctx, StageView(m, spec))
        return m

    def __call__(self, doc: Document) -> list[Claim]:
        return self.mentions(doc).claims


def make_context(doc: Document | str, pack: KnowledgePack | None = None, *,
                 published: date | None = None, sentences: list[Sentence] | None = None
                 ) -> ExtractContext:
    """A stage context for a document or a bare text (sentences split unless given): for
    calling one stage alone, as tests and benchmarks do."""
    if isinstance(doc, str):
        doc = Document(id="", text=doc, published=published)
    pack = pack or load_pack()
    return ExtractContext(text=doc.text, published=doc.published, pack=pack,
                          sentences=split_sentences(doc.text) if sentences is None else sentences,
                          resources=resources_for(pack), document_id=doc.id, outlet=doc.outlet)


def extract_claims(doc: Document, pack: KnowledgePack | None = None) -> list[Claim]:
    """Run every stage on one document and return its claims (nothing is stored)."""
    return Pipeline(pack)(doc)


__all__ = ["Pipeline", "STAGES", "extract_claims", "make_context"]
