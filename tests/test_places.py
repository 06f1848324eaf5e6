"""Tests for rashomon.extract.places: place mentions with exact spans, resolved in context."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.pipeline import make_context
from rashomon.extract.places import find_places
from rashomon.models import PlaceMention
from rashomon.packs import load_pack

SEED = Path(__file__).parents[1] / ".." / "shared" / "data" / "seed" / "000_c1482cdd8b86017f.txt"


@pytest.fixture(scope="module")
def pack():
    return load_pack("balochistan")


def _find(text: str, pack) -> list[PlaceMention]:
    ctx = make_context(text, pack)
    found = find_places(ctx)
    for m in found:
        assert m.text == text[m.span.start:m.span.end]
    return found


def _by_text(found: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in found}


@pytest.mark.parametrize("text, mention, name, admin2, precision", [
    ("Gunmen attacked a bank in Kharan town (Kharan, Balochistan) on Tuesday.",
     "Kharan town", "Kharan", "Kharan", 1),
    ("Two soldiers were killed in Kech district on Monday.", "Kech district", "Kech", "Kech", 3),
    ("Militants hijacked a train in the Bolan region.", "Bolan region", "Bolan", "Kachhi", 5),
    ("A convoy was ambushed near Mastung.", "Mastung", "Mastung", "Mastung", 2),
    ("A blast on the outskirts of Quetta injured five.", "Quetta", "Quetta", "Quetta", 2),
    ("Police in Quetta said the attack was over.", "Quetta", "Quetta", "Quetta", 1),
    ("A bus was attacked in Noshki.", "Noshki", "Nushki", "Nushki", 1),
    ("A bus was attacked in Nushki.", "Nushki", "Nushki", "Nushki", 1),
    ("Violence spread across Balochistan province.", "Balochistan province", "Balochistan", None, 4),
    ("Security is poor in Pakistan.", "Pakistan", "Pakistan", None, 6),
    ("The train stopped at Mach.", "Mach", "Mach", "Kachhi", 1),
    ("Fighting in the town of Sui continued.", "Sui", "Sui", "Dera Bugti", 1),
    ("Two died in Turbat, Kech on Sunday.", "Turbat", "Turbat", "Kech", 1),
    ("QUETTA: Three people were killed.", "QUETTA", "Quetta", "Quetta", 1),
    ("Clashes erupted in North Waziristan.", "North Waziristan", "North Waziristan",
     "North Waziristan", 3),
])
def test_places_patterns(pack, text, mention, name, admin2, precision):
    m = _by_text(_find(text, pack))[mention]
    assert (m.place.name, m.place.admin2, m.place.precision) == (name, admin2, precision)
    assert m.place.country_code == "PK"


def test_places_qualifier_is_absorbed(pack):
    found = _find("Gunmen attacked a bank in Kharan town (Kharan, Balochistan) on Tuesday.", pack)
    assert [m.text for m in found] == ["Kharan town"]
    assert found[0].place.admin1 == "Balochistan"


def test_places_noshki_and_nushki_are_one_place(pack):
    a, b = _find("Officials in Noshki and Nushki agreed.", pack)
    assert a.place == b.place


@pytest.mark.parametrize("text, mention, cc", [
    ("A drone struck a house in Kabul.", "Kabul", "AF"),
    ("Officials in Tehran denied it.", "Tehran", "IR"),
    ("Beijing condemned the attack.", "Beijing", "CN"),
    ("The group fled to Kandahar.", "Kandahar", "AF"),
])
def test_places_outside_pakistan(pack, text, mention, cc):
    m = _by_text(_find(text, pack))[mention]
    assert m.place.country_code == cc and m.place.precision == 1
    assert 25 < m.place.longitude < 120  # stays in Asia


def test_places_non_asian_city_in_non_pakistan_context(pack):
    found = _by_text(_find("Hundreds marched in Bayonne, France, and later in Lyon.", pack))
    assert found["Bayonne"].place.country_code == "FR"
    assert found["Lyon"].place.country_code == "FR"
    assert "France" not in found  # absorbed as Bayonne's qualifier


def test_places_a_text_that_names_the_home_country_is_not_read_as_abroad(pack):
    # No place at home is found ("Bisham" is a spelling of Besham the gazetteer lacks), but the
    # text's own words name Pakistan: small towns abroad are not read on a cue, so "near Bisham"
    # stays unknown instead of becoming the English village.
    text = "The Pakistani driver of the Chinese convoy died after the attack near Bisham on Tuesday."
    found = _by_text(_find(text, pack))
    assert "Bisham" not in found or found["Bisham"].place.country_code != "GB"
    assert _by_text(_find("Gunmen attacked a market in Bayonne, France.", pack))["Bayonne"].place.country_code == "FR"


@pytest.mark.parametrize("text, not_a_place", [
    ("Most residents left in March.", "Most"),
    ("General Asim Munir met Prime Minister Shehbaz Sharif.", "Sharif"),
    ("Chinese engineers were evacuated.", "Chinese"),
    ("The Army and Police sealed the road.", "Police"),
    ("Baloch youth joined the Baloch Liberation Army.", "Baloch"),
    ("Militants stopped the Jaffar Express.", "Jaffar"),
    ("The Pakistan Army responded.", "Pakistan"),
    ("Asim said the BLA and the FC clashed.", "Asim"),
])
def test_places_false_positives(pack, text, not_a_place):
    assert not_a_place not in {m.text for m in _find(text, pack)}


def test_places_unknown_name_called_a_town_stays_null(pack):
    m = _by_text(_find("Clashes in Zorbakhel Kalay village left two dead.", pack))["Zorbakhel Kalay village"]
    assert m.place.name == "Zorbakhel Kalay"
    assert m.place.precision == 7 and m.place.latitude is None


def test_places_unknown_capitalised_words_are_not_places(pack):
    assert _find("Zorbakhel Kalay said nothing.", pack) == []


def test_places_keep_longest_mention(pack):
    found = _find("Fighting in Dera Ismail Khan and Dera Bugti.", pack)
    assert [m.text for m in found] == ["Dera Ismail Khan", "Dera Bugti"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("QuettaBolnKchMs PkistDr(),.-'\n\tAaZz")), max_size=300))
def test_places_random_text_never_crashes(text):
    pack = load_pack("balochistan")
    found = find_places(make_context(text, pack, sentences=[]))
    last_end = 0
    for m in found:
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert m.span.start >= last_end  # sorted, not overlapping
        assert m.text == text[m.span.start:m.span.end]
        last_end = m.span.end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_places_arbitrary_unicode_never_crashes(text):
    found = find_places(make_context(text, load_pack("balochistan"), sentences=[]))
    assert all(m.text == text[m.span.start:m.span.end] for m in found)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", [
    "Aaaa Bbbb Quetta Cccc " * 50000,
    "Quetta" + " " * 1_000_000 + "x",
    "Quetta-" * 150_000,
    "In Quetta Peshawar And Of The Karachi " * 3000,
])
def test_places_adversarial_input_is_linear(pack, text):
    t = time.perf_counter()
    _find(text, pack)
    assert time.perf_counter() - t < 60


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not available")
def test_places_seed_article(pack):
    found = _find(SEED.read_text(encoding="utf-8"), pack)
    names = {m.place.name: m.place for m in found}
    bolan = names["Bolan"]
    assert (bolan.admin1, bolan.admin2, bolan.precision) == ("Balochistan", "Kachhi", 5)
    assert names["Quetta"].admin1 == "Balochistan" and names["Quetta"].precision == 1
    assert names["Peshawar"].admin1 == "Khyber Pakhtunkhwa" and names["Peshawar"].precision == 1
    assert names["Balochistan"].precision == 4
    assert names["Pakistan"].precision == 6
    for m in found:  # nothing lands on another continent
        assert m.place.latitude is not None and 20 < m.place.latitude < 45, m.text
        assert 60 < m.place.longitude < 110, m.text
    assert not {"Sharif", "Asim", "Munir", "Baloch", "Jaffar", "Chinese"} & {m.text for m in found}


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not available")
def test_places_speed_against_spacy_tokenizer(pack):
    import spacy

    text = (SEED.read_text(encoding="utf-8") + "\n") * 100
    _find("Quetta", pack)  # load the gazetteer outside the timing
    nlp = spacy.blank("en")
    t = time.perf_counter()
    nlp.make_doc(text)
    spacy_time = time.perf_counter() - t
    t = time.perf_counter()
    find_places(make_context(text, pack, sentences=[]))
    places_time = time.perf_counter() - t
    assert places_time < 4 * spacy_time  # at least 1/4 of the tokenizer's speed


@pytest.mark.parametrize("text, mention, precision", [
    ("Troops moved into the Pittsburgh area.", "Pittsburgh area", 2),
    ("Shelling hit Idlib province.", "Idlib province", 4),
])
def test_places_unit_named_after_foreign_town(pack, text, mention, precision):
    assert _by_text(_find(text, pack))[mention].place.precision == precision


# ---------------------------------------------------------------------------- context abroad

def test_places_unknown_name_qualified_by_a_province_is_placed_inside_it(pack):
    """GeoNames knows no town "Boni" in Mali, only Bonn's Italian name: the note's own
    qualifier places it, and it never becomes Bonn."""
    found = _by_text(_find("Gunmen attacked an army post in Boni, in Mali's Mopti region, on Sunday.", pack))
    boni = found["Boni"].place
    assert (boni.name, boni.country_code, boni.admin1, boni.precision) == ("Boni", "ML", "Mopti", 4)


@pytest.mark.parametrize("text", [
    "Fighting broke out in Mundri, South Sudan, on Tuesday.",
    "Rebels ambushed a patrol near Mundri, the army of South Sudan said.",
])
def test_places_a_document_that_names_its_country_reads_no_small_town_elsewhere(pack, text):
    # the one "Mundri" of GeoNames is a village in Java
    assert all(m.place.country_code == "SS" for m in _find(text, pack))


def test_places_pack_countries_list_weighs_candidates():
    from rashomon.extract.gazetteer import Gazetteer, build_gazetteer, index_pack, pack_countries, resolve_place

    home = build_gazetteer(load_pack("balochistan"))
    assert pack_countries({"country_code": "PK"}) == ["PK"]
    assert pack_countries({"country_code": "PK", "countries": ["PK", "ML"]}) == ["PK", "ML"]
    both = Gazetteer(home.world, index_pack({}, {"country_code": "PK", "countries": ["PK", "ML"]}), home.prefixes)
    # "Koro" is a small town of Mali and of Indonesia: a pack about Mali too finds the Malian one
    assert resolve_place("Koro", both).country_code == "ML"
    assert resolve_place("Koro", home).latitude is None


def test_places_a_name_with_an_inner_apostrophe_is_one_name():
    """Regression: "Fada N'Gourma" was read as "Gourma" (another province of another country)."""
    found = _by_text(_find("Gunmen attacked a market in Fada N'Gourma on Sunday.", load_pack("sahel")))
    assert "Fada N'Gourma" in found and found["Fada N'Gourma"].place.country_code == "BF"


def test_places_an_institution_word_is_no_town_of_its_own(pack):
    """Regression: "the University of Nairobi" became University, Florida."""
    found = _find("Students protested at the University of Nairobi on Monday.", pack)
    assert not any(m.place and m.place.country_code == "US" for m in found)
    assert any(m.place and m.place.name == "Nairobi" for m in found)


@pytest.mark.parametrize("text, mention, name", [
    # a spelling the pack does not list, after a locative word, is its place by its consonants
    ("Troops repulsed an attack at Panjgoor on Sunday.", "Panjgoor", "Panjgur"),
    # a namesake abroad (a Naushki in Buryatia) does not outweigh the province the text names
    ("Attackers tried to enter a camp at Naushki, Balochistan, late on Wednesday.", "Naushki", "Nushki"),
])
def test_places_a_spelling_variant_of_a_pack_place_is_that_place(pack, text, mention, name):
    found = _by_text(_find(text, pack))
    assert found[mention].place.name == name and found[mention].place.country_code == "PK"


def test_places_a_spelling_variant_needs_a_locative_word(pack):
    # without "in/at/near" a capitalised word is no place on its consonants alone
    assert "Panjgoor" not in _by_text(_find("Panjgoor said the talks would resume.", pack))


def test_places_where_the_wounded_were_taken_is_not_where_it_happened(pack):
    from rashomon.ingest.engine import extract_events
    from rashomon.models import DocumentCreate
    text = ("KALAT: A grenade was thrown at a checkpoint on the highway on Monday, wounding three "
            "levies men. The wounded were referred to the trauma centre in Quetta.")
    events = [e for e in extract_events(DocumentCreate(text=text), pack) if e.event_type]
    assert events and events[0].place is not None and events[0].place.name == "Kalat"
