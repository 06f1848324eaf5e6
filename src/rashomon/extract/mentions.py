"""The typed record the extraction stages fill in, and its per-sentence view.

:class:`Found` holds the seven kinds of mention a stage can find; :class:`Mentions` is what the
stages found in one document (plus its sentences, every date expression's span, and the
claims assembled from it); :class:`~rashomon.extract.frames.SentenceView` is the same seven
lists for one sentence. Each field is assigned by exactly one registered stage
(``extract.registry``), which the pipeline checks when it is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from rashomon.extract.attribution_cues import Attribution, StoryFlag
from rashomon.extract.base import Sentence
from rashomon.extract.syntax import Parse
from rashomon.extract.types import Trigger
from rashomon.models import ActorMention, Claim, DateInfo, PlaceMention, Quantity, Span


@dataclass
class Found:
    """Mentions of the seven kinds, in text order."""

    dates: list[DateInfo] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    flags: list[StoryFlag] = field(default_factory=list)


FOUND_FIELDS = tuple(f.name for f in fields(Found))


@dataclass
class Mentions(Found):
    """What the stages found in one document, and the claims assembled from it."""

    sentences: list[Sentence] = field(default_factory=list)
    parse: Parse | None = None  # the syntactic backbone (extract.syntax), shared by later stages
    date_spans: list[Span] = field(default_factory=list)  # every date expression, resolvable or not
    claims: list[Claim] = field(default_factory=list)


MENTION_FIELDS = tuple(f.name for f in fields(Mentions))

__all__ = ["FOUND_FIELDS", "MENTION_FIELDS", "Found", "Mentions"]
