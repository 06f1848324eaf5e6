"""What a pack adds over the packs it extends, and what in it looks wrong (``rashomon pack check``).

Loading a pack already rejects what cannot work (a file or key no stage reads, a value of the
wrong kind, a broken ``extends``). The check reports what loads but is probably a mistake:
words a pack repeats from the layers below (packs extend lists; copying core's words is the
habit the layering exists to end), places without coordinates or outside the pack's countries,
a pack that names no country (its events with no place cannot be exported with a country).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import Field

from rashomon.models import Record
from rashomon.packs import KnowledgePack, merge, read_toml

ROW_TABLES = {"places": "kind", "actor": "kind", "generic": "kind", "trigger": "type"}


class FileSummary(Record):
    file: str
    adds: dict[str, int] = Field(default_factory=dict, description="table.key -> entries added")
    kinds: dict[str, int] = Field(default_factory=dict, description="rows by kind or type")


class PackReport(Record):
    name: str
    version: str
    language: str
    root: str
    layers: list[str]
    countries: list[str]
    map_extent: list[float] | None
    files: list[FileSummary]
    warnings: list[str]


def check_pack(pack: KnowledgePack) -> PackReport:
    """Summarise ``pack``'s own files and list the warnings (see the module docstring)."""
    meta = pack.meta
    files, warnings = [], []
    below = pack.layers[:-1]
    for path in sorted(pack.root.glob("*.toml")):
        own = read_toml(path)
        under: dict[str, Any] = {}
        for base in below:
            if (base / path.name).is_file():
                under = merge(under, read_toml(base / path.name))
        summary = FileSummary(file=path.name)
        _count(own, under, "", summary, warnings)
        files.append(summary)
    places = pack.own("places.toml").get("places", [])
    countries = set(pack.countries)
    no_coords = [p["name"] for p in places if p.get("lat") is None or p.get("lon") is None]
    if no_coords:
        warnings.append(f"places.toml: {len(no_coords)} places without lat/lon "
                        f"(they cannot be mapped or compared by distance): {', '.join(no_coords[:5])}")
    outside = [p["name"] for p in places if countries and p.get("kind") != "country"
               and p.get("country_code") and p["country_code"] not in countries]
    if outside:
        warnings.append(f"places.toml: {len(outside)} places outside the pack's countries "
                        f"{sorted(countries)}: {', '.join(outside[:5])}")
    if not countries and pack.name != "core":
        warnings.append("pack.toml: [context] names no country: events with no place get no "
                        "country in ACLED and UCDP exports")
    return PackReport(name=meta.name, version=meta.version, language=meta.language,
                      root=str(pack.root), layers=[p.name for p in pack.layers],
                      countries=pack.countries, map_extent=meta.map.extent,
                      files=files, warnings=warnings)


def _count(own: dict, under: dict, prefix: str, out: FileSummary, warnings: list[str]) -> None:
    for key, value in own.items():
        where = f"{prefix}{key}"
        if isinstance(value, dict):
            _count(value, under.get(key) if isinstance(under.get(key), dict) else {}, where + ".", out, warnings)
        elif isinstance(value, list):
            out.adds[where] = len(value)
            if value and isinstance(value[0], dict) and key in ROW_TABLES:
                out.kinds.update(Counter(str(r.get(ROW_TABLES[key], "?")) for r in value))
            base = under.get(key)
            if isinstance(base, list):
                below = {v for v in base if not isinstance(v, (dict, list))}
                repeated = [v for v in value if not isinstance(v, (dict, list)) and v in below]
                if repeated:
                    warnings.append(f"{out.file}: {where} repeats {len(repeated)} entries the layers "
                                    f"below already have (lists extend them): {', '.join(map(str, repeated[:5]))}")


__all__ = ["FileSummary", "PackReport", "check_pack"]
