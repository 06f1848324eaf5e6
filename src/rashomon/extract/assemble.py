"""Stage 10: assemble claims from the mentions of the earlier stages.

Contract: ``assemble_claims(ctx, mentions) -> list[Claim]``. Pure; every value in a claim points
to a span of ``ctx.text``. Nothing is guessed: a claim without a date or place keeps ``None`` and
a note saying why.

How sentences become claims (thresholds and word lists in ``packs/core/framing.toml``):

1. Sentences are read in order and grouped into *frames*, one per incident the document tells. A
   sentence with an event trigger and a new date (or a "separate incident" cue, or a different
   incident name) opens a frame; an undated sentence within ``continue_within`` sentences of the
   current frame continues it. Background sentences ("comes weeks after the hijacking") and
   strategic developments get frames of their own and never continue a violent frame.
2. Each sentence is cut into attribution segments (one per claimant; the whole sentence when the
   outlet speaks). Each segment that opens a frame, carries figures, or names a claimant becomes a
   claim with the segment as its evidence span.
3. A frame's date and place are those of its sentences (the first date; the most specific place
   that is not a route end like "from Quetta to Peshawar"); claims without their own inherit them.
4. Story-level flags ("could not be independently verified", "conflicting narratives") mark the
   claims of the frame they follow as unverified or contested.
5. Violent frames with no date, no figure and no place are general commentary and dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rashomon.extract.base import ExtractContext, Sentence
from rashomon.models import ActorKind, ActorMention, Claim, DateInfo, Hedge, PlaceMention, Span

_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


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
    claims: list[Claim] = field(default_factory=list)


@dataclass
class _Sent:
    """The mentions of one sentence, grouped for the assembler."""

    sentence: Sentence
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    triggers: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    attributions: list = field(default_factory=list)
    flags: list = field(default_factory=list)


def _group(ctx: ExtractContext, m) -> list[_Sent]:
    sents = [_Sent(s) for s in ctx.sentences]
    starts = [s.start for s in ctx.sentences]

    def index_of(offset: int) -> int | None:
        import bisect

        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < ctx.sentences[i].end:
            return i
        return None

    for name in ("dates", "places", "actors", "quantities"):
        for item in getattr(m, name):
            if item.span is None:
                continue
            i = index_of(item.span.start)
            if i is not None:
                getattr(sents[i], name).append(item)
    for name in ("triggers", "attributions", "flags"):
        for item in getattr(m, name):
            i = getattr(item, "sentence_index", None)
            if i is not None and 0 <= i < len(sents):
                getattr(sents[i], name).append(item)
    return sents


@lru_cache(maxsize=8)
def _framing(pack) -> dict:
    return pack.read("framing.toml")


@lru_cache(maxsize=8)
def _incident_regex(pack) -> tuple[re.Pattern | None, dict]:
    data = pack.read("incidents.toml")
    names = sorted(data.get("names", []), key=len, reverse=True)
    if not names:
        return None, {}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    canon = {n.lower(): data.get("aliases", {}).get(n, n) for n in names}
    return pattern, canon


def _has_cue(text: str, cues: list[str]) -> bool:
    low = text.lower()
    return any(c in low for c in cues)


def _best_trigger(s: _Sent):
    if not s.triggers:
        return None
    return max(s.triggers, key=lambda t: (bool(t.violent), t.score, -t.span.start))


def _sentence_date(s: _Sent) -> DateInfo | None:
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    return min(s.dates, key=lambda d: (rank[d.precision], d.span.start if d.span else 0)) if s.dates else None


def _is_route(ctx: ExtractContext, pm: PlaceMention, cues: list[str]) -> bool:
    before = ctx.text[max(0, pm.span.start - 14):pm.span.start].lower().rstrip()
    return any(before.endswith(" " + c) or before == c for c in cues)


def _sentence_place(ctx: ExtractContext, s: _Sent, framing: dict) -> PlaceMention | None:
    route = framing.get("route_cues", [])
    loc = framing.get("location_cues", [])
    usable = [p for p in s.places if not _is_route(ctx, p, route)]
    if not usable:
        return None
    return min(usable, key=lambda p: (not _is_route(ctx, p, loc), specificity(p.place), p.span.start))


def _incident(ctx: ExtractContext, s: Sentence) -> str | None:
    pattern, canon = _incident_regex(ctx.pack)
    if pattern is None:
        return None
    m = pattern.search(s.text)
    return canon.get(m.group(0).lower(), m.group(0)) if m else None


def _opens_frame(ctx, s: _Sent, trig, cur: Frame | None, framing: dict, date: DateInfo | None,
                 incident: str | None) -> bool:
    if cur is None or cur.background or not cur.violent or not trig.violent:
        return True
    if _has_cue(s.sentence.text, framing.get("separate_cues", [])):
        return True
    if date is not None and date.precision != "year" and cur.date is not None and (
            date.start != cur.date.start or date.end != cur.date.end):
        return True
    if incident and cur.incident and incident != cur.incident:
        return True
    return s.sentence.index - cur.last_sentence > framing.get("continue_within", 3)


def _segments(s: _Sent) -> list:
    """Attribution segments of a sentence; one outlet segment when nobody is quoted."""
    segs = sorted(s.attributions, key=lambda a: a.start)
    return segs or [None]


def _role(a: ActorMention, before: bool, violent: bool, responding: bool) -> str:
    if not violent:  # strategic development: the actor who acts comes first (ACLED's actor1)
        return "perpetrator" if before else "other"
    if a.kind in (ActorKind.civilians, ActorKind.foreign_nationals):
        return "target"
    if a.kind == ActorKind.state_force and responding and before:
        return "responder"
    if a.kind in (ActorKind.armed_group, ActorKind.state_force):
        return "perpetrator" if before else "target"
    return "other"


def _roles(actors: list[ActorMention], trig, text: str, framing: dict, violent: bool) -> list[ActorMention]:
    """Roles by position: who comes before the trigger acts, who comes after suffers it."""
    responding = _has_cue(text, framing.get("response_cues", []))
    out, seen = [], set()
    for a in actors:
        before = trig is None or a.span.start < trig.span.start
        role = _role(a, before, violent, responding) if trig is not None else "other"
        if (a.name, role) in seen or any(n == a.name for n, _ in seen):
            continue  # one role per actor and claim: the first mention decides
        seen.add((a.name, role))
        out.append(a.model_copy(update={"role": role}))
    return out


def _claim_for(ctx, s: _Sent, seg, frame: Frame, trig, framing: dict) -> Claim:
    start, end = (seg.start, seg.end) if seg is not None and len(s.attributions) > 1 else (
        s.sentence.start, s.sentence.end)
    inside = lambda x: start <= x.span.start and x.span.end <= end  # noqa: E731
    own_trig = next((t for t in s.triggers if inside(t)), trig)
    date = _sentence_date(s)
    place = _sentence_place(ctx, s, framing)
    notes = []
    return Claim(
        document_id=ctx.document_id, span=Span(start=start, end=end), quote=ctx.text[start:end],
        claimant=seg.claimant if seg is not None else None,
        claimant_span=seg.claimant_span if seg is not None else None,
        hedge=seg.hedge if seg is not None else Hedge.asserted,
        event_type=frame.event_type, sub_event_type=frame.sub_event_type,
        trigger=own_trig.text if own_trig else None,
        trigger_span=own_trig.span if own_trig else None,
        date=date if date and date.precision != "year" or date and not frame.date else None,
        place=place.place if place else None, place_span=place.span if place else None,
        actors=_roles([a for a in s.actors if inside(a)], own_trig, ctx.text[start:end], framing,
                      frame.violent),
        quantities=[q for q in s.quantities if inside(q)],
        background=frame.background, incident=frame.incident, frame=frame.index, notes=notes,
    )


def _start_frame(frames: list[Frame], s: _Sent, trig, date, place, incident, background) -> Frame:
    f = Frame(index=len(frames), first_sentence=s.sentence.index, last_sentence=s.sentence.index,
              event_type=trig.event_type, sub_event_type=trig.sub_event_type,
              violent=bool(trig.violent) and trig.event_type in _VIOLENT_TYPES,
              background=background, date=date, place=place, incident=incident)
    frames.append(f)
    return f


def specificity(place) -> float:
    """Lower is more specific. A region resolved to a district (the Bolan region is in Kachhi)
    is nearly as specific as the district and beats the province."""
    if place.precision == 5:
        return 3.5 if place.admin2 else 4.5
    return float(place.precision)


def _update_frame(f: Frame, s: _Sent, date, place, incident) -> None:
    f.last_sentence = s.sentence.index
    if f.date is None and date is not None:
        f.date = date
    if place is not None and (f.place is None or specificity(place.place) < specificity(f.place.place)):
        f.place = place
    f.incident = f.incident or incident


def _generic_plural(trig, date: DateInfo | None, s: _Sent) -> bool:
    words = trig.text.lower().split()
    plural = bool(words) and words[-1].endswith("s") and not words[-1].endswith("ss")
    return plural and not s.quantities and (date is None or date.precision not in ("day", "week"))


def _apply_flags(frame: Frame | None, s: _Sent) -> None:
    if frame is None:
        return
    for fl in s.flags:
        for c in frame.claims:
            if fl.kind == "unverified":
                c.unverified = True
            else:
                c.contested_in_text = True
            c.notes.append(f"{fl.kind}: \u201c{fl.text}\u201d")


def _finish(frames: list[Frame], framing: dict) -> list[Claim]:
    out: list[Claim] = []
    for f in frames:
        has_figure = any(c.quantities for c in f.claims)
        if f.violent and framing.get("violent_needs_anchor", True) and not (
                f.date or f.place or has_figure):
            continue
        for c in f.claims:
            if c.date is None and f.date is not None:
                c.date = f.date
            if c.date is None:
                c.notes.append("date: the text gives no date for this incident")
            if c.place is None and f.place is not None:
                c.place, c.place_span = f.place.place, f.place.span
            if c.place is None:
                c.notes.append("place: the text names no place for this incident")
            out.append(c)
    return out


def assemble_claims(ctx: ExtractContext, m) -> list[Claim]:
    framing = _framing(ctx.pack)
    frames: list[Frame] = []
    current: Frame | None = None  # the violent incident being told
    last: Frame | None = None  # the frame the previous claim went to (for story flags)
    for s in _group(ctx, m):
        trig = _best_trigger(s)
        date, place = _sentence_date(s), _sentence_place(ctx, s, framing)
        incident = _incident(ctx, s.sentence)
        if trig is None:
            same_day = date is None or current is None or current.date is None or (
                date.start, date.end) == (current.date.start, current.date.end)
            if current and s.quantities and same_day and (
                    s.sentence.index - current.last_sentence <= framing.get("continue_within", 3)):
                _continue(ctx, s, current, None, framing, date, place, incident)
                last = current
            _apply_flags(last, s)
            continue
        if not trig.violent and not any(not a.generic for a in s.actors):
            _apply_flags(last, s)  # "the insurgency has gained momentum": nobody acts
            continue
        background = _has_cue(s.sentence.text, framing.get("background_cues", []))
        if trig.violent and (_generic_plural(trig, date, s) or (date and date.precision == "year"
                                                                 and not s.quantities)):
            _apply_flags(last, s)
            continue
        if _opens_frame(ctx, s, trig, current, framing, date, incident) or background:
            frame = _start_frame(frames, s, trig, date, place, incident, background)
            for seg in _segments(s):
                frame.claims.append(_claim_for(ctx, s, seg, frame, trig, framing))
            if frame.violent and not background:
                current = frame
        else:
            frame = current
            _continue(ctx, s, frame, trig, framing, date, place, incident)
        last = frame
        _apply_flags(last, s)
    return _finish(frames, framing)


def _continue(ctx, s: _Sent, frame: Frame, trig, framing, date, place, incident) -> None:
    _update_frame(frame, s, date, place, incident)
    for seg in _segments(s):
        lo, hi = (seg.start, seg.end) if seg is not None else (s.sentence.start, s.sentence.end)
        figures = any(lo <= q.span.start < hi for q in s.quantities)
        if figures or (seg is not None and seg.claimant):
            frame.claims.append(_claim_for(ctx, s, seg, frame, trig, framing))
