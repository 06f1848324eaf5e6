"""Country words of a document weigh its places (issue #17 item 4)."""

from __future__ import annotations

import pytest

from rashomon.extract.country_words import country_words
from rashomon.extract.gazetteer import load_world


@pytest.mark.parametrize("text, codes", [
    ("Malian troops patrolled the road.", ("ML",)),
    ("Somali forces and Kenyan police met.", ("SO", "KE")),
    ("Observers from South Sudan arrived.", ("SS",)),
    ("Nigerian and Nigerien soldiers joined.", ("NG", "NE")),
    ("Nothing here names a nation.", ()),
])
def test_country_words_reads_names_and_derived_adjectives(text, codes):
    assert country_words(text, load_world()) == codes


def _gazetteer():
    from rashomon.extract.resources import resources_for
    from rashomon.packs import load_pack
    return resources_for(load_pack("balochistan")).gazetteer


def test_named_country_places_a_town_by_its_other_name_there():
    from rashomon.extract.gazetteer import Hints
    entry = _gazetteer().lookup("beida", Hints(("LY",), named=("LY",)), cue=True)
    assert entry is not None and entry.country_code == "LY"


def test_exonym_of_a_far_city_does_not_win_in_a_document_naming_its_country():
    from rashomon.extract.gazetteer import Hints
    entry = _gazetteer().lookup("boni", Hints(("ML",), named=("ML",)), cue=True)
    assert entry is None or entry.country_code == "ML"
