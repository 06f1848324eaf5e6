"""Incident frames: which sentences of a document tell the same incident.

Used by the claim assembler (``assemble.py``). Word lists and thresholds live in
``packs/core/framing.toml``; the decisions are small functions so each can be tested and
explained:

* :func:`sentence_view` groups every stage's mentions by sentence.
* :func:`opens_frame` decides whether a violent sentence starts a new incident.
* :func:`event_place` picks where an incident happened, ignoring route ends ("from Quetta to
  Peshawar") and the dateline ("RAWALPINDI:" is where the report was filed).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rashomon.extract import grammar as G
from rashomon.extract.base import ExtractContext, Sentence
from rashomon.extract.mentions import Found
from rashomon.extract.syntax import Parsed
from rashomon.extract.trigger_lexicon import stem
from rashomon.models import Claim, DateInfo, PlaceMention

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
# "QUETTA, Pakistan, March 11 (Indus Wire) -" or "RAWALPINDI:" at the start of a report
_DATELINE = re.compile(r"\s*[A-Z][A-Z'./-]{2,40}(?: [A-Z][A-Z'./-]{1,30}){0,2}\b[^\n:]{0,80}?(?::| - | \u2014 | \u2013 |\u2014)")


@dataclass
class Frame:
    index: int
    first_sentence: int
    last_sentence: int
    event_type: str | None
    sub_event_type: str | None
    violent: bool
    background: bool = False
    date: DateInfo | None = None
    place: PlaceMention | None = None
    incident: str | None = None
    place_from_dateline: bool = False  # a weak guess: where the report was filed
    main_predicate: bool = False  # opened by its clause's main predicate (extract.grammar)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class SentenceView(Found):
    """The mentions of one sentence (the :class:`~rashomon.extract.mentions.Found` lists),
    grouped for the assembler."""

    sentence: Sentence | None = None
    parsed: Parsed | None = None  # the sentence's parse (extract.syntax), None when unparsed
    # answers already worked out for this sentence (its event place is asked once per claim)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def index(self) -> int:
        return self.sentence.index


def sentence_view(ctx: ExtractContext, m: Found) -> list[SentenceView]:
    parse = getattr(m, "parse", None)
    views = [SentenceView(sentence=s, parsed=parse.get(s.index) if parse is not None else None)
             for s in ctx.sentences]
    starts = [s.start for s in ctx.sentences]
    for name in ("dates", "places", "actors", "quantities"):
        for item in getattr(m, name):
            if item.span is None:
                continue
            i = bisect.bisect_right(starts, item.span.start) - 1
            if i >= 0 and item.span.start < ctx.sentences[i].end:
                getattr(views[i], name).append(item)
    for name in ("triggers", "attributions", "flags"):
        for item in getattr(m, name):
            i = getattr(item, "sentence_index", None)
            if i is not None and 0 <= i < len(views):
                getattr(views[i], name).append(item)
    return views


def build_framing(pack) -> dict:
    """The framing words and thresholds of a pack (``framing.toml``, usually from ``core``)."""
    return pack.read("framing.toml")


def has_cue(text: str, cues: list[str]) -> bool:
    return any(map(text.lower().__contains__, cues))  # no Python frame per cue


def dateline_end(text: str) -> int:
    """Offset where a dateline ends (0 when the report has none)."""
    m = _DATELINE.match(text[:140])
    return m.end() if m else 0


def specificity(place) -> float:
    """Lower is more specific. A region resolved to a district (the Bolan region is in Kachhi)
    is nearly as specific as the district and beats the province."""
    if place.precision == 5:
        return 3.5 if place.admin2 else 4.5
    return float(place.precision)


@lru_cache(maxsize=64)
def _cue_forms(cues: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """" cue" suffixes, the bare cues, and "cue " forms of a cue list: one ``endswith``/set test
    instead of a loop per cue."""
    return tuple(" " + c for c in cues), frozenset(cues), tuple(c + " " for c in cues)


def _before(ctx: ExtractContext, pm: PlaceMention, cues: list[str]) -> bool:
    before = ctx.text[max(0, pm.span.start - 24):pm.span.start].lower().rstrip()
    suffixes, bare, _ = _cue_forms(tuple(cues))
    return before.endswith(suffixes) or before in bare


_LIST_GAP = re.compile(r"(?:\s*(?:,|and|or)?\s*[A-Z][\w'-]*)*\s*(?:,|and|or)\s*")


def _elsewhere(ctx: ExtractContext, pm: PlaceMention, cues: list[str]) -> bool:
    """ "hospitals in Quetta and Sibi": the cue governs every name of the list."""
    if _before(ctx, pm, cues):
        return True
    window = ctx.text[max(0, pm.span.start - 60):pm.span.start]
    low = window.lower()
    for form in _cue_forms(tuple(cues))[2]:
        at = low.rfind(form)
        if at >= 0 and _LIST_GAP.fullmatch(window[at + len(form):]):
            return True
    return False


def event_place(ctx: ExtractContext, s: SentenceView, fr: dict, dateline: int) -> PlaceMention | None:
    """Where the sentence says the incident happened, or None."""
    key = ("event_place", id(fr), dateline)
    if key not in s.memo:
        s.memo[key] = _event_place(ctx, s, fr, dateline)
    return s.memo[key]


def _event_place(ctx: ExtractContext, s: SentenceView, fr: dict,
                 dateline: int) -> PlaceMention | None:
    roles = _place_roles(ctx, s)
    usable = [p for p in s.places if p.span.start >= dateline
              and roles.get(id(p)) not in _NOT_WHERE
              and not _before(ctx, p, fr.get("route_cues", []))
              and (roles.get(id(p)) == "event" or not _elsewhere(ctx, p, fr.get("elsewhere_cues", [])))]
    if not usable:
        return None
    cues = fr.get("location_cues", [])
    # a name the gazetteer does not know never beats one it does ("the Parud area of Kalat")
    best = min(usable, key=lambda p: (p.place.latitude is None, roles.get(id(p)) != "event",
                                      not _before(ctx, p, cues), specificity(p.place), p.span.start))
    return _apposed_inside(ctx, best, usable) or best


def _apposed_inside(ctx: ExtractContext, unit: PlaceMention, usable: list) -> PlaceMention | None:
    """ "stormed Seytenga, in Burkina Faso's Seno province": the unit that wins by its locative
    cue is the qualifier of the town before it, which lies inside it; the town is the place."""
    u = unit.place
    if u.latitude is None or u.precision < 3:
        return None
    for q in usable:
        p = q.place
        gap = ctx.text[q.span.end:unit.span.start]
        if (q is not unit and p.latitude is not None and specificity(p) < specificity(u)
                and p.country == u.country and 0 < len(gap) <= 40 and gap.lstrip().startswith(",")
                and (p.admin2 == (u.admin2 or u.name) if u.precision == 3 else p.admin1 == u.admin1)):
            return q
    return None


# a person's name ("Commissioner Habibullah Musakhel"), a subject ("Beijing demanded"), an origin
# ("resident of Dera Ghazi Khan"), the place of what it is about or followed ("against the arrest
# ... in Lahore"): never where the incident happened
_NOT_WHERE = {"name", "speaker", "origin", "elsewhere"}


def _place_roles(ctx: ExtractContext, s: SentenceView) -> dict[int, str]:
    """How each place of a parsed sentence stands (``grammar.place_role``); ``event`` when its
    locative phrase hangs off the sentence's event word ("held a protest at the press club in
    Quetta"), which no cue about press clubs or hospitals can then override. Worked out once
    per sentence."""
    if s.parsed is None or not s.places:
        return {}
    if "place_roles" not in s.memo:
        s.memo["place_roles"] = _read_place_roles(ctx, s)
    return s.memo["place_roles"]


def _read_place_roles(ctx: ExtractContext, s: SentenceView) -> dict[int, str]:
    words = ctx.resources.grammar
    trig = best_trigger(s)
    anchor = None
    # only an incident's own word places it: "an emergency was declared at hospitals in Quetta"
    # (a strategic development told inside the attack's story) must not
    if trig is not None and (trig.violent or trig.event_type == "Protests"):
        t = s.parsed.token_at(trig.span.start, trig.span.end)
        anchor = G.clause_tokens(t, words) if t is not None else None
    out = {}
    lex = ctx.resources.triggers
    is_event = lambda t: stem(t.text, lex.lemmas) in lex.index  # noqa: E731
    for p in s.places:
        role = G.place_role(s.parsed, p.span.start, p.span.end, words)
        if role in ("located", "other") and G.in_other_time_or_grievance(
                s.parsed, p.span.start, p.span.end, words, is_event):
            role = "elsewhere"  # "following the arrest of the PTI chairman in Islamabad"
        if role == "located" and anchor and G.attached_to(s.parsed, p.span.start, p.span.end, anchor):
            role = "event"
        out[id(p)] = role
    return out


def located_place(ctx: ExtractContext, s: SentenceView, fr: dict, dateline: int) -> PlaceMention | None:
    """A place the sentence introduces with "in/at/near": strong enough to refine an incident."""
    p = event_place(ctx, s, fr, dateline)
    if p is None:
        return None
    located = _before(ctx, p, fr.get("location_cues", [])) or (
        _place_roles(ctx, s).get(id(p)) in ("located", "event"))  # "in the Bolan area"
    return p if located else None


def best_trigger(s: SentenceView):
    if not s.triggers:
        return None
    return max(s.triggers, key=lambda t: (bool(t.violent), t.score, -t.span.start))


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def statement_date(d: DateInfo, s: SentenceView) -> bool:
    """ "the group said on Friday", "told a news conference here on Friday": the day of the
    statement, not of the incident."""
    if d.span is None:
        return False
    return any(a.cue_span is not None and 0 <= d.span.start - a.cue_span.end <= 40
               for a in s.attributions)


def sentence_date(s: SentenceView, dateline: int = 0, words=None) -> DateInfo | None:
    """The incident date a sentence gives: the most precise one that is neither a statement date
    nor the dateline's filing date; in a parsed sentence (``words`` given) with several dates,
    those of the event word's own clause ("killed in 2015, said a report released in
    February")."""
    usable = [d for d in s.dates if not statement_date(d, s) and (d.span is None or d.span.start >= dateline)]
    trig = best_trigger(s) if words is not None and s.parsed is not None and len(usable) > 1 else None
    if trig is not None:
        # prefer the dates of the event word's own clause; never drop the only date (the parse
        # may hang "on Tuesday" on "a train carrying 440 people")
        own = [d for d in usable if d.span is None or not G.other_clause(
            s.parsed, d.span.start, d.span.end, trig.span.start, trig.span.end, words)]
        usable = own or usable
    return min(usable, key=lambda d: (_RANK[d.precision], d.span.start if d.span else 0)) if usable else None


def days_apart(a: DateInfo, b: DateInfo) -> int:
    """0 when the date ranges overlap, else the gap in days."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def dateline_place(s: SentenceView, dateline: int) -> PlaceMention | None:
    """The place named in the dateline (first sentence only): where the report was filed."""
    inside = [p for p in s.places if p.span.end <= dateline]
    return inside[0] if inside else None


def points_back(ctx: ExtractContext, trig, fr: dict) -> bool:
    """ "after the hijacking": the trigger names an earlier incident."""
    before = ctx.text[max(0, trig.span.start - 24):trig.span.start].lower().rstrip()
    return any(before.endswith(c) for c in fr.get("background_before_trigger", []))


def named_by_other_day(ctx: ExtractContext, date: DateInfo | None, cur: Frame | None) -> bool:
    """ "nine attackers were killed in Wednesday's assault on the camp", in a report of Friday's
    grenade: an incident named by its day (a possessive date) other than the day of the incident
    being told is that other day's incident, recalled."""
    if date is None or date.span is None or cur is None or cur.date is None:
        return False
    if date.precision != "day" or cur.date.precision != "day" or days_apart(date, cur.date) == 0:
        return False
    return ctx.text.startswith(("'s ", "\u2019s "), date.span.end)


def other_time_figures(s: SentenceView, trig, fr: dict) -> list[tuple]:
    """(figure, character span of its incident's phrase) for figures of another time's incident that the sentence names inside an argument of its
    own event ("arrested in a raid ..., too soon to tie them to last week's bombing that killed
    20 people"): the figure's clause hangs on an event noun with a possessive time word, which
    is the object of another predicate and is not the sentence's trigger; or on a harm noun
    of a grievance ("to protest against the killing of Balach and three other men")."""
    words = set(fr.get("other_time_possessors", ()))
    harms = set(fr.get("grievance_events", ()))
    against = set(fr.get("grammar", {}).get("grievance_preps", ()))
    if s.parsed is None or not (words or harms) or not s.quantities:
        return []
    own = s.parsed.token_at(trig.span.start, trig.span.end) if trig is not None else None
    out = []
    for q in s.quantities:
        t = s.parsed.token_at(q.span.start, q.span.end)
        for a in (t.ancestors if t is not None else ()):
            if own is not None and a.i == own.i:
                break  # the figure belongs to the sentence's own event word
            if a.pos_ == "NOUN" and a.dep_ in ("pobj", "dobj") and any(
                    c.dep_ == "poss" and c.lemma_.lower() in words for c in a.children) or (
                    a.dep_ == "pobj" and a.lower_ in harms and a.head.lower_ in against):
                out.append((q, s.parsed.char_span(list(a.subtree))))
                break
    return out


def is_violent(trig) -> bool:
    return bool(trig.violent) and trig.event_type in VIOLENT_TYPES


def opens_frame(s: SentenceView, trig, cur: Frame | None, fr: dict, date: DateInfo | None,
                place: PlaceMention | None) -> bool:
    """Does this violent sentence tell a new incident rather than continue ``cur``?

    New when: nothing is being told; a "separate incident" cue; a date
    more than ``same_incident_days`` away (a siege that starts on Tuesday and ends on Wednesday is
    one incident); another district when both places are precise; or, undated, very far from
    the incident's last sentence (a report mostly tells one incident). A different incident
    name alone is no evidence: "the Jaffar Express was to depart" from the station bombed."""
    if cur is None or cur.background or not cur.violent:
        return True
    if has_cue(s.sentence.text, fr.get("separate_cues", [])):
        return True
    if date is not None and date.precision != "year" and cur.date is not None:
        return days_apart(date, cur.date) > fr.get("same_incident_days", 2)
    if place is not None and cur.place is not None and max(
            specificity(place.place), specificity(cur.place.place)) <= 3 and (
            place.place.admin2 and cur.place.place.admin2 and place.place.admin2 != cur.place.place.admin2):
        return True
    return date is None and s.index - cur.last_sentence > fr.get("undated_new_after", 8)


def refine(f: Frame, s: SentenceView, date, place, incident) -> None:
    """A sentence continues the frame: fill what the frame lacks, sharpen its place."""
    f.last_sentence = s.index
    if date is not None and date.precision != "year" and (f.date is None or (
            _RANK[date.precision] < _RANK[f.date.precision] and days_apart(date, f.date) == 0)):
        f.date = date  # "earlier this week", then "on Tuesday": the finer date wins
    if place is not None and (f.place is None or f.place_from_dateline or _sharpens(place, f.place)):
        f.place, f.place_from_dateline = place, False
    f.incident = f.incident or incident


def _sharpens(new: PlaceMention, old: PlaceMention) -> bool:
    """A more specific place inside the old one (a town in the district told so far); a town in
    another district is another incident's place or a passing mention."""
    if specificity(new.place) >= specificity(old.place):
        return False
    if specificity(old.place) <= 3 and new.place.admin2 != old.place.admin2:
        return False
    return not (old.place.admin1 and new.place.admin1 and old.place.admin1 != new.place.admin1)


def generic_plural(trig, date: DateInfo | None, s: SentenceView) -> bool:
    """ "attacks", "bombings" without a day/week date or a figure: commentary, not an event.
    In a parsed sentence the tag says what is plural ("toxic gas" is not), and a plural that a
    reported clause governs is an event ("attackers set off suicide bombs")."""
    t = s.parsed.token_at(trig.span.start, trig.span.end) if s.parsed is not None else None
    if t is not None:
        plural = t.tag_ in ("NNS", "NNPS") and not trig.past
    else:
        words = trig.text.lower().split()
        plural = bool(words) and words[-1].endswith("s") and not words[-1].endswith("ss")
    return plural and not s.quantities and (date is None or date.precision not in ("day", "week"))
