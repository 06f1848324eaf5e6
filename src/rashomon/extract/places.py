"""Stage 3: find place mentions in a document and resolve them with the gazetteer.

Contract: ``find_places(ctx) -> list[PlaceMention]`` sorted by position, never overlapping; each
``PlaceMention.text == ctx.text[span.start:span.end]``; every place is resolved (precision 1-6),
except a capitalised name followed by a place word ("Datta Khel town") that the gazetteer does
not know, which is kept with precision 7 and no coordinates.

How (rules and word lists in ``docs/places.md`` and the pack's ``places.toml``):

1. one linear regex finds runs of capitalised words ("Dera Ismail Khan", "In Quetta");
2. inside a run, the longest known 1-4 word name at each position is a candidate (dict lookups,
   never one regex per gazetteer entry); a name in the pack's ``not_places`` list is skipped;
3. a candidate glued to another capitalised word that is not a place, a place word or a
   sentence opener is part of a longer name and dropped ("Pakistan Army", "Jaffar Express",
   "Prime Minister Shehbaz Sharif");
4. a place word after the name ("Kech district", "Bolan region") joins the span and chooses
   among places of that name; "near X" / "outskirts of X" turn a town into precision 2;
5. names are resolved with the pack's context (country, province) plus the countries and
   provinces the document names; a qualifier after a name ("Kharan town (Kharan, Balochistan)",
   "Turbat, Kech") narrows the name and is absorbed into it instead of standing alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rashomon.extract.base import ExtractContext
from rashomon.extract.country_words import country_words
from rashomon.extract.gazetteer import Entry, Gazetteer, Hints, norm, pack_countries
from rashomon.models import Place, PlaceMention, Span

# a capitalised word; an apostrophe inside joins a capitalised part ("N'Gourma", "N'Djamena"),
# while a possessive ("Kech's") stays outside the name
_CAP = r"[A-ZÀ-ÖØ-Þ]\w*(?:['’][A-ZÀ-ÖØ-Þ]\w*)?(?:-\w+)*"
_CONNECTORS = ("and", "of", "al", "ul", "el", "e", "i")
# A run of capitalised words, possibly joined by a lower-case connector ("Azad Jammu and
# Kashmir"). Each repetition starts with blanks then a lower-case or an upper-case letter:
# no two ways to match the same text, so the scan is linear.
_RUN = re.compile(rf"(?<![\w-]){_CAP}(?:[ \t]+(?:(?:{'|'.join(_CONNECTORS)})[ \t]+)?{_CAP})*")
_TOKEN = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)\b")
_QUALIFIER_GAP = re.compile(r"[ \t]*[,(][ \t]*")
_MAX_WORDS = 4
_LOOKBACK = 40


@dataclass
class _Candidate:
    start: int
    end: int
    key: str
    kind: str | None = None  # from a place word: district, town, province, region
    near: bool = False
    cue: bool = False  # a locative word precedes the name
    entry: Entry | None = None
    admin2: str | None = None  # from a district qualifier
    name_end: int = 0  # end of the name itself, before a place word
    inside: bool = False  # an unknown name placed in the unit ``entry`` ("Boni, in Mopti region")


@dataclass(frozen=True)
class _Cues:
    near: re.Pattern
    locative: re.Pattern
    type_before: re.Pattern


@lru_cache(maxsize=8)  # a pure function of the gazetteer's cue words: compiled once per pack
def _cues(near: tuple[str, ...], locative: tuple[str, ...], types: tuple[str, ...]) -> _Cues:
    def tail(words: tuple[str, ...]) -> re.Pattern:
        alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?:^|\W)(?:{alternation})\s+(?:the\s+)?$", re.IGNORECASE)

    return _Cues(tail(near or ("near",)), tail(locative or ("in",)),
                 re.compile(rf"(?:^|\W)({'|'.join(map(re.escape, types or ('town',)))})\s+of\s+$",
                            re.IGNORECASE))


def find_places(ctx: ExtractContext) -> list[PlaceMention]:
    """Place mentions of ``ctx.text``, resolved with the pack ``ctx.pack`` (see module doc)."""
    gaz = ctx.resources.gazetteer
    cues = _cues(gaz.pack.near_cues, gaz.pack.locative_cues, tuple(gaz.pack.type_words))
    candidates: list[_Candidate] = []
    for run in _RUN.finditer(ctx.text):
        candidates.extend(_cached_run_candidates(ctx.text, run, gaz))
    for c in candidates:
        _read_context(ctx.text, c, gaz, cues)
    candidates = _longest(candidates)
    hints = _document_hints(candidates, gaz, country_words(ctx.text, gaz.world))
    memo: dict[tuple, Entry | None] = {}
    for c in candidates:
        if c.entry is None and c.key:
            k = (c.key, c.kind, c.cue)
            if k not in memo:
                memo[k] = gaz.lookup(c.key, hints, kind=c.kind, strict=True, cue=c.cue)
            c.entry = memo[k]
    candidates = _absorb_qualifiers(ctx.text, [c for c in candidates if c.entry or not c.key], gaz, hints)
    candidates = _unknown_in_units(ctx.text, candidates, gaz)
    places: dict[tuple, Place] = {}
    return _qualified(ctx.text, [_mention(ctx.text, c, gaz, places) for c in candidates])


_QUALIFIER = re.compile(r"\s*(?:city|town|village|area|tehsil|bazaar|bazar)?\s*\(\s*(?:coded as\s+)?")
_DISTRICT = 3  # Place.precision of a district (gazetteer.PRECISION)


def _qualified(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "Pishin city (Pishin, Balochistan)", "Pir Koh town (Dera Bugti district, Balochistan)":
    a district named in parentheses right after a place says which district the place is in
    (the convention of ACLED notes and many wire reports). The place keeps its own name and
    point; an unknown one takes the district's point at the district's precision, never a
    finer one."""
    out = list(found)
    for k in range(len(out) - 1):
        m, n = out[k], out[k + 1]
        gap = text[m.span.end:n.span.start]
        after = text[n.span.end:n.span.end + 3].lstrip()
        if not _QUALIFIER.fullmatch(gap) or not after.startswith((",", ")")) or not (
                n.place.precision == _DISTRICT or n.place.precision < _DISTRICT and n.place.admin2):
            continue
        if m.place.country_code and n.place.country_code and m.place.country_code != n.place.country_code:
            continue
        if m.place.precision >= 4 and m.place.latitude is not None:
            continue  # a province or country qualified again: nothing to add
        if m.place.precision == _DISTRICT and (n.place.admin2 or n.place.name) == (m.place.admin2 or m.place.name):
            continue  # "Kech (Kech, Balochistan)": nothing to add
        # "Duki town (Loralai, Balochistan)": the text's district wins over a newer split
        changes = {"admin2": n.place.admin2 or n.place.name, "admin1": n.place.admin1 or m.place.admin1,
                   "country": n.place.country or m.place.country,
                   "country_code": n.place.country_code or m.place.country_code}
        if m.place.latitude is None:
            changes.update(latitude=n.place.latitude, longitude=n.place.longitude, precision=_DISTRICT)
        out[k] = m.model_copy(update={"place": replace_place(m.place, **changes)})
    return out


# --------------------------------------------------------------------------- candidates


_MEMO_LIMIT = 100_000


def _cached_run_candidates(text: str, run: re.Match, gaz: Gazetteer) -> list[_Candidate]:
    """``_run_candidates``, memoised: its answer depends only on the run's words and the word
    right after the run (offsets are stored relative to the run)."""
    nxt = _NEXT_WORD.match(text, run.end())
    key = ("places.run", run.group(), nxt.group(1) if nxt else None)
    found = gaz.memo.get(key)
    if found is None:
        if len(gaz.memo) > _MEMO_LIMIT:
            gaz.memo.clear()
        found = gaz.memo[key] = tuple((c.start - run.start(), c.end - run.start(), c.key)
                                      for c in _run_candidates(text, run, gaz))
    base = run.start()
    return [_Candidate(base + a, base + b, k) for a, b, k in found]


def _run_candidates(text: str, run: re.Match, gaz: Gazetteer) -> list[_Candidate]:
    """Longest known names inside one run of capitalised words, minus parts of longer names."""
    toks = [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in _TOKEN.finditer(run.group())]
    words = [t[2] for t in toks]
    keys = [norm(w) for w in words]
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        hit = None if words[i] in _CONNECTORS else _longest_name(words, keys, i, gaz)
        if hit is None:
            i += 1
            continue
        spans.append((i, hit[0], hit[1]))
        i = hit[0]
    taken = {k for a, b, _ in spans for k in range(a, b)}
    found = [_Candidate(toks[a][0], toks[b - 1][1], key) for a, b, key in spans
             if _stands_alone(words, a, b, taken, gaz)]
    return found or _unknown_with_type_word(text, toks, gaz)


def _longest_name(words: list[str], keys: list[str], i: int, gaz: Gazetteer) -> tuple[int, str] | None:
    best, key = None, keys[i]
    for j in range(i + 1, min(len(words), i + _MAX_WORDS) + 1):
        if j > i + 1:
            key = f"{key} {keys[j - 1]}"
            if key not in gaz.prefixes and not gaz.knows(key):
                break  # no longer name starts with these words
        if words[j - 1] in _CONNECTORS or key in gaz.pack.not_places or not gaz.knows(key):
            continue
        # Short all-capitals words are acronyms ("FC", "IS") unless the pack lists them ("KP").
        if j == i + 1 and words[i].isupper() and len(words[i]) <= 3 and key not in gaz.pack.entries:
            continue
        best = (j, key)
    return best


def _stands_alone(words: list[str], a: int, b: int, taken: set[int], gaz: Gazetteer) -> bool:
    for k in (a - 1, b):
        if 0 <= k < len(words) and k not in taken and _is_name_word(words[k], gaz):
            return False
    return True


def _is_name_word(word: str, gaz: Gazetteer) -> bool:
    key = norm(word)
    return not (word in _CONNECTORS or key in gaz.pack.function_words or key in gaz.pack.type_words)


def _unknown_with_type_word(text: str, toks: list[tuple[int, int, str]], gaz: Gazetteer) -> list[_Candidate]:
    """An unknown name the text itself calls a place ("Datta Khel town"): kept, unresolved."""
    names = [t for t in toks if _is_name_word(t[2], gaz)]
    if not names or len(names) > 3 or names != toks[len(toks) - len(names):]:
        return []
    if any(norm(t[2]) in gaz.pack.not_places for t in names):
        return []
    nxt = _NEXT_WORD.match(text, names[-1][1])
    if not nxt or nxt.group(1) not in gaz.pack.type_words:
        return []
    return [_Candidate(names[0][0], names[-1][1], "")]


# --------------------------------------------------------------------------- context


def _read_context(text: str, c: _Candidate, gaz: Gazetteer, cues: _Cues) -> None:
    """Place word after the name, and "near" / locative / "town of" words before it."""
    nxt = _NEXT_WORD.match(text, c.end)
    if nxt:
        kind = gaz.pack.type_words.get(nxt.group(1).lower())
        if kind is not None:
            c.name_end, c.end, c.kind = c.end, nxt.end(1), kind
            if c.key and gaz.knows(f"{c.key} {nxt.group(1).lower()}"):
                c.key = f"{c.key} {nxt.group(1).lower()}"  # an alias like "Bolan district"
    before = text[max(0, c.start - _LOOKBACK):c.start]
    c.near = bool(cues.near.search(before))
    c.cue = c.near or bool(cues.locative.search(before))
    typed = cues.type_before.search(before)
    if typed and c.kind is None:
        c.kind, c.cue = gaz.pack.type_words.get(typed.group(1).lower()), True


def _longest(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop candidates overlapping a longer one (the earlier wins a tie)."""
    out: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _document_hints(cands: list[_Candidate], gaz: Gazetteer, named: tuple[str, ...] = ()) -> Hints:
    """Pack context first, then the countries and provinces the document names. ``named``:
    the countries its country words name ("Malian soldiers"); when it names only countries
    outside the pack's and no unit of the pack's countries, those countries become the
    document's countries."""
    ctx = gaz.pack.context
    countries = pack_countries(ctx)
    admin1 = [ctx["admin1"]] if ctx.get("admin1") else []
    base = Hints(tuple(countries), tuple(admin1))
    mentioned: list[str] = []
    memo: dict[tuple, Entry | None] = {}
    for c in cands:
        if not c.key:
            continue
        k = (c.key, c.kind, c.cue)
        if k not in memo:
            memo[k] = gaz.lookup(c.key, base, kind=c.kind, strict=True, cue=c.cue)
        c.entry = memo[k]
        if c.entry is not None and c.entry.kind == "province" and c.entry.name not in admin1:
            admin1.append(c.entry.name)
        if c.entry is not None and c.entry.kind == "country" and c.entry.country_code not in countries:
            mentioned.append(c.entry.country_code)
    home = [c.entry for c in cands if c.entry is not None and c.entry.country_code in countries]
    # no place at home found, and no word of the home country either ("the Pakistani driver"):
    # then small towns abroad may be read on a cue ("near Bisham" stays unknown in Pakistan)
    abroad = bool(countries) and not home and not any(cc in countries for cc in named)
    foreign = tuple(cc for cc in named if cc not in countries)
    if foreign and len(foreign) == len(named) and not any(e.kind != "town" and e.kind != "site" for e in home):
        # only towns at home, which may be namesakes, against the document's own words
        abroad, countries = True, list(foreign)
        mentioned.extend(foreign)
    else:
        foreign = ()
    if not mentioned and admin1 == list(base.admin1) and not abroad:
        return base
    for c in cands:
        c.entry = None  # resolve again with the document's own geography
    return Hints(tuple(countries), tuple(admin1), tuple(dict.fromkeys(mentioned)), abroad, foreign)


# --------------------------------------------------------------------------- qualifiers

# an unknown name after a locative word, right before its qualifier: "in Boni, in ...",
# "near Kibu (...", "at Kowa, ..."
_UNKNOWN_BEFORE = re.compile(
    rf"(?:^|\W)(?:in|at|near|outside)[ \t]+({_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]*(?:,[ \t]*(?:in[ \t]+)?|\([ \t]*)$")
_UNITS = ("province", "district", "country")


def _unknown_in_units(text: str, cands: list[_Candidate], gaz: Gazetteer) -> list[_Candidate]:
    """ "in Boni, in Mali's Mopti region", "in Kibu (Kasai province)": a name the gazetteer does
    not know, after a locative word and right before a unit it knows, is a place inside that
    unit. It keeps its own name and takes the unit's province, country and point, at the unit's
    precision: never a finer one, and never a namesake found elsewhere in the world."""
    out = list(cands)
    for k, q in enumerate(cands):
        if q.entry is None or q.entry.kind not in _UNITS:
            continue
        m = _UNKNOWN_BEFORE.search(text, max(0, q.start - _LOOKBACK), q.start)
        words = m.group(1).split() if m else []
        if not m or (k and cands[k - 1].end > m.start(1)) or any(
                norm(w) in gaz.pack.not_places or norm(w) in gaz.pack.function_words for w in words):
            continue
        unit = q.entry
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        if nxt is not None and nxt.entry is not None and text[q.end:nxt.start] in ("'s ", "’s ") and (
                nxt.entry.kind in ("province", "district") and nxt.entry.country_code == unit.country_code):
            unit = nxt.entry  # "Mali's Mopti region": the narrower unit
        # a spelling of a pack place inside the unit ("at Naushki, Balochistan": Nushki)
        key = norm(m.group(1))
        spelled = gaz.variant(key, Hints((unit.country_code,) if unit.country_code else (),
                                         (unit.admin1 or unit.name,) if unit.kind != "country" else ()),
                              None, qualified=True)
        if spelled is not None and _inside(spelled, unit, gaz):
            out.append(_Candidate(m.start(1), m.end(1), key, entry=spelled, cue=True))
            continue
        out.append(_Candidate(m.start(1), m.end(1), "", entry=unit, name_end=m.end(1), inside=True))
    return sorted(out, key=lambda c: c.start)



def _absorb_qualifiers(text: str, cands: list[_Candidate], gaz: Gazetteer, hints: Hints) -> list[_Candidate]:
    out: list[_Candidate] = []
    i = 0
    while i < len(cands):
        c, j = cands[i], i + 1
        while c.key and j < len(cands) and _QUALIFIER_GAP.fullmatch(text, cands[j - 1].end, cands[j].start):
            if not _narrow(c, cands[j], gaz, hints):
                break
            j += 1
        out.append(c)
        i = j
    return out


def _narrow(c: _Candidate, q: _Candidate, gaz: Gazetteer, hints: Hints) -> bool:
    """If ``q`` is a unit containing ``c`` ("Kharan, Balochistan"), resolve ``c`` inside it."""
    for unit in gaz.containers(q.key):
        if unit.kind == "country":
            inner = Hints((unit.country_code,), (), hints.mentioned)
        else:
            inner = Hints((unit.country_code,) if unit.country_code else hints.countries,
                          (unit.admin1 or unit.name,) if unit.kind != "province" else (unit.name,),
                          hints.mentioned)
        entry = gaz.lookup(c.key, inner, kind=c.kind, cue=True)
        if entry is None or not _inside(entry, unit, gaz):
            entry = gaz.variant(c.key, inner, c.kind, qualified=True)  # "Naushki, Balochistan"
        if entry is not None and _inside(entry, unit, gaz):
            c.entry = entry
            if unit.kind == "district" and entry.admin2 is None and entry.kind in ("town", "site"):
                c.admin2 = unit.name
            return True
    return False


def _inside(entry: Entry, unit: Entry, gaz: Gazetteer) -> bool:
    if entry == unit or entry.country_code != unit.country_code:
        return False
    if unit.kind == "country":
        return True
    admin1 = entry.name if entry.kind == "province" else gaz.admin1_name(entry.admin1)
    if unit.kind == "province":
        return admin1 == unit.name and entry.kind != "province"
    if entry.kind in ("province", "district", "country"):
        return False
    return admin1 == unit.admin1 and entry.admin2 in (None, unit.name)


def _mention(text: str, c: _Candidate, gaz: Gazetteer, places: dict[tuple, Place]) -> PlaceMention:
    span = Span(start=c.start, end=c.end)
    if c.entry is None:
        place = Place(name=text[c.start:c.name_end or c.end], precision=7)
    else:
        if (c.entry, c.kind) not in places:
            places[(c.entry, c.kind)] = gaz.to_place(c.entry, c.kind)
        place = places[(c.entry, c.kind)].model_copy()  # each mention owns its Place
        if c.inside:
            place = replace_place(place, name=text[c.start:c.end], geonameid=None)
        if c.admin2 and place.admin2 is None:
            place = replace_place(place, admin2=c.admin2)
        if c.near and place.precision == 1:
            place = replace_place(place, precision=2)
    return PlaceMention(place=place, text=text[c.start:c.end], span=span)


def replace_place(place: Place, **changes) -> Place:
    return place.model_copy(update=changes)


__all__ = ["find_places"]
