"""Compact linking keys: what the linker needs of a claim, and nothing else.

Linking a million claims in Python only fits in memory and time when the inner loop handles small
slotted objects with interned strings and integer dates. :func:`unit_keys` is the adapter from
``Claim`` records (grouped into *units*: the claims of one document and one frame) to
:class:`LinkKey`; the benchmark builds ``LinkKey`` objects directly and runs the same clustering.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rashomon.link.settings import LinkSettings
from rashomon.link.similarity import _pair_ok
from rashomon.models import NO_DATE_RANK, PRECISION_RANK, ActorKind, Claim, DocumentInfo

PRECISION_CODE = PRECISION_RANK
NO_DATE = NO_DATE_RANK
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True)
class LinkKey:
    """One linking unit: a document's claims about one incident (same frame), or one claim.

    Dates are proleptic ordinals (``date.toordinal()``); ``prec`` is 0 day, 1 week, 2 month,
    3 year, 4 none. Strings are interned so a million keys share them.
    """

    uid: str  # smallest claim id: the unit's name and the final tie-breaker
    claim_ids: tuple[str, ...]
    doc: str
    frame: int | None
    background: bool
    start: int
    end: int
    prec: int
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    pprec: int
    family: str
    types: frozenset
    groups: frozenset  # named armed groups (parent groups resolved by the caller's pack)
    named: frozenset  # other named, non-generic actors
    incidents: frozenset
    tokens: tuple
    facets: frozenset = frozenset()  # "category:victims" of the unit's figures
    # an incident a report recalls besides its lead (a frame apart that is no round-up item):
    # it keeps its own event, which nothing else joins, so the report never links to another
    # incident through it and the recalled incident is not lost from the dataset
    private: bool = False
    # where a headline names a place: the unit's specific places (town or district, as written and
    # as the gazetteer names them) and its headline's words, so "Mach" in one report's headline
    # meets a report placed at Mach (``similarity.headline_place``)
    places: frozenset = frozenset()
    headline: frozenset = frozenset()

    def sort_key(self) -> tuple:
        return (self.background, self.start, self.uid)


def _intern(s: str | None) -> str | None:
    return sys.intern(s) if s else None


_SETS: dict[frozenset, frozenset] = {}


def shared(items: Iterable) -> frozenset:
    """An interned frozenset: the few distinct type/actor/facet sets are stored once."""
    fs = frozenset(items)
    return _SETS.setdefault(fs, fs) if len(_SETS) < 100_000 else fs


def tokens_of(text: str, settings: LinkSettings) -> tuple[int, ...]:
    """Content-word set of a quote: lower-cased words of 4+ letters cut to 6 letters (a cheap
    stem: hijacked/hijacking -> hijack), minus function words, as sorted CRC32 integers (a tuple
    is a fifth of a frozenset's memory)."""
    ignore = set(settings.ignore_words)
    words = (w[:6] for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in ignore)
    return tuple(sorted({zlib.crc32(w.encode()) for w in words}))


def lead_claims(claims: list[Claim]) -> list[Claim]:
    """The claims that say which incident a report is about: those of the frame of its first
    claim in text order (a report leads with its incident; later frames are often other
    incidents it mentions), in text order."""
    ordered = sorted(claims, key=lambda c: (c.span.start, c.id))
    frame = ordered[0].frame
    return [c for c in ordered if c.frame == frame] if frame is not None else ordered[:1]


def _date_fields(claims: list[Claim], published: date | None, s: LinkSettings) -> tuple[int, int, int]:
    # the most precise date, the first in text order among equals: a report dates its own
    # incident first ("on Tuesday") and recalls earlier ones later ("Wednesday's assault")
    dated = [c.date for c in claims if c.date is not None]
    if dated:
        best = min(dated, key=lambda d: PRECISION_CODE[d.precision])
        return best.start.toordinal(), best.end.toordinal(), PRECISION_CODE[best.precision]
    if published is not None:
        end = published.toordinal()
        return end - s.undated_lookback_days, end, PRECISION_CODE["week"]
    return 0, 0, NO_DATE


def _place_fields(claims: list[Claim], title: str | None = None) -> tuple:
    placed = [c for c in claims if c.place is not None]
    if not placed:
        return None, None, None, None, 7
    # the headline names where its incident happened: a lead place it names comes first ("...
    # shot dead in Kulachi" over "security across the district was tightened"), then the most
    # precise, the first in text order among equals
    named = [c for c in placed if _headline_names(title, [c])]
    p = min((c.place for c in named or placed), key=lambda p: p.precision)
    lat, lon = (p.latitude, p.longitude) if p.precision <= 3 else (None, None)
    return _intern(p.admin1), _intern(p.admin2), lat, lon, p.precision


def _actor_fields(claims: list[Claim], parents: dict[str, str], common: frozenset
                  ) -> tuple[frozenset, frozenset]:
    groups, named = set(), set()
    for c in claims:
        for a in c.actors:
            if a.generic or (a.kind != ActorKind.armed_group and a.kind.value in common):
                continue  # "police", "soldiers": in nearly every report, evidence of nothing
            name = _intern(parents.get(a.name, a.name))
            (groups if a.kind == ActorKind.armed_group else named).add(name)
    return shared(groups), shared(named)


def key_for(claims: list[Claim], published: date | None, settings: LinkSettings,
            parents: dict[str, str] | None = None, title: str | None = None,
            private: bool = False) -> LinkKey:
    """Build the key of one unit (the linkable claims of one document): date and place come from
    its lead frame (:func:`lead_claims`), falling back to the other claims in text order, so
    a figure recalled from another incident never moves the report; types, actors, incident
    names and words come from every claim."""
    lead = lead_claims(claims)
    ordered = lead + [c for c in sorted(claims, key=lambda c: (c.span.start, c.id)) if c not in lead]
    where = lead if any(c.place for c in lead) else ordered
    when = lead if any(c.date for c in lead) else ordered
    # the type is the lead's: a report of a bombing also tells of arrests, a rally, a decision
    labels = Counter(_intern(c.sub_event_type or c.event_type) for c in lead)
    etype = Counter(c.event_type for c in lead).most_common(1)[0][0]
    start, end, prec = _date_fields(when, published, settings)
    groups, named = _actor_fields(claims, parents or {}, frozenset(settings.common_actor_kinds))
    ids = tuple(sorted(c.id for c in claims))
    return LinkKey(
        uid=ids[0], claim_ids=ids, doc=_intern(claims[0].document_id), frame=lead[0].frame,
        background=claims[0].background, start=start, end=end, prec=prec,
        **dict(zip(("admin1", "admin2", "lat", "lon", "pprec"), _place_fields(where, title))),
        family=_intern(settings.families.get(etype, etype)), types=shared(labels),
        groups=groups, named=named,
        incidents=shared(_intern(c.incident.casefold()) for c in claims if c.incident),
        # the headline's words too: it names the incident the report is about
        tokens=tokens_of(" ".join([title or ""] + [c.quote for c in claims]), settings),
        facets=shared(_intern(f"{q.category}:{(q.victims or 'people').casefold()}")
                         for c in claims for q in c.quantities),
        private=private, places=shared(_specific_places(claims, settings)),
        headline=frozenset(_intern(w) for w in _WORD.findall((title or "").casefold())))


def _specific_places(cs: list[Claim], s: LinkSettings) -> set[str]:
    """Names of the claims' town- or district-precise places (a province is no evidence)."""
    return {_intern(w) for w in _place_words([c for c in cs if c.place is not None
                                              and c.place.precision <= s.district_precision])}


def _labels(claims: list[Claim], s: LinkSettings) -> set[tuple[str, str]]:
    return {(s.families.get(c.event_type, c.event_type), c.sub_event_type or c.event_type)
            for c in claims}


def _place_words(cs: list[Claim]) -> set[str]:
    """How the claims' places are named: as written in the sentence, and the gazetteer names."""
    out = set()
    for c in cs:
        if c.place is None:
            continue
        out.update(n.casefold() for n in (c.place.name, c.place.admin2) if n)
        if c.place_span is not None:
            out.add(c.quote[c.place_span.start - c.span.start:c.place_span.end - c.span.start].casefold())
    out.discard("")
    return out


def _headline_names(title: str | None, cs: list[Claim]) -> bool:
    t = (title or "").casefold()
    return any(re.search(rf"\b{re.escape(w)}\b", t) for w in _place_words(cs))


def _days(cs: list[Claim]) -> set[int]:
    return {c.date.start.toordinal() for c in cs if c.date and c.date.precision == "day"}


def round_up_item(frame: list[Claim], lead: list[Claim], published: date | None,
                  s: LinkSettings) -> bool:
    """Is a frame set apart from the lead an item of a round-up rather than an incident the
    report recalls or mentions in passing? A round-up dates each item in its own sentence, within
    the news of the last few days ("in a separate attack on Monday"); a second camp attacked
    the same night ("fighting still raged in Panjgur") has no date of its own, and an incident
    of two weeks or a year ago is recalled."""
    ref = [c.date.start.toordinal() for c in lead if c.date is not None]
    if not ref and published is not None:
        ref = [published.toordinal()]
    own = [c.date for c in frame if c.date is not None]
    return bool(own and ref) and min(abs(d.start.toordinal() - r) for d in own for r in ref) <= s.round_up_days


def recorded_apart(frame: list[Claim]) -> bool:
    """Does a recalled frame (set apart from the lead, no round-up item) keep an event of its own?
    When it dates the incident ("the ambush of a bus on March 16", "the October 2024 bombing"),
    or is a strategic development (a letter, a vow), which no other report's figures double. An
    undated incident told in passing ("a second camp was attacked too") is in no event."""
    return any(c.date for c in frame) or all(c.event_type == "Strategic developments" for c in frame)


def another_incident(frame: list[Claim], lead: list[Claim], s: LinkSettings,
                     title: str | None = None) -> bool:
    """Do a secondary frame's own place, date or type clearly say another incident than the
    report's lead? A different district (both named at district precision or finer), a day
    more than ``day_tolerance`` away (both day-precise), or no compatible type (a roadside bomb
    and an abduction in one round-up). Otherwise the frame tells the lead's incident."""
    def districts(cs: list[Claim]) -> set[str]:
        return {c.place.admin2.casefold() for c in cs
                if c.place and c.place.admin2 and c.place.precision <= s.district_precision}

    fa, la = districts(frame), districts(lead)
    # a headline that names the lead's place and not the frame's says the report is about the
    # lead: the other district is where something it recalls happened
    subordinate = _headline_names(title, lead) and not _headline_names(title, frame)
    if fa and la and fa.isdisjoint(la) and not subordinate:
        return True
    fd, ld = _days(frame), _days(lead)
    if fd and ld and min(abs(x - y) for x in fd for y in ld) > s.day_tolerance:
        return True
    table = frozenset(tuple(p) for p in s.compatible_types)
    return not any(fx == lx and _pair_ok(x, y, table)
                   for fx, x in _labels(frame, s) for lx, y in _labels(lead, s))


def units_of(claims: Iterable[Claim], docinfo: Mapping[str, DocumentInfo] | None = None,
             settings: LinkSettings | None = None
             ) -> list[tuple[list[Claim], DocumentInfo | None, bool]]:
    """Group linkable claims into units, each with its document's metadata (publication date,
    headline). A report is about the incident of its lead (:func:`lead_claims`): its other
    frames join that unit unless :func:`another_incident` (a round-up of two attacks stays
    two units). A background claim (a passing mention of an earlier incident) is in no unit:
    it stays flagged on its document but never links that document to any event. Claims
    without an event type are not linked either. A frame set apart from the lead that is no
    :func:`round_up_item` is an incident the report recalls: when :func:`recorded_apart` its unit
    is private (third item True, ``LinkSettings.recalled_frames_private``): its own event, joined
    by nothing, so the report never links elsewhere through it and the recalled incident stays in
    the dataset; otherwise (undated, told in passing) it is in no event."""
    s = settings or LinkSettings()
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        if c.event_type is not None and not c.background:
            by_doc.setdefault(c.document_id, []).append(c)
    info = docinfo or {}
    out = []
    for doc in sorted(by_doc):
        cs = by_doc[doc]
        lead = lead_claims(cs)
        lead_ids = {c.id for c in lead}
        frames: dict[int, list[Claim]] = {}
        for c in cs:
            if c.id not in lead_ids and c.frame is not None:
                frames.setdefault(c.frame, []).append(c)
        title = info[doc].title if doc in info else None
        apart = {f for f, fc in frames.items() if another_incident(fc, lead, s, title)}
        units = [([c for c in cs if c.frame not in apart or c.id in lead_ids], False)]
        published = info[doc].published if doc in info else None
        for f in sorted(apart):
            if round_up_item(frames[f], lead, published, s) or not s.recalled_frames_private:
                units.append((frames[f], False))
            elif recorded_apart(frames[f]):
                units.append((frames[f], True))
            # else: an undated incident told in passing: in no event, like a background mention
        out += [(sorted(u, key=lambda c: c.id), info.get(doc), private) for u, private in units]
    return out


def unit_keys(claims: Iterable[Claim], docinfo: Mapping[str, DocumentInfo] | None,
              settings: LinkSettings, parents: Mapping[str, str] | None = None
              ) -> list[tuple[LinkKey, list[Claim]]]:
    """(key, claims) of every unit of ``claims``."""
    p = dict(parents or {})
    return [(key_for(cs, doc.published if doc else None, settings, p, doc.title if doc else None,
                     private), cs)
            for cs, doc, private in units_of(claims, docinfo, settings)]
