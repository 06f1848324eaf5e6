"""Country codes for every country, from maintained data rather than a hand list of one.

* ISO 3166-1 alpha-2, alpha-3, numeric codes and names: ``pycountry`` (LGPL-2.1, a library we
  call, not data we copy);
* short names where ISO's are inverted, and codes ISO lacks (Kosovo ``XK``): ``countries.toml``;
* Gleditsch-Ward numbers (UCDP ``country_id``): ``gwno.toml``;
* ACLED regions, and UCDP regions by GW number: ``regions.toml``.

Each data file names its source in its header. A code the tables do not know gives ``None``,
never another country's codes: the exports turn that into an error naming the country (E117).

    >>> country_codes("ML")
    CountryCodes(code='ML', name='Mali', iso3='MLI', iso_numeric=466, gwno=432,
                 acled_region='Western Africa', ucdp_region='Africa')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rashomon.errors import ConfigError

HERE = Path(__file__).parent


@dataclass(frozen=True)
class CountryCodes:
    """One country's codes in the datasets we export to."""

    code: str  # ISO 3166-1 alpha-2 (XK: Kosovo, as GeoNames and ACLED use it)
    name: str  # short English name, as it goes into "Government of {name}"
    iso3: str  # ISO 3166-1 alpha-3: ACLED's event_id_cnty prefix
    iso_numeric: int  # ISO 3166-1 numeric: ACLED's iso
    gwno: int | None  # Gleditsch-Ward number (UCDP country_id); None: not a state of the list
    acled_region: str | None  # ACLED's region; None: a place no ACLED region holds
    ucdp_region: str | None  # UCDP's region, from gwno; None without a GW number


@lru_cache(maxsize=4)
def _read(name: str) -> dict[str, Any]:
    return tomllib.loads((HERE / name).read_text("utf-8"))


def _iso_rows() -> list[tuple[str, str, str, int]]:
    """(alpha-2, name, alpha-3, numeric) for every ISO 3166-1 country, then the extra codes."""
    try:
        import pycountry
    except ImportError:
        raise ConfigError("The package pycountry is not installed; the ACLED and UCDP exports "
                          "need its ISO 3166 country codes.", code="E106",
                          hint="pip install -e .") from None
    extra = _read("countries.toml")
    short = extra["names"]
    rows = [(c.alpha_2, short.get(c.alpha_2) or getattr(c, "common_name", None) or c.name,
             c.alpha_3, int(c.numeric)) for c in pycountry.countries]
    rows += [(code, e["name"], e["iso3"], e["iso_numeric"]) for code, e in extra["extra"].items()]
    return rows


def ucdp_region(gwno: int | None) -> str | None:
    """UCDP's region name for a Gleditsch-Ward number (``regions.toml`` ``[ucdp]``)."""
    if gwno is None:
        return None
    return next((r["name"] for r in _read("regions.toml")["ucdp"]["regions"]
                 if r["first"] <= gwno <= r["last"]), None)


@lru_cache(maxsize=1)
def country_table() -> dict[str, CountryCodes]:
    """Every country we have codes for, by ISO alpha-2 code; built once per process."""
    gw: dict[str, int] = _read("gwno.toml")["gwno"]
    acled = {code: region for region, codes in _read("regions.toml")["acled"].items()
             for code in codes}
    return {code: CountryCodes(code, name, iso3, numeric, gw.get(code), acled.get(code),
                               ucdp_region(gw.get(code)))
            for code, name, iso3, numeric in _iso_rows()}


def country_codes(code: str | None) -> CountryCodes | None:
    """The codes of the country with ISO 3166-1 alpha-2 ``code`` (any case); ``None`` for no
    code or one the tables do not know."""
    return country_table().get(code.strip().upper()) if code else None


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    import pycountry

    out = {c.name.casefold(): c.code for c in country_table().values()}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                out.setdefault(name.casefold(), c.alpha_2)
    return out


def country_code_for(name: str | None) -> str | None:
    """The alpha-2 code of a country name: our short name, or ISO's short, common or official
    name, in any case ("Mali", "Russian Federation", "Iran"); ``None`` when no country has it."""
    return _by_name().get(name.strip().casefold()) if name else None


__all__ = ["CountryCodes", "country_code_for", "country_codes", "country_table", "ucdp_region"]
