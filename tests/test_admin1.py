"""Province names as ISO 3166-2 names them, and provinces as places (issue #12, #17 item 4)."""

from __future__ import annotations

import pytest

from rashomon.extract.admin1 import Admin1Names, Unit, fold, pick_unit
from rashomon.extract.gazetteer import load_world, norm, resolve_place


def _rows(cc: str, units: dict[str, list[str]]) -> list[list[str]]:
    return [["1.0", "2.0", town, unit, "", cc] for unit, towns in units.items() for town in towns]


@pytest.mark.parametrize("cc, units, unit, iso", [
    # the unit word of GeoNames' name is dropped ("Muhafazat" opens many of a country's names)
    ("EG", {"Muhafazat al Qahirah": ["Cairo"], "Muhafazat al Fayyum": ["Faiyum"],
            "Muhafazat Matruh": ["Marsa Matruh"]}, "Muhafazat al Qahirah", "Al Qahirah"),
    # another spelling, clearly the closest
    ("ET", {"Oromiya": ["Adama"], "Tigray": ["Mekele"]}, "Oromiya", "Oromia"),
    # a unit named after the town it holds
    ("TN", {"Al Qasrayn": ["Kasserine", "Thala"], "Safaqis": ["Sfax"]}, "Al Qasrayn", "Kasserine"),
])
def test_admin1_geonames_unit_takes_its_iso_name(cc, units, unit, iso):
    assert Admin1Names(_rows(cc, units), norm).get(cc, unit) == iso


def test_admin1_unit_matched_by_nothing_keeps_no_iso_name():
    names = Admin1Names(_rows("SO", {"Nowhere Land": ["Xyz"]}), norm)
    assert names.get("SO", "Nowhere Land") is None


def test_admin1_names_are_folded_to_ascii():
    assert fold("Médenine") == "Medenine" and fold("Bur Sa‘id") == "Bur Sa'id"


def test_admin1_place_in_a_geonames_unit_reports_the_iso_name():
    assert load_world().iso_admin1.get("ET", "Oromiya") == "Oromia"


def test_admin1_province_named_with_its_unit_word_is_a_place():
    place = resolve_place("Benue State", _gazetteer())
    assert (place.country_code, place.admin1, place.precision) == ("NG", "Benue", 4)


def test_admin1_pack_province_keeps_the_pack_name():
    place = resolve_place("Turbat", _gazetteer())
    assert place.admin1 == "Balochistan"


def _units(*codes: str) -> list[Unit]:
    return [Unit(cc, "Central", "Central", 0.0, 0.0) for cc in codes]


@pytest.mark.parametrize("options, near, key, cue, expected", [
    (_units("GH", "ZM"), set(), "central", True, None),  # several countries: unresolved
    (_units("GH", "ZM"), {"ZM"}, "central", False, "ZM"),  # the document's country
    (_units("GH"), set(), "central", False, None),  # a bare word with no cue
    (_units("GH"), set(), "central", True, "GH"),  # "in Central"
])
def test_admin1_pick_unit_needs_the_document_country_or_a_marked_name(options, near, key, cue, expected):
    u = pick_unit(options, near, key=key, typed=False, cue=cue)
    assert (u.country_code if u else None) == expected


def _gazetteer():
    from rashomon.extract.resources import resources_for
    from rashomon.packs import load_pack
    return resources_for(load_pack("balochistan")).gazetteer


def test_admin1_unit_named_after_its_city_takes_the_city_name():
    # ISO 3166-2 calls the governorate "Al Qahirah", another name of the city it holds
    assert _gazetteer().admin1_output("Muhafazat al Qahirah", "EG") == "Cairo"
