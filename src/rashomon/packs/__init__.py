"""Knowledge packs: conflict-specific knowledge as data files, never code.

A pack is a folder holding TOML files. ``core`` holds language-level knowledge shared by all
conflicts (event triggers, number words, reporting verbs); a conflict pack (``balochistan``)
holds actors, places and context (default country and province). A second conflict is a new
folder beside ``balochistan`` with the same file names, selected with ``--pack`` or
``RASHOMON_PACK``; a file the conflict pack lacks falls back to ``core``.

Stages read their own file through :meth:`KnowledgePack.read`, so adding a stage never
changes this loader.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKS_DIR = Path(__file__).parent


@dataclass(frozen=True)
class KnowledgePack:
    name: str
    root: Path
    core_root: Path = PACKS_DIR / "core"
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def path(self, filename: str) -> Path | None:
        for base in (self.root, self.core_root):
            candidate = base / filename
            if candidate.is_file():
                return candidate
        return None

    def read(self, filename: str) -> dict[str, Any]:
        """Parsed TOML of ``filename`` from this pack, else from ``core``; {} when absent."""
        if filename not in self._cache:
            p = self.path(filename)
            self._cache[filename] = tomllib.loads(p.read_text("utf-8")) if p else {}
        return self._cache[filename]

    def actor_field(self, field_name: str) -> dict[str, str]:
        """Actor name -> one field (``kind``, ``parent``...) over every table of ``actors.toml``."""
        out: dict[str, str] = {}
        for value in self.read("actors.toml").values():
            for row in value if isinstance(value, list) else ():
                if isinstance(row, dict) and row.get("name") and row.get(field_name):
                    out[row["name"]] = row[field_name]
        return out

    @property
    def context(self) -> dict[str, Any]:
        """Default geography of the conflict: ``country``, ``country_code``, ``admin1``."""
        return self.read("pack.toml").get("context", {})

    @property
    def default_country_code(self) -> str | None:
        """The country an event without a place country is in: the one code of ``countries``
        when the context lists them (several countries: none, since guessing one would code
        events as the wrong country), else ``country_code``; None when the pack gives none."""
        ctx = self.context
        if "countries" in ctx:
            listed = ctx["countries"]
            return str(listed[0]).upper() if len(listed) == 1 else None
        code = ctx.get("country_code")
        return str(code).upper() if code else None


def available_packs() -> list[str]:
    return sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.toml").is_file())


@lru_cache(maxsize=8)
def load_pack(name: str = "balochistan", directory: str | None = None) -> KnowledgePack:
    """Load a pack by name (bundled) or from ``directory`` (a user's own pack)."""
    root = Path(directory) if directory else PACKS_DIR / name
    if not (root / "pack.toml").is_file():
        from rashomon.errors import ConfigError

        raise ConfigError(
            f"Knowledge pack '{name}' not found at {root}.",
            code="E101",
            hint=f"Available packs: {', '.join(available_packs())}.",
        )
    return KnowledgePack(name=name, root=root)
