"""Country codebooks (``rashomon.codebooks.countries``): every country pycountry knows has its ISO
codes, the Gleditsch-Ward and region data files are consistent, and an unknown code is nobody."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from rashomon.codebooks.countries import country_code_for, country_codes, country_table, ucdp_region

DATA = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "codebooks"


def _data(name: str) -> dict:
    return tomllib.loads((DATA / name).read_text("utf-8"))


def test_codebooks_cover_every_country_pycountry_knows():
    table = country_table()
    for c in pycountry.countries:
        got = table[c.alpha_2]
        assert (got.iso3, got.iso_numeric) == (c.alpha_3, int(c.numeric)), c.alpha_2
        assert got.name, c.alpha_2


@pytest.mark.parametrize("code,name,iso3,numeric,gwno,acled,ucdp", [
    ("ML", "Mali", "MLI", 466, 432, "Western Africa", "Africa"),
    ("BF", "Burkina Faso", "BFA", 854, 439, "Western Africa", "Africa"),
    ("NE", "Niger", "NER", 562, 436, "Western Africa", "Africa"),
    ("NG", "Nigeria", "NGA", 566, 475, "Western Africa", "Africa"),
    ("PK", "Pakistan", "PAK", 586, 770, "Southern Asia", "Asia"),
    ("AF", "Afghanistan", "AFG", 4, 700, "Southern Asia", "Asia"),
    ("IN", "India", "IND", 356, 750, "Southern Asia", "Asia"),
    ("IR", "Iran", "IRN", 364, 630, "Middle East", "Middle East"),
    ("SO", "Somalia", "SOM", 706, 520, "Eastern Africa", "Africa"),
    ("CD", "Democratic Republic of the Congo", "COD", 180, 490, "Middle Africa", "Africa"),
    ("SD", "Sudan", "SDN", 729, 625, "Northern Africa", "Africa"),
    ("SS", "South Sudan", "SSD", 728, 626, "Eastern Africa", "Africa"),
    ("DZ", "Algeria", "DZA", 12, 615, "Northern Africa", "Africa"),
    ("EG", "Egypt", "EGY", 818, 651, "Northern Africa", "Middle East"),
    ("LY", "Libya", "LBY", 434, 620, "Northern Africa", "Africa"),
    ("KE", "Kenya", "KEN", 404, 501, "Eastern Africa", "Africa"),
    ("ET", "Ethiopia", "ETH", 231, 530, "Eastern Africa", "Africa"),
    ("CM", "Cameroon", "CMR", 120, 471, "Middle Africa", "Africa"),
    ("TD", "Chad", "TCD", 148, 483, "Middle Africa", "Africa"),
    ("MZ", "Mozambique", "MOZ", 508, 541, "Southern Africa", "Africa"),
    ("UA", "Ukraine", "UKR", 804, 369, "Europe", "Europe"),
    ("CO", "Colombia", "COL", 170, 100, "South America", "Americas"),
    ("XK", "Kosovo", "XKX", 0, 347, "Europe", "Europe"),
])
def test_codebooks_known_countries_have_their_published_codes(code, name, iso3, numeric, gwno,
                                                                acled, ucdp):
    c = country_codes(code)
    assert (c.name, c.iso3, c.iso_numeric, c.gwno, c.acled_region, c.ucdp_region) == \
        (name, iso3, numeric, gwno, acled, ucdp)


@pytest.mark.parametrize("code", [None, "", "ZZ", "Pakistan", "XX"])
def test_codebooks_unknown_code_is_no_country_not_pakistan(code):
    assert country_codes(code) is None


def test_codebooks_code_is_read_in_any_case():
    assert country_codes(" ml ") == country_codes("ML")


def test_codebooks_gw_numbers_are_unique_and_name_real_iso_codes():
    gw = _data("gwno.toml")["gwno"]
    assert [n for n, k in Counter(gw.values()).items() if k > 1] == []
    iso = {c.alpha_2 for c in pycountry.countries} | set(_data("countries.toml")["extra"])
    assert sorted(set(gw) - iso) == []
    assert len(gw) >= 190  # every independent state of the list


def test_codebooks_every_gw_state_has_a_ucdp_and_an_acled_region():
    for c in country_table().values():
        if c.gwno is not None:
            assert c.ucdp_region and c.acled_region, c.code


def test_codebooks_every_african_and_asian_state_has_a_gw_number():
    # by ACLED region; the territories, and Palestine, are states of no GW list
    african_asian = {c.code for c in country_table().values()
                     if c.acled_region and ("Africa" in c.acled_region or "Asia" in c.acled_region
                                            or c.acled_region == "Middle East")}
    missing = {c for c in african_asian if country_codes(c).gwno is None}
    assert missing <= {"SH", "YT", "RE", "EH", "HK", "MO", "PS"}


def test_codebooks_acled_regions_hold_each_code_once_and_only_real_codes():
    listed = [code for codes in _data("regions.toml")["acled"].values() for code in codes]
    assert [c for c, n in Counter(listed).items() if n > 1] == []
    assert sorted(set(listed) - set(country_table())) == []


@pytest.mark.parametrize("gwno,region", [(2, "Americas"), (165, "Americas"), (200, "Europe"),
                                         (373, "Europe"), (402, "Africa"), (626, "Africa"),
                                         (630, "Middle East"), (698, "Middle East"),
                                         (700, "Asia"), (990, "Asia"), (None, None)])
def test_codebooks_ucdp_region_follows_the_gw_number(gwno, region):
    assert ucdp_region(gwno) == region


@pytest.mark.parametrize("name,code", [("Mali", "ML"), ("pakistan", "PK"), ("Iran", "IR"),
                                       ("Russian Federation", "RU"), ("Russia", "RU"),
                                       ("Kosovo", "XK"), ("Atlantis", None), (None, None)])
def test_codebooks_country_names_find_their_code(name, code):
    assert country_code_for(name) == code
