"""Compiled pack resources of the extraction stages, owned in one place.

Every stage reads its knowledge (actor index, gazetteer, trigger lexicon, calendar words,
number words, reporting cues, framing words, incident names) from ``ctx.resources``, a
:class:`Resources` record built from a knowledge pack by :meth:`Resources.build`. The builders
live in the stage modules and cache nothing; :func:`resources_for` is the one cache (per pack
folder), and :func:`warm` is the one documented warm-up call (``Engine`` and the ``--workers``
fork server call it before the first document, so no worker pays for it mid-batch).

Process-wide data that does not depend on a pack stays where it is read: the GeoNames world
index (``gazetteer.load_world``) and the core calendar used to parse metadata dates
(``date_patterns.default_calendar``); ``warm`` loads both.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from rashomon.extract.actors import ActorIndex, build_actor_index
from rashomon.extract.incidents import IncidentNames, build_incidents
from rashomon.extract.attribution_cues import CueIndex, build_cues
from rashomon.extract.date_patterns import Calendar, build_calendar, default_calendar
from rashomon.extract.figures import PersonWords, build_collective_nouns, build_figure_verbs, build_person_words
from rashomon.extract.zero_figures import ZeroWords, build_zero_words
from rashomon.extract.frames import build_framing
from rashomon.extract.gazetteer import Gazetteer, build_gazetteer, load_world
from rashomon.extract.grammar import GrammarWords
from rashomon.extract.quantity_lexicon import Lexicon as QuantityLexicon
from rashomon.extract.quantity_lexicon import build_quantities
from rashomon.extract.trigger_lexicon import Lexicon as TriggerLexicon
from rashomon.extract.syntax import parser
from rashomon.extract.trigger_lexicon import build_triggers, tokenizer
from rashomon.models import Actor
from rashomon.packs import KnowledgePack, load_pack


@dataclass(frozen=True, eq=False)
class Resources:
    """What the stages need of one pack, compiled once."""

    pack: KnowledgePack
    calendar: Calendar  # dates: month, weekday and relative words (numbers.toml)
    gazetteer: Gazetteer  # places: the pack's places over GeoNames (places.toml)
    actors: ActorIndex  # actors and generic words (actors.toml, generic_actors.toml)
    triggers: TriggerLexicon  # event words and types (triggers.toml)
    quantities: QuantityLexicon  # number words, victim groups, categories (numbers/quantities.toml)
    cues: CueIndex  # reporting verbs, hedges, story flags (reporting.toml)
    framing: dict[str, Any]  # incident framing words and thresholds (framing.toml)
    incidents: IncidentNames  # named incidents (incidents.toml)
    grammar: GrammarWords  # closed-class words of the grammar reader (framing.toml [grammar])
    figure_verbs: dict[str, str]  # verb lemma -> category counted from the parse (figures.py)
    collective_nouns: frozenset[str]  # "his family", "a crew": many people, not one (figures.py)
    person_words: PersonWords  # "the driver", "a man died": one person (figures.py)
    zero_words: ZeroWords  # predicates whose "nobody" is a figure of 0 (zero_figures.py)

    @classmethod
    def build(cls, pack: KnowledgePack) -> "Resources":
        framing = build_framing(pack)
        return cls(pack=pack, calendar=build_calendar(pack), gazetteer=build_gazetteer(pack),
                   actors=build_actor_index(pack), triggers=build_triggers(pack),
                   quantities=build_quantities(pack), cues=build_cues(pack),
                   framing=framing, incidents=build_incidents(pack),
                   grammar=GrammarWords.from_framing(framing),
                   figure_verbs=build_figure_verbs(pack), collective_nouns=build_collective_nouns(pack),
                   person_words=build_person_words(pack),
                   zero_words=build_zero_words(pack))


_BUILT: dict[tuple[str, str], Resources] = {}
_LOCK = threading.Lock()  # the web server may extract from several threads


def resources_for(pack: KnowledgePack | None = None) -> Resources:
    """The compiled resources of ``pack`` (default: the default pack), built on first use and
    kept for the process: the one cache of pack-derived data in extraction."""
    pack = pack or load_pack()
    key = (pack.name, str(pack.root))
    hit = _BUILT.get(key)
    if hit is None:
        with _LOCK:
            hit = _BUILT.get(key)
            if hit is None:
                hit = _BUILT[key] = Resources.build(pack)
    return hit


def warm(pack: KnowledgePack | None = None) -> Resources:
    """Load everything extraction needs before the first document: the pack's resources, the
    GeoNames index, the core calendar, spaCy's tokenizer and the parser model. Returns the
    pack's resources."""
    load_world()
    default_calendar()
    tokenizer()
    parser()
    return resources_for(pack)


def actor_info(name: str, pack: KnowledgePack | None = None) -> Actor | None:
    """The pack entry of a canonical actor name (kind, side, parent, speaks_for), or None."""
    return resources_for(pack).actors.info(name)


__all__ = ["Resources", "actor_info", "resources_for", "warm"]
