"""Country words of a document: country names and their adjectives ("Somali forces").

A country the document names, by name or by its nationality adjective, is evidence for where
its places are ("Boni" in a note that says "Malian soldiers" is the Malian village, not Bonn).
The names come from GeoNames (``World.country_names``); the adjectives are derived from them by
the regular English derivations (Nigeria -> Nigerian, Sudan -> Sudanese, Somalia -> Somali,
Israel -> Israeli, Chad -> Chadian), never from a hand list. Two countries deriving the same
word keep the one that derives it from its whole name ("Nigerien": Niger), then the longest
name ("Nigerian": Nigeria + n, not Niger + ian).
"""

from __future__ import annotations

import re

from rashomon.extract.gazetteer import World, norm

_MIN_ADJECTIVE = 5  # shorter derived forms collide with ordinary words
_WORD = re.compile(r"(?<![\w-])[A-Z][a-zA-Z]+")
_INDEXES: dict[int, dict[str, str]] = {}  # id(world) -> index; the world lives for the process


def _derived(name: str) -> dict[str, int]:
    """English nationality adjectives a country name regularly yields; the value is 1 when
    the whole name is kept (Niger -> Nigerien) and 0 when its ending is cut (Nigeria -> Niger-)."""
    stems = {name: 1}
    if name[-1] in "aeiouy":
        stems[name[:-1]] = 0
    if name.endswith(("ia", "ea")):
        stems[name[:-2]] = 0
    forms: dict[str, int] = {}
    for stem, whole in stems.items():
        for suffix in ("n", "an", "ian", "ese", "i", "ien"):
            form = stem + suffix
            if form != name and len(form) >= _MIN_ADJECTIVE:
                forms[form] = max(forms.get(form, 0), whole)
    return forms


def _index(world: World) -> dict[str, str]:
    """norm(word) -> country code, for every country name and derived adjective."""
    if id(world) in _INDEXES:
        return _INDEXES[id(world)]
    claims: dict[str, tuple[tuple[int, int], str]] = {}
    for cc, name in world.country_names.items():
        claims[norm(name)] = ((2, 0), cc)  # a name itself always wins over a derived form
    for cc, name in world.country_names.items():
        for form, whole in _derived(name).items():
            key, rank = norm(form), (whole, len(name))
            if key not in claims or claims[key][0] < rank:
                claims[key] = (rank, cc)
    index = _INDEXES[id(world)] = {k: cc for k, (_, cc) in claims.items()}
    return index


def country_words(text: str, world: World) -> tuple[str, ...]:
    """Country codes the text names (by name or adjective), in order of first mention."""
    index = _index(world)
    found: list[str] = []
    words = list(_WORD.finditer(text))
    skip = -1
    for k, m in enumerate(words):
        if k == skip:
            continue
        cc = None
        # a two-word country ("South Sudan", "South African") before either word on its own
        if k + 1 < len(words) and text[m.end():words[k + 1].start()].strip(" \t") == "":
            cc = index.get(norm(f"{m.group()} {words[k + 1].group()}"))
            skip = k + 1 if cc else -1
        cc = cc or index.get(norm(m.group()))
        if cc is not None and cc not in found:
            found.append(cc)
    return tuple(found)


__all__ = ["country_words"]
