"""Province (admin1) names as ISO 3166-2 names them.

GeoNames' admin1 names (carried by ``rg_cities1000.csv``) are often another spelling or
another language's name of a unit that ISO 3166-2 lists under the name event datasets use
("Oromiya" is ISO's "Oromia", "Al Qasrayn" is "Kasserine", "Lower Shabeelle" is
"Shabeellaha Hoose"). GeoNames gives no ISO code per unit, so a unit is matched to one of its
country's top-level ISO subdivisions (``pycountry.subdivisions``), in this order:

1. the same name once both are folded to ASCII and stripped of their unit word
   ("Province", "State": words of the unit types ISO uses in several countries; "Muhafazat":
   a first word shared by many of the country's GeoNames names);
2. one clearly most similar name (``SIMILAR``: letter-pair overlap), unique both ways;
3. the seat: a unit whose ISO name is the name of its largest town ("Kairouan" governorate
   holds the town of Kairouan), when that name is one unit's only.

A unit matched by none keeps its GeoNames name. Names are ASCII-folded, as GeoNames' are.
Without ``pycountry`` installed every name stays GeoNames'.
"""

from __future__ import annotations

import difflib
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

SIMILAR = 0.8  # difflib ratio a lone best match needs ("Oromiya" / "Oromia" = 0.92)
TYPE_COUNTRIES = 4  # a type word used by this many countries' ISO unit types is generic
SHARED_WORD = 3  # a first word opening this many unit names of a country is a unit word


def fold(name: str) -> str:
    """A name in ASCII, accents and marks dropped ("Médenine" -> "Medenine", "Sa‘id" -> "Sa'id")."""
    name = unicodedata.normalize("NFKD", name.replace("‘", "'").replace("’", "'"))
    return "".join(c for c in name if not unicodedata.combining(c) and c.isascii())


def _key(name: str, unit_words: frozenset[str]) -> str:
    words = [w for w in re.split(r"[^a-z]+", fold(name).lower()) if w]
    kept = [w for w in words if w not in unit_words]
    return "".join(kept or words)


@lru_cache(maxsize=1)
def _iso() -> tuple[dict[str, list[tuple[str, str]]], frozenset[str]]:
    """cc -> ISO names of its top-level subdivisions, and the words of every ISO unit type
    ("Governorate", "Province", "Capital territory"); empty without pycountry."""
    try:
        import pycountry
    except ImportError:  # an optional source: GeoNames names are kept
        return {}, frozenset()
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    users: dict[str, set[str]] = defaultdict(set)
    for s in pycountry.subdivisions:
        for w in re.split(r"[^A-Za-z]+", s.type):
            users[w.lower()].add(s.country_code)
        if s.parent_code is None:
            out[s.country_code].append((s.name, s.type))
    # a word of the unit types of several countries is a unit word; one country's ("North",
    # "London") is part of a name
    return dict(out), frozenset(w for w, ccs in users.items() if w and len(ccs) >= TYPE_COUNTRIES)


@dataclass(frozen=True)
class Unit:
    """A province (GeoNames admin1 unit) as a place: its point is the median of its towns."""

    country_code: str
    geonames: str  # GeoNames' name of the unit
    name: str  # ISO 3166-2's name when matched, else GeoNames'
    lat: float
    lon: float


class Admin1Names:
    """ISO names of a country's GeoNames admin1 units, matched on first use per country."""

    def __init__(self, rows: list[list[str]], key: Callable[[str], str] = str.lower) -> None:
        # rg_cities1000 rows (lat, lon, name, admin1, admin2, cc): each unit's town names and
        # points; ``key`` is the gazetteer's lookup key of a name
        self._towns: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for row in rows:
            if row[3]:
                self._towns[row[5]][row[3]].add(row[2])
                self._points[(row[5], row[3])].append((float(row[0]), float(row[1])))
        self._done: dict[str, dict[str, str]] = {}
        self._norm = key
        self._index: dict[str, list[tuple[str, str | None, str | None]]] | None = None

    def keys(self) -> dict:
        """Every name (normalised) a unit can be called by."""
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def units(self, key: str) -> list[Unit]:
        """Provinces a normalised name can stand for ("oromia", "borno state", "lower
        shabeelle"), in any country: by its GeoNames name or its ISO name, with or without the
        unit word ("Muhafazat", "State")."""
        out: list[Unit] = []
        for cc, geonames, iso in self.keys().get(key, ()):
            if geonames is None:  # an ISO name: its GeoNames unit, if one matched
                geonames = next((g for g, n in self._matched(cc).items() if n == iso), None)
            if geonames is not None:
                unit = self._unit(cc, geonames)
                if unit not in out:
                    out.append(unit)
        return out

    def _unit(self, cc: str, geonames: str) -> Unit:
        pts = self._points[(cc, geonames)]
        return Unit(cc, geonames, self.get(cc, geonames) or geonames,
                    statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))

    def _build_index(self) -> dict[str, list[tuple[str, str | None, str | None]]]:
        iso, types = _iso()
        index: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)

        def add(name: str, value: tuple[str, str | None, str | None]) -> None:
            for form in {name, _strip(name, types)}:
                k = self._norm(fold(form))
                if k and value not in index[k]:
                    index[k].append(value)

        for cc, units in self._towns.items():
            for g in units:
                add(g, (cc, g, None))
            for name, kind in iso.get(cc, ()):
                add(name, (cc, None, fold(name)))
                add(f"{name} {kind}", (cc, None, fold(name)))  # "Borno State"
        return dict(index)

    def get(self, cc: str | None, name: str | None) -> str | None:
        """The ISO name of GeoNames unit ``name`` of country ``cc``, or None."""
        if not cc or not name:
            return None
        return self._matched(cc).get(name)

    def _matched(self, cc: str) -> dict[str, str]:
        if cc not in self._done:
            iso, types = _iso()
            towns = self._towns.get(cc, {})
            names = [n for n, _ in iso.get(cc, [])]
            self._done[cc] = {g: fold(n) for g, n in _match_country(towns, names, types).items()} \
                if names and towns else {}
        return self._done[cc]


def pick_unit(options: list[Unit], near: set[str], *, key: str, typed: bool, cue: bool) -> Unit | None:
    """The province a name stands for: one in a country the document is about (``near``), else
    the one country's whose unit it is, when the text marks it as a place (a unit word,
    "in ...", or a name of several words: "Lower Shabeelle"); a bare word that names units in
    several countries ("Central") stays unresolved."""
    home = [u for u in options if u.country_code in near]
    if home:
        return home[0]
    if len({u.country_code for u in options}) == 1 and (typed or cue or " " in key):
        return options[0]
    return None


def _strip(name: str, unit_words: frozenset[str]) -> str:
    """A name without its unit words ("Muhafazat al Qahirah" keeps "al Qahirah")."""
    words = name.split()
    kept = [w for w in words if fold(w).lower().strip("`'") not in unit_words]
    return " ".join(kept or words)


def _unit_words(names, types: frozenset[str]) -> frozenset[str]:
    firsts = Counter(n.split()[0] for n in names if len(n.split()) > 1)
    shared = {w for first, k in firsts.items() if k >= SHARED_WORD
              for w in re.split(r"[^a-z]+", fold(first).lower()) if w}
    return types | shared


def _match_country(towns: dict[str, set[str]], iso: list[str], types: frozenset[str]) -> dict[str, str]:
    names = set(towns)
    words = _unit_words(names, types)
    key_of = lambda x: _key(x, words)  # noqa: E731
    iso_keys = {key_of(n): n for n in iso}
    out = {g: iso_keys[key_of(g)] for g in names if key_of(g) in iso_keys}
    free = [n for n in iso if n not in out.values()]
    for g in sorted(names - out.keys()):
        best = _similar(key_of(g), free, key_of)
        if best is not None and _similar(key_of(best), [x for x in names if x not in out], key_of) == g:
            out[g] = best
    seats = _seats({g: towns[g] for g in names - out.keys()})
    for n in [n for n in free if n not in out.values()]:
        g = seats.get(_key(n, frozenset()))
        if g is not None and g not in out:
            out[g] = n
    return out


def _similar(target: str, options: list[str], key_of) -> str | None:
    """The one option clearly most similar to ``target`` (ratio >= SIMILAR, no near tie)."""
    scored = sorted(((difflib.SequenceMatcher(None, target, key_of(o)).ratio(), o) for o in options),
                    reverse=True)
    if not scored or scored[0][0] < SIMILAR or len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05:
        return None
    return scored[0][1]


def _seats(towns: dict[str, set[str]]) -> dict[str, str]:
    """Key of a town name -> the one unit that has a town of that name."""
    by_town: dict[str, list[str]] = defaultdict(list)
    for g, names in towns.items():
        for key in {_key(t, frozenset()) for t in names}:
            by_town[key].append(g)
    return {k: v[0] for k, v in by_town.items() if len(v) == 1}


__all__ = ["Admin1Names", "SIMILAR", "Unit", "fold", "pick_unit"]
