"""Codebooks of the datasets we export to and compare with (ACLED, UCDP GED): country codes,
regions, interaction codes, type mappings (``codes.toml``).

Both ``export`` and ``reference`` read them, so they live below both (``docs/architecture.md``).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

CODES = Path(__file__).with_name("codes.toml")


@lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """The parsed ``codes.toml`` (codebook mappings, country codes); read once per process."""
    return tomllib.loads(CODES.read_text("utf-8"))


def country_codes(code: str | None, default_code: str = "PK") -> dict[str, Any]:
    """Country codes for an ISO 3166 alpha-2 code (falls back to ``default_code``)."""
    table = codes()["countries"]
    return table.get((code or default_code).upper(), table[default_code])


__all__ = ["CODES", "codes", "country_codes"]
