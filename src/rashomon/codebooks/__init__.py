"""Codebooks of the datasets we export to and compare with (ACLED, UCDP GED): interaction codes,
type mappings, precision maps (``codes.toml``) and every country's codes (``countries``: ISO 3166
from pycountry, Gleditsch-Ward numbers and regions from the data files beside it).

Both ``export`` and ``reference`` read them, so they live below both (``docs/architecture.md``).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from rashomon.codebooks.countries import CountryCodes, country_code_for, country_codes

CODES = Path(__file__).with_name("codes.toml")


@lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """The parsed ``codes.toml`` (codebook mappings); read once per process."""
    return tomllib.loads(CODES.read_text("utf-8"))


__all__ = ["CODES", "CountryCodes", "codes", "country_code_for", "country_codes"]
