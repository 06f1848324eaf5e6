"""What a filter word names in a pack: "BLA" is the Baloch Liberation Army, "KP" Khyber
Pakhtunkhwa, "D.I. Khan" Dera Ismail Khan.

Events store canonical names (``actors.toml`` / ``places.toml`` ``name``), while analysts type
the abbreviations and spellings the news uses, which those files list as ``aliases``. A filter
word that equals a name or an alias (case, dots, hyphens and spaces aside) stands for that
canonical name and, for an armed group, the factions whose ``parent`` it is (the Majeed Brigade
is the BLA's). Substring matching still applies beside it (``store.filters``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rashomon.packs import KnowledgePack, load_pack

_SEP = re.compile(r"[\s.\-_'’]+")


def normal(text: str) -> str:
    """The comparison form: "D.I. Khan" and "di khan" and "DI-Khan" are one word."""
    return _SEP.sub(" ", text.casefold()).strip()


def _rows(pack: KnowledgePack, filename: str) -> list[dict]:
    return [row for value in pack.read(filename).values() if isinstance(value, list)
            for row in value if isinstance(row, dict) and row.get("name")]


@lru_cache(maxsize=16)
def _index(pack: KnowledgePack, filename: str) -> dict[str, frozenset[str]]:
    rows = _rows(pack, filename)
    children: dict[str, set[str]] = {}
    for row in rows:
        if row.get("parent"):
            children.setdefault(row["parent"], set()).add(row["name"])
    out: dict[str, set[str]] = {}
    for row in rows:
        names = {row["name"]} | children.get(row["name"], set())
        for word in [row["name"], *row.get("aliases", [])]:
            out.setdefault(normal(word), set()).update(names)
    return {k: frozenset(v) for k, v in out.items()}


def names_for(words: str | None, pack: KnowledgePack | str, kind: str) -> tuple[str, ...]:
    """The canonical names a filter word stands for in ``pack`` (``kind``: actor or place),
    sorted; empty when the word is no name or alias the pack knows."""
    if not words:
        return ()
    pack = load_pack(pack) if isinstance(pack, str) else pack
    filename = {"actor": "actors.toml", "place": "places.toml"}[kind]
    return tuple(sorted(_index(pack, filename).get(normal(words), ())))
